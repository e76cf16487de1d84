"""Tallying beyond one machine (docs/distributed.md): partial tallies counted on Dask workers,
and tallies built from SQL ``GROUP BY`` counts, give exactly the tally of one pass."""

from __future__ import annotations

import functools
import random
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing
from fractions import Fraction

import dask.bag as db
import pytest
from dask.distributed import Client, LocalCluster
from hypothesis import given
from hypothesis import strategies as st

from tests import strategies as s
from xingfeng import (
    FOUR_OPTIONS,
    InvalidDefinition,
    Questionnaire,
    SurveyScheme,
    Tally,
)

Q = Questionnaire(
    name="民主评议政风行风问卷",
    items=("服务态度", "办事效率", "廉洁自律"),
    options=FOUR_OPTIONS,
    groups=("服务对象", "行风监督员", "社会各界"),
)
SCHEME = SurveyScheme(
    questionnaire=Q,
    points={"满意": 100, "基本满意": 75, "不满意": 55},
    invalid={"不了解"},
    group_weights={
        "服务对象": Fraction(1, 2),
        "行风监督员": Fraction(1, 4),
        "社会各界": Fraction(1, 4),
    },
    full_marks=80,
)
TARGETS = ("供电公司", "水务集团", "燃气公司", "公交公司", "税务局", "医保中心")
POINTS = ("城东评议点", "城西评议点", "开发区评议点", "县城评议点", "乡镇评议点", "网上评议点")


def ballots(seed: int, count: int) -> list[tuple[str, ...]]:
    """``count`` ballot rows, drawn reproducibly; verdicts lean towards 满意."""
    rng = random.Random(seed)
    weights = (6, 3, 2, 1)  # 满意, 基本满意, 不满意, 不了解
    return [
        (
            rng.choice(TARGETS),
            rng.choice(Q.groups),
            *rng.choices(Q.options, weights=weights, k=len(Q.items)),
        )
        for _ in range(count)
    ]


def by_collection_point(rows: Sequence[tuple[str, ...]], seed: int) -> list[list[tuple[str, ...]]]:
    """Rows split unevenly among the collection points; the last point returned nothing."""
    rng = random.Random(seed)
    parts: list[list[tuple[str, ...]]] = [[] for _ in POINTS]
    for row in rows:
        parts[rng.choice(range(len(POINTS) - 1))].append(row)
    return parts


def merge(tallies: Iterable[Tally]) -> Tally:
    """The sum of partial tallies; ``Tally.empty`` makes an empty partition harmless."""
    return sum(tallies, Tally.empty(Q))


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """A real two-process cluster: tasks, rows and tallies cross process boundaries."""
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as connected,
    ):
        yield connected


# --- Dask ----------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_tallies_counted_on_dask_workers_merge_into_the_exact_scores_of_one_machine(
    client: Client, seed: int
) -> None:
    """Each collection point is tallied on a worker; the merged tally, its scores and its
    satisfaction rates are exactly those of one pass over all the ballots."""
    rows = ballots(seed, 600)
    parts = by_collection_point(rows, seed)
    assert [] in parts
    assert sum(map(len, parts)) == len(rows)

    partial = client.map(functools.partial(Tally.from_rows, Q), parts)
    merged = client.submit(merge, partial).result()

    one_pass = Tally.from_rows(Q, rows)
    assert merged == one_pass
    assert SCHEME.scores(merged) == SCHEME.scores(one_pass)
    assert all(isinstance(score.value, Fraction) for score in SCHEME.scores(merged).values())
    for target in TARGETS:
        assert SCHEME.satisfaction(merged, target) == SCHEME.satisfaction(one_pass, target)


def test_partial_tallies_gathered_in_any_order_merge_to_the_same_tally(client: Client) -> None:
    """Gathered as they finish, reversed or shuffled, the partial tallies sum to one tally."""
    rows = ballots(4, 400)
    parts = by_collection_point(rows, 4)
    gathered: list[Tally] = client.gather(client.map(functools.partial(Tally.from_rows, Q), parts))
    one_pass = Tally.from_rows(Q, rows)
    assert merge(gathered) == merge(reversed(gathered)) == one_pass
    random.Random(4).shuffle(gathered)
    assert merge(gathered) == one_pass


@pytest.mark.parametrize("split_every", [2, 3, 8])
def test_a_tree_reduction_over_a_dask_bag_gives_the_tally_of_one_pass(
    client: Client, split_every: int
) -> None:
    """``Bag.reduction`` tallies each partition and merges the partial tallies level by level
    on the workers; whatever the shape of the tree, the result is the tally of one pass."""
    rows = ballots(5, 500)
    bag = db.from_sequence(rows, npartitions=9)
    counted = bag.reduction(functools.partial(Tally.from_rows, Q), merge, split_every=split_every)
    merged = client.compute(counted).result()
    assert merged == Tally.from_rows(Q, rows)
    assert SCHEME.scores(merged) == SCHEME.scores(Tally.from_rows(Q, rows))


# --- SQL GROUP BY ----------------------------------------------------------------------------

targets = st.text(st.characters(codec="utf-8"), min_size=1, max_size=4).filter(str.strip)


@st.composite
def surveys(draw: st.DrawFn) -> tuple[Questionnaire, list[tuple[str, ...]]]:
    """A questionnaire and up to 40 ballot rows about any non-blank target names."""
    q = draw(s.questionnaires())
    names = draw(st.lists(targets, min_size=1, max_size=4, unique=True))
    row = st.tuples(
        st.sampled_from(names),
        st.sampled_from(q.groups),
        *(st.sampled_from(q.options) for _ in q.items),
    )
    return q, draw(st.lists(row, max_size=40))


def answers_table(q: Questionnaire, rows: Iterable[tuple[str, ...]]) -> sqlite3.Connection:
    """One row per answer: ``answer(ballot, target, grp, item, verdict)``."""
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE answer (ballot INTEGER, target TEXT, grp TEXT, item TEXT, verdict TEXT,"
        " PRIMARY KEY (ballot, item))"
    )
    conn.executemany(
        "INSERT INTO answer VALUES (?, ?, ?, ?, ?)",
        [
            (number, target, group, item, verdict)
            for number, (target, group, *verdicts) in enumerate(rows)
            for item, verdict in zip(q.items, verdicts, strict=True)
        ],
    )
    return conn


def tally_from_answers(q: Questionnaire, conn: sqlite3.Connection) -> Tally:
    """The recipe of docs/distributed.md: the database counts, the Tally checks the counts."""
    counts = conn.execute(
        "SELECT target, grp, item, verdict, COUNT(*) FROM answer"
        " GROUP BY target, grp, item, verdict"
    ).fetchall()
    return Tally(questionnaire=q, cells=counts)


def ballots_table(q: Questionnaire, rows: Iterable[tuple[str, ...]]) -> sqlite3.Connection:
    """One row per ballot, one verdict column per item: ``ballot(target, grp, v0, v1 …)``."""
    columns = [f"v{i}" for i in range(len(q.items))]
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE TABLE ballot (target TEXT, grp TEXT, {', '.join(columns)})")
    marks = ", ".join("?" * (2 + len(columns)))
    conn.executemany(f"INSERT INTO ballot VALUES ({marks})", list(rows))
    return conn


def tally_from_ballots(q: Questionnaire, conn: sqlite3.Connection) -> Tally:
    """A wide table is counted item by item: one GROUP BY per verdict column, UNION ALL."""
    query = " UNION ALL ".join(
        f"SELECT target, grp, ?, v{i}, COUNT(*) FROM ballot GROUP BY target, grp, v{i}"
        for i in range(len(q.items))
    )
    return Tally(questionnaire=q, cells=conn.execute(query, q.items).fetchall())


@given(survey=surveys())
def test_a_tally_built_from_group_by_counts_of_answers_is_the_tally_of_the_rows(
    survey: tuple[Questionnaire, list[tuple[str, ...]]],
) -> None:
    """GROUP BY target, group, item, verdict over one row per answer gives the tally's cells."""
    q, rows = survey
    with closing(answers_table(q, rows)) as conn:
        assert tally_from_answers(q, conn) == Tally.from_rows(q, rows)


@given(survey=surveys())
def test_a_tally_built_from_group_by_counts_of_ballots_is_the_tally_of_the_rows(
    survey: tuple[Questionnaire, list[tuple[str, ...]]],
) -> None:
    """One GROUP BY per item column over one row per ballot gives the tally's cells."""
    q, rows = survey
    with closing(ballots_table(q, rows)) as conn:
        assert tally_from_ballots(q, conn) == Tally.from_rows(q, rows)


@given(survey=surveys(), data=st.data())
def test_tallies_counted_by_separate_databases_merge_into_the_tally_of_all_rows(
    survey: tuple[Questionnaire, list[tuple[str, ...]]], data: st.DataObject
) -> None:
    """Each district's database counts its own ballots; the tallies add up to the whole."""
    q, rows = survey
    cuts = sorted(data.draw(st.lists(st.integers(0, len(rows)), max_size=4)))
    parts = [rows[a:b] for a, b in zip([0, *cuts], [*cuts, len(rows)], strict=True)]
    tallies = []
    for part in parts:
        with closing(answers_table(q, part)) as conn:
            tallies.append(tally_from_answers(q, conn))
    assert sum(tallies, Tally.empty(q)) == Tally.from_rows(q, rows)


def test_counts_that_do_not_describe_whole_ballots_are_refused() -> None:
    """A ballot whose answer to one item is missing from the table is caught by the Tally."""
    rows = ballots(6, 20)
    with closing(answers_table(Q, rows)) as conn:
        conn.execute("DELETE FROM answer WHERE ballot = 0 AND item = ?", (Q.items[1],))
        with pytest.raises(InvalidDefinition) as caught:
            tally_from_answers(Q, conn)
    assert any("各项目的票数不同" in str(d) for d in caught.value.defects)
