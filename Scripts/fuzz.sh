#!/bin/sh
# Stand-alone fuzzing of the trail decoder, the trail formatters and the configuration
# parsers with libFuzzer (Fuzz/DecoderFuzz.swift, built with swiftc -sanitize=fuzzer,address
# together with the AuditLintKit sources).
#
#   Scripts/fuzz.sh [SECONDS]          (default 300)
#
# The seed corpus is the trails and etc files in ../shared/data (when present) plus the
# examples; what libFuzzer learns is kept in .build/fuzz/corpus across runs. A crash,
# sanitizer report, time-out (10 s an input) or allocation over 256 MB leaves the input in
# .build/fuzz/ and the script exits non-zero. Linux with the Swift toolchain's libFuzzer runtime.
set -eu
seconds=${1:-300}
root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/.build/fuzz"
mkdir -p "$work/corpus" "$work/seeds"

shared="$root/../shared/data"
if [ -d "$shared/trails" ]; then
    find "$shared/trails" -type f ! -name '*.txt' ! -name '*.md' ! -name '*.xml' ! -name '*.json' ! -name '*.jsonl' \
        -exec cp {} "$work/seeds/" \;
fi
for f in "$shared"/etc/*/audit_* "$root"/Examples/*/audit_*; do
    [ -f "$f" ] && cp "$f" "$work/seeds/$(basename "$(dirname "$f")")-$(basename "$f")"
done

binary="$work/decoder-fuzz"
sources=$(find "$root/Sources/AuditLintKit" -name '*.swift' | sort)
newest=$(ls -t $sources "$root/Fuzz/DecoderFuzz.swift" | head -n 1)
if [ ! -x "$binary" ] || [ "$newest" -nt "$binary" ]; then
    echo "fuzz.sh: building $binary" >&2
    rm -f "$binary.new"
    # shellcheck disable=SC2086
    swiftc -swift-version 6 -O -parse-as-library -module-name AuditLintKit \
        -sanitize=fuzzer,address $sources "$root/Fuzz/DecoderFuzz.swift" -o "$binary.new" 2>&1 |
        grep -v "Cannot export local symbol" >&2 || true
    [ -x "$binary.new" ] || { echo "fuzz.sh: build failed" >&2; exit 3; }
    mv "$binary.new" "$binary"
fi

cd "$work"
# A smaller quarantine keeps AddressSanitizer from touching fresh pages for every input.
ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=16} exec "$binary" corpus seeds \
    -max_total_time="$seconds" -max_len=16384 -timeout=10 \
    -rss_limit_mb=1024 -malloc_limit_mb=256 -print_final_stats=1 -artifact_prefix="$work/"
