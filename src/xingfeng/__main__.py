"""``python -m xingfeng``: the source cases run end to end, and a check of schedule files.

The only module here that writes to the terminal or reads a file; the library itself does
no I/O.

``demo``: each case is a script in ``examples/`` whose ``run()`` returns a
:class:`~xingfeng.Report`; the demo prints it as Markdown, or as JSON with ``--format json``.

``demo --format docx`` writes the report as a 公文 Word document to standard output.

``calendar check FILE``: reads a file of year schedules (TOML or JSON, the format of
:func:`~xingfeng.parse_schedules`), checks that it extends the bundled calendar
(:meth:`~xingfeng.WorkCalendar.china`) and prints each year as the State Council's notice
does, in Chinese; a defect exits with 1, a file that cannot be read with 2.

Everything the command line says is Chinese, argparse's own words too (用法：, 位置参数, 选项
and its usage errors, exit code 2): :class:`ChineseArgumentParser` says them itself, without
installing a translation, so calling :func:`main` leaves argparse and gettext as it found them.
"""

from __future__ import annotations

import argparse
import re
import runpy
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from xingfeng import Report, __version__
from xingfeng.adapters import to_docx
from xingfeng.calendar import Holiday, WorkCalendar, YearSchedule, parse_schedules
from xingfeng.exceptions import InvalidDefinition, LoadError, MissingExtra, XingfengError
from xingfeng.reports import chinese_numeral
from xingfeng.serialization import to_json

#: The cases, in the order of their seeds, with what each shows.
EXAMPLES = {
    "gas_company": "seed 000 市燃气总公司民主评议行风：第二阶段自查自纠至转段报告",
    "service_centre": "seed 001 行政服务中心：纪律规定，先斩后奏双倍处罚，连带责任，通报原单位",
    "power_grid": "seed 002 供电公司迎评：80分问卷，投诉分渠道、分类核对，22家排名目标，整改原则",
    "logistics_bureau": "seed 003 机关事务管理局作风建设年：查改实固强，月查季督，能耗同比",
    "construction_bureau": "seed 004 建设局文明单位创建：三级责任，半年自查，77件建议提案的四率",
}

_WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


def examples_dir() -> Path | None:
    """Where the example scripts are: inside an installed wheel, or in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "examples", here.parents[1] / "examples"):
        if (candidate / "gas_company.py").is_file():
            return candidate
    return None


def load(name: str) -> Callable[[], Report]:
    """The ``run`` function of the example called ``name``."""
    folder = examples_dir()
    if folder is None:
        raise FileNotFoundError("此份 xingfeng 没有安装示例脚本（examples）")
    return runpy.run_path(str(folder / f"{name}.py"))["run"]  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- calendar check


def _day(day: date, year: int) -> str:
    """``2月13日``; with the year (``2018年12月30日``) when it is not the schedule's year."""
    prefix = f"{day.year}年" if day.year != year else ""
    return f"{prefix}{day.month}月{day.day}日"


def _span(first: date, last: date, year: int) -> str:
    """The rest days as a notice writes them: 1月1日, 2月5日至11日, 12月31日至1月2日."""
    if first == last:
        return _day(first, year)
    if first.year != last.year:
        return f"{_day(first, 0)}至{_day(last, 0)}"
    end = f"{last.day}日" if last.month == first.month else f"{last.month}月{last.day}日"
    return f"{_day(first, year)}至{end}"


def holiday_line(number: int, holiday: Holiday, year: int) -> str:
    """One item of the notice: 二、春节：2月5日至11日放假调休，共7天。2月13日（星期六）上班。"""
    rest = "放假调休" if holiday.makeup else "放假"
    line = (
        f"{chinese_numeral(number)}、{holiday.name}：{_span(holiday.first, holiday.last, year)}"
        f"{rest}，共{len(holiday.days())}天。"
    )
    if holiday.makeup:
        worked = "、".join(
            f"{_day(d, year)}（{_WEEKDAYS[d.weekday()]}）" for d in sorted(holiday.makeup)
        )
        line += f"{worked}上班。"
    return line


def notice_lines(schedule: YearSchedule, source: str) -> list[str]:
    """The year's holidays and make-up workdays in the words of the State Council notice."""
    lines = [f"{schedule.year}年节假日安排（文件：{source}）"]
    ordered = sorted(schedule.holidays, key=lambda h: h.first)
    lines += [holiday_line(i, h, schedule.year) for i, h in enumerate(ordered, start=1)]
    rest = sum(len(h.days()) for h in ordered)
    worked = sum(len(h.makeup) for h in ordered)
    lines.append(f"共放假{rest}天，调休上班{worked}天。")
    return lines


def _years(covered: range) -> str:
    return f"{covered.start}—{covered.stop - 1}年"


def verdict(bundled: WorkCalendar, extended: WorkCalendar, added: Sequence[int]) -> str:
    """The closing line: where the file's years go and what the calendar then covers."""
    before = any(y < bundled.years.start for y in added)
    after = any(y >= bundled.years.stop for y in added)
    where = "前后" if before and after else "之前" if before else "之后"
    return (
        f"校验通过：可接在内置日历（{_years(bundled.years)}）{where}，"
        f"扩展后覆盖{_years(extended.years)}。"
    )


def check_schedules(text: str, format: str) -> tuple[tuple[YearSchedule, ...], str]:
    """The file's schedules, sorted by year, and the verdict; raises what the library raises."""
    schedules = tuple(sorted(parse_schedules(text, format=format), key=lambda s: s.year))
    if not schedules:
        raise InvalidDefinition(
            "节假日安排文件",
            ["文件中没有任何年度安排（year 或 [[years]]）"],
            english="schedule file",
        )
    bundled = WorkCalendar.china()
    extended = bundled.extended(*schedules)
    return schedules, verdict(bundled, extended, [s.year for s in schedules])


def defect_lines(error: XingfengError) -> list[str]:
    """Each defect of ``error`` on its own line, in the library's words."""
    if isinstance(error, LoadError):
        found = [f"{path}：{reason}" for path, reason in error.errors]
    elif isinstance(error, InvalidDefinition):
        found = [str(d) for d in error.defects]
    else:
        found = [str(error)]
    return [f"- {d}".replace("\n", "\n  ") for d in found]


def read_text(path: Path) -> str | None:
    """The file's text, or ``None`` after saying in Chinese why it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        why = "文件不存在"
    except IsADirectoryError:
        why = "这是一个目录，不是文件"
    except PermissionError:
        why = "没有读取权限"
    except UnicodeDecodeError:
        why = "不是 UTF-8 编码的文本"
    except OSError as error:
        why = error.strerror or str(error)
    print(f"无法读取文件 {path}：{why}", file=sys.stderr)
    return None


def calendar_check(path: Path, format: str | None) -> int:
    """``calendar check``: 0 if the file extends the bundled calendar, 1 if not, 2 unread."""
    text = read_text(path)
    if text is None:
        return 2
    try:
        schedules, closing = check_schedules(text, format or _format_of(path))
    except XingfengError as error:
        print(f"校验未通过（文件：{path.name}）：", *defect_lines(error), sep="\n", file=sys.stderr)
        return 1
    blocks = ["\n".join(notice_lines(s, path.name)) for s in schedules]
    print("\n\n".join(blocks), closing, sep="\n")
    return 0


def _format_of(path: Path) -> str:
    return "json" if path.suffix.lower() == ".json" else "toml"


# --------------------------------------------------------------------------- argparse in Chinese

# argparse writes its own words (usage:, positional arguments, options, its error messages) in
# English through gettext.  Installing a translation would change gettext's or argparse's state
# for the whole process, and a host may call main() inside its own: so the parser below says
# them in Chinese itself, touching no module state.

_POSITIONALS = "位置参数"
_OPTIONALS = "选项"

#: argparse's error messages (Python 3.11 to 3.14), in its own %-format, and their Chinese.
#: The more specific template of two that both match comes first.
_MESSAGES = (
    (
        "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)",
        "无效的取值 {value}，是否想输入 {closest}？（可选：{choices}）",
    ),
    (
        "invalid choice: %(value)r (choose from %(choices)s)",
        "无效的取值 {value}（可选：{choices}）",
    ),
    ("the following arguments are required: %s", "缺少必需的参数：{0}"),
    ("unrecognized arguments: %s", "不认识的参数：{0}"),
    ("expected one argument", "需要一个值"),
    ("expected at most one argument", "最多需要一个值"),
    ("expected at least one argument", "至少需要一个值"),
    ("expected %s argument", "需要 {0} 个值"),
    ("expected %s arguments", "需要 {0} 个值"),
    (
        "ambiguous option: %(option)s could match %(matches)s",
        "选项 {option} 有歧义，可能是：{matches}",
    ),
    ("invalid %(type)s value: %(value)r", "无效的 {type} 值：{value}"),
    ("not allowed with argument %s", "不能与参数 {0} 同时使用"),
    ("ignored explicit argument %r", "不接受值 {0}"),
    ("one of the arguments %s is required", "参数 {0} 中必须给出一个"),
    (
        "unknown parser %(parser_name)r (choices: %(choices)s)",
        "没有命令 {parser_name}（可选：{choices}）",
    ),
    ("can't open '%(filename)s': %(error)s", "无法打开文件 '{filename}'：{error}"),
    ("unexpected option string: %s", "无法识别的选项 {0}"),
)

#: What ``ArgumentError`` puts before a message about one argument.
_ARGUMENT = "argument %(argument_name)s: %(message)s"

_PLACEHOLDER = re.compile(r"%\((?P<name>\w+)\)[sr]|%[sr]")


def _pattern(template: str) -> re.Pattern[str]:
    """The regex matching what ``template % args`` gives: a group for each placeholder, named
    as in the template (``%s`` and ``%r`` become the group ``_0``)."""
    parts, end = [], 0
    for found in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[end : found.start()]))
        parts.append(f"(?P<{found['name'] or '_0'}>.*?)")
        end = found.end()
    parts.append(re.escape(template[end:]))
    return re.compile("".join(parts), re.DOTALL)


_PATTERNS = tuple((_pattern(english), chinese) for english, chinese in _MESSAGES)
_ARGUMENT_PATTERN = _pattern(_ARGUMENT)


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def _translated(message: str) -> str | None:
    """``message`` in Chinese if it is one of argparse's messages, else ``None``."""
    about = _ARGUMENT_PATTERN.fullmatch(message)
    if about is not None:
        inner = about["message"]
        return f"参数 {about['argument_name']}：{_translated(inner) or inner}"
    for pattern, chinese in _PATTERNS:
        found = pattern.fullmatch(message)
        if found is not None:
            groups = found.groupdict()
            return chinese.format(groups.get("_0"), **groups)
    return None


def usage_error(message: str) -> str:
    """A usage error as the user reads it: argparse's English messages in Chinese, ours as they
    are, and one no template knows still shown in full after a Chinese prefix.

    >>> usage_error("argument --format: invalid choice: 'xml' (choose from 'text', 'json')")
    "参数 --format：无效的取值 'xml'（可选：'text', 'json'）"
    >>> usage_error("the following arguments are required: FILE")
    '缺少必需的参数：FILE'
    >>> usage_error("something new")
    '命令行有误：something new'
    """
    translated = _translated(message)
    if translated is not None:
        return translated
    return message if _is_chinese(message) else f"命令行有误：{message}"


# Punctuation that may not begin a line (避头点): it stays with what precedes it.
_NO_LINE_START = frozenset("，。、；：？！）》」』”’")
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"  # CJK and full-width forms
_TOKEN = re.compile(rf"[ \t]+|[{_WIDE}]|[^\s{_WIDE}]+")  # a space, a wide character, a word


def _columns(text: str) -> int:
    """How many terminal columns ``text`` takes: two for a wide (Chinese) character."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def wrapped(text: str, width: int) -> list[str]:
    """``text`` broken into lines of at most ``width`` terminal columns: between words, or
    between any two Chinese characters, never before closing punctuation.

    >>> wrapped("文件格式（默认按扩展名：.json 为 json，其余为 toml）", 24)
    ['文件格式（默认按扩展名：', '.json 为 json，其余为', 'toml）']
    """
    tokens: list[str] = []
    for token in _TOKEN.findall(" ".join(text.split())):
        if tokens and token[0] in _NO_LINE_START:
            if tokens[-1].isspace():  # no space before Chinese punctuation
                tokens.pop()
            tokens[-1] += token
        else:
            tokens.append(token)
    lines: list[str] = []
    line = ""
    for token in tokens:
        if token.isspace():
            token = " "
            if not line:
                continue
        if line and not token.isspace() and _columns(line + token) > width:
            lines.append(line.rstrip())
            line = ""
        line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines


class _Formatter(argparse.HelpFormatter):
    """Help whose usage line starts with 用法： and whose texts wrap by terminal columns, a
    Chinese character taking two (argparse counts characters, so Chinese ran past the edge)."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrapped(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrapped(text, width - len(indent)))

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class _RawDescriptionFormatter(_Formatter):
    """用法： and the description and epilog line by line as written (the demo's table of
    cases), a line too wide wrapped under its own second column."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        lines = []
        for line in text.splitlines():
            row = re.fullmatch(r"(\s*\S+\s{2,})(.+)", line)
            if _columns(indent + line) <= width or row is None:
                lines.append(indent + line)
                continue
            hanging = indent + row[1]
            for number, part in enumerate(wrapped(row[2], width - len(hanging))):
                lines.append((hanging if number == 0 else " " * len(hanging)) + part)
        return "\n".join(lines)


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` that says argparse's own words in Chinese: 用法：, 位置参数, 选项,
    -h 的说明 and the usage errors, without touching argparse's or gettext's module state.

    Sub-parsers made through ``add_subparsers`` are of this class too.
    """

    def __init__(self, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(add_help=False, **kwargs)
        self._positionals.title = _POSITIONALS
        self._optionals.title = _OPTIONALS
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS, help="显示此帮助并退出"
            )

    def format_help(self) -> str:
        """The help, its group headings ending in a full-width colon as Chinese writes them."""
        text = super().format_help()
        for title in (_POSITIONALS, _OPTIONALS):
            text = text.replace(f"{title}:", f"{title}：")
        return text

    def error(self, message: str) -> NoReturn:
        """用法：… and ``prog：错误：…`` on stderr, then exit with 2, as argparse does."""
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{usage_error(message)}\n")


# --------------------------------------------------------------------------- the program


def _add_demo(commands: argparse._SubParsersAction[ChineseArgumentParser]) -> None:
    listing = "\n".join(f"  {name:<20} {what}" for name, what in EXAMPLES.items())
    demo = commands.add_parser(
        "demo",
        help="运行一个源案例并打印其报告",
        description="用内置数据从头到尾运行一个源案例，并打印其报告。",
        epilog=f"可运行的案例：\n{listing}",
        formatter_class=_RawDescriptionFormatter,
    )
    demo.add_argument(
        "example",
        nargs="?",
        default="gas_company",
        choices=list(EXAMPLES),
        metavar="EXAMPLE",
        help="要运行的案例（默认：gas_company），可选的案例列在下面",
    )
    demo.add_argument(
        "--format",
        choices=("text", "json", "docx"),
        default="text",
        help="text：Markdown 格式的报告（默认）；json：同一份报告的 JSON；"
        "docx：公文格式的 Word 文档，写到标准输出"
        "（python -m xingfeng demo --format docx > 通报.docx；需要安装 xingfeng[word]）",
    )


def _add_calendar(commands: argparse._SubParsersAction[ChineseArgumentParser]) -> None:
    calendar = commands.add_parser(
        "calendar", help="节假日安排文件", description="节假日安排文件的校验。"
    )
    actions = calendar.add_subparsers(
        dest="action", required=True, parser_class=ChineseArgumentParser
    )
    check = actions.add_parser(
        "check",
        help="校验节假日安排文件能否接在内置日历之后，并按国务院通知的格式列出",
        description="读取节假日安排文件（TOML 或 JSON），校验它能否接在内置日历之后，"
        "并按国务院通知的格式列出放假和调休上班的日期。",
    )
    check.add_argument("file", type=Path, metavar="FILE", help="节假日安排文件（UTF-8）")
    check.add_argument(
        "--format",
        choices=("toml", "json"),
        default=None,
        help="文件格式（默认按扩展名：.json 为 json，其余为 toml）",
    )
    _name_commands(actions)


def _name_commands(commands: argparse._SubParsersAction[ChineseArgumentParser]) -> None:
    """Name the command in errors by its choices, {demo,calendar}, as the usage line does,
    rather than by its attribute (command)."""
    commands.metavar = "{" + ",".join(commands.choices) + "}"


def run_demo(name: str, format: str, parser: argparse.ArgumentParser) -> int:
    """``demo``: print the case's report."""
    try:
        run = load(name)
    except FileNotFoundError as missing:
        parser.error(f"{missing}：请在 xingfeng 的源代码目录中运行示例")
    report = run()
    try:
        if format == "docx":
            try:
                data = to_docx(report)
            except MissingExtra as missing:
                print(
                    f"需要安装 python-docx：pip install 'xingfeng[word]'（{missing}）",
                    file=sys.stderr,
                )
                return 2
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            print(to_json(report) if format == "json" else report.markdown())
    except BrokenPipeError:  # the reader stopped early (| head): not an error of the demo
        sys.stdout = None  # nothing left to flush at exit
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m xingfeng``."""
    parser = ChineseArgumentParser(
        prog="python -m xingfeng", description=f"xingfeng {__version__}：行风评议的领域核心"
    )
    commands = parser.add_subparsers(
        dest="command", required=True, parser_class=ChineseArgumentParser
    )
    _add_demo(commands)
    _add_calendar(commands)
    _name_commands(commands)
    args = parser.parse_args(argv)
    if args.command == "calendar":
        return calendar_check(args.file, args.format)
    return run_demo(args.example, args.format, parser)


if __name__ == "__main__":
    sys.exit(main())
