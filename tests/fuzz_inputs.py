"""Hostile inputs for the fuzz tests (``tests/test_fuzz.py``): junk of every kind, valid values
to start from, and mutators for the texts the parsers read.

Long texts are :class:`Blob`, a ``str`` whose repr is short, so that a failing example a
megabyte long prints as one line; everything else is a plain Python value.
"""

from __future__ import annotations

import collections.abc as abc
import enum
import functools
import json
import math
import pathlib
import types
import typing
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pendulum
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

import xingfeng as xf
from xingfeng import testing

ROOT = pathlib.Path(__file__).resolve().parent.parent

#: An int past the 4300 digits Python converts to and from text by default.
HUGE_INT = 10**4400
#: Decimals that are finite but whose exact value is astronomically large or small.  Their
#: exponents stay small enough here that ``Fraction(d)`` returns in milliseconds; the
#: ``1e999999999`` forms are probed in a child process (see ``test_fuzz.py``).
BIG_DECIMALS = (Decimal("1e4000"), Decimal("-1E+4000"), Decimal("1e-4000"), Decimal("9" * 600))


class Blob(str):
    """A long text whose repr is short: what it is made of and how long it is."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<Blob {len(self)} chars: {str.__repr__(self[:16])}…{str.__repr__(self[-8:])}>"


MB = 1_000_000


@functools.cache
def blobs() -> tuple[Blob, ...]:
    """Texts up to about a megabyte (UTF-8): digits, Chinese, emoji, spaces, brackets."""
    return (
        Blob("9" * MB),
        Blob("1" * 4301),
        Blob("1" + "0" * 100_000),
        Blob("0." + "1" * 100_000),
        Blob("投诉" * (MB // 6)),  # 3 bytes a character
        Blob("😀" * (MB // 4)),
        Blob(" " * MB),
        Blob("a" * MB),
        Blob("-" * MB),
        Blob("[" * MB),
        Blob("{" * (MB // 2)),
        Blob('"' * MB),
        Blob("..," * (MB // 3)),
        Blob("a, " * (MB // 3)),
        Blob("１" * (MB // 3)),
        Blob("\ud800" * 10_000),
        Blob("\x00" * MB),
        Blob("\n" * MB),
    )


def nested(depth: int, leaf: object = None) -> object:
    """``[[[…leaf…]]]``, ``depth`` lists deep, built without recursion."""
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


class _Other(enum.Enum):
    """Members of an enum the library has never heard of."""

    SHARED = "shared"
    FLOOR = "floor"
    X = "x"


#: Texts that look like numbers, or almost.
NUMBER_TEXTS = (
    "1e999999999",
    "-1e999999999",
    "1e-999999999",
    "1E+999999999",
    "NaN",
    "-NaN",
    "sNaN",
    "nan",
    "Infinity",
    "-Infinity",
    "inf",
    "１２３",
    "１．５",
    "－３",
    "½",
    "٣",
    "²",
    "1_000",
    "0x1F",
    " 3 ",
    "3.",
    ".5",
    "-0",
    "+1",
    "1/0",
    "0/0",
    "1/3",
    "2/3",
    "50%",
    "99999999999999999999999999",
    "0.000000000000000000000001",
)

#: Short texts of every awkward kind.
ODD_TEXTS = (
    "",
    " ",
    "\t\n",
    "\u3000",
    "\x00",
    "-",
    "*",
    "true",
    "false",
    "null",
    "None",
    "😀",
    "👨‍👩‍👧",
    "\ud800",
    "\udfff",
    "a\x00b",
    "\u202e反转",
    "Asia/Shanghai",
    "Mars/Phobos",
    "../../etc/passwd",
    "2026-02-30",
    "2026-05-06T09:00:00",
    "0001-01-01",
    "四舍五入",
    "向上取整 ",
    "并列全部入围",
    "5个工作日",
    "当日",
    ">= 3",
    "=> 3",
    "[1..5)",
    "in 投诉, 越级投诉",
    "∈ {}",
    '"',
    "{}",
    "[]",
    "满意",
    "u0",
    "top",
)

_AWARE_MIN = datetime.min.replace(tzinfo=UTC)
_AWARE_MAX = datetime.max.replace(tzinfo=UTC)


def _scalars() -> list[object]:
    return [
        None,
        True,
        False,
        0,
        1,
        -1,
        2**31,
        2**63,
        -(2**63) - 1,
        10**100,
        HUGE_INT,
        -HUGE_INT,
        0.0,
        -0.0,
        0.1,
        1e308,
        math.nan,
        math.inf,
        -math.inf,
        Decimal("NaN"),
        Decimal("sNaN"),
        Decimal("-Infinity"),
        Decimal("0.1"),
        Decimal("-0"),
        *BIG_DECIMALS,
        Fraction(1, 3),
        Fraction(-7, 2),
        Fraction(HUGE_INT, 3),
        complex(1, 1),
        *NUMBER_TEXTS,
        *ODD_TEXTS,
        b"",
        b"\xff\xfe",
        bytearray(b"x"),
        date.min,
        date.max,
        date(1970, 1, 1),
        date(2026, 5, 6),
        datetime(2026, 5, 6, 9),  # naive
        _AWARE_MIN,
        _AWARE_MAX,
        datetime(2026, 5, 6, 9, tzinfo=timezone(timedelta(hours=14))),
        datetime(2026, 5, 6, 9, tzinfo=timezone(timedelta(hours=-23, minutes=-59))),
        pendulum.datetime(2026, 3, 8, 2, 30, tz="America/New_York"),  # a DST gap
        pendulum.datetime(2026, 5, 6, 9, tz="Asia/Shanghai"),
        timedelta.max,
        timedelta(days=-1),
        range(100_000),
        Ellipsis,
        object(),
        int,
        str,
        xf.XingfengError,
        len,
        *list(_Other),
        xf.Op.EQ,
        xf.Sanction.__members__[next(iter(xf.Sanction.__members__))],
        xf.Post.TOP_LEADER,
        xf.LimitUnit.SAME_DAY,
        xf.HitPolicy.COLLECT,
        xf.QuotaRounding.FLOOR,
    ]


def _containers() -> list[object]:
    return [
        [],
        (),
        {},
        set(),
        frozenset(),
        [None],
        [[]],
        [[1]],
        [{}],
        [1, "a", None],
        [math.nan],
        ["", " "],
        {"a": 1},
        {1: "a"},
        {None: None},
        {"": ""},
        {"a": [[]]},
        {(): ()},
        frozenset({1, "a"}),
        {"满意": math.nan},
        {"满意": HUGE_INT},
        nested(50),
        nested(200),
        nested(200, {"a": 1}),
        [HUGE_INT],
        [Decimal("NaN")],
    ]


@functools.cache
def _pool() -> tuple[object, ...]:
    return (*_scalars(), *_containers(), *blobs())


#: Fresh iterators each draw (a used one is empty).
_iterators = st.builds(lambda items: iter(items), st.lists(st.integers(0, 3), max_size=3))

_any_text = st.text(st.characters(exclude_categories=()), max_size=20)


@functools.cache
def hostile() -> SearchStrategy[Any]:
    """Junk of every kind: constants above, and generated texts, numbers, dates, lists."""
    generated = st.one_of(
        _any_text,
        st.integers(),
        st.floats(),
        st.decimals(),
        st.fractions(),
        st.binary(max_size=8),
        st.dates(),
        st.datetimes(),  # naive
        st.datetimes(timezones=st.timezones()),
        _iterators,
    )
    leaf = st.one_of(st.sampled_from(_pool()), generated)
    containers = st.one_of(
        st.lists(leaf, max_size=3),
        st.lists(leaf, max_size=3).map(tuple),
        st.dictionaries(st.one_of(_any_text, st.integers(), st.none()), leaf, max_size=3),
    )
    return st.one_of(leaf, leaf, containers)


# --------------------------------------------------------------------------- valid values


@functools.cache
def _regimes() -> tuple[xf.Regime, ...]:
    paths = sorted((ROOT / "examples" / "regimes").glob("*.toml"))
    return tuple(xf.Regime.from_toml(p.read_text(encoding="utf-8")) for p in paths)


def _campaigns() -> SearchStrategy[xf.Campaign]:
    """Campaigns built by the rectification tests' helpers: drawing them from
    :func:`xingfeng.testing.campaigns` costs a second or more each, too slow to fuzz with."""
    from tests.test_rectification import campaign_with_a_complaint, campaign_with_deadlines

    plans = st.lists(
        st.tuples(st.integers(0, 40), st.none() | st.integers(0, 40)), min_size=1, max_size=3
    )
    return st.one_of(
        st.builds(campaign_with_a_complaint), st.builds(campaign_with_deadlines, plans)
    )


def _one(kind: type, pool: SearchStrategy[Any]) -> SearchStrategy[Any]:
    return pool.filter(lambda value: isinstance(value, kind))


@functools.cache
def registry() -> dict[object, SearchStrategy[Any]]:
    """Valid values of the public types, from the project's strategies."""
    from tests import strategies as s

    criteria = testing.criteria()
    words = s.words
    ids = s.ids
    found: dict[object, SearchStrategy[Any]] = {
        xf.Activity: s.activities,
        xf.Aggravation: s.aggravations,
        xf.Anchor: s.anchors,
        xf.AnswerPolicy: s.answer_policies,
        xf.Cadence: s.cadences,
        xf.Escalation: s.escalations,
        xf.LiabilityPolicy: s.liability_policies,
        xf.RankGoal: s.rank_goals,
        xf.RateGoal: s.rate_goals,
        xf.TimeLimit: s.time_limits,
        xf.Holiday: s.holidays(),
        xf.YearSchedule: s.year_schedules(),
        xf.WorkCalendar: s.calendars(),
        xf.Unit: s.units,
        xf.Person: s.people,
        xf.Posting: s.postings,
        xf.Supervision: s.supervisions,
        xf.Assignment: s.assignments,
        xf.Liability: s.liabilities,
        xf.Organization: s.organizations(max_units=6),
        xf.ResponsibilityChain: s.chains(s.organizations(max_units=6)),
        xf.Duty: s.duties,
        xf.DutyGraph: s.duty_graphs,
        xf.Gate: s.gates,
        xf.StageReport: s.stage_reports,
        xf.TemplateStage: s.template_stages,
        xf.StageTemplate: s.stage_templates,
        xf.Stage: s.stages,
        xf.CampaignPlan: testing.campaign_plans(max_stages=2),
        xf.Campaign: _campaigns(),
        xf.Problem: s.problems,
        xf.Measure: s.measures,
        **s.events,
        xf.Questionnaire: s.questionnaires(),
        xf.SurveyScheme: s.survey_schemes(),
        xf.Tally: s.tallies(),
        xf.Ballot: s.questionnaires().flatmap(s.ballots_of),
        xf.Score: s.scores,
        xf.Step: s.steps,
        xf.Component: s.components,
        xf.Adjustment: s.adjustments,
        xf.Veto: s.vetoes,
        xf.Scorecard: s.scorecards(),
        xf.Rate: s.rates(),
        xf.Change: s.changes,
        xf.Ranking: s.rankings,
        xf.GradeBands: s.grade_bands(),
        xf.Grading: s.gradings(),
        xf.YellowCardRule: s.card_rules(),
        xf.YellowCards: s.card_records(),
        xf.Opinion: s.opinions(),
        xf.Complaint: s.complaints(),
        xf.Taxonomy: s.taxonomies(),
        xf.Category: s.nonempty_taxonomies.map(lambda t: t.categories[0]),
        xf.Consolidation: s.consolidations,
        xf.PriorityPolicy: s.priority_policies,
        xf.MeasureGraph: s.measure_graphs,
        xf.ScheduleConflict: s.schedule_conflicts,
        xf.Ledger: s.ledgers,
        xf.ProblemRow: s.problem_rows,
        xf.MeasureRow: s.measure_rows,
        xf.ResponsibilityRow: s.responsibility_rows,
        xf.Deduction: s.deductions,
        xf.Bonus: s.bonuses,
        xf.Penalty: s.penalties,
        xf.Notification: s.notifications,
        xf.Accountability: s.accountabilities,
        xf.LiablePerson: s.liable_people(),
        xf.Anything: st.just(xf.Anything()),
        xf.Compare: _one(xf.Compare, criteria),
        xf.Between: _one(xf.Between, criteria),
        xf.OneOf: _one(xf.OneOf, criteria),
        xf.Is: st.builds(xf.Is, value=st.booleans()),
        xf.DecisionTable: s.decision_tables,
        xf.DecisionRule: s.decision_tables.map(lambda t: t.rules[0]),
        xf.Rule: s.rules,
        xf.RuleSet: s.rule_set_values,
        xf.Table: s.tables(),
        xf.Section: s.sections,
        xf.Report: s.reports,
        xf.Breakdown: s.consistent_breakdowns(),
        xf.Regime: st.sampled_from(_regimes()),
        xf.ClockRule: st.builds(xf.ClockRule, limit=s.time_limits),
        xf.Deadline: st.builds(xf.Deadline, day=s.covered_days, provisional=st.booleans()),
        xf.Veto: st.builds(xf.Veto, name=words),
        xf.Person: st.builds(xf.Person, id=ids, name=s.names),
    }
    return found


# Type hints the library writes, resolved against its own namespace.
_NAMESPACE: dict[str, Any] = {**vars(xf), "Any": Any}

_plain = st.one_of(
    testing._words,
    st.integers(min_value=-3, max_value=40),
    st.decimals(min_value=0, max_value=100, places=2),
    st.fractions(min_value=0, max_value=100, max_denominator=12),
    st.booleans(),
)

_SETS = (frozenset, set, abc.Set)
_LISTS = (list, tuple, abc.Sequence, abc.Iterable, abc.Collection, abc.Iterator)
_MAPS = (dict, abc.Mapping, types.MappingProxyType)


def values_for(hint: object) -> SearchStrategy[Any] | None:
    """Plausibly valid values of a type hint, or ``None`` when there is no good guess."""
    from tests import strategies as s

    known = registry()
    try:
        if hint in known:
            return known[hint]
    except TypeError:  # an unhashable hint
        return None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any or hint is object:
        return _plain
    if hint is type(None):
        return st.none()
    if origin in (typing.Union, types.UnionType):
        parts = [values_for(arg) for arg in args]
        usable = [p for p in parts if p is not None]
        return st.one_of(usable) if usable else None
    if origin is typing.Literal:
        return st.sampled_from(args)
    if origin is type:
        return st.sampled_from([xf.TimeLimit, xf.Unit, xf.Op])
    if origin in (abc.Callable,):
        return st.just(lambda *_args, **_kwargs: "k")
    if isinstance(hint, type) and origin is None:
        simple: dict[type, SearchStrategy[Any]] = {
            bool: st.booleans(),
            int: st.integers(min_value=-3, max_value=40),
            str: st.one_of(testing._words, testing._ids),
            Decimal: st.decimals(min_value=0, max_value=100, places=2),
            Fraction: st.fractions(min_value=0, max_value=100, max_denominator=12),
            datetime: s.moments,
            date: s.covered_days,
        }
        for kind, strategy in simple.items():
            if issubclass(hint, kind):
                return strategy
        if issubclass(hint, enum.Enum):
            return st.sampled_from(list(hint))
        return None
    item = values_for(args[0]) if args else _plain
    if item is None:
        return None
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return st.lists(item, max_size=3).map(tuple)
        parts = [values_for(arg) for arg in args]
        return None if None in parts else st.tuples(*parts)  # type: ignore[arg-type]
    if origin in _SETS:
        return st.frozensets(item, max_size=3)
    if origin in _LISTS:
        return st.lists(item, max_size=3)
    if origin in _MAPS and len(args) == 2:
        value = values_for(args[1])
        return None if value is None else st.dictionaries(item, value, max_size=3)
    return None


def hints_of(target: Callable[..., Any]) -> dict[str, Any]:
    """The resolved type hints of a callable's parameters (attrs fields by their init names);
    empty when they cannot be resolved."""
    annotated: object = target
    if isinstance(target, type) and not attrs.has(target) and not hasattr(target, "_fields"):
        annotated = target.__init__  # a plain class: its constructor's parameters
    try:
        hints = typing.get_type_hints(annotated, localns=_NAMESPACE)
    except Exception:
        return {}
    if isinstance(target, type) and attrs.has(target):
        return {
            field.alias or field.name: hints[field.name]
            for field in attrs.fields(target)
            if field.init and field.name in hints
        }
    return hints


# --------------------------------------------------------------------------- JSON mutation


class Raw:
    """JSON text put in a document as it is (a number JSON writers never write, say)."""

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name

    def __repr__(self) -> str:
        return f"Raw({self.name})"


class Dup(dict):  # type: ignore[type-arg]
    """An object written with one key twice: first as it was, then with ``extra``."""

    def __init__(self, base: dict[str, Any], key: str, extra: object) -> None:
        super().__init__(base)
        self.key = key
        self.extra = extra


@functools.cache
def raw_values() -> tuple[Raw, ...]:
    """Values of a JSON document that no honest writer produces, or that stress readers."""
    deep = 100_000
    return (
        Raw("null", "null"),
        Raw("true", "true"),
        Raw("false", "false"),
        Raw("0", "0"),
        Raw("-1", "-1"),
        Raw("1.5", "1.5"),
        Raw('"x"', "x"),
        Raw('""', "empty string"),
        Raw("[]", "[]"),
        Raw("{}", "{}"),
        Raw("1" + "0" * 5000, "5001-digit int"),
        Raw("1" + "0" * 4000, "4001-digit int"),
        Raw(str(2**63), "2**63"),
        Raw(str(-(2**63) - 1), "-2**63-1"),
        Raw("1e999999999", "1e999999999"),
        Raw("-1e999999999", "-1e999999999"),
        Raw("1e-999999999", "1e-999999999"),
        Raw("NaN", "NaN"),
        Raw("Infinity", "Infinity"),
        Raw("-Infinity", "-Infinity"),
        Raw("-0.0", "-0.0"),
        *(Raw(json.dumps(text), f"text {text!r}") for text in NUMBER_TEXTS),
        Raw('"１２３"', "full-width digits"),
        Raw('"😀"', "emoji"),
        Raw('"\\ud800"', "lone surrogate"),
        Raw('"\\u0000"', "NUL"),
        Raw('"2026-02-30"', "bad date"),
        Raw('"9999-12-31"', "last date"),
        Raw('"0001-01-01"', "first date"),
        Raw('"0001-01-01T00:00:00+00:00"', "first moment"),
        Raw('"9999-12-31T23:59:59+00:00"', "last moment"),
        Raw('"9999-12-31T23:59:59-23:59"', "last moment at -23:59"),
        Raw('"2026-05-06T09:00:00+08:00[Mars/Phobos]"', "unknown zone"),
        Raw('"2026-05-06T09:00:00[Asia/Shanghai]"', "naive moment with zone"),
        Raw('"2026-05-06T09:00:00+08:00[Asia/Shanghai"', "unclosed zone"),
        Raw('"2026-05-06T09:00:00+08:00[../../etc/passwd]"', "path as zone"),
        Raw('"2026-05-06T09:00:00+08:00[]"', "empty zone"),
        Raw('"2026-05-06T09:00:00+05:00[Asia/Shanghai]"', "offset disagrees with zone"),
        Raw('"2026-03-08T02:30:00-05:00[America/New_York]"', "DST gap"),
        Raw("[" * deep + "]" * deep, f"{deep} nested lists"),
        Raw('{"a":' * deep + "1" + "}" * deep, f"{deep} nested objects"),
        Raw("[" * 900 + "]" * 900, "900 nested lists"),
        Raw("[" * 300 + "1" + "]" * 300, "300 nested lists"),
        Raw('{"a":' * 300 + "1" + "}" * 300, "300 nested objects"),
    )


@functools.cache
def heavy_values() -> tuple[Raw, ...]:
    """Values of up to a megabyte: long strings, long lists, many keys."""
    return (
        Raw(json.dumps("x" * MB), "1 MB string"),
        Raw(json.dumps("投" * (MB // 3)), "1 MB Chinese string"),
        Raw("[" + ",".join(["1"] * 200_000) + "]", "200 000 items"),
        Raw("[" + ",".join(['"x"'] * 150_000) + "]", "150 000 strings"),
        Raw("{" + ",".join(f'"k{i}":{i}' for i in range(50_000)) + "}", "50 000 keys"),
    )


def _paths(data: object) -> list[tuple[Any, ...]]:
    """Every place in a JSON value, the root first, depth first."""
    found: list[tuple[Any, ...]] = []
    stack: list[tuple[tuple[Any, ...], object]] = [((), data)]
    while stack:
        path, node = stack.pop()
        found.append(path)
        if isinstance(node, dict):
            stack.extend(((*path, k), v) for k, v in reversed(list(node.items())))
        elif isinstance(node, list):
            stack.extend(((*path, i), v) for i, v in reversed(list(enumerate(node))))
    return found


def _get(data: object, path: tuple[Any, ...]) -> object:
    for step in path:
        data = data[step]  # type: ignore[index]
    return data


def _put(data: object, path: tuple[Any, ...], value: object) -> object:
    if not path:
        return value
    parent = _get(data, path[:-1])
    parent[path[-1]] = value  # type: ignore[index]
    return data


@attrs.frozen
class Mutation:
    """One change to a JSON document: ``kind`` at the ``where``-th place."""

    kind: str
    where: int
    pick: int

    def apply(self, data: object) -> object:
        paths = _paths(data)
        path = paths[self.where % len(paths)]
        node = _get(data, path)
        if self.kind == "swap":
            values = raw_values()
            return _put(data, path, values[self.pick % len(values)])
        if self.kind == "heavy":
            values = heavy_values()
            return _put(data, path, values[self.pick % len(values)])
        if self.kind == "wrap":
            return _put(data, path, [node] if self.pick % 2 else {"x": node})
        if self.kind == "drop" and isinstance(node, dict) and node:
            del node[sorted(node)[self.pick % len(node)]]
        elif self.kind == "drop" and isinstance(node, list) and node:
            del node[self.pick % len(node)]
        elif self.kind == "rename" and isinstance(node, dict) and node:
            key = sorted(node)[self.pick % len(node)]
            renamed = [key + "_", key.upper(), key.title(), " " + key, key + "\u200b", ""]
            node[renamed[self.pick % len(renamed)]] = node.pop(key)
        elif self.kind == "duplicate" and isinstance(node, dict) and node:
            key = sorted(node)[self.pick % len(node)]
            values = raw_values()
            return _put(data, path, Dup(node, key, values[self.pick % len(values)]))
        elif self.kind == "duplicate" and isinstance(node, list) and node:
            node.append(node[self.pick % len(node)])
        elif self.kind == "extra" and isinstance(node, dict):
            node["unexpected"] = raw_values()[self.pick % len(raw_values())]
        elif self.kind == "retype" and isinstance(node, str):
            choices: list[object] = [node.upper(), node + "x", f" {node}", 1, None, [node], {}]
            return _put(data, path, choices[self.pick % len(choices)])
        elif self.kind == "retype" and isinstance(node, bool | int):
            choices = [str(node), not node, float(node), -node, raw_values()[10], None]
            return _put(data, path, choices[self.pick % len(choices)])
        return data


#: The kinds of :class:`Mutation` (``heavy`` puts in a value of up to a megabyte).
MUTATIONS = ("swap", "wrap", "drop", "rename", "duplicate", "extra", "retype")

mutations = st.lists(
    st.builds(
        Mutation,
        kind=st.sampled_from(MUTATIONS),
        where=st.integers(min_value=0, max_value=10_000),
        pick=st.integers(min_value=0, max_value=10_000),
    ),
    min_size=1,
    max_size=3,
)

#: One value of up to a megabyte put somewhere, and at times another change.
heavy_mutations = st.tuples(
    st.builds(
        Mutation,
        kind=st.just("heavy"),
        where=st.integers(min_value=0, max_value=10_000),
        pick=st.integers(min_value=0, max_value=10_000),
    ),
    st.lists(
        st.builds(
            Mutation,
            kind=st.sampled_from(MUTATIONS),
            where=st.integers(min_value=0, max_value=10_000),
            pick=st.integers(min_value=0, max_value=10_000),
        ),
        max_size=1,
    ),
).map(lambda pair: [*pair[1], pair[0]])


class _Token:
    """Punctuation :func:`emit_json` writes between the parts of a value."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def emit_json(value: object) -> str:
    """JSON text of ``value``, with :class:`Raw` and :class:`Dup` written as they ask
    (without recursion: values may be deep)."""
    parts: list[str] = []
    stack: list[object] = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, _Token | Raw):
            parts.append(node.text)
        elif isinstance(node, dict):
            items: list[tuple[str, object]] = [(str(k), v) for k, v in node.items()]
            if isinstance(node, Dup):
                items.append((node.key, node.extra))
            pending: list[object] = [_Token("{")]
            for i, (key, item) in enumerate(items):
                pending.append(_Token(("," if i else "") + json.dumps(key) + ":"))
                pending.append(item)
            pending.append(_Token("}"))
            stack.extend(reversed(pending))
        elif isinstance(node, list | tuple):
            pending = [_Token("[")]
            for i, item in enumerate(node):
                if i:
                    pending.append(_Token(","))
                pending.append(item)
            pending.append(_Token("]"))
            stack.extend(reversed(pending))
        else:
            parts.append(json.dumps(node, ensure_ascii=False))
    return "".join(parts)


def mutate_json(text: str, changes: list[Mutation], cut: int | None) -> str:
    """``text`` (a JSON document) with ``changes`` made, then cut at ``cut`` if given."""
    data = json.loads(text)
    for change in changes:
        data = change.apply(data)
    mutated = emit_json(data)
    return mutated if cut is None else mutated[: cut % (len(mutated) + 1)]


# --------------------------------------------------------------------------- TOML


def _toml_key(key: str) -> str:
    if key and all(c.isascii() and (c.isalnum() or c in "-_") for c in key):
        return key
    return json.dumps(key)


def _toml_value(value: object, depth: int = 0) -> str:
    if depth > 200:  # a mutation nested deeper than Python recurses: cut it off here
        return "[]"
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v, depth + 1) for v in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(
            f"{_toml_key(str(k))} = {_toml_value(v, depth + 1)}"
            for k, v in value.items()
            if v is not None
        )
        return "{ " + inner + " }"
    return '""'  # None and the rest: TOML has no null


def emit_toml(data: object) -> str:
    """TOML text of a mapping: a line per key, values inline (``None`` left out)."""
    if not isinstance(data, dict):
        return f"value = {_toml_value(data)}\n"
    return "".join(
        f"{_toml_key(str(k))} = {_toml_value(v)}\n" for k, v in data.items() if v is not None
    )


@functools.cache
def raw_toml_documents() -> tuple[Blob, ...]:
    """Whole TOML documents that stress a reader."""
    deep = 100_000
    return tuple(
        Blob(text)
        for text in (
            "a = " + "[" * deep + "]" * deep,
            "a = " + "{b = " * 5000 + "1" + "}" * 5000,
            "a = " + "[" * 800 + "]" * 800,
            "year = 1" + "0" * 5000,
            "year = 1" + "0" * 4000,
            "year = 1e999999999",
            "year = nan",
            "year = inf",
            "year = 0x7FFFFFFFFFFFFFFFFFFFFFFFFF",
            "year = 2027\n" + "[[holidays]]\n" * 50_000,
            "".join(f"k{i} = {i}\n" for i in range(60_000)),
            'name = "' + "x" * MB + '"',
            "name = '''" + "\n" * (MB // 2) + "'''",
            "a = 0000-00-00",
            "a = 9999-12-31T23:59:59+23:59",
            "a = 1979-05-27T07:32:00Z",
            "\ufeffyear = 2027",
            "year = 2027\nyear = 2028",
            "[a]\n[a]",
            "",
            "=",
            '"\\ud800" = 1',
        )
    )


@functools.cache
def raw_json_documents() -> tuple[Blob, ...]:
    """Whole JSON documents that stress a reader."""
    odd = ("", " ", "{", '{"a": 1,}', "\ufeff{}", '{"a": 1} {"b": 2}')
    values = (*raw_values(), *heavy_values())
    return tuple(Blob(text) for text in (*(raw.text for raw in values), *odd))


# --------------------------------------------------------------------------- parser texts

_OPERATORS = (
    "=",
    "==",
    "!=",
    "≠",
    "<",
    "<=",
    "≤",
    ">",
    ">=",
    "≥",
    "＝",
    "＜",
    "＞",
    "！＝",
    "＞＝",
    "＜＝",
    "=>",
    "=<",
    "<>",
    "><",
    "!",
    "!==",
    "===",
    "~=",
    "=~",
    "≈",
    "≥=",
    "=≥",
    "in",
    "∈",
    "IN",
    "",
)
_SPACES = ("", " ", "  ", "\t", "\u3000", "\n", "\xa0")
_CRITERION_VALUES = (
    "3",
    "-2.5",
    "1/3",
    "0",
    "３",
    "６０",
    "50%",
    "５０％",
    "2.50",
    "投诉",
    '"投诉"',
    '"3"',
    '"A,B"',
    '""',
    '" a "',
    '"',
    "true",
    "false",
    "-",
    "a b",
    "1 000",
    "1,000",
    *NUMBER_TEXTS,
)
_WORDS = (
    "不低于",
    "不少于",
    "至少",
    "不超过",
    "至多",
    "超过",
    "大于",
    "不满",
    "低于",
    "以上",
    "以下",
    "以内",
    "及以上",
)


@st.composite
def _ranges(draw: st.DrawFn) -> str:
    opening = draw(st.sampled_from("[(（【{"))
    closing = draw(st.sampled_from("])）】}"))
    low = draw(st.sampled_from(_CRITERION_VALUES))
    high = draw(st.sampled_from(_CRITERION_VALUES))
    separator = draw(st.sampled_from(["..", ",", "，", "...", ".", "~", "-", "..."]))
    space = draw(st.sampled_from(_SPACES))
    return f"{opening}{space}{low}{space}{separator}{space}{high}{space}{closing}"


@st.composite
def _sets(draw: st.DrawFn) -> str:
    items = draw(st.lists(st.sampled_from(_CRITERION_VALUES), min_size=0, max_size=4))
    separator = draw(st.sampled_from([",", "，", "、", ", ", ";", " "]))
    body = separator.join(items)
    return draw(st.sampled_from([f"in {body}", f"∈ {{{body}}}", f"∈{{{body}}}", f"∈ {body}"]))


@st.composite
def _compared(draw: st.DrawFn) -> str:
    spaces = st.sampled_from(_SPACES)
    return (
        draw(spaces)
        + draw(st.sampled_from(_OPERATORS))
        + draw(spaces)
        + draw(st.sampled_from(_CRITERION_VALUES))
        + draw(spaces)
    )


@st.composite
def _worded(draw: st.DrawFn) -> str:
    word = draw(st.sampled_from(_WORDS))
    number = draw(st.sampled_from(_CRITERION_VALUES))
    space = draw(st.sampled_from(_SPACES))
    return draw(st.sampled_from([word + space + number, number + space + word]))


#: Criterion texts: the grammar's pieces put together rightly and wrongly, and random text.
criterion_texts = st.one_of(
    _compared(),
    _compared(),
    _ranges(),
    _sets(),
    _worded(),
    st.text(
        alphabet='-<>=≥≤≠!＜＞＝！()[]（）.,，、0123456789０１ in∈{}"投诉truefals/%e', max_size=14
    ),
    _any_text,
    st.sampled_from(blobs()),
)

_LIMIT_NUMBERS = (
    "5",
    "１５",
    "15",
    "0",
    "00",
    "01",
    "十五",
    "二十",
    "两",
    "十",
    "百",
    "一百零五",
    "一百五",
    "九百九十九",
    "一千",
    "零",
    "〇",
    "十十",
    "两十",
    "二二",
    "9" * 20,
    "1" * 4301,
    "٣",
    "½",
    "-5",
    "5.5",
    "",
)
_LIMIT_UNITS = (
    "个工作日",
    "工作日",
    "日",
    "天",
    "小时",
    "个小时",
    "个月",
    "月",
    "周",
    "年",
    "个",
    " days",
    "",
)

#: Time-limit texts: numbers (ASCII, full-width, Chinese, huge) with units, and random text.
limit_texts = st.one_of(
    st.builds(
        lambda space, number, gap, unit, tail: f"{space}{number}{gap}{unit}{tail}",
        st.sampled_from(_SPACES),
        st.sampled_from(_LIMIT_NUMBERS),
        st.sampled_from(_SPACES),
        st.sampled_from(_LIMIT_UNITS),
        st.sampled_from(("", " ", "内", "以内", "!")),
    ),
    st.sampled_from(("当日", "当天", "即时办结", "当日办结", "当 日", "当日 ", "当")),
    _any_text,
    st.sampled_from(blobs()),
)
