#!/usr/bin/env bash
# Release build of auditlint: one binary that needs no Swift toolchain or runtime library,
# with its man page, shell completions and checksums, in dist/.
#
#   Scripts/release.sh                    build, package into dist/, then run the check below
#   Scripts/release.sh check [BINARY]     check a built binary (default: the one in dist/);
#                                         CI can run this alone after a release build
#   Scripts/release.sh formula VERSION [TARBALL]
#                                         point Formula/auditlint.rb at the tag vVERSION and
#                                         set its sha256 from TARBALL (default: download
#                                         GitHub's source tarball of that tag)
#
# dist/ holds, for VERSION, OS and ARCH (auditlint-0.1.0-linux-x86_64):
#   auditlint-VERSION-OS-ARCH/bin/auditlint                       stripped release binary
#   auditlint-VERSION-OS-ARCH/share/man/man1/auditlint.1          from the command definitions
#   auditlint-VERSION-OS-ARCH/share/bash-completion/completions/auditlint
#   auditlint-VERSION-OS-ARCH/share/zsh/site-functions/_auditlint
#   auditlint-VERSION-OS-ARCH/share/fish/vendor_completions.d/auditlint.fish
#   auditlint-VERSION-OS-ARCH.tar.gz                              all of the above
#   SHA256SUMS                                                    the tarball and the binary
#
# On Linux the Swift standard library and Foundation are linked statically
# (--static-swift-stdlib); the check proves it with ldd and by running the binary with the
# toolchain off the PATH. On macOS the Swift runtime is part of the system; the check
# requires that the binary links nothing outside /usr/lib and /System.
# The man page is made by swift-argument-parser's generate-manual plugin (a release build of
# the package's products, then the manual from the command definitions); the generated
# files are not committed, because they change with every option.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)

die() {
    echo "release.sh: $*" >&2
    exit 1
}

case "$(uname -s)" in
Linux) os=linux ;;
Darwin) os=macos ;;
*) die "unsupported system $(uname -s) (Linux and macOS are)" ;;
esac
arch=$(uname -m)

# The SHA-256 of each file named, as "digest  name" lines.
sha256() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum -- "$@"
    else
        shasum -a 256 -- "$@"
    fi
}

# A reproducible time for the man page and the tarball: SOURCE_DATE_EPOCH, else the time
# of the last commit, else now.
source_epoch() {
    if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
        echo "$SOURCE_DATE_EPOCH"
    elif git -C "$root" rev-parse --verify -q HEAD >/dev/null 2>&1; then
        git -C "$root" log -1 --format=%ct HEAD
    else
        date +%s
    fi
}

# yyyy-mm-dd (UTC) of seconds since the epoch.
utc_day() {
    if [ "$os" = linux ]; then date -u -d "@$1" +%Y-%m-%d; else date -u -r "$1" +%Y-%m-%d; fi
}

build() {
    local build_args=(-c release --product auditlint)
    if [ "$os" = linux ]; then build_args+=(--static-swift-stdlib); fi

    local epoch day
    epoch=$(source_epoch)
    day=$(utc_day "$epoch")

    echo "==> swift build ${build_args[*]}"
    swift build "${build_args[@]}"
    local bin_dir
    bin_dir=$(swift build "${build_args[@]}" --show-bin-path)
    local built="$bin_dir/auditlint"
    [ -x "$built" ] || die "no binary at $built"

    # The man page: the plugin builds the package's products in release mode with the default
    # linking, then runs generate-manual on auditlint. Its own scratch directory keeps that
    # build from replacing the static one above (and both incremental).
    echo "==> man page (swift package generate-manual)"
    swift package --scratch-path .build/manual generate-manual --date "$day"
    local manual=.build/manual/plugins/GenerateManual/outputs/auditlint/auditlint.1
    [ -s "$manual" ] || die "the generate-manual plugin wrote no $manual"

    local version
    version=$("$built" --version)
    [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]] || die "auditlint --version printed '$version'"
    local name="auditlint-$version-$os-$arch"

    # Everything is assembled in a temporary directory and moved into dist/ at the end, so
    # dist/ never holds half a release.
    local stage
    stage=$(mktemp -d "$root/.dist.XXXXXX")
    chmod 755 "$stage"
    trap 'rm -rf "$stage"' EXIT
    local tree="$stage/$name"
    mkdir -p "$tree/bin" "$tree/share/man/man1" "$tree/share/bash-completion/completions" \
        "$tree/share/zsh/site-functions" "$tree/share/fish/vendor_completions.d"

    cp "$built" "$tree/bin/auditlint"
    if [ "$os" = linux ]; then
        strip "$tree/bin/auditlint"
    else
        strip -x "$tree/bin/auditlint"
        codesign --force --sign - "$tree/bin/auditlint" # stripping invalidates the linker's ad-hoc signature
    fi
    cp "$manual" "$tree/share/man/man1/auditlint.1"
    "$tree/bin/auditlint" --generate-completion-script bash >"$tree/share/bash-completion/completions/auditlint"
    "$tree/bin/auditlint" --generate-completion-script zsh >"$tree/share/zsh/site-functions/_auditlint"
    "$tree/bin/auditlint" --generate-completion-script fish >"$tree/share/fish/vendor_completions.d/auditlint.fish"

    if tar --version 2>/dev/null | grep -q 'GNU tar'; then
        tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -cf - "$name" |
            gzip -n -9 >"$stage/$name.tar.gz"
    else
        tar -C "$stage" -cf - "$name" | gzip -n -9 >"$stage/$name.tar.gz"
    fi
    (cd "$stage" && sha256 "$name.tar.gz" "$name/bin/auditlint" >SHA256SUMS)

    rm -rf "$root/dist"
    mv "$stage" "$root/dist"
    trap - EXIT
    echo "==> dist/$name.tar.gz"
    check "$root/dist/$name/bin/auditlint"
}

# The one release binary in dist/.
dist_binary() {
    local found=("$root"/dist/auditlint-*/bin/auditlint)
    [ -x "${found[0]}" ] || die "no release in dist/: run Scripts/release.sh first, or name the binary"
    [ "${#found[@]}" -eq 1 ] || die "more than one release in dist/: name the binary"
    echo "${found[0]}"
}

check() {
    local binary=${1:-}
    [ -n "$binary" ] || binary=$(dist_binary)
    [ -x "$binary" ] || die "$binary is not an executable file"
    binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
    local failures=0
    fail() {
        echo "FAIL: $*" >&2
        failures=$((failures + 1))
    }
    pass() { echo "ok: $*"; }

    echo "==> checking $binary"
    # 1. The libraries it is linked against: no Swift runtime, no Foundation.
    if [ "$os" = linux ]; then
        local libraries
        libraries=$(ldd "$binary" 2>&1) || true
        echo "$libraries" | sed 's/^/    /'
        if echo "$libraries" | grep -Eq 'libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime|libicu'; then
            fail "the binary needs Swift or Foundation libraries at run time"
        elif echo "$libraries" | grep -q 'not found'; then
            fail "the binary needs a library that is not installed"
        else
            pass "ldd lists no Swift, Foundation, Dispatch or ICU library"
        fi
    else
        local libraries
        libraries=$(otool -L "$binary" | tail -n +2)
        echo "$libraries" | sed 's/^/    /'
        if echo "$libraries" | grep -Ev '^[[:space:]]*(/usr/lib/|/System/Library/)' | grep -q .; then
            fail "the binary links a library outside /usr/lib and /System"
        else
            pass "otool -L lists system libraries only"
        fi
    fi

    # 2. It runs with nothing from the toolchain: a bare environment, PATH=/usr/bin:/bin, no
    # LD_LIBRARY_PATH, from an empty directory.
    local scratch
    scratch=$(mktemp -d)
    local bare=(env -i PATH=/usr/bin:/bin HOME="$scratch")
    if "${bare[@]}" sh -c 'command -v swift' >/dev/null 2>&1; then
        echo "note: swift is on /usr/bin:/bin here, so the run below cannot prove the toolchain is unused; the library check above does"
    fi
    local version status
    status=0
    version=$(cd "$scratch" && "${bare[@]}" "$binary" --version 2>&1) || status=$?
    if [ "$status" -eq 0 ] && [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]]; then
        pass "--version prints $version with the toolchain off the PATH"
    else
        fail "--version with the toolchain off the PATH: exit $status, output: $version"
    fi
    # A real lint (file reading, the rule engine, JSON output through Foundation): the blank
    # after `policy:` makes libbsm reject the value (AC203), so the run exits 1.
    printf 'dir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy: ahlt,argv\nfilesz:2M\nexpire-after:10M\n' \
        >"$scratch/audit_control"
    local lint
    status=0
    lint=$(cd "$scratch" && "${bare[@]}" "$binary" lint --format json audit_control 2>&1) || status=$?
    if [ "$status" -eq 1 ] && echo "$lint" | grep -q '"AC203"'; then
        pass "lint --format json finds AC203 and exits 1 with the toolchain off the PATH"
    else
        fail "lint with the toolchain off the PATH: exit $status, output: $(echo "$lint" | head -n 5)"
    fi
    rm -rf "$scratch"

    # 3. The man page and completions beside a binary laid out as in dist/.
    local prefix
    prefix=$(dirname "$(dirname "$binary")")
    local manual="$prefix/share/man/man1/auditlint.1"
    if [ -f "$manual" ]; then
        local rendered warnings
        # swift-argument-parser's generator keeps the blank lines of multi-paragraph help
        # (mdoc "Empty input line" warnings; they render as paragraph breaks); any other
        # warning fails.
        warnings=$(groff -man -Tutf8 -ww -z "$manual" 2>&1 | grep -v 'Empty input line') || true
        rendered=$(MANWIDTH=80 man -l "$manual" 2>/dev/null | col -b) || true
        if [ -n "$warnings" ]; then
            fail "groff warns about the man page: $warnings"
        elif echo "$rendered" | grep -q '^NAME' && echo "$rendered" | grep -q -- '--fail-on'; then
            pass "man -l renders the man page ($(echo "$rendered" | wc -l | tr -d ' ') lines)"
        else
            fail "man -l $manual does not render"
        fi
        # Every subcommand the binary lists is an entry of the page.
        local sub subcommands
        subcommands=$("$binary" --help | sed -n '/^SUBCOMMANDS:/,/^$/p' | awk 'NR > 1 && /^  [a-z]/ { print $1 }')
        [ -n "$subcommands" ] || fail "auditlint --help lists no subcommands"
        for sub in $subcommands; do
            echo "$rendered" | grep -Eq "^[[:space:]]+$sub([[:space:]]|\$)" || fail "the man page has no entry for $sub"
        done
        pass "the man page has an entry for each of the $(echo "$subcommands" | wc -l | tr -d ' ') subcommands"
        # The generator leaves out every non-ASCII character of the help text (its escaping
        # keeps ASCII only); say so, so that help text can be written in ASCII.
        local non_ascii
        non_ascii=$("$binary" --experimental-dump-help | LC_ALL=C tr -d '\000-\177' | wc -c | tr -d ' ')
        if [ "$non_ascii" -ne 0 ]; then
            echo "note: the help text holds $non_ascii bytes of non-ASCII characters, which the man page leaves out"
        fi
    else
        echo "note: no $manual beside the binary; man page not checked"
    fi
    local completions="$prefix/share"
    if [ -f "$completions/bash-completion/completions/auditlint" ]; then
        bash -n "$completions/bash-completion/completions/auditlint" &&
            pass "bash completion parses" || fail "bash -n rejects the bash completion"
        if command -v zsh >/dev/null 2>&1; then
            zsh -n "$completions/zsh/site-functions/_auditlint" &&
                pass "zsh completion parses" || fail "zsh -n rejects the zsh completion"
        else
            echo "note: no zsh here; zsh completion not parsed"
        fi
        if command -v fish >/dev/null 2>&1; then
            fish --no-execute "$completions/fish/vendor_completions.d/auditlint.fish" &&
                pass "fish completion parses" || fail "fish --no-execute rejects the fish completion"
        else
            echo "note: no fish here; fish completion not parsed"
        fi
        local shell
        for shell in bash zsh fish; do
            cmp -s <("$binary" --generate-completion-script "$shell") "$(completion_file "$completions" "$shell")" ||
                fail "the $shell completion in $completions differs from the binary's"
        done
    fi
    if [ -f "$prefix/../SHA256SUMS" ]; then
        (cd "$prefix/.." && if command -v sha256sum >/dev/null 2>&1; then sha256sum -c --quiet SHA256SUMS; else shasum -a 256 -c --quiet SHA256SUMS; fi) &&
            pass "SHA256SUMS verifies" || fail "SHA256SUMS does not verify"
    fi

    if [ "$failures" -ne 0 ]; then
        die "$failures check(s) failed for $binary"
    fi
    echo "==> $binary passes"
}

completion_file() {
    case "$2" in
    bash) echo "$1/bash-completion/completions/auditlint" ;;
    zsh) echo "$1/zsh/site-functions/_auditlint" ;;
    fish) echo "$1/fish/vendor_completions.d/auditlint.fish" ;;
    esac
}

formula() {
    local version=${1:-} tarball=${2:-}
    [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "usage: Scripts/release.sh formula VERSION [TARBALL] (VERSION like 0.1.0)"
    local file="$root/Formula/auditlint.rb"
    local url="https://github.com/auditlint/auditlint/archive/refs/tags/v$version.tar.gz"
    local download=""
    if [ -z "$tarball" ]; then
        download=$(mktemp)
        curl -fsSL -o "$download" "$url" || die "could not download $url (is the tag v$version pushed?)"
        tarball=$download
    fi
    [ -f "$tarball" ] || die "no file $tarball"
    gzip -t "$tarball" 2>/dev/null || die "$tarball is not a gzip file"
    local digest
    digest=$(sha256 "$tarball" | cut -d ' ' -f 1)
    [ -n "$download" ] && rm -f "$download"
    # Replace the url line and the sha256 line after it (or add one), nothing else.
    local updated
    updated=$(mktemp "$root/Formula/.auditlint.rb.XXXXXX")
    awk -v url="$url" -v digest="$digest" '
        /^  url "/ { print "  url \"" url "\""; print "  sha256 \"" digest "\""; replaced = 1; next }
        /^  sha256 "/ && replaced { next }
        { print }
        END { if (!replaced) exit 1 }
    ' "$file" >"$updated" || {
        rm -f "$updated"
        die "no url line in $file"
    }
    mv "$updated" "$file"
    echo "Formula/auditlint.rb: url $url, sha256 $digest"
}

case "${1:-build}" in
build) build ;;
check)
    shift
    check "${1:-}"
    ;;
formula)
    shift
    formula "$@"
    ;;
-h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' ;;
*) die "unknown mode '$1' (build, check, formula; see --help)" ;;
esac
