"""Working days of the Chinese calendar: the State Council's yearly schedules and counting.

Time limits in this domain (12345 hotline, 95598, 限时办结) are counted in working days, and
Chinese working days follow the State Council's yearly schedule: statutory holidays plus
weekend make-up workdays (调休上班).  :class:`WorkCalendar` knows them, built from
:class:`YearSchedule` values (one per published notice).

Counting follows Chinese law (《民法典》第二百零一条、第二百零三条):

* the day a period starts is not counted (期间开始的当日不计入), so the first working day
  of a limit is the first one *strictly after* the start;
* a period in calendar days whose last day is a rest day ends on the first working day after
  it (期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日);
* the last day ends at midnight (期间的最后一日的截止时间为二十四时);
* a period in hours runs from the moment it starts.

Calendars are pure values: no clock is read, every date and moment comes in as an argument.
"""

from __future__ import annotations

import functools
import itertools
import json
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta
from importlib import resources

import attrs

from xingfeng._checks import (
    DEFAULT_ZONE,
    LabelledEnum,
    is_a,
    is_plain_date,
    require_collection,
    require_date,
    require_zone,
    to_tuple,
)
from xingfeng.exceptions import (
    CalendarCoverageError,
    Defect,
    InvalidArgument,
    InvalidDefinition,
    LoadError,
    shown,
)
from xingfeng.serialization import structure

__all__ = [
    "DEFAULT_ZONE",
    "Holiday",
    "OutsidePolicy",
    "WorkCalendar",
    "YearSchedule",
    "parse_schedules",
    "years_text",
]

_SATURDAY = 5
_fromordinal = date.fromordinal
_LAST_ORDINAL = date.max.toordinal()


# --------------------------------------------------------------------------- schedules


@attrs.frozen(kw_only=True)
class Holiday:
    """One published holiday: a run of rest days and the weekend days worked in exchange.

    Mirrors a line of the State Council notice, e.g. 春节：2月15日至23日放假调休，共9天。
    2月14日（周六）、2月28日（周六）上班 is ``Holiday(name="春节", first=date(2026, 2, 15),
    last=date(2026, 2, 23), makeup=(date(2026, 2, 14), date(2026, 2, 28)))``.

    ``makeup`` days must fall on a Saturday or Sunday: a make-up workday on a weekday would
    change nothing.  Raises :class:`InvalidDefinition` listing every defect.
    """

    name: str
    first: date
    last: date
    makeup: tuple[date, ...] = attrs.field(default=(), converter=to_tuple)

    def __attrs_post_init__(self) -> None:
        require_collection("makeup", self.makeup)
        defects: list[Defect] = []
        if not isinstance(self.name, str) or not self.name.strip():
            defects.append(
                Defect(
                    f"名称 {shown(self.name)} 须为非空文字",
                    (self.name,),
                    english=f"name {shown(self.name)} must be a non-empty string",
                )
            )
        for field in ("first", "last"):
            value = getattr(self, field)
            if not is_plain_date(value):
                defects.append(
                    Defect(
                        f"{field}={shown(value)} 须为 datetime.date 日期",
                        (value,),
                        english=f"{field} {shown(value)} must be a datetime.date",
                    )
                )
        dated = is_plain_date(self.first) and is_plain_date(self.last)
        if dated and self.last < self.first:
            defects.append(
                Defect(
                    f"末日 last={self.last} 早于首日 first={self.first}：假期须从前往后",
                    (self.first, self.last),
                    english=(
                        f"last {self.last} is before first {self.first}: a holiday runs forward"
                    ),
                )
            )
        for day in self.makeup:
            if not is_plain_date(day):
                defects.append(
                    Defect(
                        f"调休上班日 {shown(day)} 须为 datetime.date 日期",
                        (day,),
                        english=f"make-up day {shown(day)} must be a datetime.date",
                    )
                )
            elif day.weekday() < _SATURDAY:
                defects.append(
                    Defect(
                        f"调休上班日 {day} 是星期{'一二三四五六日'[day.weekday()]}："
                        "调休上班日须为星期六或星期日",
                        (day,),
                        english=(
                            f"make-up workday {day} is a {day:%A}: make-up workdays (调休上班) "
                            "must fall on a Saturday or Sunday"
                        ),
                    )
                )
            elif dated and self.first <= day <= self.last:
                defects.append(
                    Defect(
                        f"调休上班日 {day} 落在假期之内",
                        (day,),
                        english=f"make-up workday {day} lies inside the holiday itself",
                    )
                )
        if all(is_plain_date(day) for day in self.makeup) and len(set(self.makeup)) != len(
            self.makeup
        ):
            defects.append(
                Defect(
                    f"调休上班日 {self.makeup} 有重复",
                    self.makeup,
                    english=f"make-up days {self.makeup} repeat a day",
                )
            )
        if defects:
            raise InvalidDefinition(
                f"节日 {shown(self.name)}", defects, english=f"holiday {shown(self.name)}"
            )

    def days(self) -> tuple[date, ...]:
        """Every rest day of the holiday, first to last."""
        count = (self.last - self.first).days + 1
        return tuple(self.first + timedelta(days=i) for i in range(count))


@attrs.frozen(kw_only=True)
class YearSchedule:
    """The holidays and make-up workdays the State Council published for one year.

    Days may reach into December of the year before (元旦 2019 ran from 2018-12-30, with
    2018-12-29 worked), never outside ``[year-1]-12-01 … [year]-12-31``.
    """

    year: int
    holidays: tuple[Holiday, ...] = attrs.field(converter=to_tuple)

    def __attrs_post_init__(self) -> None:
        defects: list[Defect] = []
        if (
            not isinstance(self.year, int)
            or isinstance(self.year, bool)
            or not 2 <= self.year <= 9998
        ):
            raise InvalidDefinition(
                "年度节假日安排",
                [
                    Defect(
                        f"年份 {shown(self.year)} 须为 2 至 9998 的整数",
                        english=f"year {shown(self.year)} is not an int from 2 to 9998",
                    )
                ],
                english="year schedule",
            )
        require_collection("holidays", self.holidays)
        earliest, latest = date(self.year - 1, 12, 1), date(self.year, 12, 31)
        seen: dict[date, str] = {}
        for holiday in self.holidays:
            if not is_a(holiday, Holiday):
                defects.append(
                    Defect(
                        f"{shown(holiday)} 不是 Holiday（节日）",
                        (holiday,),
                        english=f"{shown(holiday)} is not a Holiday",
                    )
                )
                continue
            for day in (*holiday.days(), *holiday.makeup):
                if not earliest <= day <= latest:
                    defects.append(
                        Defect(
                            f"{holiday.name}：{day} 不在 {earliest} … {latest} 之内，{self.year} "
                            "年的安排只能列出其间的日子",
                            (day,),
                            english=(
                                f"{holiday.name}: {day} lies outside {earliest} … {latest}, "
                                f"the days a {self.year} schedule may name"
                            ),
                        )
                    )
                if day in seen:
                    defects.append(
                        Defect(
                            f"{day} 同时列在{seen[day]}和{holiday.name}之下",
                            (day,),
                            english=f"{day} is claimed by both {seen[day]} and {holiday.name}",
                        )
                    )
                seen[day] = holiday.name
        if defects:
            raise InvalidDefinition(
                f"{self.year} 年的节假日安排", defects, english=f"schedule of {self.year}"
            )

    def rest_days(self) -> dict[date, str]:
        """Each statutory rest day mapped to its holiday's name."""
        return {day: h.name for h in self.holidays for day in h.days()}

    def makeup_days(self) -> dict[date, str]:
        """Each make-up workday mapped to the holiday it pays for."""
        return {day: h.name for h in self.holidays for day in h.makeup}


#: The longest TOML text a loader reads (characters): schedules and regimes are a few KB.
MAX_TOML = 200_000


def parse_schedules(text: str, *, format: str = "toml") -> tuple[YearSchedule, ...]:
    """Read year schedules from TOML or JSON text (the caller reads the file).

    The text holds either one year (``year = 2027`` and ``[[holidays]]`` tables) or several
    (``[[years]]``).  Errors raise :class:`xingfeng.exceptions.LoadError` naming the path.
    See :doc:`/calendar` for the format.
    """
    if format not in ("toml", "json"):
        raise InvalidArgument("format", format, '"toml" 或 "json"', english='"toml" or "json"')
    if not isinstance(text, str):
        raise InvalidArgument(
            "text",
            text,
            "文件的文字内容 str（bytes 须先解码）",
            english="the file's text as a str (decode bytes first)",
        )
    if format == "toml" and len(text) > MAX_TOML:
        # The standard library's TOML reader is written in Python: a 700 KB file takes
        # seconds, and a year's notice is a few kilobytes.
        raise LoadError(
            "年度节假日安排", [("$", f"TOML 文件过大（{len(text)} 字符，至多 {MAX_TOML}）")]
        )
    try:
        data: object = tomllib.loads(text) if format == "toml" else json.loads(text)
    except (ValueError, RecursionError) as error:  # a decode error, or a number too long
        raise LoadError(
            "年度节假日安排", [("$", f"不是有效的 {format.upper()}：{error}")]
        ) from None
    try:
        if isinstance(data, Mapping) and "years" in data:
            return structure(data, _Years).years  # errors then read $.years[0].holidays…
        return (structure(data, YearSchedule),)
    except LoadError as error:
        raise LoadError("年度节假日安排", error.errors) from None


@attrs.frozen(kw_only=True)
class _Years:
    """The several-year form of a schedule file: ``[[years]]`` tables."""

    years: tuple[YearSchedule, ...]


# --------------------------------------------------------------------------- the calendar


class OutsidePolicy(LabelledEnum):
    """What a calendar does with a date in a year it has no schedule for."""

    RAISE = "raise", "未知年份报错"
    """Raise :class:`CalendarCoverageError` naming the year (the default)."""
    WEEKDAYS = "weekdays", "未知年份按周一至周五计"
    """Treat the day as a working day if it falls Monday to Friday."""


def _weekdays_through(ordinal: int) -> int:
    # Ordinal 1 (0001-01-01) is a Monday, so weeks line up with multiples of seven.
    return 5 * (ordinal // 7) + min(ordinal % 7, 5)


def _kth_weekday(k: int) -> int:
    return 7 * ((k - 1) // 5) + (k - 1) % 5 + 1


@attrs.frozen
class _Index:
    """Precomputed counts that make every calendar query O(1).

    ``through[i]`` counts the working days from ``first`` up to and including ``first + i``;
    ``workdays[k - 1]`` is the ordinal of the k-th working day.  Outside ``first … last`` the
    count continues with Monday-to-Friday arithmetic, which only the WEEKDAYS policy uses.
    """

    first: int
    last: int
    working: bytes
    through: list[int]
    workdays: list[int]
    rest_names: dict[date, str]
    makeup_names: dict[date, str]


def _build_index(schedules: tuple[YearSchedule, ...], outside: OutsidePolicy) -> _Index:
    rest: dict[date, str] = {}
    makeup: dict[date, str] = {}
    for schedule in schedules:
        rest.update(schedule.rest_days())
        makeup.update(schedule.makeup_days())
    if not schedules:
        return _Index(1, 0, b"", [], [], rest, makeup)
    first = date(schedules[0].year, 1, 1).toordinal()
    if outside is OutsidePolicy.WEEKDAYS:
        # The first year's 元旦 may reach into the December before (2018-12-30 for 2019);
        # outside the covered years those named days still count, the rest are weekdays.
        first = min([first, *(d.toordinal() for d in (*rest, *makeup))])
    last = date(schedules[-1].year, 12, 31).toordinal()
    working = bytearray()
    through: list[int] = []
    workdays: list[int] = []
    for ordinal in range(first, last + 1):
        day = date.fromordinal(ordinal)
        works = day in makeup or (day not in rest and day.weekday() < _SATURDAY)
        working.append(works)
        if works:
            workdays.append(ordinal)
        through.append(len(workdays))
    return _Index(first, last, bytes(working), through, workdays, rest, makeup)


def _sorted_schedules(value: Iterable[YearSchedule]) -> tuple[YearSchedule, ...]:
    items = to_tuple(value)
    if isinstance(items, tuple) and all(isinstance(s, YearSchedule) for s in items):
        return tuple(sorted(items, key=lambda s: s.year))
    return items  # __attrs_post_init__ reports the stray items


@attrs.frozen(kw_only=True)
class WorkCalendar:
    """Which days are working days, and arithmetic over them.

    Build one with :meth:`china` (State Council schedules 2004–2026), :meth:`weekdays`
    (Monday to Friday, every year) or from your own :class:`YearSchedule` values.  The
    covered years must be contiguous.  ``zone`` is where the calendar's days are reckoned:
    a moment is turned into a date in that zone before a limit is counted.

    >>> from datetime import date
    >>> cal = WorkCalendar.china()
    >>> cal.is_workday(date(2026, 10, 1)), cal.is_workday(date(2026, 10, 10))
    (False, True)
    >>> cal.add_workdays(date(2026, 9, 30), 1)  # National Day week is skipped
    datetime.date(2026, 10, 8)
    """

    name: str
    schedules: tuple[YearSchedule, ...] = attrs.field(default=(), converter=_sorted_schedules)
    zone: str = DEFAULT_ZONE
    outside: OutsidePolicy = OutsidePolicy.RAISE
    _index: _Index = attrs.field(init=False, repr=False, eq=False)
    _stand_in: WorkCalendar | None = attrs.field(init=False, repr=False, eq=False, default=None)

    def __attrs_post_init__(self) -> None:
        require_collection("schedules", self.schedules)
        defects: list[Defect] = []
        if not isinstance(self.name, str) or not self.name:
            defects.append(
                Defect(
                    f"名称 {shown(self.name)} 须为非空文字",
                    english=f"name {shown(self.name)} must be a non-empty string",
                )
            )
        try:
            require_zone("zone", self.zone)
        except InvalidArgument as error:
            defects.append(Defect(error.message, (self.zone,), english=error.english))
        if not is_a(self.outside, OutsidePolicy):
            defects.append(
                Defect(
                    f"outside={shown(self.outside)} 须为 OutsidePolicy",
                    english=f"outside {shown(self.outside)} must be an OutsidePolicy",
                )
            )
        stray = [s for s in self.schedules if not isinstance(s, YearSchedule)]
        defects.extend(
            Defect(
                f"{shown(s)} 不是 YearSchedule（年度安排）",
                (s,),
                english=f"{shown(s)} is not a YearSchedule",
            )
            for s in stray
        )
        if not stray:
            defects.extend(self._coverage_defects())
        if defects:
            raise InvalidDefinition(
                f"日历 {shown(self.name)}", defects, english=f"calendar {shown(self.name)}"
            )
        object.__setattr__(self, "_index", _build_index(self.schedules, self.outside))

    def _coverage_defects(self) -> Iterator[Defect]:
        years = [s.year for s in self.schedules]
        for previous, year in itertools.pairwise(years):
            if year == previous:
                yield Defect(
                    f"{year} 年有两份安排：每年只给一份",
                    (year,),
                    english=f"two schedules for {year}: give each year once",
                )
            elif year != previous + 1:
                missing = ", ".join(str(y) for y in range(previous + 1, year))
                yield Defect(
                    f"年份须连续：{previous} 与 {year} 之间缺少 {missing}",
                    tuple(range(previous + 1, year)),
                    english=(
                        f"years must be contiguous: {missing} missing between {previous} and {year}"
                    ),
                )
        rest: dict[date, int] = {}
        for schedule in self.schedules:
            for day in schedule.rest_days():
                if day in rest:
                    yield Defect(
                        f"{day} 在 {rest[day]} 年和 {schedule.year} 年的安排中都是休息日："
                        "每天只列一次",
                        (day,),
                        english=(
                            f"{day} is a rest day in both the {rest[day]} and the "
                            f"{schedule.year} schedule: give each day once"
                        ),
                    )
                rest[day] = schedule.year
        for schedule in self.schedules:
            for day in schedule.makeup_days():
                if day in rest:
                    yield Defect(
                        f"{day} 在 {schedule.year} 年的安排中是调休上班日，在 {rest[day]} "
                        "年的安排中却是休息日",
                        (day,),
                        english=(
                            f"{day} is a make-up workday in {schedule.year} "
                            f"and a rest day in {rest[day]}"
                        ),
                    )

    # ---- constructors

    @classmethod
    def china(cls) -> WorkCalendar:
        """Mainland China's working days, 2004–2026, from the State Council's notices.

        Outside those years it raises :class:`CalendarCoverageError`; extend it with
        :meth:`extended` when the next year's notice is published.
        """
        return _china()

    @classmethod
    def weekdays(cls, *, zone: str = DEFAULT_ZONE) -> WorkCalendar:
        """Monday to Friday are working days, every year; no holidays."""
        return cls(name="weekdays", zone=zone, outside=OutsidePolicy.WEEKDAYS)

    def extended(self, *schedules: YearSchedule) -> WorkCalendar:
        """A copy that also knows ``schedules`` (e.g. 2027 once it is published).

        A year the calendar already knows is refused: replacing published facts should be a
        deliberate new calendar, not a side effect.
        """
        return attrs.evolve(self, schedules=(*self.schedules, *schedules))

    def with_outside(self, policy: OutsidePolicy) -> WorkCalendar:
        """A copy that handles dates outside the covered years with ``policy``."""
        return attrs.evolve(self, outside=policy)

    # ---- coverage

    @property
    def years(self) -> range:
        """The years whose schedules the calendar knows (empty for :meth:`weekdays`)."""
        if not self.schedules:
            return range(0)
        return range(self.schedules[0].year, self.schedules[-1].year + 1)

    def uncovered_years(self, first: date, last: date) -> tuple[int, ...]:
        """The years from ``first`` to ``last`` whose schedule the calendar does not know.

        Empty for a calendar without schedules (:meth:`weekdays`): it expects none.  A
        deadline that falls in one of these years is provisional (:class:`Deadline`).
        """
        require_date("first", first)
        require_date("last", last)
        if not self.schedules:
            return ()
        known = self.years
        return tuple(y for y in range(first.year, last.year + 1) if y not in known)

    def stand_in(self) -> WorkCalendar:
        """The calendar that provisional deadlines are counted with: this one, with Monday to
        Friday as the working days of every year it has no schedule for.

        Weekdays only is the usual stand-in until the State Council publishes a year's
        schedule; a deadline counted with it is marked provisional (暂定) and recomputed when
        the schedule is adopted (:meth:`xingfeng.Campaign.adopt_calendar`).
        """
        if self._stand_in is None:
            lenient = (
                self
                if self.outside is OutsidePolicy.WEEKDAYS
                else self.with_outside(OutsidePolicy.WEEKDAYS)
            )
            object.__setattr__(self, "_stand_in", lenient)
            return lenient
        return self._stand_in

    def disagreements(self, other: WorkCalendar) -> tuple[Defect, ...]:
        """Why ``other`` cannot replace this calendar without changing a published fact.

        ``other`` must count days in the same zone, know every year this one knows, and
        agree on every day of those years: working or not, and the holiday it belongs to.
        Empty when ``other`` may replace this one (it may know more years).
        """
        if not isinstance(other, WorkCalendar):
            raise InvalidArgument(
                "other", other, "WorkCalendar（工作日历）", english="a WorkCalendar"
            )
        found: list[Defect] = []
        if other.zone != self.zone:
            found.append(
                Defect(f"时区不同：现行日历为 {self.zone}，新日历为 {other.zone}", (other.zone,))
            )
        missing = [y for y in self.years if y not in other.years]
        if missing:
            found.append(
                Defect(f"新日历缺少现行日历已有的年份：{years_text(missing)}", tuple(missing))
            )
        if found:
            return tuple(found)
        mine, theirs = self._index, other._index
        for ordinal in range(mine.first, mine.last + 1):
            day = date.fromordinal(ordinal)
            working = self.is_workday(day)
            if other.is_workday(day) != working:
                found.append(
                    Defect(
                        f"{day.isoformat()} 在现行日历中是{'工作日' if working else '休息日'}，"
                        f"新日历却作{'休息日' if working else '工作日'}：已公布的安排不得更改",
                        (day,),
                    )
                )
            elif mine.rest_names.get(day) != theirs.rest_names.get(day):
                found.append(
                    Defect(
                        f"{day.isoformat()} 的节日名称不同：现行日历为"
                        f"{mine.rest_names.get(day) or '无'}，新日历为"
                        f"{theirs.rest_names.get(day) or '无'}",
                        (day,),
                    )
                )
        return tuple(found)

    def _uncovered(self, year: int) -> CalendarCoverageError:
        return CalendarCoverageError(year, self.years, self.name)

    def _count_through(self, ordinal: int) -> int:
        # Working days up to and including `ordinal`, relative to the start of coverage.
        ix = self._index
        if ix.first <= ordinal <= ix.last:
            return ix.through[ordinal - ix.first]
        if self.outside is OutsidePolicy.RAISE:
            raise self._uncovered(date.fromordinal(ordinal).year)
        if ordinal < ix.first:
            return _weekdays_through(ordinal) - _weekdays_through(ix.first - 1)
        return len(ix.workdays) + _weekdays_through(ordinal) - _weekdays_through(ix.last)

    def _kth_workday(self, k: int) -> int:
        # Ordinal of the working day whose count (as in _count_through) is k.
        ix = self._index
        total = len(ix.workdays)
        if 1 <= k <= total:
            return ix.workdays[k - 1]
        if self.outside is OutsidePolicy.RAISE:
            years = self.years
            raise self._uncovered(years.start - 1 if k < 1 else years.stop)
        if k < 1:
            return _kth_weekday(k + _weekdays_through(ix.first - 1))
        return _kth_weekday(k - total + _weekdays_through(ix.last))

    @staticmethod
    def _ordinal(name: str, day: object) -> int:
        return require_date(name, day).toordinal()

    # ---- queries

    def is_workday(self, day: date) -> bool:
        """Whether ``day`` is a working day: Monday–Friday and not a holiday, or a make-up day."""
        ordinal = self._ordinal("day", day)
        ix = self._index
        if ix.first <= ordinal <= ix.last:
            return bool(ix.working[ordinal - ix.first])
        if self.outside is OutsidePolicy.RAISE:
            raise self._uncovered(day.year)
        return day.weekday() < _SATURDAY

    def holiday_name(self, day: date) -> str | None:
        """The holiday ``day`` belongs to (``"春节"``), or the one a make-up day pays for."""
        self.is_workday(day)  # same validation and coverage rules
        ix = self._index
        return ix.rest_names.get(day) or ix.makeup_names.get(day)

    def add_workdays(self, day: date, n: int) -> date:
        """The ``n``-th working day strictly after ``day`` (before it if ``n`` is negative).

        The start day is never counted, whether or not it is a working day (期间开始的当日不
        计入): from Friday, one working day is the next Monday; from a Sunday it is that
        Monday too.  Make-up workdays count; holidays and weekends do not.  ``n == 0``
        returns ``day`` unchanged.
        """
        # Fast path for the common case (a plain date, n >= 1, inside coverage): two list
        # look-ups.  Everything else, validation included, goes the general way.
        if type(day) is date and type(n) is int and n > 0:
            ix = self._index
            offset = day.toordinal() - ix.first
            if offset >= 0:
                try:
                    return _fromordinal(ix.workdays[ix.through[offset] + n - 1])
                except IndexError:
                    pass  # beyond coverage
        ordinal = self._ordinal("day", day)
        if not isinstance(n, int) or isinstance(n, bool):
            raise InvalidArgument("n", n, "整数个工作日", english="an int number of working days")
        if n == 0:
            self.is_workday(day)  # coverage is checked even when nothing is added
            return day
        count = self._count_through(ordinal)
        before = count - self.is_workday(day)  # working days strictly before `day`
        target = self._kth_workday(count + n if n > 0 else before + n + 1)
        if not 1 <= target <= _LAST_ORDINAL:
            raise InvalidArgument(
                "n",
                n,
                "使结果仍在 1–9999 年之内的工作日数",
                english="a count whose result lies within years 1–9999",
            )
        return date.fromordinal(target)

    def workdays_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end``.

        The counterpart of :meth:`add_workdays`: ``workdays_between(d, add_workdays(d, n))
        == n`` for every ``n >= 0``, and for negative ``n`` when ``d`` is a working day.
        Negative when ``end`` is before ``start``: minus the working days after ``end`` up to
        and including ``start``.
        """
        return self._count_through(self._ordinal("end", end)) - self._count_through(
            self._ordinal("start", start)
        )

    def workdays_in(self, first: date, last: date) -> tuple[date, ...]:
        """Every working day from ``first`` to ``last``, both included."""
        start, stop = self._ordinal("first", first), self._ordinal("last", last)
        return tuple(
            date.fromordinal(o)
            for o in range(start, stop + 1)
            if self.is_workday(date.fromordinal(o))
        )

    def workday_on_or_after(self, day: date) -> date:
        """``day`` if it is a working day, else the next working day."""
        return day if self.is_workday(day) else self.add_workdays(day, 1)

    def workday_on_or_before(self, day: date) -> date:
        """``day`` if it is a working day, else the working day before it."""
        return day if self.is_workday(day) else self.add_workdays(day, -1)


@functools.cache
def _china() -> WorkCalendar:
    text = resources.files("xingfeng.data").joinpath("china.toml").read_text(encoding="utf-8")
    return WorkCalendar(name="china", schedules=parse_schedules(text))


def years_text(years: Iterable[int]) -> str:
    """Years as Chinese documents list them, runs collapsed: ``"2004—2026年、2028年"``."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return "、".join(f"{r[0]}—{r[-1]}年" if len(r) > 1 else f"{r[0]}年" for r in runs)
