"""The closed loop inside a campaign: 问题 → 措施 → 督查 → 回音 → 销号.

:class:`Rectification` holds the state of the loop: opinions received and merged into
problems (归类), problems and their lifecycle, measures and their extensions, verification,
answers to every source and the complainants' satisfaction.  The campaign owns one and sends
it the loop's events; as everywhere in a campaign, each event is checked completely before
anything changes, and the state is the fold of the events.

The rules it enforces (R7, R9, R10):

- a problem moves recorded → assigned → rectifying → rectified → verified → closed, and is
  reopened from verified or closed; any other move is :class:`~xingfeng.TransitionRefused`,
  naming both states;
- a problem is rectified when its last measure is done, and verified only by someone who
  owns none of its measures;
- it closes only when every external source merged into it has its answer and every
  complainant among them is satisfied; an unsatisfied complainant reopens a verified or
  closed problem;
- evidence that completed a measure of one problem cannot complete a measure of another
  (纸面销号);
- an extension is requested by the owner before the deadline and approved by the owner's
  superior in the chain, also before the deadline.

Deadlines are counted with the calendar in force (the plan's, until a newer one is adopted).
One that runs into a year the calendar has no schedule for is provisional (:class:`Deadline`):
counted Monday to Friday, marked wherever it is shown, and recounted by :meth:`Rectification.
redated` when a calendar that knows the year is adopted.  Every computation that can fail,
deadlines included, happens in the ``check_*`` methods; the ``apply_*`` methods cannot fail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, Generic, NamedTuple, Protocol, TypeVar

import attrs

from xingfeng._checks import is_plain_date, is_text, local_date, next_day_start, require_text
from xingfeng.calendar import Deadline, TimeLimit, WorkCalendar
from xingfeng.exceptions import (
    CommandRefused,
    InvalidArgument,
    TransitionRefused,
    UnknownReference,
    XingfengError,
)
from xingfeng.obligations import ExtensionRule, Verdict
from xingfeng.organization.responsibility import ResponsibilityChain
from xingfeng.rectification.answers import AnswerPolicy, DueItem
from xingfeng.rectification.categories import Taxonomy
from xingfeng.rectification.events import (
    ExtensionApproved,
    ExtensionRequested,
    MeasureAdded,
    MeasureCompleted,
    MeasureExtended,
    OpinionAnswered,
    OpinionReceived,
    OpinionsMerged,
    OpinionVerdictGiven,
    ProblemAssigned,
    ProblemClosed,
    ProblemRecorded,
    ProblemReopened,
    ProblemVerified,
    SatisfactionRecorded,
)
from xingfeng.rectification.measures import Measure, MeasureKind
from xingfeng.rectification.problems import Difficulty, Problem, ProblemState, Severity, Urgency
from xingfeng.rectification.sources import AnswerMode, Opinion

__all__ = ["Handler", "LoopSettings", "Rectification"]

S = ProblemState
#: The states a problem may be in for it to move to each state.
ALLOWED_FROM: dict[ProblemState, frozenset[ProblemState]] = {
    S.ASSIGNED: frozenset({S.RECORDED, S.ASSIGNED, S.REOPENED}),
    S.RECTIFYING: frozenset({S.ASSIGNED, S.RECTIFYING, S.RECTIFIED, S.REOPENED}),
    S.RECTIFIED: frozenset({S.RECTIFYING}),
    S.VERIFIED: frozenset({S.RECTIFIED}),
    S.CLOSED: frozenset({S.VERIFIED}),
    S.REOPENED: frozenset({S.VERIFIED, S.CLOSED}),
}


#: The field of the stored value that holds its id, for :meth:`Rectification.same_id`.
_ID_FIELD = {"problem": "problem", "measure": "measure", "opinion": "id"}


def refuse(
    command: str,
    reason: str,
    value: object = None,
    *,
    expected: str = "",
    code: str | None = None,
    english: str | None = None,
) -> CommandRefused:
    """A :class:`CommandRefused` for ``command``: ``reason`` in Chinese, ``expected`` what
    would be accepted, ``code`` the specific code and ``english`` the reason in English."""
    return CommandRefused(command, reason, value, expected=expected, code=code, english=english)


def require_texts(command: str, event: object, names: tuple[str, ...]) -> None:
    """:func:`require_text` for each of the fields ``names`` of ``event``, in one call."""
    for name in names:  # the check inlined: this runs for every event of a replay
        value = getattr(event, name)
        if not (type(value) is str and value and not value.isspace()):
            require_text(command, name, value)


class LoopSettings(Protocol):
    """What the loop needs from the plan it runs under (a :class:`~xingfeng.CampaignPlan`
    has it): the calendar deadlines start with, the chain owners and actors come from, the
    taxonomy categories come from, the answer policy and the organiser."""

    @property
    def calendar(self) -> WorkCalendar: ...  # pragma: no cover - a protocol

    @property
    def chain(self) -> ResponsibilityChain | None: ...  # pragma: no cover

    @property
    def taxonomy(self) -> Taxonomy | None: ...  # pragma: no cover

    @property
    def answers(self) -> AnswerPolicy: ...  # pragma: no cover

    @property
    def organiser(self) -> str: ...  # pragma: no cover

    @property
    def extensions(self) -> ExtensionRule | None: ...  # pragma: no cover


class Handler(NamedTuple):
    """How an aggregate handles one event type: the command that records it, the check
    that refuses it (and computes what may fail), and the apply that cannot fail."""

    command: str
    check: Callable[..., None]
    apply: Callable[..., None]


K = TypeVar("K")
V = TypeVar("V")


class View(Mapping[K, V], Generic[K, V]):
    """A read-only mapping that makes each value from what is stored when it is read."""

    __slots__ = ("_make", "_source")

    def __init__(self, source: Mapping[K, Any], make: Callable[[Any], V]) -> None:
        self._source = source
        self._make = make

    def __getitem__(self, key: K) -> V:
        return self._make(self._source[key])

    def __iter__(self) -> Iterator[K]:
        return iter(self._source)

    def __len__(self) -> int:
        return len(self._source)


class Rectification:
    """The loop's state; the campaign sends it the loop's events (see the module docstring).

    Its owner reads it only through the public queries below (read-only views out) and
    builds it from a :class:`LoopSettings` (settings in).
    """

    __slots__ = (
        "_answer_due",
        "_answers",
        "_calendar",
        "_completed",
        "_evidence",
        "_extended",
        "_extensions_used",
        "_extra_opinions",
        "_holders",
        "_last_complaint",
        "_measures",
        "_measures_of",
        "_merged_into",
        "_opinions",
        "_owners",
        "_plan",
        "_prepared",
        "_problems",
        "_provisional_answers",
        "_provisional_measures",
        "_repeated",
        "_requests",
        "_satisfied",
        "_states",
        "_verdicts",
    )

    def __init__(self, plan: LoopSettings) -> None:
        self._plan = plan
        self._calendar: WorkCalendar = plan.calendar  # the calendar in force
        # What a check computed for the apply that follows it (a deadline); never kept.
        self._prepared: Deadline | None = None
        self._provisional_answers: set[str] = set()
        # Provisional measure deadlines, with what they were counted from: (start, limit).
        self._provisional_measures: dict[str, tuple[datetime, TimeLimit]] = {}
        self._opinions: dict[str, Opinion] = {}
        self._answer_due: dict[str, date] = {}
        self._merged_into: dict[str, str] = {}
        self._extra_opinions: dict[str, tuple[str, ...]] = {}  # merged after recording
        self._answers: dict[str, OpinionAnswered] = {}
        self._satisfied: dict[str, bool] = {}
        self._repeated: dict[str, str] = {}  # repeated complaint → the earlier one
        self._last_complaint: dict[tuple[str, str, str | None], tuple[str, date]] = {}
        self._problems: dict[str, ProblemRecorded] = {}
        self._states: dict[str, ProblemState] = {}
        self._owners: dict[str, str] = {}  # assignments after recording only
        self._measures: dict[str, MeasureAdded] = {}
        self._measures_of: dict[str, list[str]] = {}
        self._completed: dict[str, MeasureCompleted] = {}
        self._evidence: dict[str, str] = {}  # evidence → the problem it completed
        self._requests: dict[str, ExtensionRequested] = {}
        self._extended: dict[str, date] = {}
        self._extensions_used: dict[str, int] = {}
        self._verdicts: dict[str, Verdict] = {}
        chain = plan.chain
        self._holders = frozenset(chain.holders) if chain is not None else None

    # ---- helpers

    def _day(self, at: datetime, command: str) -> date:
        try:
            return local_date(at, self._calendar.zone)
        except Exception as error:
            raise refuse(
                command,
                error.message if isinstance(error, XingfengError) else str(error),
                at,
                code="command-refused.invalid",
            ) from None

    def owner_of(self, problem: str) -> str | None:
        """Who ``problem`` is assigned to, if anyone."""
        return self._owners.get(problem) or self._problems[problem].owner

    def same_id(self, kind: str, key: str) -> str:
        """The stored id string equal to ``key`` (of a ``"problem"``, ``"measure"`` or
        ``"opinion"``), or ``key`` itself when none is stored.

        Commands use it so that the events of one problem share one id string instead of
        each holding a copy: at a million problems that is hundreds of megabytes.
        """
        table: dict[str, Any] = (
            self._problems
            if kind == "problem"
            else self._measures
            if kind == "measure"
            else self._opinions
        )
        try:
            stored = table.get(key)
        except TypeError:  # an unhashable id: the command's check refuses it by name
            return key
        if stored is None:
            return key
        found: str = getattr(stored, _ID_FIELD[kind])
        return found

    def _problem_event(self, command: str, problem: object) -> ProblemRecorded:
        found = self._problems.get(problem) if isinstance(problem, str) else None
        if found is None:
            raise refuse(
                command,
                f"没有问题 {problem!r}：须先登记",
                problem,
                code="command-refused.unknown",
                english=f"unknown problem {problem!r}; record it first",
            )
        return found

    def _measure_event(self, command: str, measure: object) -> MeasureAdded:
        found = self._measures.get(measure) if isinstance(measure, str) else None
        if found is None:
            raise refuse(
                command,
                f"没有措施 {measure!r}",
                measure,
                code="command-refused.unknown",
                english=f"unknown measure {measure!r}",
            )
        return found

    def _opinion(self, command: str, opinion: object) -> Opinion:
        found = self._opinions.get(opinion) if isinstance(opinion, str) else None
        if found is None:
            raise refuse(
                command,
                f"没有意见 {opinion!r}：须先收录",
                opinion,
                code="command-refused.unknown",
                english=f"unknown opinion {opinion!r}; receive it first",
            )
        return found

    def _move(self, command: str, problem: str, to: ProblemState) -> None:
        current = self._states[problem]
        if current not in ALLOWED_FROM[to]:
            raise TransitionRefused(command, problem, current, to, allowed=ALLOWED_FROM[to])

    def _is_holder(self, person: str) -> bool:
        return self._holders is None or person in self._holders

    def _check_unit(self, command: str, unit: object) -> None:
        if not is_text(unit):
            require_text(command, "unit", unit)
        chain = self._plan.chain
        if chain is not None and not chain.organization.has_unit(unit):  # type: ignore[arg-type]
            raise refuse(
                command,
                f"组织机构中没有单位 {unit!r}",
                unit,
                code="command-refused.unknown",
                english=f"unit {unit!r} is not a unit of the organisation",
            )

    def _check_category(self, command: str, category: object) -> None:
        if category is None:
            return
        require_text(command, "category", category)
        taxonomy = self._plan.taxonomy
        if taxonomy is None:
            return
        try:
            taxonomy.category(category)  # type: ignore[arg-type]
        except UnknownReference:
            raise refuse(
                command,
                f"问题分类 {taxonomy.name!r} 中没有类别 {category!r}",
                category,
                code="command-refused.unknown",
                english=f"category {category!r} is not in taxonomy {taxonomy.name!r}",
            ) from None

    # ---- intake

    def check_opinion(self, e: OpinionReceived) -> None:
        command = "receive_opinion"
        opinion = e.opinion
        if not isinstance(opinion, Opinion):
            raise refuse(
                command,
                "opinion 的类型不对",
                opinion,
                expected="Opinion（意见）",
                code="command-refused.invalid",
                english="opinion must be an Opinion",
            )
        if opinion.id in self._opinions:
            raise refuse(
                command,
                f"意见编号 {opinion.id!r} 已被使用",
                opinion.id,
                code="command-refused.duplicate",
                english=f"opinion id {opinion.id!r} is already used",
            )
        self._check_unit(command, opinion.unit)
        self._check_category(command, opinion.category)
        if opinion.received_at > e.at:
            raise refuse(
                command,
                f"收到时间 received_at={opinion.received_at} 晚于录入时间（{e.at}）",
                expected=f"不晚于 {e.at} 的时刻",
                code="command-refused.invalid",
                english=f"received_at {opinion.received_at} is after it was entered ({e.at})",
            )
        self._prepared = (
            self._answer_deadline(command, opinion, self._calendar)
            if opinion.needs_answer
            else None
        )

    def _answer_deadline(self, command: str, opinion: Opinion, calendar: WorkCalendar) -> Deadline:
        channel = opinion.complaint.channel if opinion.complaint else None
        limit = self._plan.answers.limit_for(source=opinion.source.value, channel=channel)
        return _deadline(command, limit, opinion.received_at, calendar)

    def apply_opinion(self, e: OpinionReceived) -> None:
        opinion = e.opinion
        self._opinions[opinion.id] = opinion
        calendar = self._calendar
        due, self._prepared = self._prepared, None
        if due is not None:
            self._answer_due[opinion.id] = due.day
            if due.provisional:
                self._provisional_answers.add(opinion.id)
        # R10: a complaint repeats an earlier one about the same matter; without a category
        # nothing says it is the same matter, so an uncategorised complaint is never a repeat.
        if opinion.complaint is not None and opinion.category is not None:
            key = (opinion.complaint.complainant, opinion.unit, opinion.category)
            day = local_date(opinion.received_at, calendar.zone)
            earlier = self._last_complaint.get(key)
            if earlier is not None and (day - earlier[1]).days <= self._plan.answers.repeat_window:
                self._repeated[opinion.id] = earlier[0]
            self._last_complaint[key] = (opinion.id, day)

    # ---- problems

    def check_problem(self, e: ProblemRecorded) -> None:
        command = "record_problem"
        require_texts(command, e, ("problem", "title", "unit"))
        self._check_unit(command, e.unit)
        self._check_category(command, e.category)
        if e.problem in self._problems:
            raise refuse(
                command,
                f"问题编号 {e.problem!r} 已被使用",
                e.problem,
                code="command-refused.duplicate",
                english=f"problem id {e.problem!r} is already used",
            )
        if not isinstance(e.severity, Severity):
            raise refuse(
                command,
                "severity 的类型不对",
                e.severity,
                expected="Severity（严重程度）",
                code="command-refused.invalid",
                english="severity must be a Severity",
            )
        if not isinstance(e.urgency, Urgency):
            raise refuse(
                command,
                "urgency 的类型不对",
                e.urgency,
                expected="Urgency（紧急程度）",
                code="command-refused.invalid",
                english="urgency must be an Urgency",
            )
        if not isinstance(e.difficulty, Difficulty):
            raise refuse(
                command,
                "difficulty 的类型不对",
                e.difficulty,
                expected="Difficulty（难易程度）",
                code="command-refused.invalid",
                english="difficulty must be a Difficulty",
            )
        self._check_mergeable(command, e.opinions)
        if e.owner is not None:
            require_text(command, "owner", e.owner)
            if not self._is_holder(e.owner):
                raise refuse(
                    command,
                    f"负责人 {e.owner!r} 在责任链上不担任职务",
                    e.owner,
                    code="command-refused.no-post",
                    english=f"owner {e.owner!r} holds no post in the chain",
                )

    def _check_mergeable(self, command: str, opinions: object) -> None:
        if not isinstance(opinions, tuple):
            raise refuse(
                command,
                "opinions 的类型不对",
                opinions,
                expected="意见编号的列表",
                code="command-refused.invalid",
                english="opinions must be a list of opinion ids",
            )
        if opinions and len(set(opinions)) != len(opinions):
            raise refuse(
                command,
                "有意见列了两次",
                opinions,
                expected="不重复的意见编号",
                code="command-refused.invalid",
                english="an opinion is listed twice",
            )
        for opinion in opinions:
            self._opinion(command, opinion)
            if opinion in self._merged_into:
                raise refuse(
                    command,
                    f"意见 {opinion!r} 已归入 {self._merged_into[opinion]!r}",
                    opinion,
                    code="command-refused.duplicate",
                    english=(
                        f"opinion {opinion!r} is already merged into {self._merged_into[opinion]!r}"
                    ),
                )

    def check_merge(self, e: OpinionsMerged) -> None:
        command = "merge_opinions"
        self._problem_event(command, e.problem)
        self._check_mergeable(command, e.opinions)
        if not e.opinions:
            raise refuse(
                command,
                "没有列出要归并的意见",
                e.opinions,
                expected="至少一条意见的编号",
                code="command-refused.invalid",
                english="name at least one opinion to merge",
            )
        if self._states[e.problem] is S.CLOSED:
            raise refuse(
                command,
                f"问题 {e.problem!r} 已销号：须重新整改后才能归并",
                e.problem,
                english=f"problem {e.problem!r} is closed; reopen it before merging",
            )

    def apply_merge(self, e: OpinionsMerged) -> None:
        for opinion in e.opinions:
            self._merged_into[opinion] = e.problem
        self._extra_opinions[e.problem] = self._extra_opinions.get(e.problem, ()) + e.opinions

    def opinions_of(self, problem: str) -> tuple[str, ...]:
        """Every opinion merged into ``problem``, when recorded and later."""
        return self._problems[problem].opinions + self._extra_opinions.get(problem, ())

    def apply_problem(self, e: ProblemRecorded) -> None:
        self._problems[e.problem] = e
        for opinion in e.opinions:
            self._merged_into[opinion] = e.problem
        self._states[e.problem] = S.RECORDED if e.owner is None else S.ASSIGNED

    def check_assignment(self, e: ProblemAssigned) -> None:
        command = "assign_problem"
        self._problem_event(command, e.problem)
        require_text(command, "owner", e.owner)
        if not self._is_holder(e.owner):
            raise refuse(
                command,
                f"负责人 {e.owner!r} 在责任链上不担任职务",
                e.owner,
                code="command-refused.no-post",
                english=f"owner {e.owner!r} holds no post in the chain",
            )
        self._move(command, e.problem, S.ASSIGNED)

    def apply_assignment(self, e: ProblemAssigned) -> None:
        self._owners[e.problem] = e.owner
        self._states[e.problem] = S.ASSIGNED

    # ---- measures

    def check_measure(self, e: MeasureAdded) -> None:
        command = "add_measure"
        require_texts(command, e, ("measure", "problem", "title", "owner"))
        if e.measure in self._measures:
            raise refuse(
                command,
                f"措施编号 {e.measure!r} 已被使用",
                e.measure,
                code="command-refused.duplicate",
                english=f"measure id {e.measure!r} is already used",
            )
        self._problem_event(command, e.problem)
        if not self._is_holder(e.owner):
            raise refuse(
                command,
                f"负责人 {e.owner!r} 在责任链上不担任职务",
                e.owner,
                code="command-refused.no-post",
                english=f"owner {e.owner!r} holds no post in the chain",
            )
        if not is_plain_date(e.due):
            raise refuse(
                command,
                f"due={e.due!r} 的类型不对",
                e.due,
                expected="date 日期或 TimeLimit（时限）",
                code="command-refused.invalid",
                english=f"due {e.due!r} must be a date or a TimeLimit",
            )
        if not isinstance(e.kind, MeasureKind):
            raise refuse(
                command,
                "kind 的类型不对",
                e.kind,
                expected="MeasureKind（措施类别）",
                code="command-refused.invalid",
                english="kind must be a MeasureKind",
            )
        if not isinstance(e.depends_on, tuple):
            raise refuse(
                command,
                "depends_on 的类型不对",
                e.depends_on,
                expected="措施编号的列表",
                code="command-refused.invalid",
                english="depends_on must be a list of measure ids",
            )
        for prerequisite in e.depends_on:
            # Only measures already added: a cycle cannot be recorded, by construction.
            self._measure_event(command, prerequisite)
        if e.unit is not None:
            self._check_unit(command, e.unit)
        today = self._day(e.at, command)
        if e.due < today:
            raise refuse(
                command,
                f"期限 {e.due} 早于制定之日（{today}）",
                e.due,
                expected=f"不早于 {today} 的日期",
                code="command-refused.invalid",
                english=f"due {e.due} is before the day it is set ({today})",
            )
        self._move(command, e.problem, S.RECTIFYING)
        if e.limit is None:
            self._prepared = None
            return
        if not isinstance(e.limit, TimeLimit):
            raise refuse(
                command,
                f"limit={e.limit!r} 的类型不对",
                e.limit,
                expected="TimeLimit（时限）或 None",
                code="command-refused.invalid",
                english=f"limit {e.limit!r} must be a TimeLimit or None",
            )
        counted = _deadline(command, e.limit, e.at, self._calendar)
        if counted.day != e.due:
            raise refuse(
                command,
                f"期限 {e.due} 与自 {e.at} 起算 {e.limit.label}所得的期限（{counted.label}）不符",
                e.due,
                expected=counted.label,
                code="command-refused.invalid",
                english=(
                    f"due {e.due} is not what {e.limit.label} from {e.at} gives ({counted.label})"
                ),
            )
        self._prepared = counted

    def apply_measure(self, e: MeasureAdded) -> None:
        counted, self._prepared = self._prepared, None
        provisional = None
        if counted is not None and counted.provisional:
            provisional = (e.at, e.limit)
        self._store_measure(e, provisional)  # type: ignore[arg-type]  # limit set when counted

    def _store_measure(
        self, e: MeasureAdded, provisional: tuple[datetime, TimeLimit] | None
    ) -> None:
        self._measures[e.measure] = e
        self._measures_of.setdefault(e.problem, []).append(e.measure)
        self._states[e.problem] = S.RECTIFYING
        if provisional is not None:
            self._provisional_measures[e.measure] = provisional

    def check_extended(self, e: MeasureExtended) -> None:
        command = "replicate_measure"
        original = self._measure_event(command, e.measure)
        if not isinstance(e.copies, tuple) or not e.copies:
            raise refuse(
                command,
                "没有可以举一反三的单位",
                e.copies,
                english="no unit to extend the measure to",
            )
        seen: set[str] = set()
        for copy in e.copies:
            if not isinstance(copy, tuple) or len(copy) != 3:
                raise refuse(
                    command,
                    "copies 中有不合格式的项",
                    copy,
                    expected="(措施编号, 单位, 负责人) 三元组",
                    code="command-refused.invalid",
                    english="each copy is (measure id, unit, owner)",
                )
            measure, unit, owner = copy
            require_text(command, "measure", measure)
            if measure in self._measures or measure in seen:
                raise refuse(
                    command,
                    f"措施编号 {measure!r} 已被使用",
                    measure,
                    code="command-refused.duplicate",
                    english=f"measure id {measure!r} is already used",
                )
            seen.add(measure)
            self._check_unit(command, unit)
            require_text(command, "owner", owner)
            if not self._is_holder(owner):
                raise refuse(
                    command,
                    f"负责人 {owner!r} 在责任链上不担任职务",
                    owner,
                    code="command-refused.no-post",
                    english=f"owner {owner!r} holds no post in the chain",
                )
        today = self._day(e.at, command)
        if original.due < today:
            raise refuse(
                command,
                f"措施的期限 {original.due} 已过",
                e.measure,
                code="command-refused.deadline",
                english=f"the measure's due date {original.due} has passed",
            )
        self._move(command, original.problem, S.RECTIFYING)

    def apply_extended(self, e: MeasureExtended) -> None:
        original = self._measures[e.measure]
        # A copy keeps the original's deadline, provisional or not, and what it counts from.
        provisional = self._provisional_measures.get(e.measure)
        for measure, unit, owner in e.copies:
            copy = attrs.evolve(
                original, at=e.at, by=e.by, measure=measure, unit=unit, owner=owner, depends_on=()
            )
            self._store_measure(copy, provisional)

    def check_completion(self, e: MeasureCompleted) -> None:
        command = "complete_measure"
        measure = self._measure_event(command, e.measure)
        require_text(command, "evidence", e.evidence)
        if e.measure in self._completed:
            raise refuse(
                command,
                f"措施 {e.measure!r} 已经完成",
                e.measure,
                english=f"measure {e.measure!r} is already done",
            )
        used_by = self._evidence.get(e.evidence)
        if used_by is not None and used_by != measure.problem:
            raise refuse(
                command,
                f"佐证材料 {e.evidence!r} 已用于完成问题 {used_by!r} 的措施："
                "同一材料不得用于另一个问题（纸面销号）",
                e.evidence,
                code="command-refused.duplicate",
                english=(
                    f"evidence {e.evidence!r} already completed a measure of problem {used_by!r}; "
                    "evidence is not reused for another problem (纸面销号)"
                ),
            )
        if measure.depends_on:
            undone = [p for p in measure.depends_on if p not in self._completed]
            if undone:
                raise refuse(
                    command,
                    f"前提措施 {undone} 尚未完成",
                    undone,
                    english=f"prerequisite measures {undone} are not done yet",
                )
        if self._states[measure.problem] is not S.RECTIFYING:
            raise TransitionRefused(
                command,
                measure.problem,
                self._states[measure.problem],
                S.RECTIFIED,
                allowed=ALLOWED_FROM[S.RECTIFIED],
            )

    def apply_completion(self, e: MeasureCompleted) -> None:
        problem = self._measures[e.measure].problem
        self._completed[e.measure] = e
        self._evidence.setdefault(e.evidence, problem)
        completed = self._completed
        siblings = self._measures_of[problem]
        if len(siblings) == 1 or all(m in completed for m in siblings):
            self._states[problem] = S.RECTIFIED

    # ---- extensions

    def _deadline(self, measure: str) -> date:
        return self._extended.get(measure) or self._measures[measure].due

    def check_request(self, e: ExtensionRequested) -> None:
        command = "request_extension"
        measure = self._measure_event(command, e.measure)
        require_text(command, "reason", e.reason)
        if e.measure in self._completed:
            raise refuse(
                command,
                f"措施 {e.measure!r} 已经完成",
                e.measure,
                english=f"measure {e.measure!r} is already done",
            )
        if e.by != measure.owner:
            raise refuse(
                command,
                f"只有负责人 {measure.owner!r} 可以申请延期",
                e.by,
                code="command-refused.not-permitted",
                english=f"only the owner {measure.owner!r} may ask for more time",
            )
        self._before_deadline(command, e.measure, e.at, e.until)

    def apply_request(self, e: ExtensionRequested) -> None:
        self._requests[e.measure] = e

    def _before_deadline(self, command: str, measure: str, at: datetime, until: object) -> None:
        if not is_plain_date(until):
            raise refuse(
                command,
                f"until={until!r} 不是日期",
                until,
                expected="date 日期",
                code="command-refused.invalid",
                english=f"until={until!r} must be a date",
            )
        deadline = self._deadline(measure)
        on = self._day(at, command)
        if on > deadline:
            raise refuse(
                command,
                f"期限 {deadline} 已过（今天是 {on}）：延期须在期限届满前申请和批准",
                at,
                code="command-refused.deadline",
                english=(
                    f"the deadline {deadline} has passed ({on}); an extension must be asked for "
                    "and "
                    "approved before it"
                ),
            )
        if until <= deadline:
            raise refuse(
                command,
                f"until={until!r} 不在原期限 {deadline} 之后",
                until,
                expected=f"{deadline} 之后的日期",
                code="command-refused.invalid",
                english=f"until must be a date after {deadline}",
            )

    def check_extension(self, e: ExtensionApproved) -> None:
        command = "approve_extension"
        measure = self._measure_event(command, e.measure)
        if e.measure in self._completed:
            raise refuse(
                command,
                f"措施 {e.measure!r} 已经完成",
                e.measure,
                english=f"measure {e.measure!r} is already done",
            )
        chain = self._plan.chain
        rule = self._plan.extensions
        if rule is not None and rule.approvers:
            self._check_approver_post(command, rule, e.by)
        elif chain is not None and chain.driver_of(measure.owner) != e.by:
            superior = chain.driver_of(measure.owner)
            if superior is None:
                raise refuse(
                    command,
                    f"{measure.owner!r} 是一把手，责任链上没有其上级："
                    f"延期由组织单位（{self._plan.organiser}）决定",
                    e.by,
                    code="command-refused.not-permitted",
                    english=(
                        f"{measure.owner!r} is the top leader: no one in the chain is above them, "
                        f"so an extension is for the organiser ({self._plan.organiser}) to decide"
                    ),
                )
            raise refuse(
                command,
                f"只有 {measure.owner!r} 在责任链上的上级 {superior!r} 可以批准延期",
                e.by,
                code="command-refused.not-permitted",
                english=(
                    f"only the superior of {measure.owner!r} in the chain, {superior!r}, may "
                    "extend "
                    "the deadline"
                ),
            )
        self._before_deadline(command, e.measure, e.at, e.until)
        request = self._requests.get(e.measure)
        if request is None:
            raise refuse(
                command,
                f"{measure.owner!r} 没有为 {e.measure!r} 申请延期",
                english=f"{measure.owner!r} has not asked for more time on {e.measure!r}",
            )
        if e.until != request.until:
            raise refuse(
                command,
                f"申请延至 {request.until}，而不是 {e.until}",
                e.until,
                expected=f"{request.until}",
                code="command-refused.invalid",
                english=f"the request asks for {request.until}, not {e.until}",
            )
        if rule is not None:
            used = self._extensions_used.get(e.measure, 0)
            if used >= rule.times:
                raise refuse(
                    command, f"延期至多{rule.times}次，{e.measure!r} 已延期{used}次", e.until
                )
            last = rule.last_day(measure.due, self._calendar)
            if e.until > last:
                raise refuse(
                    command,
                    f"延期合计不得超过{rule.cap.label}：原定 {measure.due}，至多延至 {last}",
                    e.until,
                )

    def _check_approver_post(self, command: str, rule: ExtensionRule, approver: str) -> None:
        chain = self._plan.chain
        held = {p.post for p in chain.organization.postings_of(approver)} if chain else set()
        if not held & rule.approvers:
            allowed = "、".join(sorted(p.label for p in rule.approvers))
            raise refuse(
                command,
                f"延期须由{allowed}批准，{approver!r} 不担任其职",
                approver,
                expected=allowed,
                code="command-refused.not-permitted",
            )

    def apply_extension(self, e: ExtensionApproved) -> None:
        self._extended[e.measure] = e.until
        del self._requests[e.measure]
        self._extensions_used[e.measure] = self._extensions_used.get(e.measure, 0) + 1

    # ---- verification, answers, closing

    def check_verification(self, e: ProblemVerified) -> None:
        command = "verify_problem"
        self._problem_event(command, e.problem)
        require_text(command, "note", e.note)
        self._move(command, e.problem, S.VERIFIED)
        measures = self._measures
        for measure in self._measures_of.get(e.problem, ()):
            if measures[measure].owner == e.by:
                raise refuse(
                    command,
                    f"{e.by!r} 负责问题 {e.problem!r} 的措施 {measure!r}：须由他人核查",
                    e.by,
                    code="command-refused.not-permitted",
                    english=(
                        f"{e.by!r} owns measure {measure!r} of {e.problem!r}; someone else must "
                        "verify it"
                    ),
                )

    def apply_verification(self, e: ProblemVerified) -> None:
        self._states[e.problem] = S.VERIFIED

    def check_answer(self, e: OpinionAnswered) -> None:
        command = "answer_opinion"
        opinion = self._opinion(command, e.opinion)
        if not isinstance(e.mode, AnswerMode):
            raise refuse(
                command,
                "mode 的类型不对",
                e.mode,
                expected="AnswerMode（答复方式）",
                code="command-refused.invalid",
                english="mode must be an AnswerMode",
            )
        require_text(command, "summary", e.summary)
        if not opinion.needs_answer:
            raise refuse(
                command,
                f"意见 {e.opinion!r} 来自{opinion.source.label}：无须答复",
                english=f"opinion {e.opinion!r} came from {opinion.source.label}: no answer due",
            )
        if e.opinion in self._answers:
            raise refuse(
                command,
                f"意见 {e.opinion!r} 已经答复过",
                e.opinion,
                code="command-refused.duplicate",
                english=f"opinion {e.opinion!r} has already been answered",
            )
        if e.mode not in opinion.answer_modes:
            modes = [mode.label for mode in opinion.answer_modes]
            raise refuse(
                command,
                f"意见 {e.opinion!r} 可以{'、'.join(modes)}答复，不能{e.mode.label}",
                e.mode,
                expected="、".join(modes),
                code="command-refused.invalid",
                english=(
                    f"opinion {e.opinion!r} can be answered by {'、'.join(modes)}, not "
                    f"{e.mode.label}"
                ),
            )

    def apply_answer(self, e: OpinionAnswered) -> None:
        self._answers[e.opinion] = e

    def check_verdict(self, e: OpinionVerdictGiven) -> None:
        command = "give_verdict"
        opinion = self._opinion(command, e.opinion)
        if opinion.complaint is None:
            raise refuse(
                command,
                f"意见 {e.opinion!r} 不是投诉：是否属实只对投诉认定",
                english=f"opinion {e.opinion!r} is not a complaint: 属实 is for complaints",
            )
        if not isinstance(e.verdict, Verdict):
            raise refuse(
                command,
                "verdict 的类型不对",
                e.verdict,
                expected="Verdict（属实、部分属实、不属实）",
                code="command-refused.invalid",
                english="verdict must be a Verdict (属实, 部分属实, 不属实)",
            )
        if e.opinion in self._verdicts:
            raise refuse(
                command,
                f"投诉 {e.opinion!r} 已认定为{self._verdicts[e.opinion].label}",
                code="command-refused.duplicate",
                english=f"complaint {e.opinion!r} was found {self._verdicts[e.opinion].label}",
            )

    def apply_verdict(self, e: OpinionVerdictGiven) -> None:
        self._verdicts[e.opinion] = e.verdict

    def verdict(self, opinion: str) -> Verdict | None:
        """The verdict on ``opinion``, if one was given."""
        return self._verdicts.get(opinion)

    def check_satisfaction(self, e: SatisfactionRecorded) -> None:
        command = "record_satisfaction"
        opinion = self._opinion(command, e.opinion)
        if opinion.complaint is None:
            raise refuse(
                command,
                f"意见 {e.opinion!r} 不是投诉",
                e.opinion,
                english=f"opinion {e.opinion!r} is not a complaint",
            )
        if e.opinion not in self._answers:
            raise refuse(
                command,
                f"投诉 {e.opinion!r} 尚未答复",
                e.opinion,
                english=f"complaint {e.opinion!r} has not been answered yet",
            )
        if not isinstance(e.satisfied, bool):
            raise refuse(
                command,
                "satisfied 的类型不对",
                e.satisfied,
                expected="True 或 False",
                code="command-refused.invalid",
                english="satisfied must be True or False",
            )

    def apply_satisfaction(self, e: SatisfactionRecorded) -> None:
        self._satisfied[e.opinion] = e.satisfied
        problem = self._merged_into.get(e.opinion)
        reopens = not e.satisfied and problem is not None
        if reopens and self._states[problem] in ALLOWED_FROM[S.REOPENED]:  # type: ignore[index]
            self._states[problem] = S.REOPENED  # type: ignore[index]

    def closing_gaps(self, problem: str) -> list[str]:
        """What still keeps ``problem`` from closing, in Chinese (empty when it may close)."""
        return [zh for zh, _ in self._gaps(problem)]

    def _gaps(self, problem: str) -> list[tuple[str, str]]:
        """The closing gaps of ``problem``, each in Chinese and in English."""
        gaps = []
        state = self._states[problem]
        if state is not S.VERIFIED:
            gaps.append(
                (f"问题现为“{state.label}”，尚未核查", f"it is {state.value}, not verified")
            )
        opinions = self.opinions_of(problem)
        if not opinions:
            return gaps
        for opinion in opinions:
            if self._opinions[opinion].needs_answer and opinion not in self._answers:
                gaps.append((f"意见 {opinion!r} 尚未答复", f"opinion {opinion!r} has no answer"))
            if self._opinions[opinion].complaint is not None and not self._satisfied.get(opinion):
                gaps.append(
                    (
                        f"投诉 {opinion!r} 的投诉人尚未表示满意",
                        f"the complainant of {opinion!r} is not satisfied",
                    )
                )
        return gaps

    def check_closing(self, e: ProblemClosed) -> None:
        command = "close_problem"
        self._problem_event(command, e.problem)
        gaps = self._gaps(e.problem)
        current = self._states[e.problem]
        if current not in ALLOWED_FROM[S.CLOSED]:
            raise TransitionRefused(
                command,
                e.problem,
                current,
                S.CLOSED,
                "；".join(zh for zh, _ in gaps),
                allowed=ALLOWED_FROM[S.CLOSED],
            )
        if gaps:
            raise refuse(
                command,
                f"问题 {e.problem!r} 还不能销号：{'；'.join(zh for zh, _ in gaps)}",
                e.problem,
                english=f"{e.problem!r} cannot close: {'; '.join(en for _, en in gaps)}",
            )

    def apply_closing(self, e: ProblemClosed) -> None:
        self._states[e.problem] = S.CLOSED

    def check_reopening(self, e: ProblemReopened) -> None:
        command = "reopen_problem"
        self._problem_event(command, e.problem)
        require_text(command, "reason", e.reason)
        self._move(command, e.problem, S.REOPENED)

    def apply_reopening(self, e: ProblemReopened) -> None:
        self._states[e.problem] = S.REOPENED

    # ---- values and queries

    def problem(self, e: ProblemRecorded) -> Problem:
        """The :class:`Problem` value of a recorded problem, as it stands."""
        return Problem(
            id=e.problem,
            unit=e.unit,
            title=e.title,
            recorded_at=e.at,
            category=e.category,
            severity=e.severity,
            urgency=e.urgency,
            difficulty=e.difficulty,
            opinions=self.opinions_of(e.problem),
            owner=self.owner_of(e.problem),
            state=self._states[e.problem],
        )

    def measure(self, e: MeasureAdded) -> Measure:
        """The :class:`Measure` value of an added measure, as it stands."""
        done = self._completed.get(e.measure)
        extended = self._extended.get(e.measure)
        return Measure(
            id=e.measure,
            problem=e.problem,
            title=e.title,
            owner=e.owner,
            due=e.due,
            kind=e.kind,
            depends_on=e.depends_on,
            unit=e.unit,
            extended_to=extended,
            done_at=done.at if done else None,
            evidence=done.evidence if done else None,
            provisional=extended is None and e.measure in self._provisional_measures,
        )

    def due_items(self, on: date, last: date | None) -> tuple[DueItem, ...]:
        """Measures and answers not done on ``on`` whose deadline lies in ``[on, last]``, or
        that are overdue on ``on`` when ``last`` is None; by deadline, then kind and id.

        "Not done on ``on``" includes what was done on a later day, so a day in the past is
        seen as it was then.
        """
        # Anything done before the next day began was done on `on`.
        next_day = next_day_start(on, self._calendar.zone)
        found: list[DueItem] = []
        add = found.append
        extended, completed, problems = self._extended, self._completed, self._problems
        pending_measures, pending_answers = self._provisional_measures, self._provisional_answers
        overdue = last is None
        for key, e in self._measures.items():
            deadline = extended.get(key) or e.due
            if overdue:
                if deadline >= on:
                    continue
            elif not on <= deadline <= last:  # type: ignore[operator]
                continue
            if key in completed and completed[key].at < next_day:
                continue
            provisional = key in pending_measures and key not in extended
            unit = e.unit or problems[e.problem].unit
            add(DueItem(deadline, "measure", key, unit, e.owner, provisional))
        answers = self._answers
        for key, deadline in self._answer_due.items():
            if overdue:
                if deadline >= on:
                    continue
            elif not on <= deadline <= last:  # type: ignore[operator]
                continue
            if key in answers and answers[key].at < next_day:
                continue
            problem = self._merged_into.get(key)
            owner = self.owner_of(problem) if problem is not None else None
            unit = self._opinions[key].unit
            add(DueItem(deadline, "answer", key, unit, owner, key in pending_answers))
        found.sort()  # by day, then kind and id: plain tuple comparison
        return tuple(found)

    # ---- read-only views for the campaign and its readers

    @property
    def problems(self) -> Mapping[str, Problem]:
        """Recorded problems by id, as they stand."""
        return View(self._problems, self.problem)

    @property
    def measures(self) -> Mapping[str, Measure]:
        """Added measures by id, as they stand."""
        return View(self._measures, self.measure)

    @property
    def opinions(self) -> Mapping[str, Opinion]:
        """Received opinions by id."""
        return MappingProxyType(self._opinions)

    @property
    def repeated(self) -> Mapping[str, str]:
        """Repeated complaints, each with the earlier complaint it repeats."""
        return MappingProxyType(self._repeated)

    def merged_into(self, opinion: str) -> str | None:
        """The problem ``opinion`` was merged into, if any."""
        return self._merged_into.get(opinion)

    def answer(self, opinion: str) -> OpinionAnswered | None:
        """The answer given to ``opinion``, if any."""
        return self._answers.get(opinion)

    def satisfied(self, opinion: str) -> bool | None:
        """The complainant's latest word on ``opinion``, if asked."""
        return self._satisfied.get(opinion)

    def problems_in(self, state: ProblemState) -> tuple[str, ...]:
        """Ids of the problems in ``state``, in the order they were recorded."""
        return tuple(p for p, s in self._states.items() if s is state)

    def problems_without_measures(self) -> tuple[str, ...]:
        """Ids of recorded problems that have no measure yet."""
        covered = self._measures_of
        return tuple(p for p in self._problems if p not in covered)

    def overdue_measures(self, on: date) -> tuple[Measure, ...]:
        """Measures undone after their deadline on ``on``."""
        measures = self._measures
        return tuple(
            self.measure(measures[item.id])
            for item in self.due_items(on, None)
            if item.kind == "measure"
        )

    # ---- the calendar in force

    @property
    def calendar(self) -> WorkCalendar:
        """The calendar deadlines are counted with."""
        return self._calendar

    def answer_deadline(self, opinion: str) -> Deadline | None:
        """The answer deadline of ``opinion``, or ``None`` when no answer is due."""
        day = self._answer_due.get(opinion)
        if day is None:
            return None
        return Deadline(day=day, provisional=opinion in self._provisional_answers)

    def provisional_count(self) -> int:
        """How many deadlines in force are provisional (measures extended to a fixed date
        are not)."""
        measures = sum(1 for m in self._provisional_measures if m not in self._extended)
        return measures + len(self._provisional_answers)

    def redated(self, command: str, calendar: WorkCalendar) -> Redating:
        """Every provisional deadline counted again with ``calendar``: the checking half of
        adopting it (nothing changes here; :meth:`adopt` applies the result)."""
        answers = {
            key: self._answer_deadline(command, self._opinions[key], calendar)
            for key in self._provisional_answers
        }
        measures = {
            key: _deadline(command, limit, start, calendar)
            for key, (start, limit) in self._provisional_measures.items()
        }
        return Redating(answers=answers, measures=measures)

    def adopt(self, calendar: WorkCalendar, redating: Redating) -> None:
        """Make ``calendar`` the calendar in force, with the deadlines :meth:`redated` gave."""
        self._calendar = calendar
        for key, due in redating.answers.items():
            self._answer_due[key] = due.day
            if not due.provisional:
                self._provisional_answers.discard(key)
        for key, due in redating.measures.items():
            self._measures[key] = attrs.evolve(self._measures[key], due=due.day)
            if not due.provisional:
                del self._provisional_measures[key]

    def snapshot(self) -> tuple[Any, ...]:
        """Every part of the state, for equality."""
        derived = {"_plan", "_holders", "_prepared"}  # fixed by the plan, or transient
        return tuple(getattr(self, name) for name in self.__slots__ if name not in derived)


@attrs.frozen(kw_only=True)
class Redating:
    """Provisional deadlines counted again with a newly adopted calendar, by id."""

    answers: dict[str, Deadline]
    measures: dict[str, Deadline]


def _deadline(command: str, limit: TimeLimit, start: datetime, calendar: WorkCalendar) -> Deadline:
    try:
        return limit.deadline(from_=start, calendar=calendar)
    except InvalidArgument as error:  # a deadline beyond what dates can hold
        raise refuse(command, error.message, limit, code="command-refused.invalid") from None


_R = Rectification
#: The loop's one dispatch table: each of its events, with its command, check and apply.
HANDLERS: dict[type, Handler] = {
    OpinionReceived: Handler("receive_opinion", _R.check_opinion, _R.apply_opinion),
    ProblemRecorded: Handler("record_problem", _R.check_problem, _R.apply_problem),
    OpinionsMerged: Handler("merge_opinions", _R.check_merge, _R.apply_merge),
    ProblemAssigned: Handler("assign_problem", _R.check_assignment, _R.apply_assignment),
    MeasureAdded: Handler("add_measure", _R.check_measure, _R.apply_measure),
    MeasureExtended: Handler("replicate_measure", _R.check_extended, _R.apply_extended),
    MeasureCompleted: Handler("complete_measure", _R.check_completion, _R.apply_completion),
    ExtensionRequested: Handler("request_extension", _R.check_request, _R.apply_request),
    ExtensionApproved: Handler("approve_extension", _R.check_extension, _R.apply_extension),
    ProblemVerified: Handler("verify_problem", _R.check_verification, _R.apply_verification),
    OpinionAnswered: Handler("answer_opinion", _R.check_answer, _R.apply_answer),
    OpinionVerdictGiven: Handler("give_verdict", _R.check_verdict, _R.apply_verdict),
    SatisfactionRecorded: Handler(
        "record_satisfaction", _R.check_satisfaction, _R.apply_satisfaction
    ),
    ProblemClosed: Handler("close_problem", _R.check_closing, _R.apply_closing),
    ProblemReopened: Handler("reopen_problem", _R.check_reopening, _R.apply_reopening),
}
