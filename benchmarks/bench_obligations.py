"""Work items at province scale (issue 16): 1,000,000 items under a 12345-style regime.

Three figures, each against a floor measured in the same run:

- **record**: 1,000,000 items, each received, assigned, answered and closed (four commands,
  four events, every check run); the floor is bare CPython making the same four event
  objects per item and indexing them (a list per item, a dict of items).  Issue 16 asks for
  ≤ 1.5× the floor.
- **overdue**: with 1,000,000 items open (received and assigned, clocks running, about half
  past their deadline), :meth:`DueBoard.overdue` on one day; issue 16 asks < 1 s.
- **load**: one item's stream of four events replayed (:meth:`WorkItem.replay`), mean over
  10,000 items; issue 16 asks < 1 ms.

Runs in a fresh interpreter, garbage collector on, as a host would run.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from xingfeng import AnswerKind, DueBoard, Regime, WorkItem
from xingfeng.obligations.items import ItemAnswered, ItemAssigned, ItemClosed, ItemReceived

ZONE = ZoneInfo("Asia/Shanghai")
HERE = Path(__file__).resolve().parent
ITEMS = 1_000_000
REGIME = Regime.from_toml(
    """
    name = "hotline"
    title = "热线（基准测试）"
    kinds = ["咨询", "求助", "投诉", "建议"]
    urgencies = ["紧急", "一般"]
    start = "assigned"
    limits = [
      { urgency = "紧急", limit = "当日" },
      { kind = "咨询", limit = "1个工作日" },
      { limit = "5个工作日" },
    ]
    """
)
KINDS = ("咨询", "求助", "投诉", "建议")


def record(items: int) -> dict[str, float]:
    """Receive, assign, answer and close ``items`` items; the same events made bare."""
    start = datetime(2026, 3, 2, 9, tzinfo=ZONE)
    moments = [start + timedelta(seconds=i) for i in range(items)]
    gc.collect()
    began = time.perf_counter()
    for i in range(items):
        at = moments[i]
        item = WorkItem.receive(
            REGIME, item=f"W{i}", kind=KINDS[i % 4], unit=f"s{i % 10}", title="诉求",
            at=at, by="clerk",
        )  # fmt: skip
        item.assign(unit=f"s{i % 10}", owner=f"h{i % 10}", at=at, by="clerk")
        item.answer(AnswerKind.DECISION, text="已处理", at=at, by=f"h{i % 10}")
        item.close(at=at, by=f"h{i % 10}")
    recorded = time.perf_counter() - began
    del item
    gc.collect()
    began = time.perf_counter()
    streams: dict[str, list[object]] = {}
    for i in range(items):
        at = moments[i]
        key = f"W{i}"
        unit, owner = f"s{i % 10}", f"h{i % 10}"
        streams[key] = [
            ItemReceived(
                at=at, by="clerk", item=key, regime="hotline", kind=KINDS[i % 4],
                urgency="一般", channel="*", unit=unit, title="诉求",
            ),
            ItemAssigned(at=at, by="clerk", unit=unit, owner=owner),
            ItemAnswered(at=at, by=owner, kind=AnswerKind.DECISION, text="已处理"),
            ItemClosed(at=at, by=owner),
        ]  # fmt: skip
    floor = time.perf_counter() - began
    return {
        "record: 1M items, receive → assign → answer → close": recorded,
        "floor: the same 4M events made and indexed, bare CPython": floor,
        "record ÷ floor": recorded / floor,
    }


def overdue(items: int) -> dict[str, float]:
    """``items`` open items on a board; the overdue list on one day."""
    start = datetime(2026, 3, 2, 9, tzinfo=ZONE)
    board = DueBoard()
    for i in range(items):
        at = start + timedelta(minutes=i * 40_320 // items)  # received over four weeks
        item = WorkItem.receive(
            REGIME, item=f"W{i}", kind=KINDS[i % 4], unit=f"s{i % 10}", title="诉求",
            at=at, by="clerk",
        )  # fmt: skip
        item.assign(unit=f"s{i % 10}", owner=f"h{i % 10}", at=at, by="clerk")
        board.track(item)
    gc.collect()
    on = date(2026, 3, 23)  # about half are past their 1 or 5 working days
    best = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        found = board.overdue(on)
        best = min(best, time.perf_counter() - began)
    return {
        "overdue(on) over 1M open items (best of 3)": best,
        "overdue items found": len(found),
        "open items on the board": len(board),
    }


def load(items: int = 10_000) -> dict[str, float]:
    """Mean time to replay one item's four-event stream."""
    start = datetime(2026, 3, 2, 9, tzinfo=ZONE)
    streams = []
    for i in range(items):
        item = WorkItem.receive(
            REGIME, item=f"W{i}", kind="投诉", unit="s1", title="诉求", at=start, by="clerk"
        )
        item.assign(unit="s1", owner="h1", at=start, by="clerk")
        item.answer(AnswerKind.DECISION, text="已处理", at=start, by="h1")
        item.close(at=start, by="h1")
        streams.append(item.events)
    gc.collect()
    began = time.perf_counter()
    for events in streams:
        WorkItem.replay(events, REGIME)
    mean = (time.perf_counter() - began) / items
    return {"load one item's stream (4 events), mean": mean * 1000}


def _fresh(function: str, items: int) -> dict[str, float]:
    code = f"import json, bench_obligations as b; print(json.dumps(b.{function}({items})))"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=HERE, capture_output=True, text=True, check=True
    )
    result: dict[str, float] = json.loads(out.stdout)
    return result


def main() -> list[tuple[str, float, str]]:
    timings = {**_fresh("record", ITEMS), **_fresh("overdue", ITEMS), **_fresh("load", 10_000)}
    units = {"record ÷ floor": "×", "overdue items found": "", "open items on the board": ""}
    return [
        (name, value, "ms" if "mean" in name else units.get(name, "s"))
        for name, value in timings.items()
    ]


if __name__ == "__main__":
    for name, value, unit in main():
        print(f"{name}: {value:,.3f} {unit}")
