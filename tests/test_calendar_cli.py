"""``python -m xingfeng calendar check FILE``: a schedule file is checked against the bundled
calendar and printed as the State Council notice writes it, in Chinese; a defect is refused
with exit code 1, a file that cannot be read with 2.  And a new year in the bundled data
file needs no change to the code."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

import xingfeng
from xingfeng.__main__ import main

# 示例，非国务院公布的安排: a fictional 2027, for the tests only.
FICTIONAL_2027_TOML = """\
# 示例，非国务院公布的安排
year = 2027
holidays = [
  { name = "元旦", first = 2027-01-01, last = 2027-01-03 },
  { name = "春节", first = 2027-02-05, last = 2027-02-11, makeup = [2027-02-13] },
]
"""

# The same fictional 2027 (示例，非国务院公布的安排), as JSON.
FICTIONAL_2027_JSON = json.dumps(
    {
        "year": 2027,
        "holidays": [
            {"name": "元旦", "first": "2027-01-01", "last": "2027-01-03"},
            {
                "name": "春节",
                "first": "2027-02-05",
                "last": "2027-02-11",
                "makeup": ["2027-02-13"],
            },
        ],
    },
    ensure_ascii=False,
)


def expected_2027(file_name: str) -> list[str]:
    """What the command prints for the fictional 2027, read from ``file_name``."""
    return [
        f"2027年节假日安排（文件：{file_name}）",
        "一、元旦：1月1日至3日放假，共3天。",
        "二、春节：2月5日至11日放假调休，共7天。2月13日（星期六）上班。",
        "共放假10天，调休上班1天。",
        "校验通过：可接在内置日历（2004—2026年）之后，扩展后覆盖2004—2027年。",
    ]


def check(path: Path, *options: str) -> int:
    """Run ``calendar check`` in-process on ``path``."""
    return main(["calendar", "check", str(path), *options])


@pytest.mark.parametrize(
    ("name", "text"), [("2027.toml", FICTIONAL_2027_TOML), ("2027.json", FICTIONAL_2027_JSON)]
)
def test_a_valid_next_year_is_printed_as_the_notice_and_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str
) -> None:
    """A file for the year after the bundled ones, in TOML or JSON (the format taken from the
    suffix), prints each holiday as the State Council notice does and exits with 0."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert check(path) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == expected_2027(name)
    assert err == ""


def test_format_option_overrides_the_suffix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--format json reads a JSON file whatever its suffix; as TOML it would be malformed."""
    path = tmp_path / "2027.txt"
    path.write_text(FICTIONAL_2027_JSON, encoding="utf-8")
    assert check(path, "--format", "json") == 0
    assert capsys.readouterr().out.splitlines() == expected_2027("2027.txt")
    assert check(path) == 1
    assert "不是有效的 TOML" in capsys.readouterr().err


def test_a_one_day_holiday_and_a_schedule_reaching_into_december(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A one-day holiday reads "…放假，共1天。"; a holiday crossing the new year names both
    years, and a make-up day in the year before carries its year, as the 2019 notice did."""
    path = tmp_path / "2027.toml"
    path.write_text(
        textwrap.dedent(
            """\
            # 示例，非国务院公布的安排
            year = 2027
            holidays = [
              { name = "元旦", first = 2026-12-31, last = 2027-01-02, makeup = [2026-12-27] },
              { name = "清明节", first = 2027-04-05, last = 2027-04-05 },
            ]
            """
        ),
        encoding="utf-8",
    )
    assert check(path) == 0
    assert capsys.readouterr().out.splitlines()[1:4] == [
        "一、元旦：2026年12月31日至2027年1月2日放假调休，共3天。2026年12月27日（星期日）上班。",
        "二、清明节：4月5日放假，共1天。",
        "共放假4天，调休上班1天。",
    ]


def test_a_year_the_bundled_calendar_knows_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file repeating 2026, with 元旦 a day shorter than published, is refused with exit 1:
    published years are not replaced by extending the calendar."""
    path = tmp_path / "2026.toml"
    path.write_text(
        'year = 2026\nholidays = [{ name = "元旦", first = 2026-01-01, last = 2026-01-02 }]\n',
        encoding="utf-8",
    )
    assert check(path) == 1
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert lines[0] == "校验未通过（文件：2026.toml）："
    assert "- 2026 年有两份安排：每年只给一份" in lines


def test_a_year_leaving_a_gap_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """2028 alone leaves 2027 unknown between the bundled years and the file: exit 1."""
    path = tmp_path / "2028.toml"
    path.write_text("year = 2028\nholidays = []\n", encoding="utf-8")
    assert check(path) == 1
    assert capsys.readouterr().err.splitlines() == [
        "校验未通过（文件：2028.toml）：",
        "- 年份须连续：2026 与 2028 之间缺少 2027",
    ]


def test_malformed_toml_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file that is not TOML at all is refused with exit 1, naming the parser's complaint."""
    path = tmp_path / "2027.toml"
    path.write_text("year = 2027\nholidays = [\n", encoding="utf-8")
    assert check(path) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "校验未通过（文件：2027.toml）："
    assert err[1].startswith("- $：不是有效的 TOML：")


def test_a_file_without_any_year_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``years = []`` would extend nothing: it is refused rather than passed."""
    path = tmp_path / "empty.toml"
    path.write_text("years = []\n", encoding="utf-8")
    assert check(path) == 1
    assert capsys.readouterr().err.splitlines() == [
        "校验未通过（文件：empty.toml）：",
        "- 文件中没有任何年度安排（year 或 [[years]]）",
    ]


def test_a_make_up_day_on_a_weekday_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A make-up workday on a Monday changes nothing and is refused with exit 1, the defect
    naming the holiday and the day."""
    path = tmp_path / "2027.toml"
    path.write_text(
        'year = 2027\nholidays = [{ name = "春节", first = 2027-02-05, last = 2027-02-11, '
        "makeup = [2027-02-15] }]\n",
        encoding="utf-8",
    )
    assert check(path) == 1
    err = capsys.readouterr().err
    assert err.startswith("校验未通过（文件：2027.toml）：\n- $.holidays[0]：节日 '春节' 定义有误")
    assert "调休上班日 2027-02-15 是星期一" in err


def test_a_missing_file_exits_with_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file that does not exist is not a defect of a schedule: exit 2, said in Chinese."""
    path = tmp_path / "nowhere.toml"
    assert check(path) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"无法读取文件 {path}：文件不存在\n"


def test_a_file_that_is_not_utf8_exits_with_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file in another encoding (GBK here) cannot be read as the text it should be."""
    path = tmp_path / "2027.toml"
    path.write_bytes(FICTIONAL_2027_TOML.encode("gbk"))
    assert check(path) == 2
    assert capsys.readouterr().err == f"无法读取文件 {path}：不是 UTF-8 编码的文本\n"


def test_python_dash_m_checks_a_file(tmp_path: Path) -> None:
    """The real command, as a user types it, prints the notice and exits with 0."""
    path = tmp_path / "2027.toml"
    path.write_text(FICTIONAL_2027_TOML, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "xingfeng", "calendar", "check", str(path)],
        capture_output=True,
        encoding="utf-8",
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == expected_2027("2027.toml")


# 示例，非国务院公布的安排: a fictional 2027 appended to a copy of the bundled data file.
FICTIONAL_2027_YEARS_TABLE = """
# 示例，非国务院公布的安排 (a fictional 2027, appended by tests/test_calendar_cli.py)
[[years]]
year = 2027
holidays = [
  { name = "元旦", first = 2027-01-01, last = 2027-01-03, makeup = [] },
  { name = "春节", first = 2027-02-06, last = 2027-02-12, makeup = [2027-02-20] },
]
"""

PROBE = """\
from datetime import date
from pathlib import Path
import xingfeng
from xingfeng import WorkCalendar

print(Path(xingfeng.__file__).resolve())
cal = WorkCalendar.china()
print(cal.years == range(2004, 2028))
print(cal.add_workdays(date(2026, 12, 31), 1).isoformat())
print(cal.is_workday(date(2027, 2, 20)), cal.holiday_name(date(2027, 2, 8)))
"""


def test_a_new_year_in_the_data_file_needs_no_code_change(tmp_path: Path) -> None:
    """Appending a ``[[years]]`` table to ``data/china.toml`` of an untouched copy of the
    package is all it takes: the copy's ``WorkCalendar.china()`` covers 2004–2027 and counts
    through the new year's holidays and make-up days."""
    assert date(2027, 1, 1).weekday() == 4  # the fictional 元旦 runs Friday to Sunday
    assert date(2027, 2, 20).weekday() == 5  # the fictional make-up day is a Saturday
    copy = tmp_path / "xingfeng"
    shutil.copytree(
        Path(xingfeng.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__")
    )
    with (copy / "data" / "china.toml").open("a", encoding="utf-8") as data:
        data.write(FICTIONAL_2027_YEARS_TABLE)
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        encoding="utf-8",
        check=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path), "PYTHONIOENCODING": "utf-8"},
    )
    assert result.stdout.splitlines() == [
        str((copy / "__init__.py").resolve()),
        "True",
        "2027-01-04",  # 1–3 January are the fictional 元旦; the 4th is a Monday
        "True 春节",
    ]
