"""Problems found in a campaign (问题) and their lifecycle (问题 → 措施 → 督查 → 回音 → 销号).

A problem is what self-inspection, raters, supervisors or complaints found wrong in a unit.
It carries a category from a taxonomy, and the three judgements the rectification order of
seed 002 needs (先急后缓、先重后轻、先易后难, R8): severity, urgency and difficulty.  Its
``opinions`` are the original items merged into it (归类), each with its source.

A problem moves through :class:`ProblemState`: recorded → assigned → rectifying → rectified →
verified → closed, and back to reopened when a complainant is not satisfied (R7).
"""

from __future__ import annotations

from datetime import datetime

import attrs

from xingfeng._checks import LabelledEnum, member_of, moment, optional_text, text, texts, to_tuple

__all__ = ["Difficulty", "Problem", "ProblemState", "Severity", "Urgency"]


class _Level(LabelledEnum):
    """An ordered three-step judgement; ``level`` 1 is the least, 3 the most."""

    @property
    def level(self) -> int:
        """1, 2 or 3."""
        return list(type(self)).index(self) + 1


class Severity(_Level):
    """How serious a problem is (先重后轻: serious before light)."""

    LIGHT = "light", "轻微"
    MODERATE = "moderate", "一般"
    SERIOUS = "serious", "严重"


class Urgency(_Level):
    """How urgent a problem is (先急后缓: urgent before slow)."""

    SLOW = "slow", "缓"
    NORMAL = "normal", "一般"
    URGENT = "urgent", "急"


class Difficulty(_Level):
    """How hard a problem is to fix (先易后难: easy before hard)."""

    EASY = "easy", "易"
    MODERATE = "moderate", "一般"
    HARD = "hard", "难"


class ProblemState(LabelledEnum):
    """Where a problem is in its lifecycle."""

    RECORDED = "recorded", "登记"
    ASSIGNED = "assigned", "交办"
    RECTIFYING = "rectifying", "整改中"
    RECTIFIED = "rectified", "已整改"
    VERIFIED = "verified", "已核查"
    CLOSED = "closed", "已销号"
    REOPENED = "reopened", "重新整改"


@attrs.frozen(kw_only=True)
class Problem:
    """A problem found in ``unit``: what was found, when, and how it is judged.

    ``category`` is a key of the campaign's taxonomy; ``opinions`` the ids of the original
    items merged into it; ``owner`` the person it was assigned to; ``state`` where it is.
    """

    id: str = attrs.field(validator=text)
    unit: str = attrs.field(validator=text)
    title: str = attrs.field(validator=text)
    recorded_at: datetime = attrs.field(validator=moment)
    category: str | None = attrs.field(default=None, validator=optional_text)
    severity: Severity = attrs.field(default=Severity.MODERATE, validator=member_of(Severity))
    urgency: Urgency = attrs.field(default=Urgency.NORMAL, validator=member_of(Urgency))
    difficulty: Difficulty = attrs.field(
        default=Difficulty.MODERATE, validator=member_of(Difficulty)
    )
    opinions: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=texts)
    owner: str | None = attrs.field(default=None, validator=optional_text)
    state: ProblemState = attrs.field(
        default=ProblemState.RECORDED, validator=member_of(ProblemState)
    )
