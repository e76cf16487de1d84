"""The event store on SQLite at a million events (issue 17).

One campaign of 1,000,002 events (launch, an activity, then problem/measure/completion
triples, as in ``bench_campaign``) is kept in a SQLite file.  Each figure is measured in a
fresh interpreter (best of three), garbage collector on, with its floor in the same run:

- **append**: ``Store.append`` in batches of 1,000 (serializing each event to JSON and
  checking the expected version), against the ``eventsourcing`` SQLite recorder alone
  inserting the same rows already serialized.  Target: ≤ 2× the recorder.
- **load**: ``Store.load_campaign`` with no snapshot, which fetches, decodes and replays
  (checking every event as its command was), against fetching the same rows with
  ``sqlite3`` and ``json.loads`` alone.  Targets: < 10 s and ≤ 3× that floor.
- **load from a snapshot**: the same campaign saved with a snapshot at its last version.
  Target: < 0.5 s.  Also the snapshot's size, and the time to unpickle its state alone
  (the floor a snapshot cannot beat).
- **sealed append**: the same as **append** with the store opened with
  ``seal=Seal(key)``, so each event's JSON also gets its keyed BLAKE2b digest.  Target:
  ≤ 1.2× the unsealed append of the same run; also its ratio to the recorder alone.
- **sealed load**: the same as **load** of a campaign written sealed (a separate file), so
  every event's seal is checked as it is read.  Target: ≤ 1.3× the unsealed load of the
  same run; also its ratio to the ``sqlite3`` + ``json.loads`` floor.

The rounds of measures compared with each other (append, sealed append and their floors;
load, sealed load and theirs) take turns, so a noisy spell of the machine falls on all of
them alike rather than on one.
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench_campaign import ZONE, plan, record

from xingfeng import Campaign
from xingfeng.store import Seal, open_store

HERE = Path(__file__).resolve().parent
EVENTS = int(os.environ.get("XINGFENG_BENCH_EVENTS", 1_000_000))
BATCH = 1_000
ROUNDS = 3
KEY = b"k" * 32  # the sealed measures' key (a host's would come from secrets.token_bytes)


def campaign(events: int) -> Campaign:
    made = Campaign.launch(plan(), at=datetime(2026, 1, 1, 9, tzinfo=ZONE), by="boss")
    made.hold_activity("mobilisation", at=datetime(2026, 1, 5, 9, tzinfo=ZONE), by="boss")
    record(made, events)
    return made


def append(path: str, events: int, sealed: bool = False) -> float:
    """Seconds for Store.append of the whole log in batches, into an empty file."""
    log = campaign(events).events
    store = open_store(f"sqlite:///{path}", snapshot_every=None, seal=Seal(KEY) if sealed else None)
    gc.collect()
    began = time.perf_counter()
    for first in range(0, len(log), BATCH):
        store.append("gas", log[first : first + BATCH], expected_version=first)
    elapsed = time.perf_counter() - began
    store.close()
    return elapsed


def append_sealed(path: str, events: int) -> float:
    """Seconds for the same appends with every event sealed."""
    return append(path, events, sealed=True)


def append_floor(path: str, events: int) -> float:
    """Seconds for the eventsourcing recorder alone to insert the same rows, serialized."""
    from eventsourcing.persistence import StoredEvent
    from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteDatastore

    from xingfeng import to_json

    log = campaign(events).events
    rows = [
        StoredEvent("gas", n, type(e).__name__, to_json(e).encode()) for n, e in enumerate(log, 1)
    ]
    datastore = SQLiteDatastore(path, originator_id_type="text")
    recorder = SQLiteApplicationRecorder(datastore, events_table_name="xingfeng_events")
    recorder.create_table()
    gc.collect()
    began = time.perf_counter()
    for first in range(0, len(rows), BATCH):
        recorder.insert_events(rows[first : first + BATCH])
    elapsed = time.perf_counter() - began
    datastore.close()
    return elapsed


def encode_floor(path: str, events: int) -> float:
    """Seconds for the recorder alone plus json.dumps of the same plain data: the least any
    store of JSON events pays, since the recorder alone is handed bytes already made."""
    from eventsourcing.persistence import StoredEvent
    from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteDatastore

    from xingfeng import unstructure

    log = campaign(events).events
    plain = [(type(e).__name__, unstructure(e)) for e in log]
    datastore = SQLiteDatastore(path, originator_id_type="text")
    recorder = SQLiteApplicationRecorder(datastore, events_table_name="xingfeng_events")
    recorder.create_table()
    gc.collect()
    began = time.perf_counter()
    for first in range(0, len(plain), BATCH):
        rows = [
            StoredEvent("gas", first + n, topic, json.dumps(data, ensure_ascii=False).encode())
            for n, (topic, data) in enumerate(plain[first : first + BATCH], 1)
        ]
        recorder.insert_events(rows)
    elapsed = time.perf_counter() - began
    datastore.close()
    return elapsed


def load(path: str, sealed: bool = False) -> float:
    store = open_store(f"sqlite:///{path}", snapshot_every=None, seal=Seal(KEY) if sealed else None)
    gc.collect()
    began = time.perf_counter()
    loaded = store.load_campaign("gas")
    elapsed = time.perf_counter() - began
    assert loaded.version >= EVENTS
    return elapsed


def load_sealed(path: str) -> float:
    """Seconds for the same load of a file written sealed, every seal checked."""
    return load(path, sealed=True)


def load_floor(path: str) -> float:
    """Seconds to fetch the same rows with sqlite3 and parse each with json.loads."""
    gc.collect()
    began = time.perf_counter()
    connection = sqlite3.connect(path)
    rows = connection.execute(
        "SELECT originator_version, topic, state FROM xingfeng_events "
        "WHERE originator_id = ? ORDER BY originator_version",
        ("gas",),
    ).fetchall()
    data = [json.loads(state) for _, _, state in rows]
    elapsed = time.perf_counter() - began
    assert len(data) >= EVENTS
    connection.close()
    return elapsed


def load_snapshot(path: str) -> float:
    store = open_store(f"sqlite:///{path}", snapshot_every=EVENTS)
    gc.collect()
    began = time.perf_counter()
    loaded = store.load_campaign("gas")
    elapsed = time.perf_counter() - began
    assert loaded._earlier_count >= EVENTS, "the snapshot was not used"
    return elapsed


def unpickle_floor(path: str) -> float:
    """Seconds to unpickle the snapshot's state with nothing else: the floor."""
    connection = sqlite3.connect(path)
    (state,) = connection.execute("SELECT state FROM xingfeng_snapshots").fetchone()
    body = state[state.index(b"\n") + 1 :]
    gc.collect()
    began = time.perf_counter()
    pickle.loads(body)
    return time.perf_counter() - began


def snapshot_size(path: str) -> float:
    connection = sqlite3.connect(path)
    (size,) = connection.execute("SELECT length(state) FROM xingfeng_snapshots").fetchone()
    return float(size) / 1e6


def prepare(path: str, snapshot: bool, sealed: bool = False) -> float:
    """Write the million-event campaign to ``path`` with one save (sealed if asked)."""
    made = campaign(EVENTS)
    store = open_store(
        f"sqlite:///{path}",
        snapshot_every=made.version if snapshot else None,
        seal=Seal(KEY) if sealed else None,
    )
    store.save("gas", made, expected_version=0)
    store.close()
    if sealed:  # the file must hold sealed rows, or the measure would not be of sealing
        connection = sqlite3.connect(path)
        (state,) = connection.execute("SELECT state FROM xingfeng_events LIMIT 1").fetchone()
        connection.close()
        assert bytes(state).startswith(b"xf-seal/1 "), "the events were not sealed"
    return 0.0


def fresh(function: str, *arguments: object) -> float:
    """Run ``function(*arguments)`` in a new interpreter, so runs do not share a heap."""
    code = f"import bench_store as b; print(b.{function}(*{arguments!r}))"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=HERE, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1] or 0)


def best(function: str, *arguments: object) -> float:
    return min(fresh(function, *arguments) for _ in range(ROUNDS))


def taking_turns(calls: dict[str, tuple[str, ...]]) -> dict[str, float]:
    """The best of ``ROUNDS`` fresh runs of each named ``(function, *arguments)``, the
    rounds taking turns so that the machine's noise falls on each alike."""
    runs: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(ROUNDS):
        for name, (function, *arguments) in calls.items():
            runs[name].append(fresh(function, *arguments))
    return {name: min(each) for name, each in runs.items()}


def main() -> list[tuple[str, float, str]]:
    results: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        times: dict[str, float] = {}
        appends = ("append", "append_sealed", "append_floor", "encode_floor")
        for round_ in range(ROUNDS):
            for function in appends:
                path = f"{folder}/{function}-{round_}.db"
                elapsed = fresh(function, path, EVENTS)
                times[function] = min(elapsed, times.get(function, elapsed))
                os.remove(path)  # never read again: no need to keep twelve such files
        results.append((f"append {EVENTS:,} events in batches of {BATCH:,}", times["append"], "s"))
        results.append(("eventsourcing recorder alone, same rows", times["append_floor"], "s"))
        ratio = times["append"] / times["append_floor"]
        results.append(("append / recorder (target <= 2)", ratio, "x"))
        results.append(("recorder + json.dumps of the same data", times["encode_floor"], "s"))
        results.append(
            ("append / (recorder + json.dumps)", times["append"] / times["encode_floor"], "x")
        )
        results.append(("sealed append, same batches", times["append_sealed"], "s"))
        ratio = times["append_sealed"] / times["append"]
        results.append(("sealed append / append (target <= 1.2)", ratio, "x"))
        ratio = times["append_sealed"] / times["append_floor"]
        results.append(("sealed append / recorder", ratio, "x"))

        plain, snapped = f"{folder}/plain.db", f"{folder}/snapped.db"
        sealed = f"{folder}/sealed.db"
        fresh("prepare", plain, False)
        fresh("prepare", snapped, True)
        fresh("prepare", sealed, False, True)
        loads = taking_turns(
            {
                "load": ("load", plain),
                "load_sealed": ("load_sealed", sealed),
                "load_floor": ("load_floor", plain),
            }
        )
        loading, floor = loads["load"], loads["load_floor"]
        results.append((f"load and replay {EVENTS:,} events (target < 10 s)", loading, "s"))
        results.append(("sqlite3 + json.loads alone, same rows", floor, "s"))
        results.append(("load / floor (target <= 3)", loading / floor, "x"))
        results.append(("sealed load, every seal checked", loads["load_sealed"], "s"))
        ratio = loads["load_sealed"] / loading
        results.append(("sealed load / load (target <= 1.3)", ratio, "x"))
        results.append(("sealed load / floor", loads["load_sealed"] / floor, "x"))
        from_snapshot = best("load_snapshot", snapped)
        results.append(("load from a snapshot (target < 0.5 s)", from_snapshot, "s"))
        results.append(("unpickling the snapshot alone", best("unpickle_floor", snapped), "s"))
        results.append(("snapshot size", fresh("snapshot_size", snapped), "MB"))
    return results


if __name__ == "__main__":
    for name, value, unit in main():
        print(f"{name}: {value:,.3f} {unit}")
