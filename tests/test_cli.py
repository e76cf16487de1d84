"""The command line speaks Chinese, argparse's own words too: the help of every command
(用法：, 位置参数, 选项, 显示此帮助并退出) and every kind of usage error, which exits with 2 as
argparse does.  And it does so without touching argparse's or gettext's module state, since a
host may call ``main()`` inside its own process."""

from __future__ import annotations

import argparse
import builtins
import gettext
import os
import re
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xingfeng.__main__ import EXAMPLES, main, usage_error, wrapped

#: argparse's English words, none of which may reach the user.
ENGLISH = (
    "usage",
    "positional arguments",
    "options:",
    "optional arguments",
    "show this help",
    "error:",
    "argument",
    "invalid choice",
    "choose from",
    "required",
    "unrecognized",
    "expected",
)

COMMANDS: tuple[list[str], ...] = ([], ["demo"], ["calendar"], ["calendar", "check"])


def run(argv: list[str]) -> int | str | None:
    """Run the command line in-process as a user would, returning the code it exits with."""
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    return exit_.value.code


def assert_no_english(text: str) -> None:
    for word in ENGLISH:
        assert word not in text.lower(), f"{word!r} in:\n{text}"


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "top")
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_is_in_chinese(
    capsys: pytest.CaptureFixture[str], command: list[str], flag: str
) -> None:
    """--help of each command and sub-command exits with 0 and has no English word of argparse."""
    assert run([*command, flag]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith("用法：python -m xingfeng")
    assert "\n位置参数：\n" in out
    assert "\n选项：\n" in out
    assert "  -h, --help" in out
    assert "显示此帮助并退出" in out
    assert_no_english(out)


def test_the_top_level_help() -> None:
    """The whole help of ``python -m xingfeng``, as the program prints it."""
    result = subprocess.run(
        [sys.executable, "-m", "xingfeng", "--help"],
        capture_output=True,
        encoding="utf-8",
        check=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "100"},
    )
    lines = result.stdout.splitlines()
    assert lines[0] == "用法：python -m xingfeng [-h] {demo,calendar} ..."
    assert lines[2].endswith("：行风评议的领域核心")
    assert lines[3:] == [
        "",
        "位置参数：",
        "  {demo,calendar}",
        "    demo           运行一个源案例并打印其报告",
        "    calendar       节假日安排文件",
        "",
        "选项：",
        "  -h, --help       显示此帮助并退出",
    ]


def test_demo_help_lists_the_cases_under_a_chinese_heading(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The demo's own help texts are Chinese; the cases follow 可运行的案例：, names as typed."""
    assert run(["demo", "--help"]) == 0
    out = capsys.readouterr().out
    assert "用内置数据从头到尾运行一个源案例，并打印其报告。" in out
    assert "要运行的案例（默认：gas_company）" in out
    assert "--format {text,json,docx}" in out
    listing = out.split("可运行的案例：\n", 1)[1].splitlines()
    rows = [line for line in listing if not line.startswith("   ")]  # not a wrapped tail
    assert [line.split()[0] for line in rows] == list(EXAMPLES)
    assert "run a source case" not in out
    assert "examples:" not in out


# What each kind of usage error prints: the usage line of the parser that refused, then
# "prog：错误：message".
USAGE_ERRORS = [
    pytest.param(
        ["demo", "nosuch"],
        "python -m xingfeng demo",
        "参数 EXAMPLE：无效的取值 'nosuch'（可选："
        + ", ".join(repr(name) for name in EXAMPLES)
        + "）",
        id="invalid choice",
    ),
    pytest.param(
        ["demo", "--format", "xml"],
        "python -m xingfeng demo",
        "参数 --format：无效的取值 'xml'（可选：'text', 'json', 'docx'）",
        id="--format invalid choice",
    ),
    pytest.param(
        ["calendar", "check", "2027.toml", "--format", "yaml"],
        "python -m xingfeng calendar check",
        "参数 --format：无效的取值 'yaml'（可选：'toml', 'json'）",
        id="calendar --format invalid choice",
    ),
    pytest.param(
        ["nosuch"],
        "python -m xingfeng",
        "参数 {demo,calendar}：无效的取值 'nosuch'（可选：'demo', 'calendar'）",
        id="unknown command",
    ),
    pytest.param([], "python -m xingfeng", "缺少必需的参数：{demo,calendar}", id="missing command"),
    pytest.param(
        ["calendar"], "python -m xingfeng calendar", "缺少必需的参数：{check}", id="missing action"
    ),
    pytest.param(
        ["calendar", "check"],
        "python -m xingfeng calendar check",
        "缺少必需的参数：FILE",
        id="missing argument",
    ),
    pytest.param(
        ["demo", "--bogus"], "python -m xingfeng", "不认识的参数：--bogus", id="unknown option"
    ),
    pytest.param(
        ["calendar", "check", "a.toml", "b.toml"],
        "python -m xingfeng",
        "不认识的参数：b.toml",
        id="unknown argument",
    ),
    pytest.param(
        ["demo", "--format"],
        "python -m xingfeng demo",
        "参数 --format：需要一个值",
        id="option missing its value",
    ),
    pytest.param(
        ["calendar", "check", "2027.toml", "--format"],
        "python -m xingfeng calendar check",
        "参数 --format：需要一个值",
        id="calendar option missing its value",
    ),
    pytest.param(
        ["demo", "--help=x"],
        "python -m xingfeng demo",
        "参数 -h/--help：不接受值 'x'",
        id="value given to a flag",
    ),
]


@pytest.mark.parametrize(("argv", "prog", "message"), USAGE_ERRORS)
def test_usage_errors_are_in_chinese_and_exit_with_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], prog: str, message: str
) -> None:
    """Each kind of usage error prints 用法： and ``prog：错误：`` in Chinese on stderr, nothing
    on stdout, and exits with 2."""
    assert run(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    usage, error = err.splitlines()
    assert usage.startswith(f"用法：{prog} [-h]")
    assert error == f"{prog}：错误：{message}"
    assert_no_english(usage.removeprefix("用法："))
    assert_no_english(error)


def test_a_usage_error_from_python_dash_m() -> None:
    """The real command, as a user types it: Chinese on stderr, exit code 2."""
    result = subprocess.run(
        [sys.executable, "-m", "xingfeng", "demo", "--format", "xml"],
        capture_output=True,
        encoding="utf-8",
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "用法：python -m xingfeng demo [-h] [--format {text,json,docx}] [EXAMPLE]",
        "python -m xingfeng demo：错误："
        "参数 --format：无效的取值 'xml'（可选：'text', 'json', 'docx'）",
    ]


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        # Python 3.14 and later: str() of the choices, and a suggestion.
        (
            "argument {demo,calendar}: invalid choice: 'dem', maybe you meant 'demo'? "
            "(choose from demo, calendar)",
            "参数 {demo,calendar}：无效的取值 'dem'，是否想输入 'demo'？（可选：demo, calendar）",
        ),
        (
            "argument --format: invalid choice: 'xml' (choose from text, json, docx)",
            "参数 --format：无效的取值 'xml'（可选：text, json, docx）",
        ),
        ("argument --format: expected at most one argument", "参数 --format：最多需要一个值"),
        ("argument FILE: expected at least one argument", "参数 FILE：至少需要一个值"),
        ("argument --pair: expected 2 arguments", "参数 --pair：需要 2 个值"),
        ("argument --pair: expected 1 argument", "参数 --pair：需要 1 个值"),
        ("argument --year: invalid int value: 'x'", "参数 --year：无效的 int 值：'x'"),
        (
            "ambiguous option: --f could match --format, --file",
            "选项 --f 有歧义，可能是：--format, --file",
        ),
        ("argument --a: not allowed with argument --b", "参数 --a：不能与参数 --b 同时使用"),
        ("one of the arguments --a --b is required", "参数 --a --b 中必须给出一个"),
        (
            "argument command: unknown parser 'x' (choices: demo, calendar)",
            "参数 command：没有命令 'x'（可选：demo, calendar）",
        ),
        # What argparse has not said before is shown whole, after a Chinese prefix.
        ("something argparse says one day", "命令行有误：something argparse says one day"),
        ("argument --format: something new", "参数 --format：something new"),
        # Our own messages are Chinese already and shown as they are.
        ("此份 xingfeng 没有安装示例脚本", "此份 xingfeng 没有安装示例脚本"),
    ],
)
def test_argparse_messages_of_every_supported_python(english: str, chinese: str) -> None:
    """The messages of argparse's templates in Python 3.11 to 3.14, including the ones the
    Python running the tests does not produce, come out in Chinese; nothing is dropped."""
    assert usage_error(english) == chinese


def _state() -> dict[str, object]:
    """What a translation of argparse could change: both modules' names and what they are
    bound to, the help and usage words argparse looks up, and a builtin ``_``."""
    return {
        "argparse": {name: id(value) for name, value in vars(argparse).items()},
        "gettext": {name: id(value) for name, value in vars(gettext).items()},
        "ArgumentParser": dict(vars(argparse.ArgumentParser)),
        "HelpFormatter": dict(vars(argparse.HelpFormatter)),
        "words": [
            vars(argparse)["_"](w)
            for w in ("usage: ", "options", "show this help message and exit")
        ],
        "textdomain": gettext.textdomain(),
        "builtin _": hasattr(builtins, "_"),
    }


def test_main_leaves_argparse_and_gettext_as_it_found_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Help, a usage error and a run, twice over, in one process: argparse still says its words
    in English to whoever else uses it, and nothing in either module was replaced."""
    before = _state()
    for _ in range(2):
        assert run(["--help"]) == 0
        assert run(["demo", "--help"]) == 0
        assert run(["demo", "nosuch"]) == 2
        assert main(["demo", "--format", "json"]) == 0
    capsys.readouterr()
    assert _state() == before
    assert vars(argparse)["_"] is gettext.gettext
    assert vars(argparse)["ngettext"] is gettext.ngettext
    plain = argparse.ArgumentParser(prog="host")
    assert plain.format_help().startswith("usage: host [-h]")
    assert "show this help message and exit" in plain.format_help()
    with pytest.raises(SystemExit):
        plain.parse_args(["--nosuch"])
    assert re.fullmatch(
        r"usage: host \[-h\]\nhost: error: unrecognized arguments: --nosuch\n",
        capsys.readouterr().err,
    )


# ---- wrapping by terminal columns

CLOSING = "，。、；：？！）》」』”’"
words = st.one_of(
    st.text(st.sampled_from("用内置数据运行源案例报告节假日安排文件"), min_size=1, max_size=6),
    st.text(st.sampled_from("abcxyz.-[]{}09"), min_size=1, max_size=12),
    st.sampled_from([*sorted(CLOSING), "（", "《"]),
)


def _columns(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@given(st.lists(st.tuples(words, st.booleans()), max_size=40), st.integers(10, 100))
def test_help_wraps_by_terminal_columns(parts: list[tuple[str, bool]], width: int) -> None:
    """Help text breaks into lines of at most ``width`` columns (a Chinese character is two),
    keeps every character but runs of spaces, and never starts a line with closing
    punctuation; only a word that cannot be broken (Latin letters, or one character with
    the punctuation after it) may overflow, alone on its line."""
    text = "".join(word + (" " if spaced else "") for word, spaced in parts)
    lines = wrapped(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for number, line in enumerate(lines):
        assert line
        assert line == line.strip()
        assert number == 0 or line[0] not in CLOSING
        if _columns(line) > width:
            core = line.rstrip(CLOSING)
            assert " " not in line
            assert core.isascii() or len(core) == 1, line


def test_help_of_every_command_fits_eighty_columns() -> None:
    for command in COMMANDS:
        parser_help = subprocess.run(
            [sys.executable, "-m", "xingfeng", *command, "--help"],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "COLUMNS": "80"},
        ).stdout
        for line in parser_help.splitlines():
            assert _columns(line) <= 80, line
