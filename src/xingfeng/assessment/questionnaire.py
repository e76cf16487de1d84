"""Questionnaires and ballots (测评问卷、评议票): who answers, on what, with which verdicts.

A questionnaire names its items (测评项目), its verdict options, best first, and the
respondent groups it is sent to (服务对象, 行风监督员, 社会各界 …).  A ballot is one
respondent's answers about one appraisal target: one verdict per item, in the
questionnaire's order.  Every item is answered; a respondent who cannot judge picks an
option such as 不了解, which a scheme then counts as returned but never scores.

>>> q = Questionnaire(
...     name="行风评议问卷",
...     items=("总体评价",),
...     options=FOUR_OPTIONS,
...     groups=("服务对象", "行风监督员", "社会各界"),
... )
>>> q.ballot("市供电公司", "服务对象", 总体评价="满意")
Ballot(target='市供电公司', group='服务对象', verdicts=('满意',))
"""

from __future__ import annotations

from typing import Any

import attrs

from xingfeng._checks import text, texts, to_tuple
from xingfeng.exceptions import Defect, InvalidArgument, InvalidDefinition

__all__ = ["FIVE_OPTIONS", "FOUR_OPTIONS", "THREE_OPTIONS", "Ballot", "Questionnaire"]

#: The three-verdict form: 满意 / 基本满意 / 不满意.
THREE_OPTIONS = ("满意", "基本满意", "不满意")
#: The four-option form adds 不了解, for respondents who cannot judge.
FOUR_OPTIONS = ("满意", "基本满意", "不满意", "不了解")
#: The five-option form: 满意 / 比较满意 / 一般 / 不满意, and 不了解.
FIVE_OPTIONS = ("满意", "比较满意", "一般", "不满意", "不了解")


def _unique_texts(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    texts(_instance, attribute, value)
    if not value:
        raise InvalidArgument(attribute.name, value, "至少一项", english="at least one entry")
    seen: set[str] = set()
    for item in value:  # type: ignore[attr-defined]
        if item in seen:
            raise InvalidArgument(
                attribute.name,
                value,
                f"不重复的各项（{item!r} 重复）",
                english=f"entries without repeats ({item!r})",
            )
        seen.add(item)


@attrs.frozen(kw_only=True)
class Questionnaire:
    """Items, verdict options (best first) and respondent groups of one survey."""

    name: str = attrs.field(validator=text)
    items: tuple[str, ...] = attrs.field(converter=to_tuple, validator=_unique_texts)
    options: tuple[str, ...] = attrs.field(converter=to_tuple, validator=_unique_texts)
    groups: tuple[str, ...] = attrs.field(converter=to_tuple, validator=_unique_texts)

    def __attrs_post_init__(self) -> None:
        if len(self.options) < 2:
            raise InvalidDefinition(
                f"问卷 {self.name!r}",
                [
                    Defect(
                        f"选项 {self.options!r}：评价至少要有两个选项可选",
                        english=(
                            f"options {self.options!r}: a verdict needs at least two options "
                            "to choose from"
                        ),
                    )
                ],
                english=f"questionnaire {self.name!r}",
            )

    def ballot(self, target: str, group: str, **answers: str) -> Ballot:
        """A checked ballot: ``answers`` gives the verdict for every item, by item name."""
        missing = [item for item in self.items if item not in answers]
        unknown = sorted(set(answers) - set(self.items))
        if missing or unknown:
            raise InvalidArgument(
                "answers",
                answers,
                f"对各项目 {list(self.items)} 各有一个评价",
                english=f"one verdict for each of the items {list(self.items)}",
            )
        ballot = Ballot(
            target=target, group=group, verdicts=tuple(answers[item] for item in self.items)
        )
        self.check_row(ballot.row)
        return ballot

    def check_row(self, row: object) -> tuple[str, ...]:
        """Return ``row`` if it is ``(target, group, verdict per item …)`` for this survey."""
        if not isinstance(row, tuple) or len(row) != 2 + len(self.items):
            raise InvalidArgument(
                "row",
                row,
                f"由评价组成的元组 (target, group, {', '.join(self.items)})",
                english=f"a tuple (target, group, {', '.join(self.items)}) of verdicts",
            )
        target, group, *verdicts = row
        if not isinstance(target, str) or not target.strip():
            raise InvalidArgument("target", target, "非空文字", english="a non-empty string")
        if group not in self.groups:
            raise InvalidArgument(
                "group",
                group,
                f"以下组别之一：{list(self.groups)}",
                english=f"one of the groups {list(self.groups)}",
            )
        for item, verdict in zip(self.items, verdicts, strict=True):
            if verdict not in self.options:
                raise InvalidArgument(
                    f"verdict on {item}",
                    verdict,
                    f"以下选项之一：{list(self.options)}",
                    english=f"one of the options {list(self.options)}",
                )
        return row


@attrs.frozen(kw_only=True)
class Ballot:
    """One respondent's verdicts on one target, in the questionnaire's item order.

    Build ballots with :meth:`Questionnaire.ballot`, which checks them against the survey.
    """

    target: str = attrs.field(validator=text)
    group: str = attrs.field(validator=text)
    verdicts: tuple[str, ...] = attrs.field(converter=to_tuple, validator=texts)

    @property
    def row(self) -> tuple[str, ...]:
        """The ballot as a row ``(target, group, verdict …)``, the shape tallies count."""
        return (self.target, self.group, *self.verdicts)
