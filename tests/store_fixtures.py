"""Stores for the tests of :mod:`xingfeng.store`: a URL per backend with a fresh database (a
SQLite file, or a PostgreSQL schema dropped afterwards), the store's tables reached behind
its back to tamper with them, the aggregates the tests save, and the worker processes of
the concurrency tests.

PostgreSQL comes from ``scripts/with-postgres`` (``make test`` runs the suite under it),
which exports ``XINGFENG_TEST_POSTGRES_URL``.  Without it the PostgreSQL cases skip, naming
the reason, except under CI, where they fail: CI must never skip them silently.

Kept apart from ``tests/conftest.py``; it imports neither Hypothesis nor the test modules,
so a spawned worker process imports it quickly.
"""

from __future__ import annotations

import functools
import os
import runpy
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

import pytest

from xingfeng import (
    AnswerKind,
    Campaign,
    CampaignPlan,
    ConcurrencyConflict,
    Opinion,
    Post,
    Regime,
    Source,
    StageTemplate,
    Verdict,
    WorkItem,
    to_json,
)
from xingfeng.store import Store, open_store

BACKENDS = ("sqlite", "postgresql")
EVENTS = "xingfeng_events"
SNAPSHOTS = "xingfeng_snapshots"
ZONE = "Asia/Shanghai"


# ---- where the stores are


def postgres_url() -> str:
    """The throwaway server's URL, or skip (fail under CI) when there is none."""
    url = os.environ.get("XINGFENG_TEST_POSTGRES_URL")
    if url:
        return url
    reason = os.environ.get("XINGFENG_TEST_POSTGRES") or "run via make test / scripts/with-postgres"
    message = f"no PostgreSQL for the store tests: {reason}"
    if os.environ.get("CI", "") not in ("", "false", "0"):
        pytest.fail(message)
    pytest.skip(message)


def with_schema(url: str, schema: str) -> str:
    """``url`` with its tables in ``schema``."""
    return f"{url}{'&' if '?' in url else '?'}schema={schema}"


def drop_schema(url: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture(params=BACKENDS, name="backend")
def backend_fixture(request: pytest.FixtureRequest) -> str:
    """Each store test runs against SQLite and PostgreSQL."""
    return str(request.param)


@pytest.fixture(name="store_url")
def store_url_fixture(backend: str, tmp_path: Path) -> Iterator[str]:
    """A URL naming an empty store: a new SQLite file, or a new PostgreSQL schema that is
    dropped when the test ends."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path}/events.db"
        return
    base = postgres_url()
    schema = f"xf_{uuid.uuid4().hex[:16]}"
    try:
        yield with_schema(base, schema)
    finally:
        drop_schema(base, schema)


@pytest.fixture(name="stores")
def stores_fixture(store_url: str) -> Iterator[Callable[..., Store]]:
    """Opens stores at ``store_url`` (``stores(snapshot_every=5)``), all closed at the end."""
    opened: list[Store] = []

    def open_one(**options: Any) -> Store:
        store = open_store(store_url, **options)
        opened.append(store)
        return store

    yield open_one
    for store in opened:
        store.close()


@pytest.fixture(name="store")
def store_fixture(stores: Callable[..., Store]) -> Store:
    """A store with the default settings."""
    return stores()


def new_stream(prefix: str = "s") -> str:
    """A stream id no other example has used."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


class Tables:
    """The store's tables, reached with plain SQL behind its back (``?`` placeholders)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.postgres = url.startswith("postgresql://")

    def execute(self, sql: str, *params: object) -> list[tuple[Any, ...]]:
        if not self.postgres:
            path = self.url[len("sqlite:///") :]
            connection = sqlite3.connect(path)
            try:
                with connection:
                    return connection.execute(sql, params).fetchall()
            finally:
                connection.close()
        import psycopg

        base, _, schema = self.url.rpartition("&schema=")
        with psycopg.connect(base, autocommit=True) as connection:
            connection.execute(f'SET search_path TO "{schema}"')
            cursor = connection.execute(sql.replace("?", "%s"), params)  # type: ignore[arg-type]
            return cursor.fetchall() if cursor.description else []

    def rows(self, table: str, stream: str) -> list[tuple[int, str, bytes]]:
        """``(number, topic, state)`` of the stream's rows in ``table``, in order."""
        found = self.execute(
            f"SELECT originator_version, topic, state FROM {table} WHERE originator_id = ? "
            "ORDER BY originator_version",
            stream,
        )
        return [(number, topic, bytes(state)) for number, topic, state in found]

    def set_state(self, table: str, stream: str, number: int, state: bytes) -> None:
        self.execute(
            f"UPDATE {table} SET state = ? WHERE originator_id = ? AND originator_version = ?",
            state,
            stream,
            number,
        )

    def set_topic(self, stream: str, number: int, topic: str) -> None:
        self.execute(
            f"UPDATE {EVENTS} SET topic = ? WHERE originator_id = ? AND originator_version = ?",
            topic,
            stream,
            number,
        )

    def delete(self, stream: str, number: int) -> None:
        self.execute(
            f"DELETE FROM {EVENTS} WHERE originator_id = ? AND originator_version = ?",
            stream,
            number,
        )


@pytest.fixture(name="tables")
def tables_fixture(store_url: str) -> Tables:
    """The tables behind ``store_url``."""
    return Tables(store_url)


# ---- what the tests save


def moment(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    import pendulum

    return pendulum.datetime(2026, month, day, hour, minute, tz=ZONE)


def small_plan() -> CampaignPlan:
    """The appraisal template over 2026, without a chain: anyone may act."""
    windows = [
        (date(2026, 3, 2), date(2026, 3, 31)),
        (date(2026, 4, 1), date(2026, 6, 30)),
        (date(2026, 7, 1), date(2026, 10, 30)),
        (date(2026, 11, 2), date(2026, 12, 18)),
    ]
    return CampaignPlan(
        name="存储测试活动",
        organiser="市纠风办",
        first=date(2026, 3, 2),
        last=date(2026, 12, 31),
        stages=StageTemplate.appraisal().plan(windows),
        appraised=("bureau",),
    )


def small_campaign(opinions: int = 3) -> Campaign:
    """A campaign launched on 2 March with ``opinions`` opinions received."""
    campaign = Campaign.launch(small_plan(), at=moment(3, 2), by="chief")
    for number in range(opinions):
        campaign.receive_opinion(
            opinion(f"O{number}", moment(3, 3, 9, number)), at=moment(3, 3, 9, number), by="chief"
        )
    return campaign


def opinion(key: str, at: datetime, text: str = "窗口排队时间长") -> Opinion:
    return Opinion(id=key, source=Source.RATER, unit="bureau", text=text, received_at=at)


REGIME_TOML = """
name = "store-test"
title = "存储测试规范（示例）"
sources = ["示例"]
kinds = ["投诉", "咨询"]
urgencies = ["紧急", "一般"]
start = "accepted"
limits = [
  { urgency = "紧急", limit = "当日" },
  { kind = "咨询", limit = "3个工作日" },
  { kind = "投诉", limit = "10个工作日" },
]
extension = { cap = "10个工作日", times = 2, approvers = ["deputy"] }
pause_reasons = ["征求第三方意见", "现场勘验"]
correction = true
co_handling = "5个工作日"
callback = "3个工作日"
review = { request = "30日", answer = "30日" }
re_review = { request = "30日", answer = "30日" }
"""
REGIME = Regime.from_toml(REGIME_TOML)


def full_item(item: str = "W1") -> WorkItem:
    """An item taken through every command but a decline: 20 events."""
    w = WorkItem.receive(
        REGIME, item=item, kind="投诉", unit="office", title="施工噪音", at=moment(11, 2), by="wen"
    )
    w.accept(notice="受理告知书", at=moment(11, 2, 10), by="wen")
    w.request_correction(what="补充现场照片", at=moment(11, 2, 11), by="wen")
    w.receive_correction(at=moment(11, 4), by="wen")
    w.pause(reason="现场勘验", at=moment(11, 5), by="wen")
    w.resume(at=moment(11, 6), by="wen")
    w.extend(3, post=Post.DEPUTY, reason="需会商", notified=True, at=moment(11, 9), by="deputy")
    w.assign(unit="works", owner="lu", at=moment(11, 9, 10), by="wen")
    w.return_item(reason="不属本科职责", at=moment(11, 9, 14), by="lu")
    w.assign(unit="office", owner="fang", co_units=["works"], at=moment(11, 10), by="wen")
    w.answer(AnswerKind.INTERIM, text="正在核查", at=moment(11, 11), by="fang")
    w.submit_part("works", at=moment(11, 12), by="lu")
    w.answer(AnswerKind.DECISION, text="已责令停工", at=moment(11, 13), by="fang")
    w.give_verdict(Verdict.TRUE, at=moment(11, 13, 10), by="fang")
    w.close(at=moment(11, 13, 11), by="fang")
    w.call_back(satisfied=False, at=moment(11, 16), by="wen")
    w.request_review(at=moment(11, 20), by="wen")
    w.answer_review(overturned=False, at=moment(12, 1), by="chief")
    w.request_review(at=moment(12, 10), by="wen")
    w.answer_review(overturned=True, at=moment(12, 20), by="chief")
    return w


def save_in_parts(
    store: Store,
    stream: str,
    events: Sequence[Any],
    cuts: Iterable[int],
    replay: Callable[[Sequence[Any]], Any],
    load: Callable[[], Any],
) -> None:
    """Save ``events`` in one save per part, as a host does: the first part replayed and
    saved at version 0, every later one by loading the stream (from a snapshot if there is
    one), recording the part's events on it and saving at the version it was loaded at."""
    done = 0
    for cut in sorted({*cuts, len(events)} - {0}):
        if cut > len(events):
            continue
        if done == 0:
            aggregate = replay(events[:cut])
        else:
            aggregate = load()
            assert aggregate.version == done
            for event in events[done:cut]:
                aggregate._record(event)  # as replay does: each event checked as its command was
        assert store.save(stream, aggregate, expected_version=done) == cut
        done = cut


# ---- the racing processes


def race(
    url: str,
    stream: str,
    who: int,
    barrier: Barrier,
    rounds: Queue[int | None],
    results: Queue[tuple[Any, ...]],
) -> None:
    """A worker process: each round, load the campaign, record an opinion of its own, wait
    for the other worker, and save at the version it loaded; report what happened."""
    store = open_store(url, snapshot_every=None)
    try:
        while (round_ := rounds.get(timeout=120)) is not None:
            campaign = store.load_campaign(stream)
            loaded = campaign.version
            at = campaign.events[-1].at + timedelta(minutes=1)
            key = f"R{round_}-{who}"
            campaign.receive_opinion(
                opinion(key, at, text=f"第{round_}轮第{who}个进程"), at=at, by="chief"
            )
            barrier.wait(timeout=60)
            try:
                version = store.save(stream, campaign, expected_version=loaded)
            except ConcurrencyConflict as conflict:
                results.put(
                    (who, round_, "conflict", loaded, conflict.expected, conflict.actual, "")
                )
            except Exception as error:  # reported, so the test shows it instead of hanging
                results.put((who, round_, "error", loaded, None, None, repr(error)))
            else:
                new = to_json(list(campaign.events[loaded:]))
                results.put((who, round_, "saved", loaded, version, None, new))
    finally:
        store.close()


def open_at_once(url: str, barrier: Barrier, results: Queue[str]) -> None:
    """A worker process: open the store at ``url`` when every other worker does, save a
    campaign on a stream of its own and report ``ok`` or the error."""
    barrier.wait(timeout=60)
    try:
        with open_store(url) as store:
            stream = new_stream("open")
            store.save(stream, small_campaign(opinions=1), expected_version=0)
            results.put("ok" if store.load_campaign(stream).version == 2 else "wrong version")
    except Exception as error:  # reported, so the test shows it instead of hanging
        results.put(repr(error))


@functools.cache
def _gas_company() -> dict[str, Any]:
    return runpy.run_path(str(Path(__file__).resolve().parents[1] / "examples" / "gas_company.py"))


def gas_campaign() -> Campaign:
    """The gas company's campaign of examples/gas_company.py through its second stage's
    rectification: 60-odd events of most types, moments in a named zone."""
    gas = _gas_company()
    campaign: Campaign = gas["launch"](gas["organisation"]())
    gas["self_inspect_and_listen"](campaign)
    gas["rectify"](campaign)
    return campaign
