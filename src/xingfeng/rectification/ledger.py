"""The ledger (台账): the problem list, the measure list and the responsibility list.

问题清单、措施清单、责任清单 as plain rows, made from a campaign on a given day, for a host
application to export (CSV, Excel, a web table).  Every cell is a string, a date, a bool or
``None``; :meth:`Ledger.tables` gives the same rows as dictionaries keyed by the Chinese
column headings the ledgers use, :meth:`Ledger.to_csv` and :meth:`Ledger.write_csv` one list
as CSV, and :meth:`Ledger.to_xlsx` all three as an Excel workbook (with the ``excel`` extra).
The library opens no file: CSV goes to a stream the caller holds, the workbook comes back
as bytes.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime
from operator import attrgetter
from types import MappingProxyType
from typing import TYPE_CHECKING, ClassVar, Protocol, TypeGuard

import attrs

from xingfeng._checks import local_date, require_date
from xingfeng.calendar import WorkCalendar
from xingfeng.exceptions import InvalidArgument, MissingExtra
from xingfeng.organization.responsibility import ResponsibilityChain
from xingfeng.rectification.categories import Taxonomy
from xingfeng.rectification.loop import LoopSettings
from xingfeng.rectification.measures import Measure, problem_deadlines
from xingfeng.rectification.problems import Problem
from xingfeng.rectification.sources import Opinion

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["Ledger", "LedgerSource", "MeasureRow", "ProblemRow", "ResponsibilityRow"]


class LedgerSource(Protocol):
    """What a ledger is made from: a :class:`~xingfeng.Campaign` has it (read-only views of
    its problems, measures and opinions, its plan's chain and taxonomy, its calendar)."""

    @property
    def problems(self) -> Mapping[str, Problem]: ...  # pragma: no cover - a protocol

    @property
    def measures(self) -> Mapping[str, Measure]: ...  # pragma: no cover

    @property
    def opinions(self) -> Mapping[str, Opinion]: ...  # pragma: no cover

    @property
    def plan(self) -> LoopSettings: ...  # pragma: no cover

    @property
    def calendar(self) -> WorkCalendar: ...  # pragma: no cover


Cell = str | date | bool | None


@attrs.frozen(kw_only=True)
class ProblemRow:
    """One line of the problem list (问题清单)."""

    problem: str
    unit: str
    title: str
    category: str | None
    category_label: str | None
    sources: str
    severity: str
    urgency: str
    difficulty: str
    owner: str | None
    #: The latest deadline in force (extensions included) among the problem's measures;
    #: ``None`` while it has none.
    deadline: date | None = None
    #: Whether that deadline is provisional: counted through a year whose holiday schedule
    #: is not yet known (时限暂定).
    deadline_provisional: bool = False
    state: str
    recorded_on: date

    HEADERS: ClassVar[Mapping[str, str]] = MappingProxyType(
        {
            "problem": "问题编号",
            "unit": "责任单位",
            "title": "问题",
            "category": "类别代码",
            "category_label": "类别",
            "sources": "来源",
            "severity": "严重程度",
            "urgency": "紧急程度",
            "difficulty": "整改难度",
            "owner": "责任人",
            "deadline": "整改时限",
            "deadline_provisional": "时限暂定",
            "state": "状态",
            "recorded_on": "登记日期",
        }
    )


@attrs.frozen(kw_only=True)
class MeasureRow:
    """One line of the measure list (措施清单)."""

    measure: str
    problem: str
    title: str
    kind: str
    unit: str
    owner: str
    due: date
    deadline: date
    #: Whether the deadline in force is provisional (时限暂定), see :class:`~xingfeng.Deadline`.
    provisional: bool = False
    done_on: date | None
    evidence: str | None
    overdue: bool

    HEADERS: ClassVar[Mapping[str, str]] = MappingProxyType(
        {
            "measure": "措施编号",
            "problem": "问题编号",
            "title": "整改措施",
            "kind": "措施类型",
            "unit": "实施单位",
            "owner": "责任人",
            "due": "整改时限",
            "deadline": "延期后时限",
            "provisional": "时限暂定",
            "done_on": "完成日期",
            "evidence": "完成佐证",
            "overdue": "是否逾期",
        }
    )


@attrs.frozen(kw_only=True)
class ResponsibilityRow:
    """One line of the responsibility list (责任清单): who answers for what, and who drives
    them in the chain (``leader``)."""

    problem: str
    measure: str | None
    person: str
    role: str
    post: str | None
    unit: str | None
    leader: str | None

    HEADERS: ClassVar[Mapping[str, str]] = MappingProxyType(
        {
            "problem": "问题编号",
            "measure": "措施编号",
            "person": "责任人",
            "role": "责任",
            "post": "职务",
            "unit": "所在单位",
            "leader": "上级责任人",
        }
    )


@attrs.frozen(kw_only=True)
class Ledger:
    """The three lists of a campaign's rectification on day ``on``."""

    on: date
    problems: tuple[ProblemRow, ...]
    measures: tuple[MeasureRow, ...]
    responsibilities: tuple[ResponsibilityRow, ...]

    @classmethod
    def of(cls, campaign: LedgerSource, on: date) -> Ledger:
        """The ledger of ``campaign`` as it stands, with overdue judged on ``on``;
        :meth:`Campaign.ledger <xingfeng.Campaign.ledger>` gives the state of a past day."""
        if not all(
            hasattr(campaign, name) for name in ("problems", "measures", "opinions", "plan")
        ) or not isinstance(getattr(campaign, "calendar", None), WorkCalendar):
            raise InvalidArgument(
                "campaign",
                campaign,
                "Campaign（评议活动）或有其问题、措施、意见、方案和日历的对象",
                english=(
                    "a Campaign, or what has its problems, measures, opinions, plan and calendar"
                ),
            )
        require_date("on", on)
        zone = campaign.calendar.zone
        places = _places(campaign.plan.chain)
        taxonomy = campaign.plan.taxonomy
        # The campaign's views build each value when it is read: read each once.
        found = list(campaign.problems.values())
        units = {problem.id: problem.unit for problem in found}
        read = list(campaign.measures.values())
        deadlines = problem_deadlines(read)
        measures = []
        measure_owners = []
        for measure in read:
            measures.append(
                MeasureRow(
                    measure=measure.id,
                    problem=measure.problem,
                    title=measure.title,
                    kind=measure.kind.label,
                    unit=measure.unit or units[measure.problem],
                    owner=measure.owner,
                    due=measure.due,
                    deadline=measure.deadline,
                    provisional=measure.provisional,
                    done_on=local_date(measure.done_at, zone) if measure.done_at else None,
                    evidence=measure.evidence,
                    overdue=measure.is_overdue(on),
                )
            )
            measure_owners.append(
                _responsibility(places, measure.problem, measure.id, measure.owner)
            )
        problems = []
        responsibilities = []
        for problem in found:
            if problem.owner is not None:
                responsibilities.append(_responsibility(places, problem.id, None, problem.owner))
            deadline = deadlines.get(problem.id)
            counts: dict[str, int] = {}
            for opinion in problem.opinions:
                label = campaign.opinions[opinion].source.label
                counts[label] = counts.get(label, 0) + 1
            problems.append(
                ProblemRow(
                    problem=problem.id,
                    unit=problem.unit,
                    title=problem.title,
                    category=problem.category,
                    category_label=_label(taxonomy, problem.category),
                    sources="、".join(f"{label}{n}" for label, n in counts.items()),
                    severity=problem.severity.label,
                    urgency=problem.urgency.label,
                    difficulty=problem.difficulty.label,
                    owner=problem.owner,
                    deadline=deadline.day if deadline else None,
                    deadline_provisional=deadline.provisional if deadline else False,
                    state=problem.state.label,
                    recorded_on=local_date(problem.recorded_at, zone),
                )
            )
        responsibilities += measure_owners
        return cls(
            on=on,
            problems=tuple(problems),
            measures=tuple(measures),
            responsibilities=tuple(responsibilities),
        )

    def tables(self) -> dict[str, list[dict[str, Cell]]]:
        """The three lists as rows keyed by their Chinese column headings."""
        return {
            "问题清单": [_row(r, ProblemRow.HEADERS) for r in self.problems],
            "措施清单": [_row(r, MeasureRow.HEADERS) for r in self.measures],
            "责任清单": [_row(r, ResponsibilityRow.HEADERS) for r in self.responsibilities],
        }

    def write_csv(self, stream: SupportsWrite[str], table: str, *, bom: bool = False) -> None:
        """Write one list as CSV to the text ``stream``: a header line of Chinese headings,
        then one line per row.

        ``table`` is ``"problems"``, ``"measures"`` or ``"responsibilities"``, or its Chinese
        name (``"问题清单"``, ``"措施清单"``, ``"责任清单"``).  Dates are written as
        ``2026-06-30``, bools as 是 or 否 and ``None`` as an empty cell; lines end in
        ``\\r\\n`` (the ``excel`` dialect of :mod:`csv`), so open a file with ``newline=""``.
        ``bom=True`` writes a byte-order mark first, which Excel needs to read UTF-8 Chinese
        correctly; leave it off when the stream is opened with ``encoding="utf-8-sig"``,
        which writes its own.  Raises :class:`~xingfeng.InvalidArgument` for an unknown table.
        """
        headers, rows = self._table(table)
        _require_bool("bom", bom)
        if bom:
            stream.write("\ufeff")
        writer = csv.writer(stream)
        writer.writerow(headers.values())
        writer.writerows(map(_texts, rows))

    def to_csv(self, table: str, *, bom: bool = False) -> str:
        """One list as CSV text; see :meth:`write_csv`."""
        buffer = io.StringIO()
        self.write_csv(buffer, table, bom=bom)
        return buffer.getvalue()

    def to_xlsx(self) -> bytes:
        """The three lists as an Excel workbook (.xlsx), one worksheet each, named 问题清单,
        措施清单 and 责任清单.

        Each sheet has a bold, frozen header row with a filter, columns as wide as their
        contents (up to 60 characters), dates as Excel dates shown ``yyyy-mm-dd``, bools as
        是 or 否 and ``None`` as an empty cell.  Text is always text, never a formula, even
        when it starts with ``=``; control characters XML cannot hold are written the way
        Excel writes them (``_x000B_``), and Excel shows them as they were.  Needs openpyxl
        (``pip install 'xingfeng[excel]'``); without it raises
        :class:`~xingfeng.MissingExtra`, an :class:`ImportError`.
        """
        try:
            from openpyxl import Workbook
            from openpyxl.cell import WriteOnlyCell
            from openpyxl.styles import Font
            from openpyxl.utils import get_column_letter
            from openpyxl.writer.excel import ExcelWriter
        except ImportError as missing:
            raise MissingExtra("Ledger.to_xlsx", extra="excel", package="openpyxl") from missing

        workbook = Workbook(write_only=True)
        workbook.properties.creator = "xingfeng"
        workbook.properties.title = f"台账（{self.on.isoformat()}）"
        bold = Font(bold=True)

        def text(sheet: object, value: str) -> object:
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # openpyxl takes a string starting with = for a formula
            return cell

        for name in _TABLES.values():
            headers, rows = self._table(name)
            values = [list(map(_xlsx_value, row)) for row in rows]
            sheet = workbook.create_sheet(name)
            # Widths, panes and filter go in the sheet's head, written with its first row.
            for column, heading in enumerate(headers.values()):
                width = max((_width(row[column]) for row in values), default=0)
                letter = get_column_letter(column + 1)
                sheet.column_dimensions[letter].width = min(max(width, _width(heading)), 60) + 2
            sheet.freeze_panes = "A2"
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(values) + 1}"

            header = [WriteOnlyCell(sheet, value=heading) for heading in headers.values()]
            for cell in header:
                cell.font = bold
            sheet.append(header)
            for row in values:
                sheet.append([text(sheet, v) if _formula_like(v) else v for v in row])
        # Workbook.save stamps the workbook and its zip entries with the clock; the library
        # has none, so both carry the ledger's day and the same ledger gives the same bytes.
        day = datetime(self.on.year, self.on.month, self.on.day)
        workbook.properties.created = workbook.properties.modified = day
        written = io.BytesIO()
        with zipfile.ZipFile(written, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
            ExcelWriter(workbook, archive).save()
        return _restamped(written.getvalue(), day)

    def _table(self, table: str) -> tuple[Mapping[str, str], Iterator[tuple[Cell, ...]]]:
        """The headings of ``table`` and its rows as tuples of cells, in heading order."""
        name = _TABLES.get(table, table) if isinstance(table, str) else None
        rows: tuple[object, ...]
        if name == "问题清单":
            headers, rows = ProblemRow.HEADERS, self.problems
        elif name == "措施清单":
            headers, rows = MeasureRow.HEADERS, self.measures
        elif name == "责任清单":
            headers, rows = ResponsibilityRow.HEADERS, self.responsibilities
        else:
            accepted = ", ".join(f"{key!r} ({label})" for key, label in _TABLES.items())
            raise InvalidArgument(
                "table",
                table,
                f"以下之一：{accepted}，或其中文名称",
                english=f"one of {accepted}, or its Chinese name",
            )
        cells: Callable[[object], tuple[Cell, ...]] = attrgetter(*headers)
        return headers, map(cells, rows)


#: The lists by their English names, with their Chinese names: sheet names and the keys of
#: :meth:`Ledger.tables`.
_TABLES = {"problems": "问题清单", "measures": "措施清单", "responsibilities": "责任清单"}


def _require_bool(name: str, value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidArgument(name, value, "True 或 False", english="True or False")


def _text(cell: Cell) -> str:
    """A cell as a ledger shows it: ISO dates, 是/否, empty for ``None``."""
    if cell is None:
        return ""
    if cell is True:
        return "是"
    if cell is False:
        return "否"
    if isinstance(cell, date):
        return cell.isoformat()
    return cell


def _texts(cells: tuple[Cell, ...]) -> list[str]:
    return [_text(cell) for cell in cells]


# XML 1.0 cannot hold these control characters, and a carriage return would come back as a
# line feed; OOXML writes each as _xHHHH_, and so escapes the underscore of a literal _xHHHH_.
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")


def _escape(match: re.Match[str]) -> str:
    return f"_x{ord(match.group()):04X}_"


def _xlsx_value(cell: Cell) -> str | date | None:
    """A cell as the workbook holds it: dates stay dates, text as :func:`_text` shows it."""
    if cell is None or cell == "":
        return None
    if isinstance(cell, date):
        return cell
    text = _text(cell)
    return _UNWRITABLE.sub(_escape, text) if _UNWRITABLE.search(text) else text


def _formula_like(value: str | date | None) -> TypeGuard[str]:
    return isinstance(value, str) and value.startswith("=")


def _width(value: str | date | None) -> int:
    """Columns a value needs, about: two for a wide (CJK) character, one for ASCII."""
    if value is None:
        return 0
    if isinstance(value, date):
        return 10
    # UTF-8 takes 1 byte for ASCII and 3 for CJK: the mean of the two counts is 1 or 2.
    return (len(value) + len(value.encode("utf-8", "surrogatepass"))) // 2


def _label(taxonomy: Taxonomy | None, category: str | None) -> str | None:
    if category is None or taxonomy is None:
        return None
    return taxonomy.label_path(category)


def _row(row: object, headers: Mapping[str, str]) -> dict[str, Cell]:
    return {heading: getattr(row, name) for name, heading in headers.items()}


def _responsibility(
    places: Callable[[str], tuple[str | None, str | None, str | None]],
    problem: str,
    measure: str | None,
    person: str,
) -> ResponsibilityRow:
    post, unit, leader = places(person)
    return ResponsibilityRow(
        problem=problem,
        measure=measure,
        person=person,
        role="措施责任人" if measure is not None else "问题责任人",
        post=post,
        unit=unit,
        leader=leader,
    )


def _places(
    chain: ResponsibilityChain | None,
) -> Callable[[str], tuple[str | None, str | None, str | None]]:
    """A person's post, unit and leader in ``chain``, each looked up once per person."""
    known: dict[str, tuple[str | None, str | None, str | None]] = {}

    def place(person: str) -> tuple[str | None, str | None, str | None]:
        found = known.get(person)
        if found is None:
            if chain is None or person not in chain.holders:
                found = (None, None, None)
            else:
                post = chain.post_of(person).label
                found = (post, chain.unit_of(person), chain.driver_of(person))
            known[person] = found
        return found

    return place


def _restamped(data: bytes, moment: datetime) -> bytes:
    """The zip archive ``data`` with every entry dated ``moment`` instead of the clock."""
    stamp = max((moment.year, moment.month, moment.day, 0, 0, 0), (1980, 1, 1, 0, 0, 0))  # zip
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as target,
    ):
        for entry in source.infolist():
            dated = zipfile.ZipInfo(entry.filename, date_time=stamp)
            dated.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(dated, source.read(entry))
    return out.getvalue()
