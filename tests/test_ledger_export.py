"""The ledger's export (台账): CSV through the standard library and .xlsx through openpyxl.

Both are checked by reading them back: csv.reader for CSV, openpyxl.load_workbook for the
workbook.  Ledgers come from random campaigns and from random rows whose text holds what
breaks naive exports (commas, quotes, line breaks, control characters, text that looks like
a formula or like an OOXML escape).
"""

from __future__ import annotations

import codecs
import csv
import io
import sys
from datetime import date, datetime, timedelta

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.utils.escape import unescape

from tests import strategies
from tests.test_campaign import HEADS, PLAN, START, UNITS
from xingfeng import (
    Campaign,
    InvalidArgument,
    Ledger,
    MeasureRow,
    ProblemRow,
    ResponsibilityRow,
    XingfengError,
)
from xingfeng.exceptions import MissingExtra

Cell = str | date | bool | None

#: Each table by its English name, with its Chinese name and its row class.
TABLES = {
    "problems": ("问题清单", ProblemRow),
    "measures": ("措施清单", MeasureRow),
    "responsibilities": ("责任清单", ResponsibilityRow),
}

# --- strategies -------------------------------------------------------------------------------

#: Text as it reaches a ledger from real campaigns and from bad imports.
awkward = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            " ",
            "=1+1",
            '=HYPERLINK("http://x")',
            "+86",
            "a,b",
            '他说"太慢"',
            "第一行\r\n第二行",
            "回车\r",
            "换行\n",
            "垂直制表\x0b（来自 Word）",
            "\x00",
            "_x0041_",
            "_x005F_x0041_",
            "\ufeff开头",
            "\uffff",
            "收费窗口办事效率低",
        ]
    ),
)
days = st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31))

*_, row_ledgers = strategies.ledger_rows(text=awkward, keys=awkward, days=days, max_rows=4)

titles = awkward.filter(str.strip)

# The bureau of the campaign machine: three sections, the deputy in charge of two of them.
OWNERS = ("chief", "deputy", *HEADS.values())


@st.composite
def campaign_ledgers(draw: st.DrawFn) -> tuple[Campaign, Ledger]:
    """A campaign with problems (some unassigned), measures (some extended, some done) and
    its ledger on a day up to 150 days after the start."""
    campaign = Campaign.launch(PLAN, at=START, by="chief")
    completions = []
    for p in range(draw(st.integers(0, 5))):
        problem = f"P{p}"
        owner = draw(st.none() | st.sampled_from(OWNERS))
        campaign.record_problem(
            problem,
            unit=draw(st.sampled_from(UNITS)),
            title=draw(titles),
            owner=owner,
            at=START,
            by="chief",
        )
        if owner is None:
            continue
        for m in range(draw(st.integers(0, 3))):
            measure, by = f"{problem}-M{m}", draw(st.sampled_from(OWNERS))
            due = START.date() + timedelta(days=draw(st.integers(1, 90)))
            campaign.add_measure(
                measure,
                problem=problem,
                title=draw(titles),
                owner=by,
                due=due,
                at=START,
                by="chief",
            )
            if by != "chief" and draw(st.booleans()):  # the top leader has no one to ask
                until = due + timedelta(days=draw(st.integers(1, 30)))
                campaign.request_extension(measure, until=until, reason="排期", at=START, by=by)
                superior = PLAN.chain.driver_of(by)
                campaign.approve_extension(measure, until=until, at=START, by=superior)
            done = draw(st.none() | st.integers(0, 120))
            if done is not None:
                completions.append((done, measure, by))
    for done, measure, by in sorted(completions):
        campaign.complete_measure(
            measure, evidence=f"佐证{measure}", at=START.add(days=done), by=by
        )
    on = START.date() + timedelta(days=draw(st.integers(0, 150)))
    return campaign, campaign.ledger(on)


ledgers = row_ledgers | campaign_ledgers().map(lambda pair: pair[1])
tables = st.sampled_from(list(TABLES)) | st.sampled_from([name for name, _ in TABLES.values()])


# --- helpers ----------------------------------------------------------------------------------


def shown(cell: Cell) -> str:
    """A cell as a ledger shows it: ISO dates, 是/否, empty for None."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "是" if cell else "否"
    if isinstance(cell, date):
        return cell.isoformat()
    return cell


def rows_of(ledger: Ledger, table: str) -> list[list[Cell]]:
    """The rows of ``table`` (English or Chinese name), cells in heading order."""
    for english, (chinese, kind) in TABLES.items():
        if table in (english, chinese):
            rows = getattr(ledger, english)
            return [[getattr(row, name) for name in kind.HEADERS] for row in rows]
    raise AssertionError(table)


def headings(table: str) -> list[str]:
    kind = next(k for english, (chinese, k) in TABLES.items() if table in (english, chinese))
    return list(kind.HEADERS.values())


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


# --- CSV --------------------------------------------------------------------------------------


@given(ledger=ledgers, table=tables)
def test_csv_reads_back_as_the_headings_and_every_cell_as_shown(ledger: Ledger, table: str) -> None:
    """One header line of Chinese headings, then one line per row, each cell shown as the
    ledger shows it (ISO dates, 是/否, empty for None), whatever the text holds."""
    expected = [[shown(cell) for cell in row] for row in rows_of(ledger, table)]

    lines = read_csv(ledger.to_csv(table))

    assert lines[0] == headings(table)
    assert len(lines) - 1 == len(expected)
    assert lines[1:] == expected


@given(pair=campaign_ledgers())
def test_the_csv_of_a_campaign_has_a_line_for_every_problem_measure_and_owner(
    pair: tuple[Campaign, Ledger],
) -> None:
    """问题清单 has a line per problem, 措施清单 per measure, 责任清单 per owner named."""
    campaign, ledger = pair
    owners = sum(p.owner is not None for p in campaign.problems.values())

    counts = {table: len(read_csv(ledger.to_csv(table))) - 1 for table in TABLES}

    assert counts == {
        "problems": len(campaign.problems),
        "measures": len(campaign.measures),
        "responsibilities": owners + len(campaign.measures),
    }


@given(pair=campaign_ledgers())
def test_a_problem_is_due_by_the_latest_deadline_in_force_among_its_measures(
    pair: tuple[Campaign, Ledger],
) -> None:
    """The problem list's 整改时限 is the latest 延期后时限 of its measures, None without."""
    campaign, ledger = pair

    listed = ledger.tables()["问题清单"]

    for row, line in zip(ledger.problems, listed, strict=True):
        deadlines = [m.deadline for m in campaign.measures.values() if m.problem == row.problem]
        assert row.deadline == max(deadlines, default=None)
        assert line["整改时限"] == row.deadline


@given(ledger=ledgers, table=tables, bom=st.booleans())
def test_writing_to_a_stream_gives_the_same_text_as_to_csv(
    ledger: Ledger, table: str, bom: bool
) -> None:
    """write_csv and to_csv agree, byte-order mark or not."""
    stream = io.StringIO(newline="")

    ledger.write_csv(stream, table, bom=bom)

    assert stream.getvalue() == ledger.to_csv(table, bom=bom)


@given(ledger=ledgers, table=tables)
def test_the_bom_option_puts_the_utf8_byte_order_mark_first_and_nothing_else(
    ledger: Ledger, table: str
) -> None:
    """bom=True is the plain text behind a BOM, the same bytes as a stream opened with
    encoding="utf-8-sig", and it reads back as the same lines."""
    plain = ledger.to_csv(table)
    marked = ledger.to_csv(table, bom=True)
    sig = io.BytesIO()
    with io.TextIOWrapper(sig, encoding="utf-8-sig", newline="") as stream:
        ledger.write_csv(stream, table)
        stream.flush()
        written = sig.getvalue()

    assert marked == "\ufeff" + plain
    assert marked.encode("utf-8").startswith(codecs.BOM_UTF8)
    assert written == marked.encode("utf-8")
    assert read_csv(marked.encode("utf-8").decode("utf-8-sig")) == read_csv(plain)


def test_lines_end_as_excel_expects() -> None:
    """The excel dialect: CRLF after every line, fields quoted only when they must be."""
    ledger = Ledger(
        on=date(2026, 6, 30),
        problems=(),
        measures=(),
        responsibilities=(
            ResponsibilityRow(
                problem="P1", measure=None, person="wen", role="a,b", post=None, unit=None,
                leader=None,
            ),
        ),
    )  # fmt: skip

    text = ledger.to_csv("responsibilities")

    assert text == '问题编号,措施编号,责任人,责任,职务,所在单位,上级责任人\r\nP1,,wen,"a,b",,,\r\n'


@pytest.mark.parametrize("table", ["bogus", "Problems", "问题", "", None, 1, ["problems"]])
def test_an_unknown_table_is_refused_naming_the_tables_and_nothing_is_written(
    table: object,
) -> None:
    """InvalidArgument names the parameter, the value and every accepted table."""
    ledger = Ledger(on=date(2026, 6, 30), problems=(), measures=(), responsibilities=())
    stream = io.StringIO()

    with pytest.raises(InvalidArgument) as refused:
        ledger.write_csv(stream, table, bom=True)  # type: ignore[arg-type]

    assert (refused.value.name, refused.value.value) == ("table", table)
    for english, (chinese, _) in TABLES.items():
        assert repr(english) in refused.value.expected
        assert chinese in refused.value.expected
    assert stream.getvalue() == ""
    with pytest.raises(InvalidArgument):
        ledger.to_csv(table)  # type: ignore[arg-type]


@pytest.mark.parametrize("bom", [1, "yes", None])
def test_a_bom_that_is_not_a_bool_is_refused(bom: object) -> None:
    """bom takes True or False only."""
    ledger = Ledger(on=date(2026, 6, 30), problems=(), measures=(), responsibilities=())

    with pytest.raises(InvalidArgument, match="True 或 False"):
        ledger.to_csv("problems", bom=bom)  # type: ignore[arg-type]


# --- xlsx -------------------------------------------------------------------------------------


def in_workbook(cell: Cell) -> object:
    """What openpyxl reads back for a cell: dates as midnight datetimes, None for empty."""
    if cell is None or cell == "":
        return None
    if isinstance(cell, bool):
        return "是" if cell else "否"
    if isinstance(cell, date):
        return datetime(cell.year, cell.month, cell.day)
    return cell


@given(ledger=ledgers)
def test_the_workbook_reads_back_with_one_sheet_per_list_and_every_value(
    ledger: Ledger,
) -> None:
    """Three sheets named 问题清单, 措施清单, 责任清单; the Chinese headings; every cell as
    the ledger holds it, dates as Excel dates, text as text (never a formula)."""
    workbook = openpyxl.load_workbook(io.BytesIO(ledger.to_xlsx()))

    assert workbook.sheetnames == ["问题清单", "措施清单", "责任清单"]
    for english, (chinese, _) in TABLES.items():
        sheet = workbook[chinese]
        rows = rows_of(ledger, english)
        # A row with every cell empty is written, yet openpyxl cannot tell it from no row.
        assert sheet.max_row <= 1 + len(rows)
        lines = list(sheet.iter_rows(max_row=1 + len(rows), max_col=len(headings(english))))
        assert [c.value for c in lines[0]] == headings(english)
        for line, row in zip(lines[1:], rows, strict=True):
            for cell, value in zip(line, row, strict=True):
                read = unescape(cell.value) if isinstance(cell.value, str) else cell.value
                assert read == in_workbook(value)
                assert cell.is_date == (isinstance(value, date) and not isinstance(value, bool))
                if isinstance(value, str) and value:
                    assert cell.data_type == "s"


@settings(max_examples=25)  # a workbook takes ~70 ms, and the layout hardly varies with text
@given(ledger=ledgers)
def test_the_header_is_bold_frozen_and_filtered_and_columns_fit_their_text(
    ledger: Ledger,
) -> None:
    """Bold headings, frozen under the first row, a filter over the table, and every
    column at least as wide as its heading and at most 62 characters."""
    workbook = openpyxl.load_workbook(io.BytesIO(ledger.to_xlsx()))

    for english, (chinese, _) in TABLES.items():
        sheet = workbook[chinese]
        header = next(sheet.iter_rows(max_row=1))
        last = 1 + len(getattr(ledger, english))
        assert all(cell.font.b for cell in header)
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{header[-1].column_letter}{last}"
        for cell in header:
            width = sheet.column_dimensions[cell.column_letter].width
            assert 2 * len(cell.value) <= width <= 62
        for line in sheet.iter_rows(min_row=2):
            for cell in line:
                assert cell.font.b is not True


def test_a_date_shows_as_a_date_in_excel() -> None:
    """Dates carry a date format, so Excel shows 2026-06-30 and sorts and filters by date."""
    ledger = Ledger(
        on=date(2026, 6, 30),
        problems=(),
        measures=(
            MeasureRow(
                measure="M1", problem="P1", title="整改", kind="整改纠正", unit="office",
                owner="wen", due=date(2026, 6, 11), deadline=date(2026, 6, 26),
                done_on=date(2026, 6, 24), evidence=None, overdue=False,
            ),
        ),
        responsibilities=(),
    )  # fmt: skip

    sheet = openpyxl.load_workbook(io.BytesIO(ledger.to_xlsx()))["措施清单"]

    due, deadline, provisional, done, evidence, overdue = (cell for cell in sheet[2][6:])
    assert [due.value, deadline.value, done.value] == [
        datetime(2026, 6, 11),
        datetime(2026, 6, 26),
        datetime(2026, 6, 24),
    ]
    assert {due.number_format, deadline.number_format, done.number_format} == {"yyyy-mm-dd"}
    assert (provisional.value, evidence.value, overdue.value) == ("否", None, "否")


def test_without_openpyxl_to_xlsx_says_which_extra_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """MissingExtra is a XingfengError and an ImportError naming the package and the extra;
    CSV needs nothing beyond the standard library."""
    ledger = Ledger(on=date(2026, 6, 30), problems=(), measures=(), responsibilities=())
    monkeypatch.setitem(sys.modules, "openpyxl", None)

    with pytest.raises(MissingExtra) as missing:
        ledger.to_xlsx()

    assert isinstance(missing.value, XingfengError)
    assert isinstance(missing.value, ImportError)
    assert (missing.value.extra, missing.value.package, missing.value.name) == (
        "excel",
        "openpyxl",
        "openpyxl",
    )
    assert "pip install 'xingfeng[excel]'" in str(missing.value)
    assert isinstance(missing.value.__cause__, ImportError)
    assert ledger.to_csv("problems").startswith("问题编号,")


@settings(max_examples=10)
@given(ledger=ledgers)
def test_the_workbook_is_dated_by_the_ledgers_day_not_the_clock(ledger: Ledger) -> None:
    """No clock in the library: the same ledger gives the same bytes, dated its own day."""
    import zipfile

    data = ledger.to_xlsx()
    assert ledger.to_xlsx() == data
    day = datetime(ledger.on.year, ledger.on.month, ledger.on.day)
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.properties.created == workbook.properties.modified == day
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {entry.date_time[:3] for entry in archive.infolist()} == {
            (day.year, day.month, day.day)
        }
