import Foundation
import KPIEngine
import Testing

@Suite("Where goals live: kpikit's data home, keyed by the data's folder")
struct GoalLocationTests {
    @Test("by default goals live in $XDG_DATA_HOME/kpikit/KEY/goals.kpi, not in the data folder")
    func dataHome() throws {
        let home = try TemporaryDirectory("kpikit-xdg")
        let data = try TemporaryDirectory("kpikit-data")
        try data.write("leads.csv", "lead_id\n1\n")
        let location = GoalLocation.forData(data.url.path, environment: ["XDG_DATA_HOME": home.url.path])
        let key = GoalLocation.key(forFolder: data.url)
        #expect(location.kind == .dataHome && location.createsFolder)
        #expect(location.url == home.url.appendingPathComponent("kpikit").appendingPathComponent(key).appendingPathComponent("goals.kpi"))
        #expect(key.hasPrefix(String(data.url.lastPathComponent.prefix(40)) + "-"))  // long names are cut
        #expect(!location.url.path.hasPrefix(data.url.path))
    }

    @Test("the key names the folder: the same for the folder, a file in it and other spellings; different for another folder")
    func keys() throws {
        let parent = try TemporaryDirectory("kpikit-data")
        let folder = parent.url.appendingPathComponent("crm")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "lead_id\n1\n".write(to: folder.appendingPathComponent("leads.csv"), atomically: false, encoding: .utf8)
        let link = parent.url.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: folder)
        let environment = ["XDG_DATA_HOME": "/xdg"]
        let spellings = [folder.path, folder.path + "/", folder.path + "/leads.csv", folder.path + "/./", link.path + "/leads.csv"]
        let urls = Set(spellings.map { GoalLocation.forData($0, environment: environment).url })
        #expect(urls.count == 1, "\(urls)")
        let other = parent.url.appendingPathComponent("other/crm")
        #expect(GoalLocation.key(forFolder: other) != GoalLocation.key(forFolder: folder))
        #expect(GoalLocation.key(forFolder: other).hasPrefix("crm-"))
        // The key is part of where users' goals are: it must not change between versions.
        #expect(GoalLocation.key(forFolder: URL(fileURLWithPath: "/srv/crm-export")) == "crm-export-8081a413f334ae95")
        #expect(GoalLocation.key(forFolder: URL(fileURLWithPath: "/srv/.hidden crm")).hasPrefix("hidden_crm-"))
        #expect(GoalLocation.key(forFolder: URL(fileURLWithPath: "/")).hasPrefix("data-"))
    }

    @Test("the demo has its own key")
    func demo() {
        let location = GoalLocation.forData(nil, environment: ["XDG_DATA_HOME": "/xdg"])
        #expect(location.url.path == "/xdg/kpikit/demo/goals.kpi" && location.kind == .dataHome)
    }

    @Test("without a usable XDG_DATA_HOME (unset, empty, relative) goals go under ~/.local/share/kpikit")
    func fallback() {
        for xdg in [nil, "", "relative/path"] as [String?] {
            var environment = ["HOME": "/home/ana"]
            environment["XDG_DATA_HOME"] = xdg
            #expect(GoalLocation.forData(nil, environment: environment).url.path == "/home/ana/.local/share/kpikit/demo/goals.kpi")
        }
    }

    @Test("a goals.kpi that already lives beside the data is kept in use, for the folder and for a file in it")
    func besideData() throws {
        let data = try TemporaryDirectory("kpikit-data")
        try data.write("leads.csv", "lead_id\n1\n")
        try data.write("goals.kpi", "goal lead_volume >= 10 by 2024-12-31\n")
        for path in [data.url.path, data.path("leads.csv")] {
            let location = GoalLocation.forData(path, environment: ["XDG_DATA_HOME": "/xdg"])
            #expect(location.kind == .besideData && !location.createsFolder)
            #expect(location.url.standardizedFileURL == data.url.appendingPathComponent("goals.kpi").standardizedFileURL)
        }
    }

    @Test("--goals FILE is used as given and its folder is never created")
    func explicit() {
        let location = GoalLocation.explicit("/tmp/q3/goals.kpi")
        #expect(location.url.path == "/tmp/q3/goals.kpi" && location.kind == .explicit && !location.createsFolder)
    }
}
