"""The order of rectification (整改顺序): 先易后难、先重后轻、先急后缓 (seed 002, R8).

Seed 002 asks units to rectify "按照先易后难、先重后轻、先急后缓的原则": easy before hard,
serious before light, urgent before slow.  Each is a :class:`Principle`; a
:class:`PriorityPolicy` says which of them count and which decides first when they disagree.
:func:`prioritize` puts problems in that order, compared on the first principle on which
they differ, then by when they were recorded, then by id, so the order is total and never
depends on the order the problems came in.

>>> import pendulum
>>> from xingfeng import Difficulty as D, Problem, Severity as S, Urgency as U
>>> def found(id, title, severity, urgency, difficulty):
...     at = pendulum.datetime(2026, 9, 1, 9, tz="Asia/Shanghai")
...     return Problem(id=id, unit="供电公司", title=title, recorded_at=at,
...                    severity=severity, urgency=urgency, difficulty=difficulty)
>>> problems = [
...     found("P1", "低电压", S.SERIOUS, U.URGENT, D.HARD),
...     found("P2", "三指定", S.SERIOUS, U.NORMAL, D.EASY),
...     found("P3", "停电未提前公告", S.MODERATE, U.URGENT, D.EASY),
...     found("P4", "催费不规范", S.LIGHT, U.SLOW, D.MODERATE),
... ]
>>> [p.title for p in prioritize(problems)]
['三指定', '停电未提前公告', '催费不规范', '低电压']
>>> urgency_leads = PriorityPolicy(order=(Principle.URGENT_FIRST, Principle.SERIOUS_FIRST))
>>> [p.title for p in prioritize(problems, urgency_leads)]
['低电压', '停电未提前公告', '三指定', '催费不规范']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import attrs

from xingfeng._checks import LabelledEnum, to_tuple
from xingfeng.exceptions import InvalidArgument
from xingfeng.rectification.problems import Problem

__all__ = ["Principle", "PriorityKey", "PriorityPolicy", "prioritize", "priority_key"]

#: What problems are sorted by: the rank under each principle of the policy, in the policy's
#: order, then the moment the problem was recorded, then its id.  Smaller comes first.
PriorityKey = tuple[tuple[int, ...], datetime, str]


class Principle(LabelledEnum):
    """One of the three principles of seed 002's rectification order."""

    EASY_FIRST = "easy_first", "先易后难"  #: 先易后难: lower difficulty first
    SERIOUS_FIRST = "serious_first", "先重后轻"  #: 先重后轻: higher severity first
    URGENT_FIRST = "urgent_first", "先急后缓"  #: 先急后缓: higher urgency first

    def rank(self, problem: Problem) -> int:
        """1 for the problems this principle puts first, 3 for those it puts last.

        >>> import pendulum
        >>> from xingfeng.rectification.problems import Urgency
        >>> at = pendulum.datetime(2026, 9, 1, tz="Asia/Shanghai")
        >>> p = Problem(id="P1", unit="营业厅", title="低电压", recorded_at=at,
        ...             urgency=Urgency.URGENT)
        >>> Principle.URGENT_FIRST.rank(p), Principle.EASY_FIRST.rank(p)
        (1, 2)
        """
        if self is Principle.EASY_FIRST:
            return problem.difficulty.level
        if self is Principle.SERIOUS_FIRST:
            return 4 - problem.severity.level
        return 4 - problem.urgency.level


#: The principles in the order seed 002 writes them: 先易后难、先重后轻、先急后缓.
_AS_WRITTEN = (Principle.EASY_FIRST, Principle.SERIOUS_FIRST, Principle.URGENT_FIRST)


def _principles(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if (
        not isinstance(value, tuple)
        or not value
        or not all(isinstance(p, Principle) for p in value)
        or len(set(value)) < len(value)
    ):
        raise InvalidArgument(
            attribute.name,
            value,
            "一至三个不同的 Principle（原则），最重要的在前，如 (Principle.URGENT_FIRST, "
            "Principle.SERIOUS_FIRST)",
            english=(
                "one to three different Principles, most decisive first, "
                "e.g. (Principle.URGENT_FIRST, Principle.SERIOUS_FIRST)"
            ),
        )


@attrs.frozen(kw_only=True)
class PriorityPolicy:
    """Which principles order rectification, the most decisive first.

    Problems are compared on ``order[0]``; only where they tie on it does ``order[1]``
    decide, and so on.  A principle left out does not count.  Each principle may appear
    once; at least one is needed (:class:`~xingfeng.InvalidArgument` otherwise).

    The default is the order seed 002 writes, ``(EASY_FIRST, SERIOUS_FIRST, URGENT_FIRST)``:
    先易后难 decides first, then 先重后轻, then 先急后缓.  The seed lists the three as parallel
    principles and states no precedence, so any default is a reading; this one keeps the
    order of the text, and the sentence itself explains it: start from "what we are able to
    do well" (从……我们能够办好的事情做起) and "grow small fixes into big ones, small wins
    into big wins" (积小改为大改，积小胜为大胜).  A unit that lets urgency lead says so:
    ``PriorityPolicy(order=(Principle.URGENT_FIRST, Principle.SERIOUS_FIRST,
    Principle.EASY_FIRST))``.
    """

    order: tuple[Principle, ...] = attrs.field(
        default=_AS_WRITTEN, converter=to_tuple, validator=_principles
    )

    def deciding_principle(self, first: Problem, second: Problem) -> Principle | None:
        """The principle that decides between two problems; ``None`` if they tie on all.

        When it is ``None``, the earlier recorded problem comes first, then the smaller id.
        """
        for principle in self.order:
            if principle.rank(first) != principle.rank(second):
                return principle
        return None


def priority_key(problem: Problem, policy: PriorityPolicy = PriorityPolicy()) -> PriorityKey:
    """The sort key of ``problem`` under ``policy``: smaller comes first.

    Use it to order anything by its problem, e.g. measures:
    ``sorted(measures, key=lambda m: priority_key(problems[m.problem], policy))``.
    """
    if not isinstance(problem, Problem):
        raise InvalidArgument("problem", problem, "Problem（问题）", english="a Problem")
    if not isinstance(policy, PriorityPolicy):
        raise InvalidArgument(
            "policy", policy, "PriorityPolicy（整改先后办法）", english="a PriorityPolicy"
        )
    ranks = tuple(principle.rank(problem) for principle in policy.order)
    return (ranks, problem.recorded_at, problem.id)


def prioritize(
    problems: Iterable[Problem], policy: PriorityPolicy = PriorityPolicy()
) -> tuple[Problem, ...]:
    """``problems`` in the order ``policy`` gives them to rectification.

    The order is total: problems that tie on every principle of the policy come in the
    order they were recorded (``recorded_at``, compared as instants whatever their zone),
    then by id.  Anything that is not a :class:`~xingfeng.Problem`, and ids that occur more
    than once, are refused with :class:`~xingfeng.InvalidArgument`.
    """
    if not isinstance(problems, Iterable):
        raise InvalidArgument(
            "problems", problems, "Problem（问题）的可迭代对象", english="an iterable of Problems"
        )
    if not isinstance(policy, PriorityPolicy):
        raise InvalidArgument(
            "policy", policy, "PriorityPolicy（整改先后办法）", english="a PriorityPolicy"
        )
    listed = tuple(problems)
    for item in listed:
        if not isinstance(item, Problem):
            raise InvalidArgument(
                "problems", item, "每一项都是 Problem（问题）", english="a Problem in each place"
            )
    repeated = sorted(i for i, n in Counter(p.id for p in listed).items() if n > 1)
    if repeated:
        raise InvalidArgument(
            "problems",
            tuple(repeated),
            "编号各不相同的问题（这些编号出现了两次以上）",
            english="problems with distinct ids (these ids occur twice or more)",
        )
    return tuple(sorted(listed, key=lambda p: priority_key(p, policy)))
