"""Rectification measures (整改措施): what will be done, by whom, by when.

A measure belongs to a problem, has an owner from the responsibility chain, a kind and a
deadline; an extension approved by the owner's superior moves the deadline.  A measure may
depend on others (``depends_on``), and may be applied in a unit other than the problem's
(``unit``, for 举一反三).  It is overdue on a day after its (extended) deadline while it is
not done.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

import attrs

from xingfeng._checks import (
    LabelledEnum,
    instance_of,
    member_of,
    optional_date,
    optional_moment,
    optional_text,
    plain_date,
    require_items,
    text,
    texts,
    to_tuple,
)
from xingfeng.calendar import Deadline, mark_provisional
from xingfeng.exceptions import InvalidArgument

__all__ = ["Measure", "MeasureKind", "latest_deadlines", "problem_deadlines"]


class MeasureKind(LabelledEnum):
    """What sort of measure it is."""

    IMMEDIATE = "immediate", "立行立改"  #: 立行立改: fixed on the spot
    CORRECTIVE = "corrective", "整改纠正"  #: 整改纠正: a correction that takes time
    INSTITUTIONAL = "institutional", "制度建设"  #: 制度建设: a rule or procedure made or mended
    TRAINING = "training", "教育培训"  #: 教育培训
    COMMITMENT = "commitment", "公开承诺"  #: 公开承诺: a public, quantified commitment


@attrs.frozen(kw_only=True)
class Measure:
    """A rectification measure; ``extended_to`` is set by an approved extension.

    ``unit`` is where the measure is applied when that is not the problem's own unit (a
    measure extended to a sibling unit, 举一反三); ``depends_on`` names measures that must be
    done first.
    """

    id: str = attrs.field(validator=text)
    problem: str = attrs.field(validator=text)
    title: str = attrs.field(validator=text)
    owner: str = attrs.field(validator=text)
    due: date = attrs.field(validator=plain_date)
    kind: MeasureKind = attrs.field(
        default=MeasureKind.CORRECTIVE, validator=member_of(MeasureKind)
    )
    depends_on: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=texts)
    unit: str | None = attrs.field(default=None, validator=optional_text)
    extended_to: date | None = attrs.field(default=None, validator=optional_date)
    done_at: datetime | None = attrs.field(default=None, validator=optional_moment)
    evidence: str | None = attrs.field(default=None, validator=optional_text)
    provisional: bool = attrs.field(default=False, validator=instance_of(bool))

    def __attrs_post_init__(self) -> None:
        if self.provisional and self.extended_to is not None:
            raise InvalidArgument(
                "provisional",
                self.provisional,
                "False（延期已定下期限）",
                english="False once an extension fixed the deadline",
            )

    @property
    def deadline_label(self) -> str:
        """The deadline in force as printed: ``"2027-01-04（暂定）"`` when provisional."""
        return mark_provisional(self.deadline, self.provisional)

    @property
    def deadline(self) -> date:
        """The deadline in force: the extension if one was approved."""
        return self.extended_to or self.due

    @property
    def done(self) -> bool:
        """Whether the measure has been completed."""
        return self.done_at is not None

    def done_by(self, on: date) -> bool:
        """Whether the measure was done on or before the day ``on`` (the day of ``done_at``
        is taken in its own zone)."""
        return self.done_at is not None and self.done_at.date() <= on

    def is_overdue(self, on: date) -> bool:
        """Undone after its deadline on ``on``: the deadline has passed and the measure was
        not done by then, so a day in the past is seen as it was then."""
        return on > self.deadline and not self.done_by(on)


def latest_deadlines(measures: Iterable[Measure]) -> dict[str, date]:
    """Each problem's deadline: the latest deadline in force among its measures, by problem
    id.  A problem without measures has none (it is not in the result)."""
    latest: dict[str, date] = {}
    for measure in require_items("measures", measures, Measure, "Measure（整改措施）"):
        deadline = measure.deadline
        if measure.problem not in latest or deadline > latest[measure.problem]:
            latest[measure.problem] = deadline
    return latest


def problem_deadlines(measures: Iterable[Measure]) -> dict[str, Deadline]:
    """Each problem's deadline as :func:`latest_deadlines` gives it, provisional when a
    measure whose deadline in force is that day is provisional."""
    listed = require_items("measures", measures, Measure, "Measure（整改措施）")
    latest = latest_deadlines(listed)
    provisional = {m.problem for m in listed if m.provisional and m.deadline == latest[m.problem]}
    return {
        problem: Deadline(day=day, provisional=problem in provisional)
        for problem, day in latest.items()
    }
