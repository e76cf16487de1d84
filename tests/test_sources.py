"""Tests for xingfeng.rectification.sources: where opinions come from, complaints, and what
must be answered."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import (
    complaints,
    opinions,
)
from xingfeng import AnswerPolicy, from_json, to_json
from xingfeng.exceptions import InvalidArgument, XingfengError
from xingfeng.rectification.sources import AnswerMode, Complaint, Opinion, Source

_AT = pendulum.datetime(2011, 8, 31, 9, tz="Asia/Shanghai")


def _opinion(**changes: Any) -> Opinion:
    fields: dict[str, Any] = {
        "id": "O-1",
        "source": Source.RATER,
        "text": "办事效率低",
        "unit": "客服科",
        "received_at": _AT,
    }
    return Opinion(**{**fields, **changes})


def _complaint(oid: str, complainant: str, day: int, **details: Any) -> Opinion:
    return _opinion(
        id=oid,
        source=Source.COMPLAINT,
        received_at=_AT.add(days=day),
        complaint=Complaint(
            channel=details.pop("channel", "95598"), complainant=complainant, **details
        ),
    )


# ---- sources and answer modes


@pytest.mark.parametrize(
    ("member", "label"),
    [
        (Source.SELF_INSPECTION, "自查自纠"),
        (Source.RATER, "评议代表"),
        (Source.SUPERVISOR, "行风监督员"),
        (Source.USER_ORGANIZATION, "用户单位"),
        (Source.SERVICE_USER, "服务对象"),
        (Source.QUESTIONNAIRE, "调查问卷"),
        (Source.FORUM, "座谈会"),
        (Source.SUGGESTION_BOX, "意见箱"),
        (Source.HOTLINE, "监督电话"),
        (Source.INSPECTION, "明查暗访"),
        (Source.COMPLAINT, "投诉"),
        (Source.MEDIA, "媒体舆情"),
        (AnswerMode.LETTER, "回函"),
        (AnswerMode.CALL, "回电"),
        (AnswerMode.VISIT, "登门答复"),
        (AnswerMode.NOTICE, "公开答复"),
    ],
)
def test_sources_and_answer_modes_carry_the_chinese_term_as_label(member: Any, label: str) -> None:
    """The label users see is the term of the seeds (评议代表, 行风监督员, 回函, …)."""
    assert member.label == label


def test_only_self_inspection_and_inspections_are_internal_sources() -> None:
    """Every source but 自查自纠 and 明查暗访 is external, so its items must be answered (R10)."""
    internal = {source for source in Source if not source.external}

    assert internal == {Source.SELF_INSPECTION, Source.INSPECTION}


def test_only_a_public_notice_is_not_a_personal_answer() -> None:
    """Letters, calls and visits reach the submitter; a 公开答复 reaches everyone."""
    assert [mode for mode in AnswerMode if not mode.personal] == [AnswerMode.NOTICE]


@given(opinion=opinions())
def test_an_opinion_needs_an_answer_exactly_when_its_source_is_external(opinion: Opinion) -> None:
    """needs_answer is source.external for every opinion (R10: 事事有回音)."""
    assert opinion.needs_answer is opinion.source.external


@given(opinion=opinions())
def test_every_opinion_that_needs_an_answer_can_be_answered_somehow(opinion: Opinion) -> None:
    """An external opinion always has an answer mode; an anonymous one only the public notice."""
    modes = opinion.answer_modes

    assert bool(modes) is opinion.needs_answer
    if opinion.needs_answer and opinion.anonymous:
        assert modes == (AnswerMode.NOTICE,)
    if opinion.needs_answer and not opinion.anonymous:
        assert set(modes) == set(AnswerMode)


# ---- complaints


def test_an_escalated_complaint_must_name_who_forwarded_it() -> None:
    """越级投诉 without forwarded_by is refused, naming the missing field."""
    with pytest.raises(InvalidArgument) as caught:
        Complaint(channel="95598", complainant="C-1", escalated=True)

    assert (caught.value.name, caught.value.value) == ("forwarded_by", None)


def test_a_complaint_may_be_forwarded_without_being_escalated() -> None:
    """The unit's own 行风办 routing a complaint to a branch is forwarding, not escalation."""
    complaint = Complaint(channel="行风热线", complainant="C-1", forwarded_by="公司行风办")

    assert not complaint.escalated


def test_a_complaint_opinion_needs_its_complaint_details() -> None:
    """source=COMPLAINT without a Complaint is refused: channel and complainant are needed."""
    with pytest.raises(InvalidArgument) as caught:
        _opinion(source=Source.COMPLAINT)

    assert caught.value.name == "complaint"


@given(source=st.sampled_from([s for s in Source if s is not Source.COMPLAINT]))
def test_only_a_complaint_opinion_carries_complaint_details(source: Source) -> None:
    """Complaint details on any other source are refused, so no complaint is counted twice."""
    details = Complaint(channel="行风热线", complainant="C-1")

    with pytest.raises(InvalidArgument) as caught:
        _opinion(source=source, complaint=details)

    assert (caught.value.name, caught.value.value) == ("complaint", details)


def test_seed_002_escalated_complaints_add_up_by_forwarder() -> None:
    """52 越级投诉: 华中电监局 25, 省政风行风热线 3, 省公司行风办 7, 95598监管中心 17."""
    forwarded = {"华中电监局": 25, "省政风行风热线": 3, "省公司行风办": 7, "95598监管中心": 17}
    escalated = [
        _complaint(f"{who}-{n}", f"C-{who}-{n}", 0, escalated=True, forwarded_by=who)
        for who, count in forwarded.items()
        for n in range(count)
    ]

    by_forwarder = Counter(o.complaint.forwarded_by for o in escalated if o.complaint)

    assert len(escalated) == 52
    assert by_forwarder == forwarded
    assert sum(by_forwarder.values()) == len(escalated)


def test_counts_by_category_always_add_up_to_the_complaints_counted() -> None:
    """One category per complaint: 71 complaints never give 74 by topic, as seed 002 reports."""
    topics = {
        "complaint.marketing_service": 36,
        "complaint.supply_quality": 12,
        "complaint.connection": 6,
        "complaint.fault_handling": 15,
        "complaint.appliance_damage": 2,
        "complaint.grid_upgrade": 1,
        "complaint.other": 2,
    }
    keys = [key for key, count in topics.items() for _ in range(count)][:71]
    channels = ["公司行风办"] * 47 + ["95598"] * 24
    received = [
        _opinion(
            id=f"T-{n}",
            source=Source.COMPLAINT,
            category=key,
            complaint=Complaint(channel=channel, complainant=f"C-{n}"),
        )
        for n, (key, channel) in enumerate(zip(keys, channels, strict=True))
    ]

    by_topic = Counter(o.category for o in received)

    assert sum(topics.values()) == 74  # the seed's figure, which R20 must catch
    assert sum(by_topic.values()) == len(received) == 47 + 24 == 71


# ---- malformed input

_BAD_VALUES: dict[str, list[object]] = {
    "id": ["", "  ", None, 7],
    "source": ["rater", None, 1],
    "text": ["", None],
    "unit": [" ", 3],
    "received_at": [datetime(2026, 5, 6, 9), "2026-05-06", None],
    "submitter": ["", "   ", 5],
    "complaint": ["95598", 5],
    "category": ["", 1],
}


@given(
    case=st.sampled_from(sorted(_BAD_VALUES)).flatmap(
        lambda field: st.tuples(st.just(field), st.sampled_from(_BAD_VALUES[field]))
    )
)
def test_every_malformed_opinion_field_is_refused_by_name(case: tuple[str, object]) -> None:
    """A blank, mistyped or naive value raises a XingfengError naming the field and value."""
    field, bad = case

    with pytest.raises(XingfengError) as caught:
        _opinion(**{field: bad})

    assert isinstance(caught.value, InvalidArgument)
    assert (caught.value.name, caught.value.value) == (field, bad)


@pytest.mark.parametrize(
    ("field", "bad"),
    [("channel", ""), ("complainant", None), ("escalated", "yes"), ("forwarded_by", " ")],
)
def test_every_malformed_complaint_field_is_refused_by_name(field: str, bad: object) -> None:
    """Complaint fields are checked like every value: blank or mistyped is refused by name."""
    fields: dict[str, Any] = {"channel": "95598", "complainant": "C-1", field: bad}

    with pytest.raises(InvalidArgument) as caught:
        Complaint(**fields)

    assert (caught.value.name, caught.value.value) == (field, bad)


# ---- serialization


@given(opinion=opinions())
def test_an_opinion_round_trips_through_json(opinion: Opinion) -> None:
    """from_json(to_json(opinion)) is an equal opinion, complaint details and moment included."""
    assert from_json(to_json(opinion), Opinion) == opinion


@given(complaint=complaints())
def test_a_complaint_round_trips_through_json(complaint: Complaint) -> None:
    """from_json(to_json(complaint)) is an equal complaint."""
    assert from_json(to_json(complaint), Complaint) == complaint


@given(member=st.sampled_from(Source) | st.sampled_from(AnswerMode))
def test_sources_and_answer_modes_round_trip_through_json_as_their_values(
    member: Source | AnswerMode,
) -> None:
    """An enum member is written as its English value and read back as the same member."""
    text = to_json(member)

    assert text == f'"{member.value}"'
    assert from_json(text, type(member)) is member


def test_an_unknown_source_is_refused_with_the_closest_spelling() -> None:
    """AnswerPolicy.limit_for(source="ratter") once returned the default limit silently."""
    with pytest.raises(InvalidArgument, match="是否要写 'rater'"):
        AnswerPolicy().limit_for(source="ratter")
    assert AnswerPolicy().limit_for(source="rater").label == "15个工作日"
