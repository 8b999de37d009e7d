# Homebrew formula for auditlint, built from the source tarball of a release tag.
#
#   brew install --formula ./Formula/auditlint.rb          a tagged release
#   brew install --HEAD --formula ./Formula/auditlint.rb   the main branch
#
# `Scripts/release.sh formula VERSION` points `url` at the tag vVERSION and sets `sha256`
# from GitHub's tarball of it, once the tag is published.
class Auditlint < Formula
  desc "Linter, trail decoder and capacity planner for OpenBSM audit configurations"
  homepage "https://github.com/auditlint/auditlint"
  url "https://github.com/auditlint/auditlint/archive/refs/tags/v0.1.0.tar.gz"
  head "https://github.com/auditlint/auditlint.git", branch: "main"

  # Package.swift needs the Swift 6.0 tools (Xcode 16); auditlint is built and tested with
  # Swift 6.3.
  on_macos do
    depends_on xcode: ["16.0", :build]
  end
  uses_from_macos "swift" => :build

  def install
    args = ["--disable-sandbox", "--configuration", "release", "--product", "auditlint"]
    # On Linux the Swift runtime and Foundation go into the binary.
    args << "--static-swift-stdlib" if OS.linux?
    system "swift", "build", *args
    bin.install ".build/release/auditlint"

    # The man page comes from the command definitions, through swift-argument-parser's
    # generate-manual plugin; the completions from the binary itself.
    system "swift", "package", "--disable-sandbox", "generate-manual"
    man1.install ".build/plugins/GenerateManual/outputs/auditlint/auditlint.1"
    generate_completions_from_executable(bin/"auditlint", "--generate-completion-script")
  end

  test do
    assert_match(/\A\d+\.\d+\.\d+/, shell_output("#{bin}/auditlint --version"))

    # A blank after `policy:` makes libbsm reject the value (AC203): lint exits 1.
    (testpath/"audit_control").write <<~EOS
      dir:/var/audit
      flags:lo,aa
      minfree:5
      naflags:lo,aa
      policy: ahlt,argv
      filesz:2M
      expire-after:10M
    EOS
    output = shell_output("#{bin}/auditlint lint --format json #{testpath}/audit_control", 1)
    assert_match "\"AC203\"", output

    (testpath/"audit_control").write <<~EOS
      dir:/var/audit
      flags:lo,aa
      minfree:5
      naflags:lo,aa
      policy:ahlt,argv
      filesz:2M
      expire-after:10M
    EOS
    system bin/"auditlint", "lint", "--fail-on", "error", testpath/"audit_control"
  end
end
