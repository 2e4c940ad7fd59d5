/// libyaml's problem sentences in the consultant's words: what is wrong on the line, in Chinese
/// and in English (libyaml's own sentence, with a hint where it is cryptic). An unlisted sentence
/// keeps libyaml's words in both languages.
enum YAMLProblem {
    /// (part of libyaml's sentence, Chinese, English hint or nil to keep libyaml's sentence).
    static let table: [(key: String, zh: String, en: String?)] = [
        ("quoted scalar found unexpected end of stream", "引号没有闭合：到文件结尾也没有找到结束的引号", "a quote is never closed (the file ends inside it)"),
        ("invalid Unicode character escape code", "\\u 转义不是有效的字符（例如单独的代理项 \\uD800）",
         "an escape that is not a valid Unicode character (such as a lone surrogate \\uD800)"),
        ("found unknown escape character", "引号里有不认识的转义（\\ 后面的字符）；要写反斜杠本身请写 \\\\ 或改用单引号", nil),
        ("character that cannot start any token", "这里有一个不能出现在开头的字符（常见原因：用 Tab 缩进，或值以 @、` 开头却没加引号）",
         "a character that cannot start a value here (usually a tab used for indentation, or a value starting with @ or ` left unquoted)"),
        ("mapping keys are not allowed in this context", "这里不能写裸的 ?（YAML 把它当作复杂键的开头）；“不清楚”请写成 \"?\"（加引号）、~ 或留空",
         "a bare ? here starts a complex key in YAML; for 'unknown' write \"?\" in quotes, ~, or leave the value empty"),
        ("mapping values are not allowed in this context", "这里不能出现“名称: 值”（常见原因：值里有冒号却没加引号，或缩进不对）",
         "a 'key: value' is not allowed here (usually a colon in an unquoted value, or wrong indentation)"),
        ("block mapping did not find expected key", "缩进不齐：这一行没有和上面的字段对齐", "indentation: this line does not line up with the fields above it"),
        ("block collection did not find expected '-' indicator", "缩进不齐：列表项没有和上面的“- ”对齐", "indentation: this item does not line up with the '- ' items above it"),
        ("block sequence entries are not allowed in this context", "这里不能出现“- ”列表项（缩进不对）", "a '- ' item is not allowed here (wrong indentation)"),
        ("flow sequence did not find expected ',' or ']'", "方括号 [ ] 没有闭合，或两项之间少了逗号", nil),
        ("flow mapping did not find expected ',' or '}'", "花括号 { } 没有闭合，或两项之间少了逗号", nil),
        ("could not find expected ':'", "少了冒号“:”（每个字段写成“名称: 值”）", "a ':' is missing (every field is 'name: value')"),
        ("did not find expected node content", "这里少了一个值", "a value is missing here"),
        ("Maximum nesting level reached", "嵌套层数太深（括号或缩进一层套一层，超出了上限）", "nested too deeply (brackets or indentation inside one another beyond the limit)"),
        ("found undefined alias", "引用了没有定义的锚点（*名称）", nil),
        ("did not find expected alphabetic or numeric character", "锚点或引用的名称（&名称、*名称）只能用字母和数字", nil),
        ("found undefined tag handle", "不认识的标签（! 开头的写法）；答案请直接写值", nil),
        ("did not find the expected '>'", "标签（!<…>）没有闭合", nil),
        ("found a tab character", "用了 Tab 缩进；请改用空格", "a tab is used for indentation; use spaces"),
        ("unexpected end of stream", "文件在半途结束了（有没有闭合的引号或括号）", "the file ends in the middle of something (an unclosed quote or bracket)"),
    ]

    static func words(_ problem: String) -> Text {
        guard let entry = table.first(where: { problem.contains($0.key) }) else { return .same(problem) }
        return Text(zh: entry.zh, en: entry.en ?? problem)
    }
}
