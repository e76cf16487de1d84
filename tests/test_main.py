"""``python -m xingfeng demo``: the gas-company case by default, any other case by name, as
Markdown or JSON, and a clear refusal of what it does not know."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from xingfeng import Report
from xingfeng.__main__ import EXAMPLES, examples_dir, main
from xingfeng.serialization import from_json


def test_every_listed_example_is_a_script_in_examples() -> None:
    """The demo's list and the examples folder agree, both ways."""
    folder = examples_dir()
    assert folder is not None
    assert sorted(EXAMPLES) == sorted(p.stem for p in folder.glob("*.py"))


def test_the_demo_runs_the_gas_company_to_its_transition_report(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The default case prints the chain, the problems, the findings, the ranking and the
    stage report, in that order."""
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    assert headings == [
        "## 一、责任体系",
        "## 二、意见归类与问题清单",
        "## 三、规则评价结果",
        "## 四、科室测评与排名",
        "## 五、2026年民主评议行风自查自纠阶段总结暨转段报告",
    ]
    assert "| 方科长 | 第一责任人 | 客户服务科 | 何副总经理 |" in out
    assert (
        "| P4 | 管理力度不够：制度不严密，信息掌握滞后 | 行风监督员1、用户单位1 | 何副总经理 | "
        "2026-06-11 | 整改中 |" in out
    )
    assert "【R9 整改逾期责任追究】个人 何副总经理：整改逾期 第2条（最长逾期天数 = 19）" in out
    assert "| 1 | 客户服务科 | 94.70 | 82.00% |" in out
    assert "下一阶段为整改提高阶段" in out


def test_json_is_the_same_report(capsys: pytest.CaptureFixture[str]) -> None:
    """--format json prints the report as JSON that loads back to the report printed as text."""
    main(["demo", "--format", "json"])
    data = capsys.readouterr().out
    report = from_json(data, Report)
    main(["demo"])
    assert capsys.readouterr().out == report.markdown() + "\n"
    assert json.loads(data)["sections"][0]["title"] == "责任体系"


def test_help_lists_every_example(capsys: pytest.CaptureFixture[str]) -> None:
    """demo --help names every case with what it shows."""
    with pytest.raises(SystemExit) as exit_:
        main(["demo", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    unwrapped = "".join(out.split())  # a long description wraps under its column
    for name, what in EXAMPLES.items():
        assert name in out
        assert "".join(what.split()) in unwrapped


def test_an_unknown_example_is_refused_with_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    """A name that is not a case exits with 2 and lists the cases."""
    with pytest.raises(SystemExit) as exit_:
        main(["demo", "nowhere"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "'nowhere'" in err
    assert all(name in err for name in EXAMPLES)


def test_an_unknown_format_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """Only text and json are formats."""
    with pytest.raises(SystemExit) as exit_:
        main(["demo", "--format", "xml"])
    assert exit_.value.code == 2
    assert "'xml'" in capsys.readouterr().err


def test_python_dash_m_runs_the_demo() -> None:
    """The module runs as a program, as `make demo` uses it."""
    result = subprocess.run(
        [sys.executable, "-m", "xingfeng", "demo"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("# 市燃气总公司民主评议行风：第二阶段演示")
