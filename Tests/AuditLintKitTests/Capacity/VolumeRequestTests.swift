import Foundation
import Testing

@testable import AuditLintKit

/// One resolution of the write volume for `lint` and `report`.
@Suite struct VolumeRequestTests {
    func sample(spanSeconds: Double = 86_400) -> VolumeProfile {
        var builder = VolumeProfileBuilder()
        builder.add(RecordSummary(event: 6152, auditUserID: 501, success: true, size: 100, time: 1_767_225_600))
        builder.add(
            RecordSummary(event: 6152, auditUserID: 501, success: true, size: 100, time: 1_767_225_600 + spanSeconds))
        return builder.profile()
    }

    @Test(arguments: [
        (VolumeRequest(rate: try! ByteRate(parsing: "1G/day"), workload: .server), "give the volume one way"),
        (VolumeRequest(rate: try! ByteRate(parsing: "1G/day"), trails: ["t"]), "give the volume one way"),
        (VolumeRequest(recordSize: try! ByteSize(parsing: "300")), "--record-size goes with --rate; give --rate too"),
        (
            VolumeRequest(recordSize: try! ByteSize(parsing: "300"), workload: .server),
            "a --workload has its own record sizes"
        ),
        (
            VolumeRequest(rate: try! ByteRate(parsing: "1G/day"), naflags: "lo"),
            "--naflags, --events, --users and --user-map apply"
        ),
        (VolumeRequest(rate: try! ByteRate(parsing: "1G/day"), flags: "lo"), "--flags selects classes"),
        (
            VolumeRequest(
                hourlyWeights: try! HourlyWeights(parsing: Array(repeating: "1", count: 24).joined(separator: ",")),
                volumeProfiles: ["p"]), "--hourly applies"
        ),
    ])
    func combinationsAreCheckedBeforeAnythingIsRead(request: VolumeRequest, message: String) {
        #expect {
            try request.validate()
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test func aRateIsTakenAsGiven() throws {
        let request = VolumeRequest(rate: try ByteRate(parsing: "2G/day"))
        let resolved = try request.resolve(control: nil, dialect: .macos)
        #expect(resolved.volume.bytesPerDay == 2 * 1_073_741_824)
        #expect(resolved.volume.recordSize == 200)
        #expect(resolved.source == "--rate 2G/day")
        #expect(resolved.notes == ["mean record size: 200 bytes (the default with --rate)"])
        guard case .measured(let volume, let source)? = try request.assumption() else {
            Issue.record()
            return
        }
        #expect(volume.recordSize == 200 && source == "--rate 2G/day")
    }

    @Test func aWorkloadUsesTheStockFlagsWithoutAConfiguration() throws {
        let resolved = try VolumeRequest(workload: .server).resolve(control: nil, dialect: .macos)
        #expect(resolved.source == "workload server, flags \(Workload.stockFlags)")
        #expect(
            resolved.notes.contains("flags: \(Workload.stockFlags) (the stock audit_control; give --flags to change)"))
        #expect(resolved.volume.hourlyWeights == Workload.server.hourlyWeights)
        #expect(try VolumeRequest(workload: .server).assumption() == .workload(.server))
    }

    @Test func aSampleIsReplayedAndMustSpanTime() throws {
        var request = VolumeRequest(trails: ["a.bsm"])
        #expect(throws: AuditLintError.self) { try request.resolve(control: nil, dialect: .macos) }  // named, not read
        request.sampleProfile = sample(spanSeconds: 0)
        #expect { try request.validate() } throws: { "\($0)".contains("the sample spans no time") }
        request.sampleProfile = sample()
        let resolved = try request.resolve(control: nil, dialect: .macos)
        #expect(resolved.source.hasPrefix("trail a.bsm, flags lo,aa, naflags lo,aa, policy cnt,argv"))
        guard case .sample(_, let source)? = try request.assumption() else {
            Issue.record()
            return
        }
        #expect(source == "--trail a.bsm")
    }

    @Test func nothingGivenIsNoAssumptionAndNoVolume() throws {
        #expect(try VolumeRequest().assumption() == nil)
        #expect { try VolumeRequest().resolve(control: nil, dialect: .macos) } throws: {
            "\($0)".contains("give the write volume with --rate")
        }
    }
}
