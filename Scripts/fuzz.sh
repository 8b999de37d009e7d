#!/bin/sh
# libFuzzer targets for auditlint, one an entry point (Fuzz/Targets/*.swift).
#
#   Scripts/fuzz.sh list                          the targets
#   Scripts/fuzz.sh build                         build every target (quick once the library is built)
#   Scripts/fuzz.sh run TARGET [OPTION...] [SEED_DIR...]
#   Scripts/fuzz.sh campaign [OPTION...] [SEED_DIR...]   every target in turn, one at a time
#
# OPTIONs start with `-` and go to libFuzzer (-runs=N, -max_total_time=S; run one fuzzer
# at a time, as the machine is shared). Without any, `run` and `campaign` stop after 1,000,000
# inputs a target. SEED_DIRs add seeds to the ones taken from the project's test data and
# examples and, when it is there, ../shared/data (found next to the checkout, or at
# $AUDITLINT_SHARED).
#
# The AuditLintKit and AuditLintRules sources are compiled once, with
# -sanitize=fuzzer,address and -enable-testing, into objects under $FUZZ_DIR/lib; each target
# is one small file (plus Fuzz/FuzzSupport.swift) linked against them. Everything lives in
# $FUZZ_DIR (default .build/fuzz, outside git): seeds/TARGET (rebuilt every run; nothing
# fetched is ever committed), corpus/TARGET (what libFuzzer learns, kept across runs),
# logs/TARGET.log, and artifacts (crash-*, timeout-*, leak-*, oom-*) in artifacts/TARGET/.
# The fuzzer runs under `nice -n 19`. A finding exits non-zero.
# Linux with the Swift toolchain's libFuzzer runtime.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
work=${FUZZ_DIR:-"$root/.build/fuzz"}
shared=${AUDITLINT_SHARED:-"$root/../shared"}
[ -d "$shared" ] && shared=$(cd "$shared" && pwd)
lib="$work/lib"
swiftc_flags="-swift-version 6 -O -parse-as-library -sanitize=fuzzer,address"

targets() { for f in "$root"/Fuzz/Targets/*.swift; do basename "$f" .swift; done; }

die() { echo "fuzz.sh: $*" >&2; exit 2; }

# Succeeds when the output file $1 is missing or older than any of the files after it.
stale() {
    out=$1; shift
    [ -e "$out" ] || return 0
    for f in "$@"; do [ "$f" -nt "$out" ] && return 0; done
    return 1
}

# Compiles a library module once into $lib/NAME.o and $lib/NAME.swiftmodule.
build_module() {
    name=$1; dir=$2
    sources=$(find "$dir" -name '*.swift' | sort)
    # shellcheck disable=SC2086
    stale "$lib/$name.o" $sources || return 0
    echo "fuzz.sh: compiling $name with the sanitizers (a few minutes)" >&2
    # shellcheck disable=SC2086
    nice -n 19 swiftc $swiftc_flags -wmo -enable-testing -module-name "$name" -I "$lib" \
        -emit-module -emit-module-path "$lib/$name.swiftmodule" -c -o "$lib/$name.o.new" $sources
    mv "$lib/$name.o.new" "$lib/$name.o"
}

build() {
    mkdir -p "$lib" "$work/bin"
    build_module AuditLintKit "$root/Sources/AuditLintKit"
    build_module AuditLintRules "$root/Rules"
    for b in $(targets); do
        src="$root/Fuzz/Targets/$b.swift"
        stale "$work/bin/$b" "$src" "$root/Fuzz/FuzzSupport.swift" "$lib/AuditLintKit.o" "$lib/AuditLintRules.o" || continue
        echo "fuzz.sh: linking $b" >&2
        module=$(echo "Fuzz_$b" | tr -c 'A-Za-z0-9_\n' '_')
        # shellcheck disable=SC2086
        nice -n 19 swiftc $swiftc_flags -module-name "$module" -I "$lib" \
            "$root/Fuzz/FuzzSupport.swift" "$src" "$lib/AuditLintKit.o" "$lib/AuditLintRules.o" \
            -o "$work/bin/$b" 2>&1 | grep -v "Cannot export local symbol" >&2 || true
        [ -x "$work/bin/$b" ] || die "building $b failed"
    done
}

# Copies every file matching a find(1) name pattern under the project's and shared data
# into the target's seed directory.
seed_files() {
    dest=$1; shift
    for dir in "$root/Tests" "$root/Examples" "$shared/data"; do
        [ -d "$dir" ] || continue
        find "$dir" -type f \( "$@" \) -size -1024k | while read -r f; do
            cp "$f" "$dest/$(basename "$dir")_$(echo "${f#"$dir"/}" | tr '/' '_')"
        done
    done
}

seeds() {
    t=$1; dest="$work/seeds/$t"
    rm -rf "$dest"; mkdir -p "$dest"
    case $t in
        audit-control|lint-report)
            seed_files "$dest" -name 'audit_control*' ! -name '*.txt' -o -path '*real-world/audit_control/*' ;;
        audit-class) seed_files "$dest" -name 'audit_class*' ;;
        audit-event) seed_files "$dest" -name 'audit_event*' ;;
        audit-user) seed_files "$dest" -name 'audit_user*' ;;
        flags)
            # The values of every flags-like line in the control files and audit_user tables.
            n=0
            for f in $(find "$root/Tests" "$root/Examples" "$shared/data" -type f \( -name 'audit_control*' -o -name 'audit_user*' -o -path '*real-world/audit_control/*' \) 2>/dev/null); do
                grep -E '^(flags|naflags):|^[^#:]+:[^:]*:' "$f" 2>/dev/null | sed -E 's/^(flags|naflags)://' | while IFS= read -r value; do
                    n=$((n + 1)); printf '%s' "$value" > "$dest/$(basename "$f")-$n"
                done
            done ;;
        trail|trail-text|trail-jsonl)
            seed_files "$dest" -path '*trails/*' ! -name '*.txt' ! -name '*.md' ! -name '*.xml' ! -name '*.json*' ;;
        volume-profile) seed_files "$dest" -name '*profile*.json' ;;
        config-file) seed_files "$dest" -name '.auditlint.json' ;;
        baseline) seed_files "$dest" -name '*baseline*.json' ;;
        tune-journal) ;;
        *) die "no target $t (see: Scripts/fuzz.sh list)" ;;
    esac
    # A tuning journal made by the command line, when it is built (the tests make theirs
    # on the fly, so there is no journal file to copy), when its fixtures are there.
    cli="$root/.build/debug/auditlint"
    tune="$root/Tests/AuditLintCLITests/Fixtures/tune"
    if [ -x "$cli" ] && [ "$t" = tune-journal ] && [ -f "$tune/audit_control" ] && [ -f "$tune/plaso-apple.bsm" ]; then
        tmp=$(mktemp -d)
        cp "$tune/audit_control" "$tmp/audit_control"
        "$cli" tune init "$tmp/audit_control" --trail "$tune/plaso-apple.bsm" --disk-size 100G --disk-free 40G \
            --retention 30d --budget 5% --start 1767225600 --journal "$dest/journal.json" >/dev/null 2>&1 || true
        rm -rf "$tmp"
    fi
    for extra in $extra_seeds; do cp "$extra"/* "$dest/" 2>/dev/null || true; done
}

dictionary() {
    case $1 in
        audit-control|lint-report) echo "$root/Fuzz/Dictionaries/audit_control.dict" ;;
        audit-class|audit-event|audit-user|flags) echo "$root/Fuzz/Dictionaries/tables.dict" ;;
        trail|trail-text|trail-jsonl) echo "$root/Fuzz/Dictionaries/trail.dict" ;;
        *) echo "$root/Fuzz/Dictionaries/json.dict" ;;
    esac
}

max_len() {
    case $1 in
        trail|trail-text|trail-jsonl|volume-profile|tune-journal|baseline|config-file) echo 16384 ;;
        lint-report) echo 512 ;;
        *) echo 4096 ;;
    esac
}

# Runs one target; prints "TARGET runs=N exec/s=N cpu=USER+SYSs exec/cpu-s=N corpus=N
# status=N" from libFuzzer's final stats and the CPU time it used.
run() {
    t=$1
    [ -x "$work/bin/$t" ] || die "no target $t (see: Scripts/fuzz.sh list)"
    seeds "$t"
    mkdir -p "$work/corpus/$t" "$work/artifacts/$t" "$work/logs"
    log="$work/logs/$t.log"
    [ -n "$options" ] || options="-runs=1000000"
    status=0
    # A smaller quarantine keeps AddressSanitizer from touching fresh pages for every input,
    # and short allocation stacks from unwinding on every allocation.
    # shellcheck disable=SC2086
    # CPU time is measured too: on a shared machine at nice 19, inputs a second of wall time
    # say more about the neighbours than about the target.
    timer=""; [ -x /usr/bin/time ] && timer="/usr/bin/time -f cpu=%U+%S"
    ( cd "$work/artifacts/$t" && ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=16:malloc_context_size=2:detect_leaks=1} \
        $timer nice -n 19 "$work/bin/$t" "$work/corpus/$t" "$work/seeds/$t" \
        -dict="$(dictionary "$t")" -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=1024 \
        -malloc_limit_mb=256 -print_final_stats=1 -artifact_prefix="$work/artifacts/$t/" $options ) \
        >"$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    corpus=$(find "$work/corpus/$t" -type f | wc -l)
    cpu=$(sed -n 's/^cpu=//p' "$log" | tail -n 1)
    per_cpu=$(echo "${runs:-0} ${cpu:-0}" | awk '{ split($2, t, "+"); s = t[1] + t[2]; print (s > 0 ? int($1 / s) : "?") }')
    echo "$t runs=${runs:-?} exec/s=${speed:-?} cpu=${cpu:-?}s exec/cpu-s=$per_cpu corpus=$corpus status=$status"
    if [ "$status" -ne 0 ]; then
        grep -E "ERROR|SUMMARY|Fatal error|fuzz invariant|Test unit written" "$log" | head -n 20 >&2
        echo "fuzz.sh: $t found something: see $log and $work/artifacts/$t/" >&2
    fi
    return "$status"
}

# Splits arguments into libFuzzer options and seed directories.
options=""; extra_seeds=""
split_args() {
    for a in "$@"; do
        case $a in
            -*) options="$options $a" ;;
            *) [ -d "$a" ] || die "seed directory $a does not exist"; extra_seeds="$extra_seeds $(cd "$a" && pwd)" ;;
        esac
    done
}

command=${1:-}; [ $# -gt 0 ] && shift
case $command in
    list) targets ;;
    build) build ;;
    run)
        [ $# -gt 0 ] || die "usage: Scripts/fuzz.sh run TARGET [OPTION...] [SEED_DIR...]"
        t=$1; shift; split_args "$@"; build; run "$t" ;;
    campaign)
        split_args "$@"; build; failed=0
        for t in $(targets); do run "$t" || failed=1; done
        exit "$failed" ;;
    *) die "usage: Scripts/fuzz.sh list | build | run TARGET [OPTION...] [SEED_DIR...] | campaign [OPTION...] [SEED_DIR...]" ;;
esac
