#!/usr/bin/env bash
# Benchmark: `auditlint lint` over 100 configuration directories (target: under 1 s).
# Usage: Benchmarks/lint-100-configs.sh   (builds the release binary first)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product auditlint >/dev/null
bin="$(swift build -c release --show-bin-path)/auditlint"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
examples=(Examples/macos-default Examples/freebsd-default Examples/cis-macos Examples/stig-macos Examples/broken)
for i in $(seq 1 100); do
  src="${examples[$((i % ${#examples[@]}))]}"
  mkdir -p "$work/hosts/host$i"
  cp "$src"/audit_* "$work/hosts/host$i/"
done
start=$(date +%s%N)
"$bin" lint --fail-on never "$work/hosts" >/dev/null
end=$(date +%s%N)
echo "lint: 100 configurations in $(( (end - start) / 1000000 )) ms (target < 1000 ms)"
