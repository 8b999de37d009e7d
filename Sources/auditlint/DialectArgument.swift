import ArgumentParser
import AuditLintKit

/// `--dialect macos|openbsm` for every command that models libbsm's reading.
extension Dialect: ExpressibleByArgument {}
