import ConsultExpression

/// Every error id, alone and reported together.
let errorRows: [Row] = [
    // Syntax
    fails("store_rating >=", "expr.syntax"),
    fails("(store_rating > 4", "expr.syntax"),
    fails("store_rating > 4)", "expr.syntax"),
    fails("store_rating = 4", "expr.syntax"),
    fails("store_rating > 4 && pre_ship_qc", "expr.syntax"),
    fails("!pre_ship_qc", "expr.syntax"),
    fails("platform == \"douyin", "expr.syntax"),
    fails("store_rating @ 4", "expr.syntax"),
    fails("", "expr.syntax"),
    fails("1e5 > store_rating", "expr.syntax"),
    fails(".5 < store_rating", "expr.syntax"),
    fails("max(1 2)", "expr.syntax"),
    fails("platform in [\"douyin\"", "expr.syntax"),
    fails("store_rating > 4 pre_ship_qc", "expr.syntax"),
    fails("store_rating > 4 and", "expr.syntax"),
    fails("4. > store_rating", "expr.syntax"),
    fails("店铺评分 > 4", "expr.syntax"),
    // Unknown facts and functions
    fails("store_ratng > 4", "expr.unknown-fact"),
    fails("platfrom == \"douyin\"", "expr.unknown-fact"),
    fails("platform == douyin", "expr.unknown-fact"),
    fails("maxx(1, 2)", "expr.unknown-function"),
    fails("count([store_rating]) > 1", "expr.unknown-function"),
    // Arity
    fails("max(1, 2, 3)", "expr.arity"),
    fails("min(1)", "expr.arity"),
    fails("known()", "expr.arity"),
    fails("known(store_rating, platform)", "expr.arity"),
    fails("unknown_count([store_rating], [platform])", "expr.arity"),
    // Types
    fails("store_rating + \"a\"", "expr.type-mismatch"),
    fails("platform > 3", "expr.type-mismatch"),
    fails("platform == 3", "expr.type-mismatch"),
    fails("pre_ship_qc == 1", "expr.type-mismatch"),
    fails("store_rating and true", "expr.type-mismatch"),
    fails("not store_rating", "expr.type-mismatch"),
    fails("-platform", "expr.type-mismatch"),
    fails("store_rating in [\"a\"]", "expr.type-mismatch"),
    fails("store_rating in 5", "expr.type-mismatch"),
    fails("unknown_count([1, 2])", "expr.type-mismatch", "expr.type-mismatch"),
    fails("unknown_count(store_rating)", "expr.type-mismatch"),
    fails("unknown_count([\"store_ratng\"])", "expr.unknown-fact"),
    fails("[1, \"a\"]", "expr.type-mismatch"),
    fails("store_rating in [store_rating]", "expr.type-mismatch"),
    fails("store_rating > 4.5 or \"x\"", "expr.type-mismatch"),
    fails("max(platform, 1)", "expr.type-mismatch"),
    fails("industrial_belt < \"m\"", "expr.type-mismatch"),
    fails("[1] == [1]", "expr.type-mismatch"),
    fails("true + 1", "expr.type-mismatch"),
    fails("pre_ship_qc == \"true\"", "expr.type-mismatch"),
    fails("store_rating + 1", "expr.type-mismatch", expecting: .bool),
    fails("store_rating > 1", "expr.type-mismatch", expecting: .number),
    // Choice values
    fails("platform == \"duoyin\"", "expr.unknown-choice"),
    fails("\"tiktok\" != platform", "expr.unknown-choice"),
    fails("platform in [\"douyin\", \"kuaisho\"]", "expr.unknown-choice"),
    fails("platform not in [\"Douyin\", \"taobao\"]", "expr.unknown-choice", "expr.unknown-choice"),
    // Chained comparisons
    fails("0 < store_rating < 5", "expr.chained-comparison"),
    fails("store_rating == 4.6 == true", "expr.chained-comparison"),
    fails("1 < 2 <= 3 < 4", "expr.chained-comparison"),
    // Several errors in one pass
    fails("store_ratng > 4 and platfrom == \"douyin\"", "expr.unknown-fact", "expr.unknown-fact"),
    fails("maxx(store_ratng)", "expr.unknown-function", "expr.unknown-fact"),
    fails("platform == 3 or store_rating + \"a\" > 1", "expr.type-mismatch", "expr.type-mismatch"),
    fails("0 < folowers < 5", "expr.chained-comparison", "expr.unknown-fact"),
    fails("store_rating >= and platfrom == \"x\"", "expr.syntax", "expr.unknown-fact"),
    fails("max(1, 2, 3) + platform", "expr.arity", "expr.type-mismatch"),
    fails("platform == \"duoyin\" and store_ratng > 4", "expr.unknown-choice", "expr.unknown-fact"),
    fails("(store_rating > 4 and platfrom == 1", "expr.unknown-fact", "expr.syntax"),
]

/// The whole table.
let allRows: [Row] = comparisonRows + arithmeticRows + logicRows + errorRows
