"""Rectification measures (整改措施): what will be done, by whom, by when.

A measure belongs to a problem, has an owner from the responsibility chain and a deadline; an
extension approved by the owner's superior moves the deadline.  A measure is overdue on a
day after its (extended) deadline while it is not done.
"""

from __future__ import annotations

from datetime import date, datetime

import attrs

from xingfeng._checks import optional_date, optional_moment, optional_text, plain_date, text

__all__ = ["Measure"]


@attrs.frozen(kw_only=True)
class Measure:
    """A rectification measure; ``extended_to`` is set by an approved extension."""

    id: str = attrs.field(validator=text)
    problem: str = attrs.field(validator=text)
    title: str = attrs.field(validator=text)
    owner: str = attrs.field(validator=text)
    due: date = attrs.field(validator=plain_date)
    extended_to: date | None = attrs.field(default=None, validator=optional_date)
    done_at: datetime | None = attrs.field(default=None, validator=optional_moment)
    evidence: str | None = attrs.field(default=None, validator=optional_text)

    @property
    def deadline(self) -> date:
        """The deadline in force: the extension if one was approved."""
        return self.extended_to or self.due

    def is_overdue(self, on: date) -> bool:
        """Undone after its deadline: on ``on`` the deadline has passed."""
        return self.done_at is None and on > self.deadline
