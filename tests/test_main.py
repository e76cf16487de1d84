"""``python -m xingfeng``: the demo prints what a user can read, and refuses bad options."""

from __future__ import annotations

import subprocess
import sys

import pytest

from xingfeng.__main__ import main


def test_the_demo_prints_holidays_deadlines_and_rhythms(capsys: pytest.CaptureFixture[str]) -> None:
    """The demo shows the 2026 schedule, the deadlines of common limits and the rhythms."""
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "国庆节  2026-10-01 … 2026-10-07   调休上班 09-20、10-10" in out
    assert "5个工作日  due 2026-10-13 23:59" in out
    assert "一月一查    01-04 02-02" in out


def test_the_demo_shows_the_chain_the_liability_and_a_transition(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The chain is drawn, liability listed in order, a refused then accepted transition."""
    main(["demo"])
    out = capsys.readouterr().out
    assert "    直接责任  许科长（第一责任人）" in out
    assert "    连带责任  唐主任（第一责任人）" in out
    assert "转段被拒 (transition refused), nothing recorded" in out
    assert "转段 宣传动员 → 自查自纠; 4 events recorded; replay equal: True" in out


def test_the_demo_accepts_another_covered_year(capsys: pytest.CaptureFixture[str]) -> None:
    """--year picks the schedule shown."""
    main(["demo", "--year", "2019"])
    assert "春节    2019-02-04 … 2019-02-10" in capsys.readouterr().out


def test_the_demo_refuses_a_year_it_does_not_know(capsys: pytest.CaptureFixture[str]) -> None:
    """A year outside 2004–2026 is refused with a message naming the range."""
    with pytest.raises(SystemExit) as exit_:
        main(["demo", "--year", "2030"])
    assert exit_.value.code == 2
    assert "2004–2026" in capsys.readouterr().err


def test_python_dash_m_runs_the_demo() -> None:
    """The module runs as a program, as `make demo` uses it."""
    result = subprocess.run(
        [sys.executable, "-m", "xingfeng", "demo"], capture_output=True, text=True, check=True
    )
    assert "xingfeng" in result.stdout
