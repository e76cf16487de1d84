"""Rankings (排名) of peer targets, with the tie policy and tie-breaks a scheme states.

Seed 002 ranks the province company among 22 public-service targets; each city and county
company is ranked in its own region, a class (序列) of peers.  :func:`rank` orders targets by
score, exactly (``Fraction``, ``Decimal`` or ``int``; never ``float``), and numbers the places
by the scheme's tie policy:

>>> r = rank({"甲": 92, "乙": 88, "丙": 88, "丁": 80})
>>> [(p.target, p.rank) for p in r.places]
[('甲', 1), ('丙', 2), ('乙', 2), ('丁', 4)]
>>> [p.rank for p in rank({"甲": 92, "乙": 88, "丙": 88, "丁": 80}, ties=Ties.DENSE).places]
[1, 2, 2, 3]

Targets that share a rank are listed by target id (Unicode code point order), so the same
scores always give the same ranking, whatever order they came in.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from fractions import Fraction
from itertools import pairwise

import attrs

from xingfeng._checks import (
    LabelledEnum,
    exact,
    exact_mapping,
    instance_of,
    int_at_least,
    items_of,
    member_of,
    optional_text,
    text,
    to_exact_mapping,
    to_tuple,
)
from xingfeng.assessment.score import Score
from xingfeng.exceptions import Defect, InvalidArgument, InvalidDefinition, UnknownReference
from xingfeng.rounding import Number

__all__ = ["Placing", "Ranking", "TieBreak", "Ties", "rank", "rank_within"]


class Ties(LabelledEnum):
    """How targets with equal results are numbered.

    ``SHARED`` is standard competition ranking (1-2-2-4: a shared place uses up the places
    after it); ``DENSE`` gives the next result the next number (1-2-2-3).
    """

    SHARED = "shared", "并列占位"
    DENSE = "dense", "并列不占位"


@attrs.frozen(kw_only=True)
class TieBreak:
    """A secondary criterion a scheme states, applied only among equal scores.

    ``values`` maps each target to its exact value on the criterion (e.g. the questionnaire
    part of the score); higher is better unless ``lower_is_better`` (e.g. complaints).

    >>> from decimal import Decimal
    >>> TieBreak(name="问卷得分", values={"甲": 78, "乙": Decimal("76.5")}).values["乙"]
    Fraction(153, 2)
    """

    name: str = attrs.field(validator=text)
    values: Mapping[str, Fraction] = attrs.field(
        converter=to_exact_mapping, validator=exact_mapping, hash=False
    )
    lower_is_better: bool = attrs.field(default=False, validator=instance_of(bool))


@attrs.frozen(kw_only=True)
class Placing:
    """One target's place: its rank (1 is first), exact score and whether it was vetoed.

    ``broken_by`` names the tie-break that put the target after the one listed just
    before it although both have the same score; ``None`` otherwise.
    """

    target: str = attrs.field(validator=text)
    rank: int = attrs.field(validator=int_at_least(1))
    score: Fraction = attrs.field(validator=instance_of(Fraction))
    vetoed: bool = attrs.field(default=False, validator=instance_of(bool))
    broken_by: str | None = attrs.field(default=None, validator=optional_text)


def _ordered(places: Sequence[Placing], lower_is_better: bool) -> bool:
    """Whether ``places`` are best score first."""
    scores = [p.score for p in places]
    pairs = pairwise(scores)
    return all(a <= b for a, b in pairs) if lower_is_better else all(a >= b for a, b in pairs)


@attrs.frozen(kw_only=True)
class Ranking:
    """Targets in rank order, numbered by ``ties``.

    Invariants, checked when a ranking is built or loaded (:class:`InvalidDefinition` lists
    every one broken): targets are unique; vetoed targets come after every non-vetoed one
    and are ordered among themselves by score; scores run best first within each part;
    equal ranks have equal scores; targets sharing a rank are listed by id.
    """

    places: tuple[Placing, ...] = attrs.field(converter=to_tuple, validator=items_of(Placing))
    ties: Ties = attrs.field(default=Ties.SHARED, validator=member_of(Ties))
    lower_is_better: bool = attrs.field(default=False, validator=instance_of(bool))
    _index: dict[str, Placing] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        defects = _defects(self.places, self.ties, self.lower_is_better)
        if defects:
            raise InvalidDefinition("ranking", defects)
        object.__setattr__(self, "_index", {p.target: p for p in self.places})

    def __len__(self) -> int:
        return len(self.places)

    def __iter__(self) -> Iterator[Placing]:
        return iter(self.places)

    @property
    def targets(self) -> tuple[str, ...]:
        """The target ids in rank order."""
        return tuple(p.target for p in self.places)

    def placing(self, target: str) -> Placing:
        """The place of ``target``; :class:`UnknownReference` if it is not ranked."""
        try:
            return self._index[target]
        except (KeyError, TypeError):
            raise UnknownReference("target", target, self.targets) from None

    def rank_of(self, target: str) -> int:
        """The rank of ``target`` (1 is first)."""
        return self.placing(target).rank

    def score_of(self, target: str) -> Fraction:
        """The exact score of ``target``."""
        return self.placing(target).score

    def top(self, n: int) -> tuple[Placing, ...]:
        """The places ranked ``n`` or better: more than ``n`` when several share rank ``n``."""
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise InvalidArgument("n", n, "an int >= 0")
        return tuple(p for p in self.places if p.rank <= n)

    def last(self, *, below: Number | None = None) -> tuple[Placing, ...]:
        """末位: the last-ranked places, among those scoring under ``below`` if given.

        Every place sharing that last rank is returned (a tie for last is last for all);
        an empty tuple when no target scores under ``below``.  Vetoed targets take part:
        they are ranked last.

        >>> r = rank({"甲": 80, "乙": 72, "丙": 70, "丁": 70})
        >>> [p.target for p in r.last(below=75)], r.last(below=70)
        (['丁', '丙'], ())
        """
        pool = self.places
        if below is not None:
            bound = exact("below", below)
            pool = tuple(p for p in pool if p.score < bound)
        if not pool:
            return ()
        worst = pool[-1].rank
        return tuple(p for p in pool if p.rank == worst)


def _defects(places: tuple[Placing, ...], ties: Ties, lower_is_better: bool) -> list[Defect]:
    defects: list[Defect] = []
    if not places:
        return [Defect("a ranking needs at least one place")]
    seen: set[str] = set()
    for p in places:
        if p.target in seen:
            defects.append(Defect(f"target {p.target!r} is placed more than once", (p.target,)))
        seen.add(p.target)
    if places[0].rank != 1:
        defects.append(Defect(f"the first place has rank {places[0].rank}, not 1", (places[0],)))
    for earlier, later in pairwise(places):
        if earlier.vetoed and not later.vetoed:
            defects.append(
                Defect(
                    f"vetoed {earlier.target!r} is placed before {later.target!r}, which is not "
                    "vetoed (a vetoed target ranks after every other)",
                    (earlier.target, later.target),
                )
            )
    for part in (tuple(p for p in places if not p.vetoed), tuple(p for p in places if p.vetoed)):
        if not _ordered(part, lower_is_better):
            best = "lowest" if lower_is_better else "highest"
            defects.append(
                Defect(f"scores are not in order, {best} first", tuple(p.target for p in part))
            )
    distinct = 1
    for position, (earlier, later) in enumerate(pairwise(places), start=2):
        same = earlier.score == later.score and earlier.vetoed == later.vetoed
        if later.rank == earlier.rank:
            if not same or later.broken_by is not None:
                defects.append(
                    Defect(
                        f"{earlier.target!r} and {later.target!r} share rank {later.rank} "
                        "without an equal result",
                        (earlier.target, later.target),
                    )
                )
            elif later.target < earlier.target:
                defects.append(
                    Defect(
                        f"{earlier.target!r} and {later.target!r} share rank {later.rank} but are "
                        "not listed by id",
                        (earlier.target, later.target),
                    )
                )
            continue
        distinct += 1
        expected = position if ties is Ties.SHARED else distinct
        if later.rank != expected:
            defects.append(
                Defect(
                    f"{later.target!r} has rank {later.rank}; by {ties.name} ties it would be "
                    f"{expected}",
                    (later.target,),
                )
            )
        if same and later.broken_by is None:
            defects.append(
                Defect(
                    f"{earlier.target!r} and {later.target!r} have equal scores but different "
                    "ranks and no tie-break",
                    (earlier.target, later.target),
                )
            )
        if not same and later.broken_by is not None:
            defects.append(
                Defect(
                    f"{later.target!r} names tie-break {later.broken_by!r} but its score differs "
                    f"from {earlier.target!r}'s",
                    (later.target,),
                )
            )
    return defects


def _targets(scores: object) -> tuple[dict[str, Fraction], frozenset[str]]:
    """Exact scores by target, and the targets whose :class:`~xingfeng.Score` was vetoed."""
    if not isinstance(scores, Mapping) or not scores:
        raise InvalidArgument("scores", scores, "a non-empty mapping of target ids to exact scores")
    exact_scores: dict[str, Fraction] = {}
    vetoed: set[str] = set()
    for target, score in scores.items():
        if not isinstance(target, str) or not target.strip():
            raise InvalidArgument("scores", target, "a non-empty string as each target id")
        if isinstance(score, Score):
            exact_scores[target] = score.value
            if score.vetoed:
                vetoed.add(target)
        else:
            exact_scores[target] = exact(f"scores[{target!r}]", score)
    return exact_scores, frozenset(vetoed)


def _vetoed(vetoed: object, targets: Mapping[str, object]) -> frozenset[str]:
    if isinstance(vetoed, str | bytes | Mapping) or not isinstance(vetoed, Collection):
        raise InvalidArgument("vetoed", vetoed, "a collection of target ids (not a string)")
    for target in vetoed:
        if not isinstance(target, str) or target not in targets:
            raise InvalidArgument("vetoed", target, "ids among the ranked targets")
    return frozenset(vetoed)


def _tie_breaks(tie_breaks: object, targets: Mapping[str, object]) -> tuple[TieBreak, ...]:
    if isinstance(tie_breaks, str | bytes | Mapping) or not isinstance(tie_breaks, Sequence):
        raise InvalidArgument("tie_breaks", tie_breaks, "a sequence of TieBreak, in order")
    for criterion in tie_breaks:
        if not isinstance(criterion, TieBreak):
            raise InvalidArgument("tie_breaks", criterion, "a TieBreak in each place")
        missing = sorted(t for t in targets if t not in criterion.values)
        if missing:
            raise InvalidArgument(
                f"tie_breaks[{criterion.name!r}]",
                missing[0],
                f"a value for every ranked target ({len(missing)} missing: {missing[:5]})",
            )
    return tuple(tie_breaks)


def rank(
    scores: Mapping[str, Number | Score],
    *,
    ties: Ties = Ties.SHARED,
    tie_breaks: Sequence[TieBreak] = (),
    vetoed: Collection[str] = (),
    lower_is_better: bool = False,
) -> Ranking:
    """Rank ``scores`` (target id → exact score, or a :class:`~xingfeng.Score`), best first.

    A :class:`~xingfeng.Score` brings its own veto: one with ``vetoed_by`` is vetoed here too.

    Equal scores are separated by ``tie_breaks``, in the order given, and only then; targets
    still equal share a rank and are listed by id.  Vetoed targets (一票否决) rank after every
    non-vetoed one whatever their score, ordered among themselves by score.  A tie-break may
    hold values for targets not ranked here (one table for a whole province).

    Raises :class:`InvalidArgument` for an empty mapping, an id that is not a non-empty string,
    a score that is not exact (``float``, ``bool``, NaN), a vetoed id that is not ranked and a
    tie-break without a value for some ranked target.

    >>> speed = TieBreak(name="办结时限", values={"甲": 2, "乙": 3, "丙": 5}, lower_is_better=True)
    >>> r = rank({"甲": 92, "乙": 88, "丙": 88}, tie_breaks=[speed], vetoed={"甲"})
    >>> [(p.target, p.rank, p.broken_by) for p in r.places]
    [('乙', 1, None), ('丙', 2, '办结时限'), ('甲', 3, None)]
    """
    exact_scores, vetoed_scores = _targets(scores)
    if not isinstance(ties, Ties):
        raise InvalidArgument("ties", ties, "Ties.SHARED or Ties.DENSE")
    if not isinstance(lower_is_better, bool):
        raise InvalidArgument("lower_is_better", lower_is_better, "True or False")
    barred = _vetoed(vetoed, exact_scores) | vetoed_scores
    criteria = _tie_breaks(tie_breaks, exact_scores)

    def result(target: str) -> tuple[object, ...]:
        score = exact_scores[target]
        return (
            target in barred,
            score if lower_is_better else -score,
            *(c.values[target] if c.lower_is_better else -c.values[target] for c in criteria),
        )

    keyed = sorted((result(t), t) for t in exact_scores)
    places: list[Placing] = []
    distinct = number = 0
    for position, (key, target) in enumerate(keyed, start=1):
        earlier = keyed[position - 2][0] if position > 1 else None
        if key != earlier:
            distinct += 1
            number = position if ties is Ties.SHARED else distinct
        broken_by = None
        if earlier is not None and key != earlier and key[:2] == earlier[:2]:
            broken_by = next(
                c.name for c, a, b in zip(criteria, key[2:], earlier[2:], strict=True) if a != b
            )
        places.append(
            Placing(
                target=target,
                rank=number,
                score=exact_scores[target],
                vetoed=target in barred,
                broken_by=broken_by,
            )
        )
    return Ranking(places=tuple(places), ties=ties, lower_is_better=lower_is_better)


def rank_within(
    scores: Mapping[str, Number],
    classes: Mapping[str, str],
    *,
    ties: Ties = Ties.SHARED,
    tie_breaks: Sequence[TieBreak] = (),
    vetoed: Collection[str] = (),
    lower_is_better: bool = False,
) -> dict[str, Ranking]:
    """One ranking per class (序列) of peers: ``classes`` maps each target to its class.

    Each class is ranked on its own by :func:`rank` with the same options; the result is
    ordered by class name.  Every scored target needs a class and every classified target a
    score (:class:`InvalidArgument` names the first one missing).

    >>> by_class = rank_within({"甲": 90, "乙": 80, "丙": 70}, {"甲": "市", "乙": "县", "丙": "县"})
    >>> {name: r.targets for name, r in by_class.items()}
    {'县': ('乙', '丙'), '市': ('甲',)}
    """
    exact_scores, vetoed_scores = _targets(scores)
    if not isinstance(classes, Mapping):
        raise InvalidArgument("classes", classes, "a mapping of target ids to class names")
    for target in sorted(exact_scores):
        name = classes.get(target)
        if not isinstance(name, str) or not name.strip():
            raise InvalidArgument(
                f"classes[{target!r}]", name, "a non-empty class name for every scored target"
            )
    for target in classes:
        if target not in exact_scores:
            raise InvalidArgument("classes", target, "ids among the scored targets")
    barred = _vetoed(vetoed, exact_scores) | vetoed_scores
    members: dict[str, dict[str, Fraction]] = {}
    for target, score in exact_scores.items():
        members.setdefault(classes[target], {})[target] = score
    return {
        name: rank(
            members[name],
            ties=ties,
            tie_breaks=tie_breaks,
            vetoed=barred & members[name].keys(),
            lower_is_better=lower_is_better,
        )
        for name in sorted(members)
    }
