"""Tests for xingfeng.obligations.regime: limits as people write them (parse_limit) and
regimes as data (Regime), checked completely when built."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from xingfeng import InvalidArgument, InvalidDefinition, LimitUnit, LoadError, Post, TimeLimit
from xingfeng.obligations.regime import (
    ExtensionRule,
    LimitRule,
    Regime,
    ReviewWindow,
    StartEvent,
    parse_limit,
)

# --------------------------------------------------------------------------- spellings

UNIT_SPELLINGS = {
    "个工作日": LimitUnit.WORKING_DAYS,
    "工作日": LimitUnit.WORKING_DAYS,
    "日": LimitUnit.CALENDAR_DAYS,
    "天": LimitUnit.CALENDAR_DAYS,
    "小时": LimitUnit.HOURS,
    "个小时": LimitUnit.HOURS,
    "个月": LimitUnit.MONTHS,
    "月": LimitUnit.MONTHS,
}
SAME_DAY_SPELLINGS = ("当日", "当天", "即时办结", "当日办结")
#: The examples the refusal of a limit lists as accepted spellings.
ACCEPTED_EXAMPLES = ("5个工作日", "15日", "60天", "24小时", "3个月", "当日")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
CHINESE_DIGITS = "零一二三四五六七八九"
STYLES = ("ascii", "full_width", "chinese")


def _chinese(n: int) -> str:
    """``n`` (1–999) as Chinese numerals are written: 十五, 二十, 一百零五, 一百二十."""
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    written = f"{CHINESE_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        written += ("" if tens == 1 and not hundreds else CHINESE_DIGITS[tens]) + "十"
    elif hundreds and ones:
        written += "零"
    return written + (CHINESE_DIGITS[ones] if ones else "")


def _number(n: int, style: str) -> str:
    """``n`` in ASCII, full-width or Chinese digits."""
    if style == "chinese":
        return _chinese(n)
    return str(n) if style == "ascii" else str(n).translate(FULL_WIDTH)


def _written(limit: TimeLimit, style: str, unit: str | None = None) -> str:
    """``limit`` as a person writes it: its amount in ``style`` and a spelling of its unit."""
    if limit.unit is LimitUnit.SAME_DAY:
        return "当日"
    spelling = unit or next(s for s, u in UNIT_SPELLINGS.items() if u is limit.unit)
    return _number(limit.amount, style) + spelling


#: Chinese numerals as they are written: 百 and 十 with or without a leading digit (百日,
#: 一十五), a digit before 十 after 百 (一百一十五, not 一百十五), 两 for 二 before 百 and as
#: a last digit alone (两百, 两个月) but not before 十, 〇 for 零, and 零 only between the
#: hundreds and a last digit.
_D = "[一二三四五六七八九]"
_D2 = "[一二两三四五六七八九]"
_CHINESE_NUMERAL = re.compile(
    rf"^(?:(?P<h>{_D2})?百(?:(?P<t1>{_D})十(?P<o1>{_D})?|[零〇](?P<o2>{_D}))?"
    rf"|(?P<t2>{_D})?十(?P<o3>{_D})?|(?P<o4>{_D2}))$"
)
_VALUE = {c: i for i, c in enumerate(CHINESE_DIGITS)} | {"两": 2}
_UNIT_PATTERN = "|".join(sorted(UNIT_SPELLINGS, key=len, reverse=True))
# Space is allowed between the number and the unit only (15 日), never inside the number.
_REFERENCE = re.compile(rf"^(?P<n>\S+?)\s*(?P<unit>{_UNIT_PATTERN})$")


def _reference_chinese(text: str) -> int | None:
    found = _CHINESE_NUMERAL.match(text)
    if found is None:
        return None
    g = found.groupdict()

    def digit(name: str, default: int = 0) -> int:
        return _VALUE[g[name]] if g[name] else default

    if "百" in text:
        tens = digit("t1") if "十" in text else 0
        return digit("h", 1) * 100 + tens * 10 + digit("o1") + digit("o2")
    if "十" in text:
        return digit("t2", 1) * 10 + digit("o3")
    return digit("o4")


def _reference_limit(text: str) -> TimeLimit | None:
    """Reference reading of a limit: what parse_limit should accept, and as what."""
    written = text.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if written in SAME_DAY_SPELLINGS:
        return TimeLimit.same_day()
    found = _REFERENCE.match(written)
    if found is None:
        return None
    raw = found.group("n")
    n = int(raw) if re.fullmatch("[0-9]+", raw) else _reference_chinese(raw)
    if not n:
        return None
    return TimeLimit(unit=UNIT_SPELLINGS[found.group("unit")], amount=n)


amounts = st.integers(min_value=1, max_value=999)
unit_spellings = st.sampled_from(sorted(UNIT_SPELLINGS))
day_time_limits = st.builds(
    TimeLimit,
    unit=st.sampled_from(
        [LimitUnit.WORKING_DAYS, LimitUnit.CALENDAR_DAYS, LimitUnit.HOURS, LimitUnit.MONTHS]
    ),
    amount=amounts,
)
all_time_limits = st.one_of(day_time_limits, st.just(TimeLimit.same_day()))

#: Text that looks like a limit: numeral characters of every style, units and stray marks.
limit_like_texts = st.one_of(
    st.text(max_size=10),
    st.text(
        alphabet="0123456789０１２３４５６７８９零〇一二两三四五六七八九十百", max_size=5
    ).flatmap(
        lambda number: st.sampled_from([*UNIT_SPELLINGS, "周", "年", "分钟", ""]).map(
            lambda unit: number + unit
        )
    ),
    st.text(alphabet="0123456789十百个工作日天小时月当周-.=> ", max_size=8),
)


# --------------------------------------------------------------------------- parse_limit


@given(n=amounts, unit=unit_spellings)
@example(n=105, unit="日")  # 一百零五日
def test_a_limit_reads_the_same_in_ascii_full_width_and_chinese_digits(n: int, unit: str) -> None:
    """For any n in 1–999 and unit spelling, n written in ASCII, full-width or Chinese digits
    (十五, 二十, 一百零五, 一百二十) gives the same TimeLimit of n in that unit."""
    expected = TimeLimit(unit=UNIT_SPELLINGS[unit], amount=n)

    read = {style: parse_limit(_number(n, style) + unit) for style in STYLES}

    assert read == dict.fromkeys(STYLES, expected)


@given(limit=all_time_limits, style=st.sampled_from(STYLES))
@example(limit=TimeLimit.calendar_days(105), style="chinese")  # 一百零五日
def test_a_limit_reads_back_from_its_label_and_from_any_way_of_writing_it(
    limit: TimeLimit, style: str
) -> None:
    """parse_limit(limit.label) is the limit, and so is the limit written in any digit style."""
    assert parse_limit(limit.label) == limit
    assert parse_limit(_written(limit, style)) == limit


@pytest.mark.parametrize("text", [*SAME_DAY_SPELLINGS, " 当日 "])
def test_same_day_spellings_read_as_a_same_day_limit(text: str) -> None:
    """当日 (and 当天, 即时办结, 当日办结) is the same-day limit."""
    assert parse_limit(text) == TimeLimit.same_day()


@given(text=limit_like_texts)
@example(text="一百零五日")
@example(text="十十日")
@example(text="十百日")
@example(text="一百零日")
def test_parse_limit_accepts_exactly_the_ways_limits_are_written(text: str) -> None:
    """parse_limit accepts a text exactly when it is a number (ASCII, full-width or a
    well-formed Chinese numeral) of at least 1 followed by a unit, or a same-day spelling,
    and reads it as that number; anything else, such as 十十日 or 十百日, is refused."""
    expected = _reference_limit(text)

    try:
        read: TimeLimit | None = parse_limit(text)
    except InvalidArgument:
        read = None

    assert read == expected


@given(text=limit_like_texts.filter(lambda text: _reference_limit(text) is None))
@example(text="十十日")
@example(text="十〇工作日")
def test_anything_else_is_refused_with_the_accepted_spellings(text: str) -> None:
    """Text that is not a limit is refused with InvalidArgument listing accepted spellings."""
    with pytest.raises(InvalidArgument) as caught:
        parse_limit(text)

    assert caught.value.name == "limit"
    assert all(spelling in str(caught.value) for spelling in ACCEPTED_EXAMPLES)


@pytest.mark.parametrize(
    "text",
    [
        "0日",
        "零日",
        "5周",
        "-5日",
        "5.5日",
        "=> 3",
        "",
        "日",
        "5",
        "五",
        "二三日",
        "5日5日",
        5,
        None,
    ],
)
def test_bad_limits_are_refused_with_the_accepted_spellings(text: object) -> None:
    """Zero, other units, signs, fractions, operators, a number or a unit alone, two digits
    in a row and non-text are all refused, with the ways limits are written."""
    with pytest.raises(InvalidArgument) as caught:
        parse_limit(text)  # type: ignore[arg-type]

    assert all(spelling in str(caught.value) for spelling in ACCEPTED_EXAMPLES)


# --------------------------------------------------------------------------- regimes as data

KIND_NAMES = ("咨询", "投诉", "求助", "建议", "举报", "表扬")
URGENCY_NAMES = ("特急", "紧急", "一般")
CHANNEL_NAMES = ("12345", "95598", "网站", "信件")
POST_SPELLINGS = sorted({p.value for p in Post} | {p.label for p in Post})
TOP_KEYS = {
    "name",
    "title",
    "sources",
    "kinds",
    "urgencies",
    "channels",
    "start",
    "limits",
    "extension",
    "pause_reasons",
    "correction",
    "co_handling",
    "callback",
    "review",
    "re_review",
}
LIMIT_KEYS = {"kind", "urgency", "channel", "limit"}
EXTENSION_KEYS = {"cap", "times", "approvers"}
REVIEW_KEYS = {"request", "answer"}
words = st.text(alphabet="行风热线投诉办理时限补正复查", min_size=1, max_size=6)

#: A valid regime the example tests change one thing in.
BASE: dict[str, Any] = {
    "name": "hotline",
    "title": "12345热线（示例）",
    "kinds": ["咨询", "投诉"],
    "urgencies": ["紧急", "一般"],
    "channels": ["12345", "网站"],
    "start": "assigned",
    "limits": [
        {"urgency": "紧急", "limit": "当日"},
        {"kind": "咨询", "limit": "1个工作日"},
        {"kind": "投诉", "limit": "5个工作日"},
    ],
    "extension": {"cap": "5个工作日", "times": 1, "approvers": ["分管领导"]},
    "pause_reasons": ["征求第三方意见"],
    "correction": True,
    "review": {"request": "30日", "answer": "30日"},
    "re_review": {"request": "30日", "answer": "30日"},
}


@st.composite
def written_limits(
    draw: st.DrawFn, limits: st.SearchStrategy[TimeLimit] = all_time_limits
) -> tuple[str, TimeLimit]:
    """A limit and one way of writing it."""
    limit = draw(limits)
    unit = None
    if limit.unit is not LimitUnit.SAME_DAY:
        unit = draw(st.sampled_from([s for s, u in UNIT_SPELLINGS.items() if u is limit.unit]))
    skip_chinese = limit.amount > 100 and 0 < limit.amount % 100 < 10  # 一百零五: refused today
    styles = STYLES[:2] if skip_chinese else STYLES
    return _written(limit, draw(st.sampled_from(styles)), unit), limit


class RegimeCase:
    """A regime written as data, and the regime it should give."""

    def __init__(self, data: dict[str, Any], expected: Regime) -> None:
        self.data = data
        self.expected = expected

    def __repr__(self) -> str:
        return f"RegimeCase(data={self.data!r})"


@st.composite
def regime_cases(draw: st.DrawFn, catch_all: bool | None = True) -> RegimeCase:
    """A valid regime's data (optional keys present or not) and the Regime it describes.

    Limit rows name any known kind, urgency and channel or none; coverage comes from a last
    row for everything (``catch_all``), or, when there are channels, one row per channel.
    """
    kinds = draw(st.lists(st.sampled_from(KIND_NAMES), min_size=1, max_size=4, unique=True))
    urgencies = draw(
        st.none() | st.lists(st.sampled_from(URGENCY_NAMES), min_size=1, max_size=3, unique=True)
    )
    channels = draw(st.lists(st.sampled_from(CHANNEL_NAMES), max_size=3, unique=True))
    start = draw(st.sampled_from(StartEvent))
    data: dict[str, Any] = {
        "name": draw(st.sampled_from(["hotline", "petitions", "disclosure"])),
        "title": draw(words),
        "kinds": kinds,
        "start": draw(st.sampled_from([start.value, start.label])),
    }
    known_urgencies = urgencies or ["一般"]
    if urgencies is not None:
        data["urgencies"] = urgencies
    if channels or draw(st.booleans()):
        data["channels"] = channels

    rows, rules = [], []

    def add_row(row: dict[str, str]) -> None:
        text, limit = draw(written_limits())
        rows.append({**row, "limit": text})
        rules.append(LimitRule(limit=limit, **row))

    for _ in range(draw(st.integers(min_value=0, max_value=5))):
        row = {}
        for key, known in (("kind", kinds), ("urgency", known_urgencies), ("channel", channels)):
            value = draw(st.none() | st.sampled_from([*known, "*"]))
            if value is not None:
                row[key] = value
        add_row(row)
    if catch_all is None:
        catch_all = not channels or draw(st.booleans())
    if catch_all:
        add_row({})
    else:
        for channel in channels:
            add_row({"channel": channel})
    data["limits"] = rows

    extension = None
    if draw(st.booleans()):
        cap_text, cap = draw(written_limits(day_time_limits))
        posts = draw(st.lists(st.sampled_from(Post), min_size=1, max_size=3, unique=True))
        data["extension"] = {
            "cap": cap_text,
            "approvers": [draw(st.sampled_from([p.value, p.label])) for p in posts],
        }
        times = draw(st.none() | st.integers(min_value=1, max_value=3))
        if times is not None:
            data["extension"]["times"] = times
        extension = ExtensionRule(cap=cap, times=times or 1, approvers=frozenset(posts))

    optional: dict[str, Any] = {}
    for key in ("sources", "pause_reasons"):
        if draw(st.booleans()):
            data[key] = draw(st.lists(words, max_size=3, unique=True))
            optional[key] = tuple(data[key])
    correction = draw(st.none() | st.booleans())
    if correction is not None:
        data["correction"] = correction
    for key in ("co_handling", "callback"):
        if draw(st.booleans()):
            data[key], optional[key] = draw(written_limits())
    for key in ("review", "re_review"):
        if draw(st.booleans()) and (key == "review" or "review" in data):
            (request_text, request), (answer_text, answer) = (
                draw(written_limits()),
                draw(written_limits()),
            )
            data[key] = {"request": request_text, "answer": answer_text}
            optional[key] = ReviewWindow(request=request, answer=answer)

    expected = Regime(
        name=data["name"],
        title=data["title"],
        kinds=tuple(kinds),
        urgencies=tuple(known_urgencies),
        channels=tuple(channels),
        start=start,
        limits=tuple(rules),
        extension=extension,
        correction=bool(correction),
        **optional,
    )
    return RegimeCase(data, expected)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    assert isinstance(value, dict)
    return "{ " + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + " }"


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


def _toml(data: dict[str, Any]) -> str:
    """``data`` as TOML text, one key a line (tables inline, as hosts often write limits)."""
    return "".join(f"{_toml_key(k)} = {_toml_value(v)}\n" for k, v in data.items())


LOADERS: dict[str, Callable[[dict[str, Any]], Regime]] = {
    "mapping": Regime.from_mapping,
    "toml": lambda data: Regime.from_toml(_toml(data)),
    "json": lambda data: Regime.from_json(json.dumps(data, ensure_ascii=False)),
}


def _defects(data: object) -> InvalidDefinition:
    """Build a regime from ``data`` expecting a refusal; the refusal."""
    with pytest.raises(InvalidDefinition) as caught:
        Regime.from_mapping(data)
    return caught.value


def _first_rule(case: RegimeCase, kind: str, urgency: str, channel: str) -> TimeLimit:
    """Reference for limit_for: the first row, in the order written, that covers the item."""
    for row, rule in zip(case.data["limits"], case.expected.limits, strict=True):
        wanted = {"kind": kind, "urgency": urgency, "channel": channel}
        if all(row.get(key, "*") in ("*", value) for key, value in wanted.items()):
            return rule.limit
    raise AssertionError("no rule covers the item")


# --------------------------------------------------------------------------- building


@given(case=regime_cases(), loader=st.sampled_from(sorted(LOADERS)))
def test_a_valid_regime_reads_back_every_field_it_was_written_with(
    case: RegimeCase, loader: str
) -> None:
    """From a mapping, TOML or JSON, a valid regime has exactly the fields written (defaults
    for those left out), its limits read in whichever digit style they were written in."""
    assert LOADERS[loader](case.data) == case.expected


@given(case=regime_cases(), data=st.data())
def test_limit_for_takes_the_first_rule_that_covers_the_item(
    case: RegimeCase, data: st.DataObject
) -> None:
    """limit_for(kind, urgency, channel) is the limit of the first row, in the order written,
    whose kind, urgency and channel are the item's or '*'; no urgency means the last one."""
    regime = Regime.from_mapping(case.data)
    kind = data.draw(st.sampled_from(regime.kinds))
    urgency = data.draw(st.sampled_from(regime.urgencies))
    channel = data.draw(st.sampled_from([*regime.channels, "*"]))

    assert regime.limit_for(kind=kind, urgency=urgency, channel=channel) == _first_rule(
        case, kind, urgency, channel
    )
    assert regime.limit_for(kind=kind, channel=channel) == _first_rule(
        case, kind, regime.urgencies[-1], channel
    )


#: A regime whose limits are all per channel: every (kind, urgency, channel) is covered.
CHANNEL_RULES_ONLY = RegimeCase(
    {
        "name": "hotline",
        "title": "热线",
        "kinds": ["投诉"],
        "channels": ["12345"],
        "start": "received",
        "limits": [{"channel": "12345", "limit": "1个工作日"}],
    },
    Regime(
        name="hotline",
        title="热线",
        kinds=("投诉",),
        urgencies=("一般",),
        channels=("12345",),
        start=StartEvent.RECEIVED,
        limits=(LimitRule(limit=TimeLimit.working_days(1), channel="12345"),),
    ),
)


def test_a_regime_whose_limits_name_channels_only_is_refused() -> None:
    """An item may come without a channel; a regime whose every limit names one leaves it
    without a limit, and is refused when built."""
    with pytest.raises(InvalidDefinition, match="任意渠道"):
        Regime.from_mapping(CHANNEL_RULES_ONLY.data)


@given(case=regime_cases(catch_all=None))
def test_a_regime_that_builds_has_a_limit_for_every_item_it_knows(case: RegimeCase) -> None:
    """Coverage is checked when built: every known kind and urgency, with any known channel
    or none named, has a limit (limit_for never finds no rule)."""
    data = case.data
    items = [
        (kind, urgency, channel)
        for kind in data["kinds"]
        for urgency in data.get("urgencies", ["一般"])
        for channel in (*data.get("channels", []), "*")
    ]

    def covers(row: dict[str, Any], item: tuple[str, str, str]) -> bool:
        return all(
            row.get(key, "*") in ("*", value)
            for key, value in zip(("kind", "urgency", "channel"), item, strict=True)
        )

    if not all(any(covers(row, item) for row in data["limits"]) for item in items):
        with pytest.raises(InvalidDefinition, match="没有时限涵盖"):
            Regime.from_mapping(data)
        return
    regime = Regime.from_mapping(data)

    uncovered = []
    for kind in regime.kinds:
        for urgency in regime.urgencies:
            for channel in (*regime.channels, "*"):
                try:
                    regime.limit_for(kind=kind, urgency=urgency, channel=channel)
                except InvalidArgument:
                    uncovered.append((kind, urgency, channel))

    assert uncovered == []


def _with_key(data: dict[str, Any], where: str, key: str) -> dict[str, Any]:
    """``data`` with an extra ``key`` at ``where`` (a table the regime has, added if not)."""
    data = copy.deepcopy(data)
    if where == "regime":
        table = data
    elif where == "limits":
        table = data["limits"][0]
    elif where == "extension":
        table = data.setdefault("extension", {"cap": "5个工作日", "approvers": ["分管领导"]})
    else:
        data.setdefault("review", {"request": "30日", "answer": "30日"})
        table = data.setdefault(where, {"request": "30日", "answer": "30日"})
    table[key] = "x"
    return data


ALLOWED = {
    "regime": TOP_KEYS,
    "limits": LIMIT_KEYS,
    "extension": EXTENSION_KEYS,
    "review": REVIEW_KEYS,
    "re_review": REVIEW_KEYS,
}


@given(
    case=regime_cases(),
    where=st.sampled_from(sorted(ALLOWED)),
    key=st.text(min_size=1, max_size=12),
)
def test_every_unknown_key_is_refused_with_the_allowed_keys(
    case: RegimeCase, where: str, key: str
) -> None:
    """A key the regime does not know, at the top, in a limit row, in extension, review or
    re_review, is refused with InvalidDefinition listing the keys allowed there."""
    allowed = ALLOWED[where]
    if key in allowed:
        return

    error = _defects(_with_key(case.data, where, key))

    assert f"不认识的键 {key!r}；可用的键：{sorted(allowed)}" in str(error)


@pytest.mark.parametrize(
    ("where", "key", "meant"),
    [
        ("limits", "urgancy", "urgency"),
        ("limits", "chanel", "channel"),
        ("regime", "urgancy", "urgencies"),
        ("regime", "kind", "kinds"),
        ("regime", "pause_reason", "pause_reasons"),
        ("regime", "co-handling", "co_handling"),
        ("regime", "rereview", "re_review"),
        ("extension", "approver", "approvers"),
        ("extension", "time", "times"),
        ("review", "requst", "request"),
        ("re_review", "answr", "answer"),
    ],
)
def test_a_near_miss_key_is_refused_with_the_key_it_probably_meant(
    where: str, key: str, meant: str
) -> None:
    """An unknown key close to an allowed one gets a 'did you mean' (是否要写) naming it."""
    error = _defects(_with_key(BASE, where, key))

    assert f"是否要写 {meant!r}？" in str(error)


@given(
    case=regime_cases(),
    field=st.sampled_from(["kind", "urgency", "channel"]),
    value=st.text(min_size=1, max_size=6),
)
def test_a_limit_row_naming_an_unknown_kind_urgency_or_channel_is_refused(
    case: RegimeCase, field: str, value: str
) -> None:
    """A limit row's kind, urgency or channel must be one the regime declares, or '*'."""
    known = {"kind": case.expected.kinds, "urgency": case.expected.urgencies}
    allowed = known.get(field, case.expected.channels)
    if value in (*allowed, "*"):
        return
    data = copy.deepcopy(case.data)
    data["limits"].append({field: value, "limit": "5日"})

    error = _defects(data)

    assert f"limits[{len(data['limits']) - 1}].{field}：{value!r} 不是" in str(error)


@pytest.mark.parametrize(
    ("field", "value", "meant"),
    [("kind", "投述", "投诉"), ("urgency", "紧机", "紧急"), ("channel", "网占", "网站")],
)
def test_a_near_miss_in_a_limit_row_is_refused_with_the_value_it_probably_meant(
    field: str, value: str, meant: str
) -> None:
    """An unknown kind, urgency or channel close to a declared one gets a 'did you mean'."""
    data = copy.deepcopy(BASE)
    data["limits"].append({field: value, "limit": "5日"})

    assert f"是否要写 {meant!r}？" in str(_defects(data))


@given(
    case=regime_cases(),
    approvers=st.lists(st.sampled_from(POST_SPELLINGS), min_size=1, max_size=4, unique=True),
)
def test_approvers_are_posts_by_value_or_by_chinese_label(
    case: RegimeCase, approvers: list[str]
) -> None:
    """Approvers written as a Post's value (top_leader) or label (一把手) are those posts."""
    data = copy.deepcopy(case.data)
    data["extension"] = {"cap": "20个工作日", "approvers": approvers}

    extension = Regime.from_mapping(data).extension

    assert extension is not None
    assert extension.approvers == {p for p in Post if p.value in approvers or p.label in approvers}


@given(case=regime_cases(), approver=st.text(min_size=1, max_size=12))
@example(case=None, approver="top_leadr")
def test_an_approver_that_is_not_a_post_is_refused(case: RegimeCase | None, approver: str) -> None:
    """An approver that is neither a Post's value nor its label is refused, listing the
    posts, with a 'did you mean' for a near miss (top_leadr → top_leader)."""
    if approver in POST_SPELLINGS or not approver.strip():
        return
    data = copy.deepcopy(BASE if case is None else case.data)
    data["extension"] = {"cap": "20个工作日", "approvers": ["一把手", approver]}

    error = str(_defects(data))

    assert f"extension.approvers：{approver!r} 不是职务；可用的有：{POST_SPELLINGS}" in error
    if approver == "top_leadr":
        assert "是否要写 'top_leader'？" in error


@given(
    kinds=st.lists(st.sampled_from(KIND_NAMES), min_size=1, max_size=5, unique=True),
    urgencies=st.lists(st.sampled_from(URGENCY_NAMES), min_size=1, max_size=3, unique=True),
    data=st.data(),
)
def test_every_kind_and_urgency_without_a_limit_is_refused_by_name(
    kinds: list[str], urgencies: list[str], data: st.DataObject
) -> None:
    """With limit rows for some (kind, urgency) pairs only, building names every pair that
    has no limit, and only those; with all pairs covered it builds."""
    pairs = [(k, u) for k in kinds for u in urgencies]
    covered = data.draw(st.lists(st.sampled_from(pairs), unique=True))
    regime = {
        "name": "h",
        "title": "热线",
        "kinds": kinds,
        "urgencies": urgencies,
        "start": "received",
        "limits": [{"kind": k, "urgency": u, "limit": "5个工作日"} for k, u in covered],
    }
    missing = [pair for pair in pairs if pair not in covered]
    if not missing:
        assert Regime.from_mapping(regime).kinds == tuple(kinds)
        return

    error = _defects(regime)

    named = {(k, u) for k, u in pairs if f"没有时限涵盖类型 {k!r}、紧急程度 {u!r}" in str(error)}
    assert named == set(missing)


@given(correction=st.one_of(st.integers(), st.text(max_size=4), st.none(), st.floats()))
def test_correction_must_be_true_or_false(correction: object) -> None:
    """correction (补正 restarts the clock) is refused unless it is a bool; 1 and "true" too."""
    error = _defects({**BASE, "correction": correction})

    assert f"correction 须为 true 或 false，而不是 {correction!r}" in str(error)


def test_a_re_review_without_a_review_is_refused() -> None:
    """re_review (复核) needs a review (复查) before it."""
    data = {key: value for key, value in BASE.items() if key != "review"}

    assert "有复核（re_review）须先有复查（review）" in str(_defects(data))


@pytest.mark.parametrize("title", [5, "", "  ", None, ["热线"]])
def test_a_title_that_is_not_a_text_is_refused(title: object) -> None:
    """The title, like the name, must be a non-empty text."""
    _defects({**BASE, "title": title})


# --------------------------------------------------------------------------- all defects at once


def _set(path: tuple[str, ...], value: object) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        table = data
        for key in path[:-1]:
            table = table[key]
        table[path[-1]] = value

    return change


def _append_row(row: dict[str, str]) -> Callable[[dict[str, Any]], None]:
    return lambda data: data["limits"].append(row)


#: Independent defects: how to make each, and what the refusal must say about it.
DEFECTS: dict[str, tuple[Callable[[dict[str, Any]], None], tuple[str, ...]]] = {
    "top-level key": (_set(("kinde",), ["x"]), ("不认识的键 'kinde'", "是否要写 'kinds'？")),
    "limit-row key": (
        _append_row({"kind": "咨询", "urgancy": "紧急", "limit": "当日"}),
        ("不认识的键 'urgancy'", "是否要写 'urgency'？"),
    ),
    "limit-row kind": (
        _append_row({"kind": "投述", "urgency": "紧急", "limit": "当日"}),
        ("].kind：'投述' 不是", "是否要写 '投诉'？"),
    ),
    "limit-row channel": (
        _append_row({"kind": "咨询", "channel": "网占", "limit": "当日"}),
        ("'网占' 不是 ['12345', '网站'] 之一", "是否要写 '网站'？"),
    ),
    "limit text": (_append_row({"kind": "咨询", "limit": "5周"}), ("limit='5周'",)),
    "start": (_set(("start",), "assignd"), ("start：'assignd'", "是否要写 'assigned'？")),
    "extension key": (
        _set(("extension", "approver"), ["一把手"]),
        ("extension：不认识的键 'approver'", "是否要写 'approvers'？"),
    ),
    "extension times": (_set(("extension", "times"), 0), ("extension.times 须为不小于 1 的整数",)),
    "approver": (
        _set(("extension", "approvers"), ["一把手", "top_leader", "top_leadr"]),
        ("'top_leadr' 不是职务", "是否要写 'top_leader'？"),
    ),
    "re_review key": (
        _set(("re_review", "answr"), "30日"),
        ("re_review：不认识的键 'answr'", "是否要写 'answer'？"),
    ),
    "review missing": (
        lambda data: data.pop("review"),
        ("有复核（re_review）须先有复查（review）",),
    ),
    "correction": (_set(("correction",), "yes"), ("correction 须为 true 或 false",)),
    "coverage": (
        lambda data: data["kinds"].append("求助"),
        ("没有时限涵盖类型 '求助'、紧急程度 '一般'",),
    ),
}


@given(chosen=st.lists(st.sampled_from(sorted(DEFECTS)), min_size=1, unique=True))
def test_every_defect_is_reported_at_once(chosen: list[str]) -> None:
    """However many independent defects a regime has, one InvalidDefinition reports them all,
    each with its own message."""
    data = copy.deepcopy(BASE)
    for name in chosen:
        DEFECTS[name][0](data)

    error = _defects(data)

    missing = [
        (name, fragment)
        for name in chosen
        for fragment in DEFECTS[name][1]
        if fragment not in str(error)
    ]
    assert missing == []
    assert len(error.defects) >= len(chosen)


def test_the_base_regime_of_the_defect_tests_is_valid() -> None:
    """BASE builds, so each defect test's refusal comes from what it changed."""
    assert Regime.from_mapping(BASE).limit_for(kind="投诉", urgency="紧急") == TimeLimit.same_day()


def test_a_regime_with_every_listed_defect_reports_them_all() -> None:
    """All the defects of DEFECTS together: one error, a message for each."""
    data = copy.deepcopy(BASE)
    for change, _ in DEFECTS.values():
        change(data)

    error = str(_defects(data))

    for _, fragments in DEFECTS.values():
        for fragment in fragments:
            assert fragment in error


# --------------------------------------------------------------------------- reading and loading


@given(kind=st.text(max_size=6).filter(lambda kind: kind not in ("咨询", "投诉")))
@example(kind="投述")
def test_limit_for_refuses_an_unknown_kind_with_the_known_ones(kind: str) -> None:
    """limit_for with a kind the regime does not know raises InvalidArgument naming the known
    kinds, with a 'did you mean' for a near miss (投述 → 投诉)."""
    regime = Regime.from_mapping(BASE)

    with pytest.raises(InvalidArgument) as caught:
        regime.limit_for(kind=kind)

    assert caught.value.name == "kind"
    assert "['咨询', '投诉']" in str(caught.value)
    if kind == "投述":
        assert "是否要写 '投诉'？" in str(caught.value)


@pytest.mark.parametrize(
    ("urgency", "channel", "name"), [("紧机", "*", "urgency"), ("一般", "网占", "channel")]
)
def test_limit_for_refuses_an_unknown_urgency_or_channel(
    urgency: str, channel: str, name: str
) -> None:
    """limit_for refuses an urgency or channel the regime does not declare, with a hint."""
    with pytest.raises(InvalidArgument) as caught:
        Regime.from_mapping(BASE).limit_for(kind="投诉", urgency=urgency, channel=channel)

    assert caught.value.name == name
    assert "是否要写" in str(caught.value)


@pytest.mark.parametrize(
    ("load", "text"),
    [(Regime.from_toml, "name = "), (Regime.from_json, "{"), (Regime.from_json, "[1,")],
)
def test_text_that_is_not_toml_or_json_is_refused_with_load_error(
    load: Callable[[str], Regime], text: str
) -> None:
    """from_toml and from_json refuse text that does not parse with LoadError."""
    with pytest.raises(LoadError):
        load(text)


@pytest.mark.parametrize("data", [None, [], "name = 'x'", 5])
def test_data_that_is_not_a_table_is_refused(data: object) -> None:
    """from_mapping refuses anything but a mapping with InvalidDefinition."""
    assert "regime 须为键值表" in str(_defects(data))
