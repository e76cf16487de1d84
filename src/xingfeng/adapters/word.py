"""Reports as 公文: Word documents laid out as GB/T 9704-2012 lays out official documents.

通报 and 转段报告 live as Word files that users open in WPS or Word.  :func:`to_docx` writes a
:class:`~xingfeng.Report` with the 公文 framing a :class:`Frame` gives: 版头 (发文机关标志 in
red, 发文字号, the red separator), 标题, 主送机关, 正文 with its numbered levels (一、 in 黑体,
（一） in 楷体, 1. in bold 仿宋), 附件说明, 落款 and 成文日期, page numbers "— 1 —" on the
outer side.  The page is the standard's: A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm,
22 lines of 28 characters in 三号仿宋.

Fonts are the standard's (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312); a machine without
the GB2312 fonts substitutes its own, and :meth:`Fonts.common` names the fonts every Chinese
Windows and WPS has (宋体, 仿宋, 黑体, 楷体) for hosts that prefer them.

成文日期 is written in Arabic numerals, as GB/T 9704-2012 §7.3.5.1 requires (年份应标全称，
月、日不编虚位); :attr:`DateStyle.CHINESE` writes 二〇二六年十二月四日, as documents under the
older GB/T 9704-1999 did and some units still do.

Needs python-docx (``pip install 'xingfeng[word]'``); without it :class:`~xingfeng.MissingExtra`.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import attrs

from xingfeng._checks import LabelledEnum, instance_of, items_of, text, to_tuple
from xingfeng.calendar import chinese_date
from xingfeng.exceptions import InvalidArgument, MissingExtra
from xingfeng.reports import Report, Section, Table, chinese_numeral

__all__ = ["DateStyle", "Fonts", "Frame", "chinese_numeral_date", "to_docx"]

_RED = "FF0000"
_BODY_PT = 16  # 三号
_TITLE_PT = 22  # 二号
_MARK_PT = 36  # 小初: the issuer's mark
_PAGE_NUMBER_PT = 14  # 四号
_LINE_PT = 28.95  # 22 lines in the 225 mm 版心
_MM = 36000  # EMU per millimetre


class DateStyle(LabelledEnum):
    """How 成文日期 is written."""

    ARABIC = "arabic", "阿拉伯数字（GB/T 9704-2012）"
    CHINESE = "chinese", "汉字（GB/T 9704-1999）"


@attrs.frozen(kw_only=True)
class Fonts:
    """The four faces a 公文 uses: 标题 (title), 正文 (body), 一级标题 (heading) and 二级标题
    (subheading)."""

    title: str = attrs.field(default="方正小标宋简体", validator=text)
    body: str = attrs.field(default="仿宋_GB2312", validator=text)
    heading: str = attrs.field(default="黑体", validator=text)
    subheading: str = attrs.field(default="楷体_GB2312", validator=text)

    @classmethod
    def gb2312(cls) -> Fonts:
        """The standard's fonts (the default)."""
        return cls()

    @classmethod
    def common(cls) -> Fonts:
        """Fonts every Chinese Windows and WPS installation has: 宋体, 仿宋, 黑体, 楷体."""
        return cls(title="宋体", body="仿宋", heading="黑体", subheading="楷体")


@attrs.frozen(kw_only=True)
class Frame:
    """The 公文 framing around a report's text.

    ``mark`` is the 发文机关标志 (default: the report's issuer followed by 文件), ``number``
    the 发文字号 (e.g. 燃司发〔2026〕12号), ``recipients`` the 主送机关, ``attachments`` the
    附件 names, ``signature`` the 发文机关署名 (default: the issuer).
    """

    mark: str | None = attrs.field(default=None)
    number: str | None = attrs.field(default=None)
    recipients: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of(str)
    )
    attachments: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of(str)
    )
    signature: str | None = attrs.field(default=None)
    date_style: DateStyle = attrs.field(default=DateStyle.ARABIC, validator=instance_of(DateStyle))
    fonts: Fonts = attrs.field(factory=Fonts, validator=instance_of(Fonts))

    def __attrs_post_init__(self) -> None:
        for name in ("mark", "number", "signature"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise InvalidArgument(name, value, "非空文字，或 None（不写）")
        for name in ("recipients", "attachments"):
            for value in getattr(self, name):
                if not value.strip():
                    raise InvalidArgument(name, value, "非空文字")


_DIGITS = "〇一二三四五六七八九"


def chinese_numeral_date(day: date) -> str:
    """成文日期 in Chinese numerals: ``"二〇二六年十二月四日"``.

    >>> chinese_numeral_date(date(2026, 12, 4))
    '二〇二六年十二月四日'
    """
    year = "".join(_DIGITS[int(d)] for d in str(day.year))
    return f"{year}年{chinese_numeral(day.month)}月{chinese_numeral(day.day)}日"


def to_docx(report: Report, frame: Frame | None = None) -> bytes:
    """``report`` as a 公文 Word document (.docx bytes), framed by ``frame``."""
    if not isinstance(report, Report):
        raise InvalidArgument(
            "report",
            report,
            "Report（由 stage_report() 或 circular() 生成）",
            english="a Report, as stage_report() or circular() give",
        )
    frame = Frame() if frame is None else frame
    if not isinstance(frame, Frame):
        raise InvalidArgument("frame", frame, "Frame（版式）", english="a Frame")
    try:
        import docx
    except ImportError:
        raise MissingExtra(
            "Word 公文输出（to_docx）", extra="word", package="python-docx"
        ) from None
    document = docx.Document()
    writer = _Writer(document, frame)
    writer.page()
    writer.head(frame.mark or f"{report.issuer}文件", frame.number)
    writer.title(report.title)
    if frame.recipients:
        writer.body("、".join(frame.recipients) + "：", indent=False)
    for number, section in enumerate(report.sections, 1):
        writer.section(section, 1, number)
    if frame.attachments:
        writer.attachments(frame.attachments)
    issued = (
        chinese_date(report.on)
        if frame.date_style is DateStyle.ARABIC
        else chinese_numeral_date(report.on)
    )
    writer.signature(frame.signature or report.issuer, issued)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class _Writer:
    """Writes one document; each method adds a part in the standard's layout."""

    def __init__(self, document: Any, frame: Frame) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        self.document = document
        self.fonts = frame.fonts
        self.align = WD_ALIGN_PARAGRAPH
        self.pt = Pt

    # ---- runs and paragraphs

    def run(self, paragraph: Any, content: str, *, font: str, size: float, bold: bool = False,
            color: str | None = None) -> Any:  # fmt: skip
        from docx.oxml.ns import qn
        from docx.shared import RGBColor

        run = paragraph.add_run(content)
        run.font.name = font
        run.font.size = self.pt(size)
        run.font.bold = bold
        # Chinese text takes the East Asian font; Word ignores font.name for it.
        fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), font)
        if color is not None:
            run.font.color.rgb = RGBColor.from_string(color)
        return run

    def paragraph(self, *, align: Any = None, indent: bool = False, size: float = _BODY_PT) -> Any:
        paragraph = self.document.add_paragraph()
        layout = paragraph.paragraph_format
        layout.line_spacing = self.pt(_LINE_PT)
        layout.space_before = layout.space_after = self.pt(0)
        if indent:
            layout.first_line_indent = self.pt(2 * size)  # 首行缩进两字
        if align is not None:
            paragraph.alignment = align
        return paragraph

    def body(self, content: str, *, indent: bool = True) -> Any:
        paragraph = self.paragraph(indent=indent)
        self.run(paragraph, content, font=self.fonts.body, size=_BODY_PT)
        return paragraph

    def blank(self) -> None:
        self.paragraph()

    # ---- the parts

    def page(self) -> None:
        from docx.shared import Emu

        for section in self.document.sections:
            section.page_width, section.page_height = Emu(210 * _MM), Emu(297 * _MM)
            section.top_margin, section.bottom_margin = Emu(37 * _MM), Emu(35 * _MM)
            section.left_margin, section.right_margin = Emu(28 * _MM), Emu(26 * _MM)
        self.page_numbers()

    def page_numbers(self) -> None:
        # "— 1 —" in 四号 宋体: odd pages right, even pages left, one character in.
        settings = self.document.settings.element
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        settings.append(OxmlElement("w:evenAndOddHeaders"))
        section = self.document.sections[0]
        for footer, align in (
            (section.footer, self.align.RIGHT),
            (section.even_page_footer, self.align.LEFT),
        ):
            paragraph = footer.paragraphs[0]
            paragraph.alignment = align
            layout = paragraph.paragraph_format
            if align is self.align.RIGHT:
                layout.right_indent = self.pt(_PAGE_NUMBER_PT)
            else:
                layout.left_indent = self.pt(_PAGE_NUMBER_PT)
            self.run(paragraph, "— ", font="宋体", size=_PAGE_NUMBER_PT)
            field = self.run(paragraph, "", font="宋体", size=_PAGE_NUMBER_PT)
            for kind, value in (("begin", None), ("instr", " PAGE "), ("end", None)):
                if kind == "instr":
                    instruction = OxmlElement("w:instrText")
                    instruction.set(qn("xml:space"), "preserve")
                    instruction.text = value
                    field._element.append(instruction)
                else:
                    char = OxmlElement("w:fldChar")
                    char.set(qn("w:fldCharType"), kind)
                    field._element.append(char)
            self.run(paragraph, " —", font="宋体", size=_PAGE_NUMBER_PT)

    def head(self, mark: str, number: str | None) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        paragraph = self.paragraph(align=self.align.CENTER)
        paragraph.paragraph_format.line_spacing = self.pt(_MARK_PT * 1.2)
        self.run(paragraph, mark, font=self.fonts.title, size=_MARK_PT, color=_RED)
        self.blank()
        closing = self.paragraph(align=self.align.CENTER)
        if number is not None:
            self.run(closing, number, font=self.fonts.body, size=_BODY_PT)
        # The red line under the 发文字号, as wide as the 版心.
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("val", "single"), ("sz", "12"), ("space", "4"), ("color", _RED)):
            bottom.set(qn(f"w:{key}"), value)
        borders.append(bottom)
        closing._p.get_or_add_pPr().append(borders)
        self.blank()

    def title(self, title: str) -> None:
        paragraph = self.paragraph(align=self.align.CENTER)
        paragraph.paragraph_format.line_spacing = self.pt(_TITLE_PT * 1.5)
        self.run(paragraph, title, font=self.fonts.title, size=_TITLE_PT)
        self.blank()

    def heading(self, level: int, number: int, title: str) -> None:
        paragraph = self.paragraph(indent=True)
        if level == 1:
            self.run(paragraph, f"{chinese_numeral(number)}、{title}", font=self.fonts.heading,
                     size=_BODY_PT)  # fmt: skip
        elif level == 2:
            self.run(paragraph, f"（{chinese_numeral(number)}）{title}",
                     font=self.fonts.subheading, size=_BODY_PT)  # fmt: skip
        else:
            self.run(paragraph, f"{number}. {title}", font=self.fonts.body, size=_BODY_PT,
                     bold=True)  # fmt: skip

    def section(self, section: Section, level: int, number: int) -> None:
        self.heading(level, number, section.title)
        for content in section.paragraphs:
            self.body(content)
        for table in section.tables:
            self.table(table)
        for item_number, item in enumerate(section.items, 1):
            self.body(f"{item_number}. {item}")
        for sub_number, sub in enumerate(section.sections, 1):
            self.section(sub, level + 1, sub_number)

    def table(self, table: Table) -> None:
        caption = self.paragraph(align=self.align.CENTER)
        self.run(caption, table.caption, font=self.fonts.heading, size=_BODY_PT - 2)
        grid = self.document.add_table(rows=1 + len(table.rows), cols=len(table.columns))
        grid.style = "Table Grid"
        for row_number, cells in enumerate((table.columns, *table.rows)):
            for column, cell in enumerate(cells):
                paragraph = grid.cell(row_number, column).paragraphs[0]
                font = self.fonts.heading if row_number == 0 else self.fonts.body
                self.run(paragraph, str(cell), font=font, size=_BODY_PT - 4)

    def attachments(self, names: tuple[str, ...]) -> None:
        self.blank()
        for number, name in enumerate(names, 1):
            lead = "附件：" if number == 1 else "　　　"
            shown = f"{number}. {name}" if len(names) > 1 else name
            self.body(lead + shown)

    def signature(self, signature: str, issued: str) -> None:
        # 成文日期右空四字; 署名 centred over the date (GB/T 9704-2012 §7.3.5.1).
        self.blank()
        self.blank()
        date_indent = 4 * _BODY_PT
        name_indent = date_indent + max(0, len(issued) - len(signature)) * _BODY_PT / 2
        for content, indent in ((signature, name_indent), (issued, date_indent)):
            paragraph = self.paragraph(align=self.align.RIGHT)
            paragraph.paragraph_format.right_indent = self.pt(indent)
            self.run(paragraph, content, font=self.fonts.body, size=_BODY_PT)
