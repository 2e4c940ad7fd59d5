#!/usr/bin/env python3
"""Translate the reference workload (shared/bench/rules.json) into consult playbooks.

usage: translate.py [--ref DIR] [--out DIR]

Writes DIR/bench_intake.yaml (one question per generator fact) and DIR/bench_rules.yaml (the 60
rules, same conditions, in the same order). Run it again whenever rules.json changes; the output
is deterministic and checked in.

The only semantic gap between the two languages is unknown values. The reference says a rule that
reads a null fact does not fire, whatever the rest of the expression says. consult's conditions are
three-valued (Kleene): a rule fires when its condition is true, and `true or unknown` is true. The
two agree whenever the condition can only be true with every fact it reads known; this script
proves that per rule (see `strict`) and prefixes `known(f) and ...` guards only where it cannot.
"""
import argparse
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# Chinese titles of the 60 reference rules (the English ones come from rules.json).
ZH_TITLES = {
    "R01": "体验分偏低且SKU过多", "R02": "体验分低于平台舒适线", "R03": "差评率偏高",
    "R04": "差评上升却没有售后专员", "R05": "发货慢", "R06": "食品发货慢",
    "R07": "易损/高货值商品发货前不质检", "R08": "服装童装退货率很高", "R09": "非服装品类退货率偏高",
    "R10": "退货和差评同时偏高", "R11": "停留不到30秒", "R12": "播得久但互动低",
    "R13": "转化率不到1%", "R14": "播得久但场观很少", "R15": "依赖福袋（停留和转化都弱）",
    "R16": "客单价高但UV价值低", "R17": "UV价值与转化×客单价对不上", "R18": "抖音店不做短视频",
    "R19": "快手店短视频少、粉丝少", "R20": "单主播扛长时段", "R21": "团队小、直播排期重",
    "R22": "人均主播场观很低", "R23": "直播间热闹但不成交", "R24": "停留长但不成交",
    "R25": "投流ROI×毛利不足以保本", "R26": "投流占成交额过高", "R27": "计划建得多而成交额小",
    "R28": "大额投流却几乎不做短视频", "R29": "冷启动期就大额投流", "R30": "投流亏损",
    "R31": "成长期几乎不投流", "R32": "ROI很高却投得太少", "R33": "每天新建计划过多",
    "R34": "库存天数过长", "R35": "库存浅而成交额高", "R36": "人均SKU过多",
    "R37": "低毛利又高退货", "R38": "高货值品类客单价偏低", "R39": "高价带体验分不够",
    "R40": "没有自有供应链却要翻倍且库存浅", "R41": "美妆食品复购低", "R42": "家纺库存过深",
    "R43": "三个月内要翻三倍", "R44": "成熟/衰退期要短期翻五倍", "R45": "配合意愿很低",
    "R46": "配合意愿一般却期望很高", "R47": "月均增长要求过快", "R48": "团队太小却要翻三倍",
    "R49": "刚起步就要两个月见效", "R50": "衰退期粉丝流失", "R51": "成熟期复购低",
    "R52": "成长期直播时长太少", "R53": "冷启动期拖得太久", "R54": "淘宝店过度依赖直播",
    "R55": "过度依赖直播成交", "R56": "粉丝多但变现低", "R57": "每小时直播成交额太低",
    "R58": "童装不质检且差评上升", "R59": "3C场观高却不转化", "R60": "高转化小直播间没有专职运营",
}

ZH_LABELS = {
    "platform": "平台", "category": "品类", "lifecycle_stage": "生命周期阶段", "price_band": "价格带",
    "months_online": "开播月数", "team_size": "团队人数", "host_count": "主播人数",
    "monthly_gmv": "月成交额", "store_rating": "店铺体验分", "sku_count": "在售SKU数",
    "inventory_depth_days": "库存天数", "return_rate": "退货率（小数）", "bad_review_rate": "差评率（小数）",
    "avg_ship_hours": "平均发货时长（小时）", "live_hours_per_week": "每周直播时长",
    "avg_viewers": "场均场观", "avg_stay_seconds": "人均停留（秒）", "interaction_rate": "互动率（小数）",
    "conversion_rate": "转化率（小数）", "uv_value": "UV价值", "aov": "客单价", "gross_margin": "毛利率（小数）",
    "ad_spend_monthly": "月投流花费", "ad_roi": "投流ROI", "short_videos_per_week": "每周短视频数",
    "new_ad_plans_per_day": "每天新建计划数", "fans_count": "粉丝数", "fans_growth_rate": "粉丝增长率（小数）",
    "repeat_purchase_rate": "复购率（小数）", "live_gmv_share": "直播成交占比（小数）",
    "cooperation_willingness": "配合意愿（1-5）", "target_gmv_multiple": "目标成交倍数",
    "target_months": "目标期限（月）", "has_after_sales_staff": "有售后专员", "qc_before_shipping": "发货前质检",
    "uses_lucky_bags": "使用福袋", "has_own_supply_chain": "有自有供应链", "has_dedicated_ops": "有专职运营",
}

ENUM_ZH = {
    "douyin": "抖音", "kuaishou": "快手", "taobao": "淘宝", "apparel": "服装", "kids": "童装",
    "beauty": "美妆", "digital_3c": "3C数码", "food": "食品", "home_textile": "家纺", "bags": "箱包",
    "jewelry": "饰品", "leather": "皮具", "cold_start": "冷启动期", "growth": "成长期", "mature": "成熟期",
    "decline": "衰退期", "low": "低价", "mid": "中价", "high": "高价",
}

# Declared ranges: wide enough for every value the generator can produce, as a real intake would be.
RANGES = {
    "months_online": (0, 1200), "team_size": (0, 100000), "host_count": (0, 1000),
    "monthly_gmv": (0, 1000000000000), "store_rating": (0, 5), "sku_count": (0, 1000000),
    "inventory_depth_days": (0, 3650), "avg_ship_hours": (0, 10000), "live_hours_per_week": (0, 168),
    "avg_viewers": (0, 100000000), "avg_stay_seconds": (0, 86400), "uv_value": (0, 1000000),
    "aov": (0, 10000000), "ad_spend_monthly": (0, 1000000000000), "ad_roi": (0, 10000),
    "short_videos_per_week": (0, 10000), "new_ad_plans_per_day": (0, 10000), "fans_count": (0, 10000000000),
    "fans_growth_rate": (-1, 100), "cooperation_willingness": (1, 5), "target_gmv_multiple": (0, 10000),
    "target_months": (0, 1200),
}
FRACTION = (0, 1)  # every other number fact is a rate, written as a fraction 0-1


def consult_expr(e, parent=0):
    """consult condition text for a neutral AST; parenthesises by consult's precedence
    (or 1, and 2, not 3, comparison 4, + - 5, * / 6, unary - 7)."""
    t = e[0]
    if t in ("or", "and"):
        p = 1 if t == "or" else 2
        s = (" %s " % t).join(consult_expr(x, p) for x in e[1])
    elif t == "not":
        # `not (x in [...])` reads better than the equivalent `not x in [...]`
        p, s = 3, "not " + consult_expr(e[1], 4 if e[1][0] in ("cmp", "in") else 3)
    elif t == "cmp":
        p, s = 4, "%s %s %s" % (consult_expr(e[2], 5), e[1], consult_expr(e[3], 5))
    elif t == "in":
        p, s = 4, "%s in [%s]" % (consult_expr(e[1], 5), ", ".join(consult_expr(x, 9) for x in e[2]))
    elif t == "bin":
        p = 5 if e[1] in "+-" else 6
        # left-associative: the right operand of - and / needs brackets at equal precedence
        s = "%s %s %s" % (consult_expr(e[2], p), e[1], consult_expr(e[3], p + 1))
    elif t == "neg":
        p, s = 7, "-" + consult_expr(e[1], 7)
    elif t == "num":
        return e[1]
    elif t == "str":
        return '"%s"' % e[1]
    elif t == "bool":
        return "true" if e[1] else "false"
    elif t == "var":
        return e[1]
    else:
        raise ValueError(e)
    return "(%s)" % s if p < parent or (p == parent and p == 4) else s


def strict(e):
    """(T, F): whether the expression can be true (T) / false (F) only when every fact it reads
    is known, under consult's three-valued logic. Comparisons, arithmetic, membership and fact
    reads are unknown as soon as an operand is, so both hold; `not` swaps them; `and` keeps T when
    both sides have it (false and unknown is false, so F is lost); `or` is the mirror image."""
    t = e[0]
    if t == "not":
        a, b = strict(e[1])
        return b, a
    if t == "and":
        parts = [strict(x) for x in e[1]]
        return all(p[0] for p in parts), False
    if t == "or":
        parts = [strict(x) for x in e[1]]
        return False, all(p[1] for p in parts)
    return True, True


def condition(rule):
    body = consult_expr(rule["ast"])
    if strict(rule["ast"])[0]:
        return body, False
    guards = " and ".join("known(%s)" % f for f in rule["refs"])
    return "%s and (%s)" % (guards, body), True


def kleene(e, m):
    """consult's evaluation of a neutral AST: True, False or None (unknown)."""
    t = e[0]
    if t == "var":
        return m.get(e[1])
    if t in ("num", "str", "bool"):
        return float(e[1]) if t == "num" else e[1]
    if t == "not":
        v = kleene(e[1], m)
        return None if v is None else not v
    if t in ("and", "or"):
        vs = [kleene(x, m) for x in e[1]]
        stop = t == "or"
        if stop in vs:
            return stop
        return None if None in vs else not stop
    if t == "neg":
        v = kleene(e[1], m)
        return None if v is None else -v
    if t == "in":
        v = kleene(e[1], m)
        return None if v is None else v in [x[1] for x in e[2]]
    a, b = kleene(e[2], m), kleene(e[3], m)
    if a is None or b is None:
        return None
    op = e[1]
    if t == "bin":
        if op == "/" and b == 0:
            return None
        return {"+": a + b, "-": a - b, "*": a * b, "/": a / b if op == "/" else 0}[op]
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b, "==": a == b, "!=": a != b}[op]


def yaml_scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    return v


def flow(d):
    return "{ " + ", ".join("%s: %s" % (k, yaml_scalar(v)) for k, v in d.items()) + " }"


def find_examples(rules, gen, n=400000):
    """For each rule: a generated profile where it fires, one where it stays quiet with every fact
    known, and for guarded rules one where only the guard keeps it quiet."""
    r = random.Random(20240601)
    want = {x["id"]: {} for x in rules}
    fns = {x["id"]: eval("lambda m: " + gen["python_guarded"](x)) for x in rules}
    for i in range(n):
        p = gen["profile"](r, i)
        done = True
        for x in rules:
            w = want[x["id"]]
            sub = {f: p[f] for f in x["refs"]}
            fired = fns[x["id"]](p)
            if "fire" not in w and fired:
                w["fire"] = sub
            elif "quiet" not in w and not fired and None not in sub.values():
                w["quiet"] = sub
            elif x["guarded"] and "guard" not in w and not fired and kleene(x["ast"], sub) is True:
                w["guard"] = {k: v for k, v in sub.items() if v is not None}
            done = done and "fire" in w and "quiet" in w and ("guard" in w or not x["guarded"])
        if done and not uncovered_choices(rules, want, schema_enums(gen)):
            return want
        if done:
            cover_choices(rules, want, fns, p, schema_enums(gen))
    missing = [k for k, w in want.items() if "fire" not in w or "quiet" not in w]
    sys.exit("no examples found for %s" % ", ".join(missing))


def schema_enums(gen):
    return gen["enums"]


def uncovered_choices(rules, want, enums):
    """(fact, value) pairs of choice facts that no example gives (consult test --coverage asks
    for every choice value to appear in some example)."""
    used = {(f, v) for w in want.values() for ex in w.values() for f, v in ex.items()}
    return [(f, v) for f, values in enums.items() for v in values
            if (f, v) not in used and any(f in x["refs"] for x in rules)]


def cover_choices(rules, want, fns, profile, enums):
    """Adds a quiet example (every fact known) giving an uncovered choice value, when `profile` has one."""
    for f, v in uncovered_choices(rules, want, enums):
        if profile.get(f) != v:
            continue
        for x in rules:
            sub = {k: profile[k] for k in x["refs"]}
            if f in x["refs"] and None not in sub.values() and not fns[x["id"]](profile):
                want[x["id"]]["cover"] = sub
                break


def intake_yaml(schema):
    L = ["# Generated by bench/translate.py from shared/bench/facts_schema.py - do not edit.",
         "# The benchmark's own intake: one question per fact of the generator (gen.py).",
         "# Rates are fractions 0-1 here (the generator's convention), not percents 0-100,",
         "# so they are plain numbers with range [0, 1].",
         "playbook: bench_intake", "version: 1",
         "title: { zh: 基准测试商家画像, en: Benchmark merchant profile }",
         "summary:",
         "  zh: 基准测试（shared/bench）的合成商家画像字段；比率是0到1的小数。",
         "  en: Fields of the synthetic merchant profiles of the benchmark (shared/bench); rates are fractions 0-1.",
         "header: [platform, category]", "position: [lifecycle_stage, price_band]", "",
         "blocks:", "  - id: profile", "    title: { zh: 商家画像, en: Merchant profile }", "",
         "questions:"]
    for name, typ in schema.FACTS:
        zh = ZH_LABELS[name]
        en = name.replace("_", " ")
        L += ["  - id: %s" % name, "    label: { zh: \"%s\", en: \"%s\" }" % (zh, en), "    block: profile"]
        if typ == "enum":
            L += ["    type: choice", "    prompt: { zh: \"%s？\", en: \"%s?\" }" % (zh, en), "    choices:"]
            L += ["      - { id: %s, zh: %s, en: %s }" % (v, ENUM_ZH[v], v) for v in schema.ENUMS[name]]
        elif typ == "bool":
            L += ["    type: bool", "    prompt: { zh: \"%s？\", en: \"%s?\" }" % (zh, en)]
        else:
            lo, hi = RANGES.get(name, FRACTION)
            L += ["    type: number", "    prompt: { zh: \"%s？\", en: \"%s?\" }" % (zh, en),
                  "    range: [%s, %s]" % (lo, hi)]
            if typ == "int":
                L.append("    integer: true")
    return "\n".join(L) + "\n"


def rules_yaml(rules, examples):
    L = ["# Generated by bench/translate.py from shared/bench/rules.json - do not edit.",
         "# The 60 reference rules with the same conditions, in the same order (R01 = BR-01 ...).",
         "# A reference rule reading a null fact never fires; consult's three-valued logic gives the",
         "# same outcome for every rule except those that can be true with an unknown operand",
         "# (an `or`, or `not` over an `and`): those carry explicit known(...) guards.",
         "playbook: bench_rules", "version: 1", "code: BR",
         "title: { zh: 基准测试规则, en: Benchmark rules }",
         "summary:",
         "  zh: 基准测试（shared/bench/rules.json）的60条规则，用来和C参考实现比速度和结果，不是经营建议。",
         "  en: The 60 rules of the benchmark (shared/bench/rules.json), to compare speed and results with the C reference; not advice.",
         "priority: 10", "", "rules:"]
    for x in rules:
        n = x["id"][1:]
        when, _ = condition(x)
        ex = examples[x["id"]]
        L += ["  - id: r%s" % n, "    code: BR-%s" % n,
              "    title: { zh: \"%s\", en: \"%s\" }" % (ZH_TITLES[x["id"]], x["title"]),
              "    when: '%s'" % when, "    severity: medium",
              "    finding:", "      zh: \"基准规则 %s：%s。\"" % (x["id"], ZH_TITLES[x["id"]]),
              "      en: \"Benchmark rule %s: %s.\"" % (x["id"], x["title"]),
              "    actions:", "      - owner: consultant", "        horizon: this_week",
              "        text: { zh: \"复核 %s 涉及的数据。\", en: \"Review the data behind %s.\" }" % (x["id"], x["id"]),
              "        kpi: { zh: 一周内复核完毕。, en: Reviewed within a week. }",
              "    sources:",
              "      - { ref: shared/bench/rules.json, note: \"%s: %s\" }" % (x["id"], x["when"].replace('"', "'")),
              "    examples:", "      fire:", "        - %s" % flow(ex["fire"]), "      quiet:",
              "        - %s" % flow(ex["quiet"])]
        for extra in ("guard", "cover"):
            if extra in ex:
                L.append("        - %s" % flow(ex[extra]))
    return "\n".join(L) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ref", default=os.environ.get("BENCH_REF", os.path.join(HERE, "../../shared/bench")))
    ap.add_argument("--out", default=os.path.join(HERE, "playbooks"))
    a = ap.parse_args()
    sys.path.insert(0, os.path.abspath(a.ref))
    import facts_schema
    import gen
    import rulelang
    import json
    rules = rulelang.load_rules(os.path.join(a.ref, "rules.json"))
    titles = {r["id"]: r["title"] for r in json.load(open(os.path.join(a.ref, "rules.json")))["rules"]}
    for x in rules:
        # A title is text a person reads: ≤ and ≥, never the condition's own operators.
        x["title"] = titles[x["id"]].replace("<=", "≤").replace(">=", "≥")
        x["guarded"] = condition(x)[1]
    examples = find_examples(rules, {"profile": gen.profile, "python_guarded": rulelang.python_guarded,
                                     "enums": facts_schema.ENUMS})
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "bench_intake.yaml"), "w", encoding="utf-8") as f:
        f.write(intake_yaml(facts_schema))
    with open(os.path.join(a.out, "bench_rules.yaml"), "w", encoding="utf-8") as f:
        f.write(rules_yaml(rules, examples))
    guarded = [x["id"] for x in rules if x["guarded"]]
    print("wrote %d rules to %s; known() guards on: %s" % (len(rules), a.out, ", ".join(guarded) or "none"))


if __name__ == "__main__":
    main()
