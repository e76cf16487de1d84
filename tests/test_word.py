"""Reports as 公文 Word documents: each read back with python-docx, part by part.

Golden tests: the gas-company demo's report and a small circular, written with
:func:`xingfeng.adapters.to_docx` and opened again, checked against GB/T 9704-2012's layout
(page, 版头, 标题, levels, 落款 and 成文日期, page numbers) and against the report's own text.
"""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from xingfeng import InvalidArgument, Report, Section, Table
from xingfeng.__main__ import load
from xingfeng.adapters import DateStyle, Fonts, Frame, chinese_numeral_date, to_docx
from xingfeng.exceptions import MissingExtra

SMALL = Report(
    title="关于2026年11月行风建设工作情况的通报",
    issuer="市燃气总公司",
    on=date(2026, 12, 4),
    sections=(
        Section(
            title="总体情况",
            paragraphs=("本月共收到意见建议8条，已答复6条。",),
            tables=(Table(caption="本期情况", columns=("项目", "数量"), rows=(("意见建议", 8),)),),
            sections=(Section(title="各科室进度", items=("客户服务科已整改完毕。",)),),
        ),
        Section(title="工作要求", items=("各科室按期完成整改。", "逾期事项说明原因。")),
    ),
)


def read(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def east_asian(run: docx.text.run.Run) -> str | None:
    fonts = run._element.rPr.rFonts
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def texts(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text]


def test_the_page_is_the_standards_a4_with_its_margins() -> None:
    """A4, 天头 37 mm, 订口 28 mm, right 26 mm, bottom 35 mm (版心 156 × 225 mm)."""
    section = read(to_docx(SMALL)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]


def test_the_head_title_body_and_signature_come_in_order_with_their_fonts() -> None:
    """版头 in red 小标宋, 发文字号, 标题 in 二号小标宋, 主送机关, 正文 in 三号仿宋 with 一、in 黑体
    and （一） in 楷体, 附件说明, then 署名 and 成文日期 on the right."""
    frame = Frame(
        number="燃司发〔2026〕12号",
        recipients=("各科室", "各分公司"),
        attachments=("11月整改台账",),
    )
    document = read(to_docx(SMALL, frame))
    assert texts(document) == [
        "市燃气总公司文件",
        "燃司发〔2026〕12号",
        "关于2026年11月行风建设工作情况的通报",
        "各科室、各分公司：",
        "一、总体情况",
        "本月共收到意见建议8条，已答复6条。",
        "本期情况",
        "（一）各科室进度",
        "1. 客户服务科已整改完毕。",
        "二、工作要求",
        "1. 各科室按期完成整改。",
        "2. 逾期事项说明原因。",
        "附件：11月整改台账",
        "市燃气总公司",
        "2026年12月4日",
    ]
    paragraphs = {p.text: p for p in document.paragraphs if p.text}
    mark = paragraphs["市燃气总公司文件"].runs[0]
    assert (str(mark.font.color.rgb), east_asian(mark)) == ("FF0000", "方正小标宋简体")
    number = paragraphs["燃司发〔2026〕12号"]
    assert number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:color")) == "FF0000"
    title = paragraphs["关于2026年11月行风建设工作情况的通报"]
    assert (title.alignment, title.runs[0].font.size.pt) == (WD_ALIGN_PARAGRAPH.CENTER, 22)
    assert east_asian(paragraphs["一、总体情况"].runs[0]) == "黑体"
    assert east_asian(paragraphs["（一）各科室进度"].runs[0]) == "楷体_GB2312"
    body = paragraphs["本月共收到意见建议8条，已答复6条。"]
    assert east_asian(body.runs[0]) == "仿宋_GB2312"
    assert body.runs[0].font.size.pt == 16
    assert body.paragraph_format.first_line_indent.pt == 32  # 首行缩进两字
    signature, issued = paragraphs["市燃气总公司"], paragraphs["2026年12月4日"]
    assert signature.alignment == issued.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert issued.paragraph_format.right_indent.pt == 64  # 成文日期右空四字


def test_tables_hold_the_reports_cells() -> None:
    """Each report table becomes a Word table: headings, then every row as shown."""
    (table,) = read(to_docx(SMALL)).tables
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells == [["项目", "数量"], ["意见建议", "8"]]


def test_the_date_is_arabic_by_the_2012_standard_or_chinese_on_request() -> None:
    """GB/T 9704-2012 writes 成文日期 in Arabic numerals; DateStyle.CHINESE as in 1999."""
    assert chinese_numeral_date(date(2026, 12, 4)) == "二〇二六年十二月四日"
    assert chinese_numeral_date(date(2027, 10, 20)) == "二〇二七年十月二十日"
    document = read(to_docx(SMALL, Frame(date_style=DateStyle.CHINESE)))
    assert texts(document)[-1] == "二〇二六年十二月四日"


def test_page_numbers_are_fields_on_the_outer_side() -> None:
    """— PAGE — in 四号宋体: odd pages on the right, even pages on the left."""
    section = read(to_docx(SMALL)).sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert (odd.alignment, even.alignment) == (WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT)
    instruction = odd._p.find(".//" + qn("w:instrText"))
    assert instruction is not None
    assert instruction.text.strip() == "PAGE"
    assert odd.text == "—  —"  # the number itself is the field's result


def test_common_fonts_replace_the_gb2312_ones() -> None:
    """Fonts.common() for machines without the GB2312 fonts."""
    document = read(to_docx(SMALL, Frame(fonts=Fonts.common())))
    paragraphs = {p.text: p for p in document.paragraphs if p.text}
    assert east_asian(paragraphs["关于2026年11月行风建设工作情况的通报"].runs[0]) == "宋体"
    assert east_asian(paragraphs["本月共收到意见建议8条，已答复6条。"].runs[0]) == "仿宋"


def test_the_gas_company_report_reads_back_section_by_section() -> None:
    """The demo's report: every section heading and every table, in the report's order."""
    report = load("gas_company")()
    document = read(to_docx(report))
    shown = texts(document)
    headings = [p for p in shown if p[:2] in {f"{n}、" for n in "一二三四五"} or p[1:2] == "、"]
    assert headings[: len(report.sections)] == [
        f"{n}、{s.title}" for n, s in zip("一二三四五", report.sections, strict=False)
    ]
    assert len(document.tables) == sum(_tables(s) for s in report.sections)


def _tables(section: Section) -> int:
    return len(section.tables) + sum(_tables(s) for s in section.sections)


def test_bad_frames_and_reports_are_refused() -> None:
    """A frame with an empty mark or recipient, or something not a report, is refused."""
    with pytest.raises(InvalidArgument):
        Frame(mark="  ")
    with pytest.raises(InvalidArgument):
        Frame(recipients=("",))
    with pytest.raises(InvalidArgument):
        to_docx("通报")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument):
        to_docx(SMALL, frame="红头")  # type: ignore[arg-type]


def test_without_python_docx_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """MissingExtra says which extra installs what is missing."""
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(MissingExtra) as missing:
        to_docx(SMALL)
    assert missing.value.extra == "word"


def test_the_demo_writes_a_word_document_to_standard_output() -> None:
    """python -m xingfeng demo --format docx > 通报.docx gives a document python-docx opens."""
    done = subprocess.run(
        [sys.executable, "-m", "xingfeng", "demo", "--format", "docx"],
        capture_output=True,
        check=True,
    )
    assert done.stdout[:2] == b"PK"  # a zip, as every .docx is
    assert texts(read(done.stdout))[0] == "市燃气总公司文件"
