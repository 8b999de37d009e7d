import AuditLintKit

/// The reference pages rules cite (`Doc.auditControl("minfree")`).
typealias Doc = RuleReference

/// The rule catalog: every rule auditlint knows, in id order.
///
/// `CatalogTests` compares this list with the rule files under `Rules/`: a rule type that
/// is declared but not listed (or listed twice, or filed in the wrong folder for its id)
/// fails the tests.
public enum RuleCatalog {
    /// Every rule type, in id order. Ids are never reused: a removed rule's id and slug
    /// move to ``retired``.
    public static let all: [any Rule.Type] = [
        // audit_control: syntax (AC100–AC149)
        AC101LeadingBlank.self,
        AC102UnknownKey.self,
        AC103IndentedComment.self,
        AC104InlineComment.self,
        AC105DuplicateKey.self,
        AC106LongLine.self,
        AC107CRLFLineEndings.self,
        AC108KeyNotReadByDialect.self,
        AC109TrailingBlank.self,
        AC110NotText.self,
        // audit_class, audit_event, audit_user: syntax (AC150–AC199)
        AC150BlankLineTruncatesTable.self,
        AC151IndentedCommentTruncatesTable.self,
        AC152MalformedTableLine.self,
        AC153TableFieldTooLong.self,
        AC154MalformedUserLine.self,
        AC155TableCRLFLineEndings.self,
        AC156TableLineTooLong.self,
        AC157CollapsedEmptyField.self,
        // audit_control: semantics (AC200–AC249)
        AC201InvalidFlags.self,
        AC202EmptyFlags.self,
        AC203InvalidPolicy.self,
        AC204PolicyRejectedByKernel.self,
        AC205MinfreeInvalid.self,
        AC206MinfreeAlwaysLow.self,
        AC207MinfreeThreshold.self,
        AC208InvalidFilesz.self,
        AC209InvalidExpireAfter.self,
        AC210ExpireAfterBytes.self,
        AC211ExpireAfterUnitCase.self,
        AC212ExpireAfterSameKind.self,
        AC213FlagsApplyAtLogin.self,
        AC214InvalidQsize.self,
        AC215UnusableDir.self,
        AC216HostStopsExpiry.self,
        AC217UnknownSessionFlag.self,
        AC218NegativeExpireAfter.self,
        // audit_class, audit_event, audit_user: semantics (AC250–AC299)
        AC250EventUndefinedClass.self,
        AC251DuplicateEventNumber.self,
        AC252DuplicateClassName.self,
        AC253UserInvalidClass.self,
        AC254UserChangesAtNextLogin.self,
        AC255ClassMaskNotNumber.self,
        AC256EventNumberNotExact.self,
        AC257DuplicateUser.self,
        // security posture (AC300–AC399)
        AC301FailStopPolicy.self,
        AC302PanicOnWriteError.self,
        AC303ArgeEnvironment.self,
        AC304ExecWithoutArgv.self,
        AC305LoginNotAudited.self,
        AC306NaflagsBroaderThanFlags.self,
        AC307DistWithExpiry.self,
        AC308MacOSAuditDeprecated.self,
        AC309ExclusionUndone.self,
        AC310ExclusionDropsFailures.self,
        // capacity and retention (AC400–AC499)
        AC401RetentionBelowRequirement.self,
        AC402FootprintOverBudget.self,
        AC403DiskFillsWithinHorizon.self,
        AC404ExpiryNeedsRotation.self,
        AC405ExpireSizeBelowFilesz.self,
        AC406AndNeverBoundsSize.self,
        AC407MinfreeWarnsTooLate.self,
    ]

    /// The ids and slugs of removed rules, which no new rule may take (users' suppression
    /// comments, baselines and settings still name them).
    public static let retired: [(id: String, slug: String)] = []

    /// The rule type with this id or slug (case-insensitive), if any.
    public static func rule(_ idOrSlug: String) -> (any Rule.Type)? {
        let key = idOrSlug.lowercased()
        return all.first { $0.description.id.lowercased() == key || $0.description.slug == key }
    }

    /// Every documented id, in id order: the tool's own meta rules (AC0xx, reported by
    /// the suppression machinery), the rules, and the compliance requirements (AC5xx,
    /// reported with `--profile`).
    public static var descriptions: [RuleDescription] {
        (MetaRules.all + all.map { $0.description } + ComplianceRules.all).sorted { $0.id < $1.id }
    }

    /// The description with this id or slug (case-insensitive), whatever reports it.
    public static func description(_ idOrSlug: String) -> RuleDescription? {
        let key = idOrSlug.lowercased()
        return descriptions.first { $0.id.lowercased() == key || $0.slug == key }
    }
}
