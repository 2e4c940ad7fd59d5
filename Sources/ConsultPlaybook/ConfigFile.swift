import ConsultDiagnostics

/// A consultant's defaults (`$XDG_CONFIG_HOME/consult/config.yaml`, docs/config.md): who they are,
/// where their consultations are kept, which playbooks and language they work with. Flags win.
public struct UserConfig: Equatable, Sendable {
    public var consultant: String?
    public var database: String?
    public var playbooks: String?
    public var language: Language?

    public init(consultant: String? = nil, database: String? = nil, playbooks: String? = nil, language: Language? = nil) {
        self.consultant = consultant
        self.database = database
        self.playbooks = playbooks
        self.language = language
    }

    public static let fields = ["consultant", "database", "playbooks", "language"]

    /// Reads the file's text; every problem located, in `language`. An empty file is no defaults.
    public static func parse(_ source: PlaybookSource, home: String?, language: Language) -> (UserConfig?, [Diagnostic]) {
        if source.text.allSatisfy({ $0.isWhitespace }) { return (UserConfig(), []) }
        let reader = YAMLReader(file: source.name, text: source.text, language: language)
        let say = reader.say
        guard let root = reader.root(), let f = reader.fields(root, say("配置文件", "the configuration"), allowed: fields) else {
            return (nil, reader.diagnostics)
        }
        var config = UserConfig()
        config.consultant = reader.string(f["consultant"], say("顾问", "consultant"))
        config.database = reader.string(f["database"], say("数据库", "database")).map { expand($0, home) }
        config.playbooks = reader.string(f["playbooks"], say("手册目录", "playbooks")).map { expand($0, home) }
        config.language = f["language"].flatMap { reader.oneOf($0, say("语言", "language"), Language.self) }
        return reader.diagnostics.hasErrors ? (nil, reader.diagnostics) : (config, reader.diagnostics)
    }

    /// `~/x` is under the home directory, as in a shell.
    static func expand(_ path: String, _ home: String?) -> String {
        guard let home, path == "~" || path.hasPrefix("~/") else { return path }
        return home + path.dropFirst()
    }
}
