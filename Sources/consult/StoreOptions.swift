import ArgumentParser
import ConsultEngine
import ConsultPlaybook
import ConsultShell
import ConsultStore
import Foundation

/// `--db FILE`, shared by every command that reads or writes consultations.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "Consultation database (default: $XDG_DATA_HOME/consult/consult.sqlite, else ~/.local/share/consult/consult.sqlite).")
    var db: String?

    func path() throws -> String {
        if let db { return db }
        if let configured = Config.current.database { return configured }
        guard let path = StorePath.defaultPath(environment: ProcessInfo.processInfo.environment) else {
            throw Failure(Text(zh: "没有地方放咨询数据库：没有设置 HOME；请加 --db 文件", en: "no place for the consultation database: HOME is not set; pass --db FILE"), code: 2)
        }
        return path
    }

    /// Opens the database; `create` only for commands that write.
    func open(create: Bool) throws -> SessionStore {
        let path = try path()
        do {
            return try SessionStore.open(path: path, create: create)
        } catch let error as StoreError {
            throw Failure(message: error.message(Environment.language))
        }
    }
}

/// Store errors become the executable's failures (exit 1) with their message as it is.
func storeCall<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        throw Failure(message: error.message(Environment.language))
    }
}

extension SessionID: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension StoredPlanMaker {
    init(program: Program) { self.init(program: program, consultVersion: Consult.version) }

    /// A warning for answers today's playbooks no longer accept; they are left out of the plan.
    static func warning(_ dropped: [StoredAnswer], session: SessionID) -> String? {
        guard !dropped.isEmpty else { return nil }
        let n = dropped.count, facts = dropped.map(\.fact).joined(separator: ", ")
        return Text(zh: "警告：咨询 \(session)：存着的 \(n) 个回答现在的手册不再接受，没有算进方案：\(facts)",
                    en: "warning: consultation \(session): \(n) stored answer\(n == 1 ? "" : "s") not accepted by the current playbooks, left out: \(facts)")[Environment.language]
    }
}

/// `consult history` and `consult diff` name a merchant by its exact name or an unambiguous part of it.
func resolveMerchant(_ name: String, in store: SessionStore) throws -> String {
    let names = try storeCall { try store.merchantNames(containing: name) }
    if names.contains(name) { return name }
    switch names.count {
    case 1: return names[0]
    case 0: throw Failure(Text(zh: "“\(store.path)”里没有叫“\(name)”的商家；consult sessions 列出所有咨询",
                               en: "no merchant named '\(name)' in '\(store.path)'; `consult sessions` lists them"))
    default:
        let list = names.joined(separator: ", ")
        throw Failure(Text(zh: "“\(name)”对上了好几个商家：\(list)；请写全名", en: "'\(name)' matches several merchants: \(list); give the full name"))
    }
}
