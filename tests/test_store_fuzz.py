"""Fuzz tests of the store room (issue 18's "Bad input", extended to ``xingfeng.store``):
``open_store``, ``Seal`` and every method of a ``Store`` refuse junk with a
:class:`~xingfeng.XingfengError` within the fuzz suite's bound, whatever argument is junk.

The harness is ``tests/test_fuzz.py``'s :func:`~tests.test_fuzz.call`.  Addresses that
would reach the network (``postgresql://`` with a random host) are left out: a connection
attempt is bounded by the driver's timeout, not by the library; the refusal of a server
nobody listens on is ``tests/test_store.py``'s.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import fuzz_inputs as fz
from tests.store_fixtures import REGIME, full_item, small_campaign
from tests.test_fuzz import Refused, call
from xingfeng.store import Seal, Store, open_store

EXAMPLES = settings().max_examples


def _local(url: object) -> bool:
    """Junk that open_store may be given without reaching a server or writing a file
    outside the test's folder."""
    if not isinstance(url, str):
        return True
    lowered = url.strip().lower()
    return not lowered.startswith(("postgres", "sqlite:/"))


@pytest.fixture(scope="module", params=["plain", "sealed"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """An in-memory store, unsealed and sealed, holding a campaign ``c`` and an item ``w``."""
    seal = Seal(b"k" * 32) if request.param == "sealed" else None
    with open_store("sqlite://", snapshot_every=3, seal=seal) as opened:
        opened.save("c", small_campaign(opinions=4), expected_version=0)
        opened.save("w", full_item(), expected_version=0)
        yield opened


@settings(max_examples=EXAMPLES, deadline=None)
@given(url=fz.hostile().filter(_local), every=st.one_of(st.none(), fz.hostile()))
def test_open_store_refuses_junk(url: Any, every: Any) -> None:
    result = call("open_store", open_store, url, snapshot_every=every)
    if not isinstance(result, Refused):  # junk that names an in-memory store is one
        result.close()


@settings(
    max_examples=max(10, EXAMPLES // 5),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(name=st.text(min_size=0, max_size=40))
def test_a_sqlite_file_of_any_name_opens_or_is_refused(tmp_path: Path, name: str) -> None:
    """Any file name in a folder of the test's: a store, or a StoreError (a NUL, a name too
    long, a folder that does not exist)."""
    url = f"sqlite:///{tmp_path}/{uuid.uuid4().hex[:6]}{name}"
    result = call("open_store(sqlite file)", open_store, url)
    if not isinstance(result, Refused):
        result.close()


@settings(max_examples=EXAMPLES, deadline=None)
@given(key=fz.hostile(), previous=st.one_of(st.just(()), fz.hostile()))
def test_a_seal_refuses_junk_keys(key: Any, previous: Any) -> None:
    call("Seal", Seal, key, previous=previous)


def _methods(store: Store) -> dict[str, tuple[Callable[..., Any], dict[str, Any]]]:
    """Each method of the store with valid arguments, any one of which the test replaces."""
    campaign = small_campaign(opinions=1)
    return {
        "append": (
            store.append,
            {"stream": "fresh", "events": campaign.events, "expected_version": 99},
        ),
        "version": (store.version, {"stream": "c"}),
        "load": (store.load, {"stream": "c", "after": 0}),
        "read_all": (lambda **kw: list(store.read_all(**kw)), {"after": 0, "batch": 2}),
        "save": (store.save, {"stream": "c", "aggregate": campaign, "expected_version": 99}),
        "load_campaign": (store.load_campaign, {"stream": "c"}),
        "load_item": (store.load_item, {"stream": "w", "regime": REGIME}),
    }


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_every_store_method_refuses_junk(store: Store, data: st.DataObject) -> None:
    """One argument of one method replaced by junk: a result or a XingfengError, and the
    streams the fixture saved are as they were (the valid arguments aim at versions the
    streams are not at, so nothing is written by accident)."""
    name = data.draw(st.sampled_from(sorted(_methods(store))), label="method")
    method, arguments = _methods(store)[name]
    replaced = data.draw(st.sampled_from(sorted(arguments)), label="argument")
    arguments[replaced] = data.draw(fz.hostile(), label="junk")
    call(f"Store.{name}({replaced}=…)", method, **arguments)
    assert store.version("c") == 5
    assert store.version("w") == 20


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    place=st.tuples(
        st.one_of(st.text(max_size=20), fz.hostile()),
        st.one_of(st.integers(min_value=-2, max_value=2**70), fz.hostile()),
        st.one_of(st.text(max_size=20), fz.hostile()),
    ),
    body=st.one_of(st.binary(max_size=40), fz.hostile()),
)
def test_a_seal_seals_or_refuses_any_place(place: tuple[Any, Any, Any], body: Any) -> None:
    """``Seal.seal`` and ``Seal.open`` with junk for the stream, number, type or bytes: a
    result or an InvalidArgument; what ``seal`` makes, ``open`` opens."""
    seal = Seal(b"k" * 32)
    sealed = call("Seal.seal", seal.seal, *place, body)
    call("Seal.open", seal.open, *place, body)
    if not isinstance(sealed, Refused):
        assert seal.open(*place, sealed) == body
