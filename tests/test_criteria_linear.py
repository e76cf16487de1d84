"""The criterion parser runs in linear time (issue 18): a criterion of a megabyte is read or
refused within half a second.  A range used to be matched by a regular expression with two
lazy parts, which backtracked quadratically: 16 KB of ``(1..1..`` took over 3 s."""

from __future__ import annotations

import contextlib
import time

import pytest

from xingfeng import XingfengError, parse_criterion

MEGABYTE = 1_000_000
PATHOLOGICAL = [
    "(" + "1.." * (MEGABYTE // 3),
    "[" + "1," * (MEGABYTE // 2),
    "[" + "." * MEGABYTE,
    "[1.." + "a" * MEGABYTE,
    "in " + "a," * (MEGABYTE // 2),
    "in " + '"a",' * (MEGABYTE // 4),
    "= " + '"' * MEGABYTE,
    "> " + "1" * MEGABYTE,
    "不满" + "1" * MEGABYTE,
    "1" * MEGABYTE + "以上",
    "x" * MEGABYTE,
    "[" + " " * MEGABYTE + "1..2]",
]


@pytest.mark.parametrize("text", PATHOLOGICAL, ids=lambda text: repr(text[:8]))
def test_a_megabyte_criterion_is_read_or_refused_within_half_a_second(text: str) -> None:
    began = time.perf_counter()
    with contextlib.suppress(XingfengError):
        parse_criterion(text)
    assert time.perf_counter() - began < 0.5
