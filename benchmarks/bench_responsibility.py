"""The responsibility chain at province scale: 100,000 holders.

A random tree of units (branching 3–10), each unit with a first responsible person and a
few staff; deputies in charge of the units below the root; a few hundred supervision
edges from supervision offices.  Targets (issue 3): build and validate under 1 s;
``chain_of`` for 10,000 holders under 20 ms; ``liable_for`` for 10,000 holders under 50 ms.
Each phase is timed with the garbage collector on, after collecting the previous phase's
garbage; each figure is the best of three rounds built from scratch.  ``liable_for`` is
timed on first use (direct-liability records made as needed) and again.
"""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable

from xingfeng import (
    Organization,
    Person,
    Post,
    Posting,
    ResponsibilityChain,
    Supervision,
    Unit,
    UnitKind,
)

HOLDERS = 100_000


def province(holders: int, seed: int = 7) -> Organization:
    """An organisation of about ``holders`` holders."""
    rng = random.Random(seed)
    units = [Unit(id="u0", name="省公司", kind=UnitKind.ORGANIZATION)]
    people: list[Person] = []
    postings: list[Posting] = []

    def hire(unit: str, post: Post, **extra: object) -> str:
        pid = f"p{len(people)}"
        people.append(Person(id=pid, name=f"人员{len(people)}"))
        postings.append(Posting(person=pid, unit=unit, post=post, **extra))  # type: ignore[arg-type]
        return pid

    hire("u0", Post.TOP_LEADER)
    frontier = ["u0"]
    depth1: list[str] = []
    while len(people) < holders:
        parent = frontier.pop(0)
        for _ in range(rng.randint(3, 10)):
            uid = f"u{len(units)}"
            units.append(Unit(id=uid, name=f"单位{uid}", kind=UnitKind.SECTION, parent=parent))
            hire(uid, Post.FIRST_RESPONSIBLE)
            for _ in range(rng.randint(0, 3)):
                hire(uid, Post.STAFF)
            frontier.append(uid)
            if parent == "u0":
                depth1.append(uid)
    for i in range(0, len(depth1), 3):
        hire("u0", Post.DEPUTY, in_charge_of=frozenset(depth1[i : i + 3]))
    offices = []
    for i in range(5):
        uid = f"office{i}"
        units.append(Unit(id=uid, name=f"监督办{i}", kind=UnitKind.SUPERVISION_OFFICE, parent="u0"))
        hire(uid, Post.FIRST_RESPONSIBLE)
        offices.append(uid)
    watched = rng.sample([u.id for u in units[1:] if not u.id.startswith("office")], 300)
    supervision = [
        Supervision(office=office, units=frozenset(watched[i::5]))
        for i, office in enumerate(offices)
    ]
    return Organization(units=units, people=people, postings=postings, supervision=supervision)


def timed(run: Callable[[], object]) -> tuple[float, object]:
    """Seconds taken by ``run`` (garbage collector on), after collecting earlier garbage so
    each phase pays only for its own."""
    gc.collect()
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def one_round(org: Organization, sample: list[str]) -> dict[str, float]:
    """Every figure once, from a freshly built organisation and chain."""
    parts = {"units": org.units, "people": org.people, "postings": org.postings}
    org_s, rebuilt = timed(lambda: Organization(**parts, supervision=org.supervision))
    assert isinstance(rebuilt, Organization)
    chain_s, built = timed(lambda: ResponsibilityChain(organization=rebuilt))
    assert isinstance(built, ResponsibilityChain)
    chain = built
    return {
        "Organization: build and validate (s)": org_s,
        "ResponsibilityChain: build and validate (s)": chain_s,
        "chain_of, 10,000 holders (ms)": timed(lambda: [chain.chain_of(h) for h in sample])[0],
        "liable_for, 10,000 holders, first time (ms)": timed(
            lambda: [chain.liable_for(h) for h in sample]
        )[0],
        "liable_for, 10,000 holders, again (ms)": timed(
            lambda: [chain.liable_for(h) for h in sample]
        )[0],
        "networkx graph, made on first use (s)": timed(lambda: chain.graph)[0],
    }


def main() -> list[tuple[str, float, str]]:
    org = province(HOLDERS)
    holders = list(dict.fromkeys(p.person for p in org.postings))
    sample = random.Random(1).sample(holders, 10_000)
    # Best of three rounds, each from scratch: timings on this machine vary by a third.
    rounds = [one_round(org, sample) for _ in range(3)]
    results = [
        ("holders", float(len(holders)), "holders"),
        ("supervision edges", float(sum(len(s.units) for s in org.supervision)), "edges"),
    ]
    for name in rounds[0]:
        label, unit = name[:-1].rsplit(" (", 1)
        best = min(r[name] for r in rounds)
        results.append((label, best * 1e3 if unit == "ms" else best, unit))
    return results
