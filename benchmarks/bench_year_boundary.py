"""Opinions across the year end (issue 14): what provisional deadlines and adoption cost.

100,000 rater opinions are received by one campaign, each with a 15-working-day answer
deadline counted in the command's check.  Three batches, each in a fresh campaign:

- received from 1 June 2026: every deadline definitive (the common case);
- received from 11 December 2026: every deadline runs into 2027, which the bundled calendar
  does not know, so each is counted with the weekday stand-in and marked provisional;
- then ``adopt_calendar`` with a (fictional) 2027 schedule, which counts those 100,000
  deadlines again, and a replay of the whole log.

The floor, measured in the same run, is bare CPython doing the bookkeeping a receive needs
without any rule: make the same ``OpinionReceived`` event object, append it to a list and
index the opinion in two dicts.  The figure to watch is the ratio of each batch to it.
Best of three rounds, garbage collector on, earlier garbage collected before each round.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bench_campaign import plan

from xingfeng import (
    Campaign,
    Holiday,
    Opinion,
    OpinionReceived,
    Source,
    WorkCalendar,
    YearSchedule,
)

ZONE = ZoneInfo("Asia/Shanghai")
OPINIONS = 100_000
ROUNDS = 3
#: 示例，非国务院公布的安排.
FICTIONAL_2027 = YearSchedule(
    year=2027,
    holidays=[
        Holiday(name="元旦", first=date(2027, 1, 1), last=date(2027, 1, 3)),
        Holiday(
            name="春节", first=date(2027, 2, 6), last=date(2027, 2, 12), makeup=[date(2027, 2, 20)]
        ),
    ],
)


def opinions(first: datetime) -> list[Opinion]:
    """``OPINIONS`` opinions received a second apart from ``first``."""
    return [
        Opinion(
            id=f"O{i}",
            source=Source.RATER,
            text="意见",
            unit=f"s{i % 10}",
            received_at=first + timedelta(seconds=i),
        )
        for i in range(OPINIONS)
    ]


def best(run: Callable[[], float]) -> float:
    times = []
    for _ in range(ROUNDS):
        gc.collect()
        times.append(run())
    return min(times)


def floor(items: list[Opinion]) -> float:
    log: list[object] = []
    by_id: dict[str, Opinion] = {}
    due: dict[str, date] = {}
    began = time.perf_counter()
    for opinion in items:
        log.append(OpinionReceived(at=opinion.received_at, by="boss", opinion=opinion))
        by_id[opinion.id] = opinion
        due[opinion.id] = date(2026, 12, 31)
    return time.perf_counter() - began


def receive(items: list[Opinion]) -> tuple[float, Campaign]:
    campaign = Campaign.launch(plan(), at=datetime(2026, 1, 1, 9, tzinfo=ZONE), by="boss")
    began = time.perf_counter()
    for opinion in items:
        campaign.receive_opinion(opinion, at=opinion.received_at, by="boss")
    return time.perf_counter() - began, campaign


def main() -> list[tuple[str, float, str]]:
    june = opinions(datetime(2026, 6, 1, 9, tzinfo=ZONE))
    december = opinions(datetime(2026, 12, 11, 9, tzinfo=ZONE))
    floor_s = best(lambda: floor(june))
    definitive_s = best(lambda: receive(june)[0])
    provisional_s = best(lambda: receive(december)[0])
    _, campaign = receive(december)
    assert len(campaign.provisional_deadlines(date(2026, 12, 11))) == OPINIONS
    calendar = WorkCalendar.china().extended(FICTIONAL_2027)
    moment = datetime(2026, 12, 31, 18, tzinfo=ZONE)

    def adopt() -> float:
        fresh = Campaign.replay(campaign.events)
        began = time.perf_counter()
        fresh.adopt_calendar(calendar, at=moment, by="boss")
        spent = time.perf_counter() - began
        assert not fresh.provisional_deadlines(date(2026, 12, 31))
        return spent

    adopt_s = best(adopt)
    campaign.adopt_calendar(calendar, at=moment, by="boss")
    events = campaign.events

    def replay() -> float:
        began = time.perf_counter()
        Campaign.replay(events)
        return time.perf_counter() - began

    replay_s = best(replay)
    per = 1e6 / OPINIONS
    return [
        ("floor: 100k OpinionReceived made and indexed, bare CPython", floor_s, "s"),
        ("receive 100k opinions, definitive deadlines (June)", definitive_s, "s"),
        ("  per opinion", definitive_s * per, "µs"),
        ("  ratio to the floor", definitive_s / floor_s, "×"),
        ("receive 100k opinions, provisional deadlines (11 December on)", provisional_s, "s"),
        ("  per opinion", provisional_s * per, "µs"),
        ("  ratio to the floor", provisional_s / floor_s, "×"),
        ("adopt_calendar: 100k provisional deadlines counted again", adopt_s, "s"),
        ("  ratio to the floor", adopt_s / floor_s, "×"),
        ("replay 100,002 events with the adoption", replay_s, "s"),
    ]


if __name__ == "__main__":
    for name, value, unit in main():
        print(f"{name}: {value:,.3f} {unit}")
