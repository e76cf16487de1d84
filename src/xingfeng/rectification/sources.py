"""Where problems and opinions come from (来源), and the original items (意见、建议、投诉).

An :class:`Opinion` is one item as it arrived, before similar ones are merged (归类, see
:mod:`xingfeng.rectification.consolidation`): from a rater, a conduct supervisor, a user
organisation, a questionnaire, a forum, the suggestion box, the supervision hotline, a
complaint or the media (seed 000, 002).  Items from outside the unit's own work must be
answered (R10: 回函、回电、登门答复, or a public answer for anonymous items), so every
:class:`Source` says whether it is ``external``.

>>> from datetime import datetime, timezone, timedelta
>>> cst = timezone(timedelta(hours=8))
>>> call = Opinion(
...     id="T-017",
...     source=Source.COMPLAINT,
...     text="电压偏低，家用电器无法正常使用",
...     unit="城东供电所",
...     received_at=datetime(2011, 8, 3, 9, 30, tzinfo=cst),
...     complaint=Complaint(
...         channel="95598", complainant="C-88", escalated=True, forwarded_by="95598监管中心"
...     ),
... )
>>> call.source.label, call.needs_answer, call.complaint.escalated
('投诉', True, True)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

import attrs

from xingfeng._checks import (
    LabelledEnum,
    instance_of,
    member_of,
    moment,
    optional_instance,
    optional_text,
)
from xingfeng._checks import text as non_empty
from xingfeng.exceptions import InvalidArgument

__all__ = ["AnswerMode", "Complaint", "Opinion", "Source"]


class Source(LabelledEnum):
    """Where a problem or an opinion came from; ``label`` is the term of the sources.

    ``SELF_INSPECTION`` (自查自纠) and ``INSPECTION`` (明查暗访) are the unit's own work; every
    other source is ``external`` and its items must be answered (R10).  A complaint that
    arrived by a hotline or by letter is ``COMPLAINT``, with the channel on its
    :class:`Complaint`; ``HOTLINE`` is for opinions phoned in that are not complaints.
    """

    SELF_INSPECTION = "self_inspection", "自查自纠"
    RATER = "rater", "评议代表"
    SUPERVISOR = "supervisor", "行风监督员"
    USER_ORGANIZATION = "user_organization", "用户单位"
    SERVICE_USER = "service_user", "服务对象"
    QUESTIONNAIRE = "questionnaire", "调查问卷"
    FORUM = "forum", "座谈会"
    SUGGESTION_BOX = "suggestion_box", "意见箱"
    HOTLINE = "hotline", "监督电话"
    INSPECTION = "inspection", "明查暗访"
    COMPLAINT = "complaint", "投诉"
    MEDIA = "media", "媒体舆情"

    @property
    def external(self) -> bool:
        """Whether items from this source come from outside the unit's own work (R10).

        >>> Source.RATER.external, Source.SELF_INSPECTION.external
        (True, False)
        """
        return self not in _INTERNAL


_INTERNAL = frozenset({Source.SELF_INSPECTION, Source.INSPECTION})


class AnswerMode(LabelledEnum):
    """How an opinion is answered (R10: 事事有回音，件件有着落).

    ``NOTICE`` is a public answer, such as a posting on the 司务公开栏 (seed 000), for items
    whose submitter is not known (an anonymous questionnaire, the suggestion box).
    """

    LETTER = "letter", "回函"
    CALL = "call", "回电"
    VISIT = "visit", "登门答复"
    NOTICE = "notice", "公开答复"

    @property
    def personal(self) -> bool:
        """Whether the answer goes to the submitter in person (all but ``NOTICE``)."""
        return self is not AnswerMode.NOTICE


@attrs.frozen(kw_only=True)
class Complaint:
    """What a complaint (投诉) adds to an opinion: how it arrived and whether it was escalated.

    ``channel`` is how it arrived (``"95598"``, ``"12345"``, ``"行风热线"``, ``"来信"``);
    ``complainant`` an id of the person complaining, so that repeated complaints (重复投诉)
    can be found; ``escalated`` says it went past the unit (越级投诉, which R6 assesses
    strictly); ``forwarded_by`` is who passed it on (转办: ``"华中电监局"``,
    ``"省政风行风热线"``, ``"省公司行风办"``, ``"95598监管中心"``).

    An escalated complaint must name who forwarded it: it reaches the unit only because a
    higher body passes it back, and seed 002 counts its 52 escalated complaints by forwarder
    (25 + 3 + 7 + 17); a missing forwarder would make that breakdown fall short (R20).  A
    forwarder without escalation is allowed: the unit's own 行风办 routing a complaint to a
    branch is forwarding, not escalation.

    >>> try:
    ...     Complaint(channel="95598", complainant="C-1", escalated=True)
    ... except InvalidArgument as refused:
    ...     print(refused.name, refused.value)
    forwarded_by None
    """

    channel: str = attrs.field(validator=non_empty)
    complainant: str = attrs.field(validator=non_empty)
    escalated: bool = attrs.field(default=False, validator=instance_of(bool))
    forwarded_by: str | None = attrs.field(default=None, validator=optional_text)

    def __attrs_post_init__(self) -> None:
        if self.escalated and self.forwarded_by is None:
            raise InvalidArgument(
                "forwarded_by",
                None,
                "越级投诉的转办单位（如 '华中电监局'）：escalated=True 时必填",
                english=(
                    "who forwarded the escalated complaint (e.g. '华中电监局'), since "
                    "escalated=True"
                ),
            )


@attrs.frozen(kw_only=True)
class Opinion:
    """One original opinion, suggestion or complaint about ``unit``, as it arrived.

    ``category`` is a key of the campaign's taxonomy (:class:`~xingfeng.Taxonomy`),
    ``submitter`` who gave it, ``None`` when anonymous.  ``complaint`` is required when
    ``source`` is :attr:`Source.COMPLAINT` and refused for any other source, so complaint
    figures are exactly the opinions from that source and none is counted twice (R20); a
    complaint phoned to a hotline or reported by the media is a ``COMPLAINT`` whose
    ``channel`` says so.
    """

    id: str = attrs.field(validator=non_empty)
    source: Source = attrs.field(validator=member_of(Source))
    text: str = attrs.field(validator=non_empty)
    unit: str = attrs.field(validator=non_empty)
    received_at: datetime = attrs.field(validator=moment)
    submitter: str | None = attrs.field(default=None, validator=optional_text)
    complaint: Complaint | None = attrs.field(default=None, validator=optional_instance(Complaint))
    category: str | None = attrs.field(default=None, validator=optional_text)

    def __attrs_post_init__(self) -> None:
        if self.source is Source.COMPLAINT and self.complaint is None:
            raise InvalidArgument(
                "complaint",
                None,
                "Complaint（渠道、投诉人）：来源为 COMPLAINT 时必填",
                english="a Complaint (channel, complainant) when source is COMPLAINT",
            )
        if self.source is not Source.COMPLAINT and self.complaint is not None:
            raise InvalidArgument(
                "complaint",
                self.complaint,
                f"None（来源为 {self.source.name}）：投诉须以 source=Source.COMPLAINT "
                "并写明渠道记录",
                english=(
                    f"None for source {self.source.name}: record a complaint with "
                    "source=Source.COMPLAINT and its channel"
                ),
            )

    @property
    def needs_answer(self) -> bool:
        """Whether the opinion must be answered: it came from outside (R10)."""
        return self.source.external

    @property
    def anonymous(self) -> bool:
        """Whether nobody can be answered in person: no submitter and no complainant."""
        return self.submitter is None and self.complaint is None

    @property
    def answer_modes(self) -> tuple[AnswerMode, ...]:
        """The ways the opinion can be answered: none if it needs no answer, only a public
        answer if it is anonymous, otherwise any.

        >>> at = datetime.fromisoformat("2026-05-06T09:00+08:00")
        >>> box = Opinion(id="B-1", source=Source.SUGGESTION_BOX, text="窗口缺少座椅",
        ...               unit="营业厅", received_at=at)
        >>> [mode.label for mode in box.answer_modes]
        ['公开答复']
        """
        if not self.needs_answer:
            return ()
        if self.anonymous:
            return (AnswerMode.NOTICE,)
        return tuple(AnswerMode)


def _opinions(value: object) -> list[Opinion]:
    """``value`` as a list of opinions, or :class:`InvalidArgument` (used by consolidation)."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InvalidArgument(
            "opinions", value, "Opinion（意见）的集合", english="a collection of Opinion values"
        )
    found = list(value)
    for item in found:
        if not isinstance(item, Opinion):
            raise InvalidArgument(
                "opinions", item, "每一项都是 Opinion（意见）", english="an Opinion in each place"
            )
    return found
