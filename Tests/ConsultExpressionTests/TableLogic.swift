import ConsultExpression

/// The full three-valued truth tables, over the bool facts `pre_ship_qc` (p) and `has_brand` (q).
let logicRows: [Row] = {
    let andTable: [(Value, Value, Value)] = [
        (T, T, T), (T, F, F), (T, U, U),
        (F, T, F), (F, F, F), (F, U, F),
        (U, T, U), (U, F, F), (U, U, U),
    ]
    let orTable: [(Value, Value, Value)] = [
        (T, T, T), (T, F, T), (T, U, T),
        (F, T, T), (F, F, F), (F, U, U),
        (U, T, T), (U, F, U), (U, U, U),
    ]
    let notTable: [(Value, Value)] = [(T, F), (F, T), (U, U)]
    var rows: [Row] = []
    for (p, q, result) in andTable {
        rows.append(row("pre_ship_qc and has_brand", ["pre_ship_qc": p, "has_brand": q], result))
    }
    for (p, q, result) in orTable {
        rows.append(row("pre_ship_qc or has_brand", ["pre_ship_qc": p, "has_brand": q], result))
    }
    for (p, result) in notTable {
        rows.append(row("not pre_ship_qc", ["pre_ship_qc": p], result))
    }
    return rows + [
        // Unknown comparisons inside logic
        row("followers > 10 and store_rating > 5", F),
        row("followers > 10 and store_rating > 4", U),
        row("followers > 10 or store_rating > 4", T),
        row("followers > 10 or store_rating > 5", U),
        row("not (followers > 10)", U),
        row("false and followers > 10", F),
        row("true or followers > 10", T),
        row("unknown(followers) or followers > 10", T),
        row("pre_ship_qc and has_brand and followers > 0", ["has_brand": U], U),
        row("pre_ship_qc and has_brand and followers > 0", F),
    ]
}()
