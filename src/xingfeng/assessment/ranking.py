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

A quota (名额) lets the first places in: a fixed number, or a share of the ranked targets
rounded as the scheme publishes it (:class:`QuotaRounding`) and held between an "at least"
and an "at most".  Where the quota line falls inside a group sharing a rank, the scheme's
:class:`TiePolicy` decides; without one, :class:`TieAtQuota` refuses and names the group:

>>> top30 = QuotaRule(share=Fraction(3, 10), rounding=QuotaRounding.HALF_UP, at_least=1)
>>> top30.places(4), top30.places(5), top30.label
(1, 2, '名额为参评单位的30%（四舍五入），至少1名')
>>> r.shortlist(top30).targets
('甲',)
>>> r.shortlist(QuotaRule(count=2, tie_policy=TiePolicy.ALL_IN)).targets
('甲', '丙', '乙')
>>> [p.target for p in r.top(2, tie_policy="并列全部不入围")]
['甲']
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Collection, Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import Any, TypeVar

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
    to_fraction,
    to_tuple,
)
from xingfeng.assessment.score import Score
from xingfeng.exceptions import (
    Defect,
    InvalidArgument,
    InvalidDefinition,
    UnknownReference,
    XingfengError,
    shown_str,
)
from xingfeng.rounding import Number, library_context, terminating

__all__ = [
    "Placing",
    "QuotaRounding",
    "QuotaRule",
    "Ranking",
    "Shortlist",
    "TieAtQuota",
    "TieBreak",
    "TiePolicy",
    "Ties",
    "rank",
    "rank_within",
]

_E = TypeVar("_E", bound=LabelledEnum)


def _parse(kind: type[_E], value: object, name: str) -> _E:
    """The member of ``kind`` spelled by ``value``: the member, its value, name or Chinese label."""
    if isinstance(value, kind):
        return value
    if isinstance(value, str):
        spelled = value.strip()
        for member in kind:
            if spelled in (member.value, member.name, member.label):
                return member
    listed = "、".join(f"{m.label}（{m.value}）" for m in kind)
    hint = ""
    if isinstance(value, str):
        spellings = [s for m in kind for s in (m.label, m.value)]
        close = difflib.get_close_matches(value.strip(), spellings, n=1, cutoff=0.5)
        hint = f"；是否要写“{close[0]}”？" if close else ""
    raise InvalidArgument(name, value, f"{kind.__name__} 之一：{listed}{hint}")


class Ties(LabelledEnum):
    """How targets with equal results are numbered.

    ``SHARED`` is standard competition ranking (1-2-2-4: a shared place uses up the places
    after it); ``DENSE`` gives the next result the next number (1-2-2-3).
    """

    SHARED = "shared", "并列占位"
    DENSE = "dense", "并列不占位"


class QuotaRounding(LabelledEnum):
    """How a share of the ranked targets (前30%) becomes a whole number of places.

    ``FLOOR`` 向下取整 (30% of 22 is 6.6: 6 places), ``HALF_UP`` 四舍五入 (a half goes up:
    6.5 gives 7, and 7.5 gives 8, never the even neighbour as banker's rounding would),
    ``CEILING`` 向上取整 (6.1 gives 7).  The share times the count is exact, so a quota never
    depends on a float.  :meth:`parse` reads a member back from its Chinese label:

    >>> [rounding.apply(Fraction(13, 2)) for rounding in QuotaRounding]
    [6, 7, 7]
    >>> QuotaRounding.parse("四舍五入") is QuotaRounding.HALF_UP
    True
    """

    FLOOR = "floor", "向下取整"
    HALF_UP = "half_up", "四舍五入"
    CEILING = "ceiling", "向上取整"

    @classmethod
    def parse(cls, value: object) -> QuotaRounding:
        """The member named by ``value``: a member, its value, its name or its Chinese label.

        Anything else is refused with :class:`InvalidArgument`, which lists the labels and
        suggests the closest one.
        """
        return _parse(cls, value, "rounding")

    def apply(self, amount: Fraction | Decimal | int) -> int:
        """``amount`` rounded to a whole number by this rule, exactly.

        四舍五入 takes halves away from zero (the amounts of a quota are never negative).
        """
        exact_amount = exact("amount", amount)
        if self is QuotaRounding.FLOOR:
            return math.floor(exact_amount)
        if self is QuotaRounding.CEILING:
            return math.ceil(exact_amount)
        whole = math.floor(abs(exact_amount) + Fraction(1, 2))
        return whole if exact_amount >= 0 else -whole


class TiePolicy(LabelledEnum):
    """What happens when the quota line falls inside a group of targets sharing a rank.

    ``ALL_IN`` 并列全部入围: the whole group is in, and the quota is exceeded by the tie;
    ``ALL_OUT`` 并列全部不入围: the whole group is out, and places stay unfilled;
    ``REFER`` 报请裁定: neither; the group is left undecided, named, for the body that rules
    (:attr:`Shortlist.undecided`; :meth:`Ranking.top` refuses with :class:`TieAtQuota`).

    Targets a tie-break separated do not share a rank and are never a tie here.

    >>> TiePolicy.parse("并列全部入围") is TiePolicy.ALL_IN
    True
    """

    ALL_IN = "all_in", "并列全部入围"
    ALL_OUT = "all_out", "并列全部不入围"
    REFER = "refer", "报请裁定"

    @classmethod
    def parse(cls, value: object) -> TiePolicy:
        """The member named by ``value``: a member, its value, its name or its Chinese label."""
        return _parse(cls, value, "tie_policy")


class TieAtQuota(InvalidArgument):
    """A group sharing a rank crosses the quota line, and no policy settles it.

    Raised when no :class:`TiePolicy` was chosen, or by :meth:`Ranking.top` under
    ``TiePolicy.REFER`` (报请裁定).  ``tied`` names the targets of the group, ``rank`` their
    shared rank, ``places`` the quota in places and ``seats`` how many of them are left for the
    group; ``accepted`` lists the policies that would settle it.  The message is Chinese.
    """

    code = "tie-at-quota"

    def __init__(
        self,
        *,
        tied: Sequence[str],
        rank: int,
        places: int,
        seats: int,
        policy: TiePolicy | None,
    ) -> None:
        self.tied = tuple(tied)
        self.rank = rank
        self.places = places
        self.seats = seats
        self.policy = policy
        deciding = (TiePolicy.ALL_IN, TiePolicy.ALL_OUT)
        self.accepted = deciding if policy is TiePolicy.REFER else tuple(TiePolicy)
        choices = "、".join(f"{p.label}（TiePolicy.{p.name}）" for p in self.accepted)
        line = (
            f"并列第{rank}名的{len(self.tied)}个单位（{'、'.join(self.tied)}）跨越名额线："
            f"名额{places}名，排在其前的已占{places - seats}名，余下{seats}名"
        )
        if policy is TiePolicy.REFER:
            message = (
                f"报请裁定：{line}；裁定后以{choices}重新确定，"
                "或用 Ranking.shortlist() 取得已入围与待裁定的名单"
            )
        else:
            message = f"{line}；未规定名额线上并列的处理办法，请写明 tie_policy：{choices}"
        self.name = "tie_policy"
        english = (
            f"{len(self.tied)} targets sharing rank {rank} ({', '.join(self.tied)}) cross the "
            f"quota line of {places} places, {seats} of them left for the group; "
            + (
                "refer it for a ruling, then settle it with ALL_IN or ALL_OUT"
                if policy is TiePolicy.REFER
                else "no tie policy settles it: give tie_policy"
            )
        )
        # The message says more than InvalidArgument's frame would: skip that frame.
        XingfengError.__init__(self, message, value=policy, expected=choices, english=english)


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


def _places_field(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: ``None`` or a whole number of places, 0 or more."""
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidArgument(attribute.name, value, "不小于0的整数名额（int >= 0；名额不能为负）")


def _share_field(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: ``None`` or an exact share from 0 to 1."""
    if value is None:
        return
    if not isinstance(value, Fraction) or not 0 <= value <= 1:
        raise InvalidArgument(
            attribute.name,
            value,
            "0到1之间的精确比例，如 Fraction(3, 10) 或 Decimal('0.3')（不接受浮点数）",
        )


def _to_rounding(value: object) -> QuotaRounding | None:
    return None if value is None else QuotaRounding.parse(value)


def _to_tie_policy(value: object) -> TiePolicy | None:
    return None if value is None else TiePolicy.parse(value)


def _percent(share: Fraction) -> str:
    """``30%``, ``12.5%`` or ``100/3%``: a decimal when the percentage is one."""
    percent = share * 100
    exact = terminating(percent)
    if exact is None:
        return f"{percent}%"
    with library_context():
        return f"{exact.normalize():f}%"


@attrs.frozen(kw_only=True)
class QuotaRule:
    """名额: how many of the ranked targets are let in, as the published scheme states it.

    Give ``count`` (a fixed number: 名额5名) or ``share`` (a part of the ranked targets:
    前30%) with the ``rounding`` the scheme states (:class:`QuotaRounding`; no default: a
    share without its rounding is refused).  ``at_least`` / ``at_most`` (至少N名 / 至多N名)
    hold a share's places between two whole numbers.  ``tie_policy`` says what happens when
    the quota line falls inside a group sharing a rank (:class:`TiePolicy`); without it such a
    tie is refused (:class:`TieAtQuota`).  Enums may be given by their Chinese labels.

    Checked when built: a count or a share but not both, a share from 0 to 1 and exact, no
    negative number, ``at_least`` not above ``at_most``, and rounding and clamps only with a
    share (:class:`InvalidDefinition` lists every defect).

    >>> rule = QuotaRule(share=Fraction(1, 3), rounding="向上取整", at_most=5)
    >>> [rule.places(n) for n in (0, 1, 3, 4, 22)]
    [0, 1, 1, 2, 5]
    >>> rule.label
    '名额为参评单位的100/3%（向上取整），至多5名'
    """

    count: int | None = attrs.field(default=None, validator=_places_field)
    share: Fraction | None = attrs.field(
        default=None, converter=to_fraction, validator=_share_field
    )
    rounding: QuotaRounding | None = attrs.field(default=None, converter=_to_rounding)
    at_least: int | None = attrs.field(default=None, validator=_places_field)
    at_most: int | None = attrs.field(default=None, validator=_places_field)
    tie_policy: TiePolicy | None = attrs.field(default=None, converter=_to_tie_policy)

    def __attrs_post_init__(self) -> None:
        defects: list[Defect] = []
        if (self.count is None) == (self.share is None):
            defects.append(
                Defect(
                    "名额须给出人数（count=5）或比例（share=Fraction(3, 10)），二者只取其一",
                    (self.count, self.share),
                )
            )
        if self.share is not None and self.rounding is None:
            choices = "、".join(f"{r.label}（QuotaRounding.{r.name}）" for r in QuotaRounding)
            defects.append(Defect(f"按比例的名额须写明取整办法 rounding：{choices}", (self.share,)))
        if self.count is not None:
            for name, value in (
                ("rounding", self.rounding),
                ("at_least", self.at_least),
                ("at_most", self.at_most),
            ):
                if value is not None:
                    defects.append(
                        Defect(
                            f"固定人数的名额（{shown_str(self.count)}名）不设 {name}："
                            "它只用于按比例的名额"
                        )
                    )
        if self.at_least is not None and self.at_most is not None and self.at_least > self.at_most:
            defects.append(
                Defect(
                    f"至少{shown_str(self.at_least)}名多于至多{shown_str(self.at_most)}名："
                    "at_least 不能大于 at_most",
                    (self.at_least, self.at_most),
                )
            )
        if defects:
            raise InvalidDefinition("名额规则", defects, english="quota rule")

    def places(self, size: int) -> int:
        """The places for ``size`` ranked targets: the count, or the share of ``size`` rounded by
        the rule and held between ``at_least`` and ``at_most``; never more than ``size``."""
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise InvalidArgument("size", size, "不小于0的整数（参评单位数）")
        if self.count is not None:
            return min(self.count, size)
        assert self.share is not None
        assert self.rounding is not None
        places = self.rounding.apply(self.share * size)
        if self.at_least is not None:
            places = max(places, self.at_least)
        if self.at_most is not None:
            places = min(places, self.at_most)
        return min(places, size)

    @property
    def label(self) -> str:
        """The rule as a scheme writes it, e.g. ``名额为参评单位的30%（向下取整），至少1名``."""
        if self.count is not None:
            parts = [f"名额{self.count}名"]
        else:
            assert self.share is not None
            assert self.rounding is not None
            parts = [f"名额为参评单位的{_percent(self.share)}（{self.rounding.label}）"]
            if self.at_least is not None:
                parts.append(f"至少{self.at_least}名")
            if self.at_most is not None:
                parts.append(f"至多{self.at_most}名")
        text = "，".join(parts)
        if self.tie_policy is not None:
            text += f"；名额线上并列的，{self.tie_policy.label}"
        return text


@attrs.frozen(kw_only=True)
class Shortlist:
    """入围名单: the places a :class:`QuotaRule` lets in, in rank order.

    ``size`` is the number of ranked targets and ``places`` the quota in places for that
    size.  ``tied`` is the group sharing a rank that the quota line fell in (empty when it
    fell between two ranks), whatever became of it; ``undecided`` is that group when the rule
    refers it for a ruling (报请裁定), empty otherwise.  ``chosen`` holds ``places`` targets
    exactly, unless the line fell in a tie: then more (并列全部入围) or fewer (并列全部不入围,
    报请裁定).
    """

    rule: QuotaRule = attrs.field(validator=instance_of(QuotaRule))
    size: int = attrs.field(validator=int_at_least(1))
    places: int = attrs.field(validator=int_at_least(0))
    chosen: tuple[Placing, ...] = attrs.field(converter=to_tuple, validator=items_of(Placing))
    tied: tuple[Placing, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of(Placing)
    )
    undecided: tuple[Placing, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of(Placing)
    )

    def __attrs_post_init__(self) -> None:
        defects: list[Defect] = []
        if self.places > self.size:
            defects.append(Defect(f"名额{self.places}名多于参评单位{self.size}个"))
        if len(self.chosen) + len(self.undecided) > self.size:
            defects.append(Defect("入围与待裁定的单位多于参评单位"))
        if self.undecided and self.undecided != self.tied:
            defects.append(Defect("待裁定的单位应是名额线上并列的那一组"))
        if self.undecided and self.rule.tie_policy is not TiePolicy.REFER:
            defects.append(Defect("只有报请裁定（TiePolicy.REFER）的名额规则留下待裁定的单位"))
        if not self.tied and len(self.chosen) != self.places:
            defects.append(
                Defect(f"名额线上没有并列，入围应为{self.places}名，而不是{len(self.chosen)}名")
            )
        if defects:
            raise InvalidDefinition("入围名单", defects, english="shortlist")

    @property
    def targets(self) -> tuple[str, ...]:
        """The ids of the chosen targets, in rank order."""
        return tuple(p.target for p in self.chosen)

    @property
    def decided(self) -> bool:
        """Whether nothing is left for a ruling (报请裁定)."""
        return not self.undecided


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
            raise InvalidDefinition("排名", defects, english="ranking")
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

    def shortlist(self, rule: QuotaRule | int) -> Shortlist:
        """The places ``rule`` lets in (an int ``n`` is ``QuotaRule(count=n)``), best first.

        The quota in places is ``rule.places(len(self))``.  When the line falls between two
        ranks, exactly that many are in.  When it falls inside a group sharing a rank, the
        rule's :class:`TiePolicy` decides: the whole group in, the whole group out, or the
        group left ``undecided`` (报请裁定); a rule without a policy raises
        :class:`TieAtQuota`, naming the group.  Vetoed targets rank last, so a quota reaches
        them only after every other target.

        >>> r = rank({"甲": 92, "乙": 88, "丙": 88, "丁": 80})
        >>> s = r.shortlist(QuotaRule(count=2, tie_policy=TiePolicy.REFER))
        >>> s.targets, [p.target for p in s.undecided], s.decided
        (('甲',), ['丙', '乙'], False)
        """
        if isinstance(rule, int) and not isinstance(rule, bool):
            rule = QuotaRule(count=rule)
        if not isinstance(rule, QuotaRule):
            raise InvalidArgument(
                "rule",
                rule,
                "QuotaRule（名额规则），或整数个名额",
                english="a QuotaRule, or an int number of places",
            )
        places, size = self.places, len(self.places)
        quota = rule.places(size)
        if quota in (0, size) or places[quota - 1].rank != places[quota].rank:
            return Shortlist(rule=rule, size=size, places=quota, chosen=places[:quota])
        shared = places[quota].rank
        start = next(i for i, p in enumerate(places) if p.rank == shared)
        end = next((i for i in range(quota, size) if places[i].rank != shared), size)
        tied = places[start:end]
        if rule.tie_policy is None:
            raise TieAtQuota(
                tied=[p.target for p in tied],
                rank=shared,
                places=quota,
                seats=quota - start,
                policy=None,
            )
        if rule.tie_policy is TiePolicy.ALL_IN:
            return Shortlist(rule=rule, size=size, places=quota, chosen=places[:end], tied=tied)
        undecided = tied if rule.tie_policy is TiePolicy.REFER else ()
        return Shortlist(
            rule=rule,
            size=size,
            places=quota,
            chosen=places[:start],
            tied=tied,
            undecided=undecided,
        )

    def top(self, n: int, *, tie_policy: TiePolicy | str | None = None) -> tuple[Placing, ...]:
        """前n名: the first ``n`` places, a quota of ``n``.

        A group sharing a rank that the line falls in needs ``tie_policy``: ``ALL_IN`` gives
        more than ``n`` places, ``ALL_OUT`` fewer; without a policy, or under ``REFER``,
        :class:`TieAtQuota` names the group (use :meth:`shortlist` for the undecided state).
        A ranking numbers its places by ``ties``; ``top`` counts places, whatever the numbers.
        """
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise InvalidArgument("n", n, "不小于 0 的整数", english="an int >= 0")
        chosen = self.shortlist(QuotaRule(count=n, tie_policy=tie_policy))
        if chosen.undecided:
            raise TieAtQuota(
                tied=[p.target for p in chosen.undecided],
                rank=chosen.undecided[0].rank,
                places=chosen.places,
                seats=chosen.places - len(chosen.chosen),
                policy=TiePolicy.REFER,
            )
        return chosen.chosen

    def last(
        self, *, below: Number | None = None, at_most: Number | None = None
    ) -> tuple[Placing, ...]:
        """末位: the last-ranked places, among those scoring under a bound if one is given.

        ``below`` is strict (低于75分 / 不满75分: 75 itself is not under it); ``at_most`` is
        inclusive (75分及以下: 75 is).  Give at most one.  Every place sharing that last rank
        is returned (a tie for last is last for all); an empty tuple when no target scores
        under the bound.  Vetoed targets take part: they are ranked last.

        >>> r = rank({"甲": 80, "乙": 72, "丙": 70, "丁": 70})
        >>> [p.target for p in r.last(below=75)], r.last(below=70)
        (['丁', '丙'], ())
        >>> [p.target for p in r.last(at_most=70)], [p.target for p in r.last(at_most=72)]
        (['丁', '丙'], ['丁', '丙'])
        """
        if below is not None and at_most is not None:
            raise InvalidArgument(
                "at_most",
                at_most,
                "None（已给出 below=）：二者给出其一，below=75（低于75分，不含75）或 "
                "at_most=75（75分及以下，含75）",
                english=(
                    "None when below= is given: one bound, below=75（低于75分，不含75）"
                    "或 at_most=75（75分及以下，含75）"
                ),
            )
        pool = self.places
        if below is not None:
            bound = exact("below", below)
            pool = tuple(p for p in pool if p.score < bound)
        elif at_most is not None:
            bound = exact("at_most", at_most)
            pool = tuple(p for p in pool if p.score <= bound)
        if not pool:
            return ()
        worst = pool[-1].rank
        return tuple(p for p in pool if p.rank == worst)


def _defects(places: tuple[Placing, ...], ties: Ties, lower_is_better: bool) -> list[Defect]:
    defects: list[Defect] = []
    if not places:
        return [Defect("排名至少要有一个名次", english="a ranking needs at least one place")]
    seen: set[str] = set()
    for p in places:
        if p.target in seen:
            defects.append(
                Defect(
                    f"测评对象 {p.target!r} 排了不止一次",
                    (p.target,),
                    english=f"target {p.target!r} is placed more than once",
                )
            )
        seen.add(p.target)
    if places[0].rank != 1:
        defects.append(
            Defect(
                f"第一位的名次是 {places[0].rank}，而不是 1",
                (places[0],),
                english=f"the first place has rank {places[0].rank}, not 1",
            )
        )
    for earlier, later in pairwise(places):
        if earlier.vetoed and not later.vetoed:
            defects.append(
                Defect(
                    f"被一票否决的 {earlier.target!r} 排在未被否决的 {later.target!r} "
                    "之前（被否决的对象排在其他对象之后）",
                    (earlier.target, later.target),
                    english=(
                        f"vetoed {earlier.target!r} is placed before {later.target!r}, which is "
                        "not "
                        "vetoed (a vetoed target ranks after every other)"
                    ),
                )
            )
    for part in (tuple(p for p in places if not p.vetoed), tuple(p for p in places if p.vetoed)):
        if not _ordered(part, lower_is_better):
            best = "lowest" if lower_is_better else "highest"
            best_zh = "低" if lower_is_better else "高"
            defects.append(
                Defect(
                    f"得分未按顺序排列（应{best_zh}分在前）",
                    tuple(p.target for p in part),
                    english=f"scores are not in order, {best} first",
                )
            )
    distinct = 1
    for position, (earlier, later) in enumerate(pairwise(places), start=2):
        same = earlier.score == later.score and earlier.vetoed == later.vetoed
        if later.rank == earlier.rank:
            if not same or later.broken_by is not None:
                defects.append(
                    Defect(
                        f"{earlier.target!r} 与 {later.target!r} 结果不同，却同列第 {later.rank} "
                        "名",
                        (earlier.target, later.target),
                        english=(
                            f"{earlier.target!r} and {later.target!r} share rank {later.rank} "
                            "without an equal result"
                        ),
                    )
                )
            elif later.target < earlier.target:
                defects.append(
                    Defect(
                        f"{earlier.target!r} 与 {later.target!r} 同列第 {later.rank} 名，"
                        "但未按编号排列",
                        (earlier.target, later.target),
                        english=(
                            f"{earlier.target!r} and {later.target!r} share rank {later.rank} but "
                            "are "
                            "not listed by id"
                        ),
                    )
                )
            continue
        distinct += 1
        expected = position if ties is Ties.SHARED else distinct
        if later.rank != expected:
            defects.append(
                Defect(
                    f"{later.target!r} 的名次是 {later.rank}；按 {ties.name} 的并列办法应为 "
                    f"{expected}",
                    (later.target,),
                    english=(
                        f"{later.target!r} has rank {later.rank}; by {ties.name} ties it would be "
                        f"{expected}"
                    ),
                )
            )
        if same and later.broken_by is None:
            defects.append(
                Defect(
                    f"{earlier.target!r} 与 {later.target!r} 得分相同，名次不同，"
                    "却没有并列时的比较办法",
                    (earlier.target, later.target),
                    english=(
                        f"{earlier.target!r} and {later.target!r} have equal scores but different "
                        "ranks and no tie-break"
                    ),
                )
            )
        if not same and later.broken_by is not None:
            defects.append(
                Defect(
                    f"{later.target!r} 注明按 {later.broken_by!r} 分先后，但它的得分与 "
                    f"{earlier.target!r} 不同",
                    (later.target,),
                    english=(
                        f"{later.target!r} names tie-break {later.broken_by!r} but its score "
                        "differs "
                        f"from {earlier.target!r}'s"
                    ),
                )
            )
    return defects


def _targets(scores: object) -> tuple[dict[str, Fraction], frozenset[str]]:
    """Exact scores by target, and the targets whose :class:`~xingfeng.Score` was vetoed."""
    if not isinstance(scores, Mapping) or not scores:
        raise InvalidArgument(
            "scores",
            scores,
            "测评对象编号到精确得分的非空映射",
            english="a non-empty mapping of target ids to exact scores",
        )
    exact_scores: dict[str, Fraction] = {}
    vetoed: set[str] = set()
    for target, score in scores.items():
        if not isinstance(target, str) or not target.strip():
            raise InvalidArgument(
                "scores",
                target,
                "每个测评对象编号都是非空文字",
                english="a non-empty string as each target id",
            )
        if isinstance(score, Score):
            exact_scores[target] = score.value
            if score.vetoed:
                vetoed.add(target)
        else:
            exact_scores[target] = exact(f"scores[{target!r}]", score)
    return exact_scores, frozenset(vetoed)


def _vetoed(vetoed: object, targets: Mapping[str, object]) -> frozenset[str]:
    if isinstance(vetoed, str | bytes | Mapping) or not isinstance(vetoed, Collection):
        raise InvalidArgument(
            "vetoed",
            vetoed,
            "测评对象编号的集合（不是字符串）",
            english="a collection of target ids (not a string)",
        )
    for target in vetoed:
        if not isinstance(target, str) or target not in targets:
            raise InvalidArgument(
                "vetoed", target, "参加排名的测评对象的编号", english="ids among the ranked targets"
            )
    return frozenset(vetoed)


def _tie_breaks(tie_breaks: object, targets: Mapping[str, object]) -> tuple[TieBreak, ...]:
    if isinstance(tie_breaks, str | bytes | Mapping) or not isinstance(tie_breaks, Sequence):
        raise InvalidArgument(
            "tie_breaks",
            tie_breaks,
            "按先后排列的 TieBreak（并列时的比较办法）序列",
            english="a sequence of TieBreak, in order",
        )
    for criterion in tie_breaks:
        if not isinstance(criterion, TieBreak):
            raise InvalidArgument(
                "tie_breaks",
                criterion,
                "每一项都是 TieBreak（并列时的比较办法）",
                english="a TieBreak in each place",
            )
        missing = sorted(t for t in targets if t not in criterion.values)
        if missing:
            raise InvalidArgument(
                f"tie_breaks[{criterion.name!r}]",
                missing[0],
                f"每个参加排名的对象都有取值（缺 {len(missing)} 个：{missing[:5]}）",
                english=f"a value for every ranked target ({len(missing)} missing: {missing[:5]})",
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
        raise InvalidArgument(
            "ties", ties, "Ties.SHARED 或 Ties.DENSE", english="Ties.SHARED or Ties.DENSE"
        )
    if not isinstance(lower_is_better, bool):
        raise InvalidArgument(
            "lower_is_better", lower_is_better, "True 或 False", english="True or False"
        )
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
        raise InvalidArgument(
            "classes",
            classes,
            "测评对象编号到类别名称的映射",
            english="a mapping of target ids to class names",
        )
    for target in sorted(exact_scores):
        name = classes.get(target)
        if not isinstance(name, str) or not name.strip():
            raise InvalidArgument(
                f"classes[{target!r}]",
                name,
                "每个有得分的对象都有非空的类别名称",
                english="a non-empty class name for every scored target",
            )
    for target in classes:
        if target not in exact_scores:
            raise InvalidArgument(
                "classes", target, "有得分的测评对象的编号", english="ids among the scored targets"
            )
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
