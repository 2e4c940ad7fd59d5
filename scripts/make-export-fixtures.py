#!/usr/bin/env python3
"""Writes the platform-export fixtures that `consult batch` reads: .xlsx files shaped like the
downloads of 抖音电商罗盘, 巨量千川, 快手生意通 and 淘宝直播中控台, each with the UTF-8 CSV a consultant
gets by saving it from Excel, whose cells are the values as the sheet displays them (so both must
give the same diagnosis), plus compass_service as Excel/WPS in China also save it: GB18030 CSV,
and "Unicode text" (UTF-16 LE with a BOM, tab separated).

The sheets are as the platforms hand them over, not tidied: a title row above the header, a
two-row header of merged group cells over sub-headers, percentages stored as fractions under a
'0.00%' format, durations as Excel times and dates as serial dates, numeric ID columns first,
units inside text cells ("12.5万", "1分05秒", "26.5小时"), text in shared strings as Excel writes
it (taobao_live keeps it inline in the cells, as streaming exporters do).

    scripts/make-export-fixtures.py                      # rewrites Tests/ConsultBatchTests/Fixtures/exports/
    scripts/make-export-fixtures.py --portfolio N DIR    # DIR/portfolio-N.xlsx and .csv, N merchants (benchmarks)

Output is deterministic: fixed data (the portfolio is drawn from random.Random(7)), fixed
workbook properties and zip entry dates, so a rerun reproduces every file byte for byte.
"""
import argparse
import csv
import datetime
import io
import random
import re
import sys
import unicodedata
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

FIXTURES = Path(__file__).resolve().parent.parent / "Tests/ConsultBatchTests/Fixtures/exports"
STAMP = datetime.datetime(2026, 11, 1)

PERCENT = "0.00%"
TIME = "hh:mm:ss"
DATE = "yyyy-mm-dd"
EXCEL_EPOCH = datetime.date(1899, 12, 30)


# --- What a cell displays -------------------------------------------------------------------

def general(value):
    """A number or text as Excel's General format shows it in a wide enough column."""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def displayed(value, fmt):
    """The text a cell with this stored value and number format displays."""
    if fmt == PERCENT:
        return f"{(Decimal(repr(value)) * 100).quantize(Decimal('0.01'), ROUND_HALF_UP)}%"
    if fmt == TIME:
        seconds = round(value * 86400)
        return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    if fmt == DATE:
        return value.strftime("%Y-%m-%d")
    return general(value)


def day_fraction(seconds):
    """An Excel time value: the fraction of a day."""
    return seconds / 86400


def text_width(text):
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# --- The six exports ------------------------------------------------------------------------
# Each table: sheet name, optional title row, optional group row (label, first col, last col,
# whether the CSV header prefixes the label to its sub-headers), columns as (header, number format or None), and the stored cell values of each merchant row.

def compass_live():
    d = datetime.date(2026, 10, 31)
    return dict(
        sheet="直播复盘",
        title="抖音电商罗盘-直播复盘 统计周期：2026-10-01 至 2026-10-31",
        columns=[("抖音号", None), ("账号名称", None), ("直播间成交金额", None), ("成交订单数", None),
                 ("场均观看人数", None), ("人均观看时长", TIME), ("观看-成交率(人数)", PERCENT),
                 ("互动率", PERCENT), ("客单价", None), ("统计日期", DATE)],
        rows=[
            [1234567890, "卡丹路童装旗舰店", 856000.5, 6636, 3200, day_fraction(48), 0.016, 0.045, 129, d],
            [2087654321, "织里小芽童装", 183400.8, 2620, 850, day_fraction(21), 0.0085, 0.021, 70, d],
            [3312098765, "诸暨珍珠直播间", 1265300, 4218, 5600, day_fraction(95), 0.032, 0.068, 300, d],
            [4406781234, "义乌饰品仓", 62350.25, 1587, 420, day_fraction(33), 0.0125, 0.038, 39.3, d],
        ],
    )


def compass_service():
    return dict(
        sheet="服务体验",
        columns=[("店铺ID", None), ("店铺名称", None), ("商家体验分", None), ("差评率", PERCENT),
                 ("品质退货率", PERCENT), ("平均发货时长", None), ("揽收及时率", PERCENT)],
        rows=[
            [182736451, "卡丹路童装旗舰店", 4.52, 0.008, 0.12, "26.5小时", 0.962],
            [209384756, "白沟箱包工厂店", 4.18, 0.021, 0.065, "41小时", 0.873],
            [315647382, "海宁皮草档口", 3.86, 0.034, 0.185, "52.5小时", 0.791],
            [427583910, "义乌饰品仓", 4.71, 0.0045, 0.028, "18小时", 0.991],
        ],
    )


def compass_product():
    return dict(
        sheet="商品分析",
        columns=[("店铺名称", None), ("在售商品数", None), ("动销率", PERCENT), ("商品退款率", PERCENT),
                 ("毛利率", None)],
        rows=[
            ["卡丹路童装旗舰店", 420, 0.38, 0.215, "35%"],
            ["织里小芽童装", 1260, 0.124, 0.268, "22%"],
            ["白沟箱包工厂店", 86, 0.72, 0.084, "41%"],
            ["诸暨珍珠直播间", 35, 0.914, 0.056, "58%"],
        ],
    )


def qianchuan_account():
    rows = []
    # account id, name, spend, pay ROI, orders, CPM, net ROI, net settlement rate
    for acct, name, spend, roi, orders, cpm, net_roi, settled in [
        (1745201836, "卡丹路童装旗舰店", 152000.33, 2.35, 2769, 38.6, 1.62, 0.78),
        (1752938470, "织里小芽童装", 46850.5, 1.48, 990, 24.15, 0.93, 0.64),
        (1768123459, "海宁皮草档口", 318400, 3.12, 652, 61.8, 2.41, 0.83),
        (1770456128, "义乌饰品仓", 9860.72, 4.05, 1336, 12.4, 3.28, 0.91),
    ]:
        rows.append([acct, name, spend, roi, round(spend * roi, 2), orders, round(spend / orders, 2),
                     cpm, net_roi, round(spend * net_roi, 2), settled])
    return dict(
        sheet="账户报表",
        groups=[("账户信息", 1, 2, False), ("整体", 3, 8, True), ("净成交", 9, 11, True)],
        columns=[("账户ID", None), ("账户名称", None), ("消耗", None), ("支付ROI", None), ("成交金额", None),
                 ("成交订单数", None), ("成交订单成本", None), ("千次展现费用", None), ("ROI", None),
                 ("金额", None), ("金额结算率", PERCENT)],
        rows=rows,
    )


def qianchuan_plan():
    """A 千川 plan report: one row per plan, several per account, which is not a merchant table."""
    rows = []
    for plan, name, acct, spend, roi in [
        (7301, "童装-直播间成交-1101", "卡丹路童装旗舰店", 52000.5, 2.1), (7302, "童装-直播间成交-1102", "卡丹路童装旗舰店", 61000, 2.6),
        (7303, "童装-短视频引流-1103", "卡丹路童装旗舰店", 39000, 2.3), (7401, "皮草-控成本-1101", "海宁皮草档口", 210000, 3.2),
        (7402, "皮草-放量-1105", "海宁皮草档口", 108400, 2.9),
    ]:
        rows.append([plan, name, acct, spend, roi])
    return dict(
        sheet="计划报表",
        columns=[("计划ID", None), ("计划名称", None), ("账户名称", None), ("消耗", None), ("支付ROI", None)],
        rows=rows,
    )


def kuaishou_sytong():
    return dict(
        sheet="直播数据",
        columns=[("快手号", None), ("主播昵称", None), ("支付金额", None), ("场均观看人数", None),
                 ("人均观看时长", None), ("订单退款率", PERCENT), ("直播转化率", PERCENT), ("客单价", None)],
        rows=[
            [3098765432, "白沟箱包工厂店", 428600, 6200, "1分05秒", 0.092, 0.021, 88],
            [3187654210, "海宁皮草档口", 2356000, 3800, "2分12秒", 0.286, 0.0068, 1680],
            [3265432109, "织里小芽童装", 96500.6, 1500, "38秒", 0.175, 0.014, 59],
            [3354321098, "义乌饰品仓", 215800, 9100, "52秒", 0.064, 0.027, 29.9],
        ],
    )


def taobao_live():
    return dict(
        sheet="直播间数据",
        inline_strings=True,  # the one sheet whose text stays in the cells, as streaming exporters write it
        columns=[("主播名称", None), ("直播间ID", None), ("成交金额", None), ("场均观看次数", None),
                 ("人均观看时长", None), ("成交转化率", None), ("客单价", None)],
        rows=[
            ["诸暨珍珠直播间", 51234567, "12.5万", 18600, 74, "1.2%", 268],
            ["海宁皮草档口", 52345678, "86.3万", 9400, 118, "0.6%", 1520],
            ["卡丹路童装旗舰店", 53456789, "3.8万", 2300, 41, "2.1%", 135],
            ["义乌饰品仓", 54567890, "9860", 5200, 29, "3.4%", 19.9],
        ],
    )


EXPORTS = {
    "compass_live": compass_live,
    "compass_service": compass_service,
    "compass_product": compass_product,
    "qianchuan_account": qianchuan_account,
    "qianchuan_plan": qianchuan_plan,
    "kuaishou_sytong": kuaishou_sytong,
    "taobao_live": taobao_live,
}


# --- Writing --------------------------------------------------------------------------------

INLINE_STRING = re.compile(rb'<c ([^>]*?)t="inlineStr"><is><t( xml:space="preserve")?>([^<]*)</t></is></c>')
SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def shared_strings(parts):
    """Moves the sheets' text into xl/sharedStrings.xml, as Excel and most platforms write it
    (openpyxl 3.1 writes each string inline in the cell)."""
    index, refs = {}, 0

    def shared(m):
        nonlocal refs
        refs += 1
        i = index.setdefault((m[2] or b"", m[3]), len(index))
        return b'<c %st="s"><v>%d</v></c>' % (m[1], i)

    for name in parts:
        if name.startswith("xl/worksheets/sheet"):
            parts[name] = INLINE_STRING.sub(shared, parts[name])
    if not index:
        return
    items = b"".join(b"<si><t%s>%s</t></si>" % key for key in index)
    parts["xl/sharedStrings.xml"] = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" '
        b'uniqueCount="%d">%s</sst>' % (refs, len(index), items))
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST_TYPE}" /></Types>'.encode())
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Type="{SST_REL}" Target="sharedStrings.xml" Id="rIdSST" /></Relationships>'.encode())


def save(wb, path, inline_strings=False):
    """Saves with the fixed properties and zip entry dates (Workbook.save stamps 'now'), the
    text in shared strings unless inline_strings (as streaming exporters such as POI's SXSSF
    write it)."""
    wb.properties.creator = "make-export-fixtures.py"
    wb.properties.created = STAMP
    wb.properties.modified = STAMP
    buffer = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    with zipfile.ZipFile(buffer) as src:
        parts = {name: src.read(name) for name in src.namelist()}
    if not inline_strings:
        shared_strings(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=STAMP.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, data)


def header_names(table):
    """The single-row header a consultant sees: group label joined to each sub-header."""
    names = [h for h, _ in table["columns"]]
    for label, first, last, prefixed in table.get("groups", []):
        if prefixed:  # 账户信息 adds nothing to 账户ID; 整体 and 净成交 tell 成交金额 from 成交金额
            for c in range(first - 1, last):
                names[c] = label + names[c]
    return names


def write_table(table, xlsx_path):
    wb = Workbook()
    ws = wb.active
    ws.title = table["sheet"]
    columns = table["columns"]
    bold, center = Font(bold=True), Alignment(horizontal="center", vertical="center")
    top = 1
    if "title" in table:
        ws.cell(1, 1, table["title"]).font = bold
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
        top = 2
    if "groups" in table:
        for label, first, last, _ in table["groups"]:
            cell = ws.cell(top, first, label)
            cell.font, cell.alignment = bold, center
            ws.merge_cells(start_row=top, start_column=first, end_row=top, end_column=last)
        top += 1
    for c, (header, _) in enumerate(columns, 1):
        ws.cell(top, c, header).font = bold
    for r, row in enumerate(table["rows"], top + 1):
        for c, (value, (_, fmt)) in enumerate(zip(row, columns), 1):
            cell = ws.cell(r, c, value)
            if fmt:
                cell.number_format = fmt
    # Wide enough that nothing shows as #### or 1.23E+09, as in a real download.
    for c, (header, fmt) in enumerate(columns, 1):
        cells = [header] + [displayed(row[c - 1], fmt) for row in table["rows"]]
        ws.column_dimensions[get_column_letter(c)].width = max(map(text_width, cells)) + 3
    ws.freeze_panes = ws.cell(top + 1, 1)
    save(wb, xlsx_path, inline_strings=table.get("inline_strings", False))


def csv_lines(table):
    yield header_names(table)
    for row in table["rows"]:
        yield [displayed(v, fmt) for v, (_, fmt) in zip(row, table["columns"])]


def write_csv(rows, path, encoding="utf-8", delimiter=",", newline="\n", bom=""):
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator=newline).writerows(rows)
    Path(path).write_bytes((bom + text.getvalue()).encode(encoding))


def make_fixtures(out=FIXTURES):
    out.mkdir(parents=True, exist_ok=True)
    for name, build in EXPORTS.items():
        table = build()
        write_table(table, out / f"{name}.xlsx")
        write_csv(csv_lines(table), out / f"{name}.csv")
    # compass_service as Excel/WPS save it on a Chinese Windows: ANSI (GB18030) CSV, and
    # "Unicode text". Both with CRLF, as Excel writes them.
    service = list(csv_lines(compass_service()))
    write_csv(service, out / "compass_service.gbk.csv", encoding="gb18030", newline="\r\n")
    write_csv(service, out / "compass_service.utf16.csv", encoding="utf-16-le", delimiter="\t",
              newline="\r\n", bom="\ufeff")


# --- Benchmark portfolio --------------------------------------------------------------------

PORTFOLIO_COLUMNS = [("店铺名称", None), ("成交金额", None), ("客单价", None), ("人均观看时长", None),
                     ("退款率", PERCENT), ("店铺体验分", None), ("差评率", PERCENT), ("场均观看人数", None)]


def portfolio_rows(n):
    rng = random.Random(7)
    for i in range(1, n + 1):
        aov = min(3000, max(9, round(rng.lognormvariate(4.6, 0.7))))
        viewers = min(200000, max(50, round(rng.lognormvariate(7.0, 1.1))))
        conversion = rng.uniform(0.004, 0.04)
        sessions = rng.randint(8, 30)
        gmv = round(viewers * sessions * conversion * aov, rng.choice([0, 0, 1, 2]))
        yield [f"商家{i:05d}", int(gmv) if gmv.is_integer() else gmv, aov,
               min(300, max(8, round(rng.gauss(55, 25)))),
               round(rng.betavariate(2, 10), 4), round(rng.uniform(3.4, 4.95), 2),
               round(rng.betavariate(1.2, 80), 4), viewers]


def make_portfolio(n, out):
    out.mkdir(parents=True, exist_ok=True)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("商家")
    ws.append([h for h, _ in PORTFOLIO_COLUMNS])
    lines = [[h for h, _ in PORTFOLIO_COLUMNS]]
    for row in portfolio_rows(n):
        cells = []
        for value, (_, fmt) in zip(row, PORTFOLIO_COLUMNS):
            if fmt:
                value = WriteOnlyCell(ws, value)
                value.number_format = fmt
            cells.append(value)
        ws.append(cells)
        lines.append([displayed(v, fmt) for v, (_, fmt) in zip(row, PORTFOLIO_COLUMNS)])
    save(wb, out / f"portfolio-{n}.xlsx")
    write_csv(lines, out / f"portfolio-{n}.csv")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--portfolio", type=int, metavar="N", help="write a benchmark portfolio of N merchants")
    parser.add_argument("outdir", nargs="?", type=Path, help="where the portfolio goes (with --portfolio)")
    args = parser.parse_args()
    if args.portfolio is None:
        if args.outdir:
            parser.error("an output directory goes with --portfolio N; fixtures always go to " + str(FIXTURES))
        make_fixtures()
    elif args.portfolio < 1 or not args.outdir:
        parser.error("--portfolio takes N >= 1 and an output directory")
    else:
        make_portfolio(args.portfolio, args.outdir)


if __name__ == "__main__":
    sys.exit(main())
