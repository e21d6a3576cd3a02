"""DOCX import: paragraphs, Word's automatic numbering, tracked changes, skipped content."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from drafts.importing import ImportFailed, parse_docx, read_bytes

OPENING = "今年以来，我认真履行各项职责。现将有关情况报告如下："


def _docx(paragraphs, extra=None) -> bytes:
    d = docx.Document()
    for text in paragraphs:
        d.add_paragraph(text)
    if extra:
        extra(d)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_it_reads_paragraphs_of_a_docx():
    data = _docx(
        [
            "2025年度述职报告",
            OPENING,
            "一、加强学习",
            "1.坚持学习。每周一次。",
            "一年来，我做了一些工作。",
        ]
    )
    tree = parse_docx(data).tree
    assert tree.title == "2025年度述职报告"
    assert tree.sections[0].items[0].lead == "坚持学习"
    assert tree.closing == "一年来，我做了一些工作。"


NUMBERING = (
    "<w:numbering {}>"
    '<w:abstractNum w:abstractNumId="7">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>'
    "</w:abstractNum>"
    '<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>'
    "</w:numbering>"
).format(nsdecls("w"))


def _numbered_docx(rows) -> bytes:
    """rows: (text, ilvl or None). Numbering definitions are written into numbering.xml."""
    d = docx.Document()
    for text, level in rows:
        p = d.add_paragraph(text)
        if level is not None:
            p._p.get_or_add_pPr().append(
                parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="3"/></w:numPr>'
                )
            )
    buf = io.BytesIO()
    d.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/numbering.xml":
                data = NUMBERING.encode()
            z.writestr(item, data)
        if "word/numbering.xml" not in src.namelist():
            z.writestr("word/numbering.xml", NUMBERING)
    return out.getvalue()


def test_it_rebuilds_words_automatic_numbering():
    data = _numbered_docx(
        [
            (OPENING, None),
            ("加强学习", 0),
            ("坚持学习。每周一次。", 1),
            ("注重实践。深入基层。", 1),
            ("推动发展", 0),
            ("抓项目。开工三个。", 1),
        ]
    )
    result = parse_docx(data)
    assert "一、加强学习" in result.text and "二、推动发展" in result.text
    tree = result.tree
    assert [s.heading for s in tree.sections] == ["加强学习", "推动发展"]
    assert [i.lead for i in tree.sections[0].items] == ["坚持学习", "注重实践"]
    assert [i.lead for i in tree.sections[1].items] == ["抓项目"]  # restarts at 1 under 二、
    assert "1.抓项目" in result.text


def _add_tracked_changes(d):
    p = d.add_paragraph()
    p._p.append(parse_xml(f"<w:r {nsdecls('w')}><w:t>全年学习</w:t></w:r>"))
    p._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="1" w:author="a"><w:r><w:delText>十次</w:delText></w:r></w:del>'
        )
    )
    p._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="2" w:author="a"><w:r><w:t>十二次</w:t></w:r></w:ins>'
        )
    )
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:commentReference w:id="0"/></w:r>'))
    p._p.append(parse_xml(f"<w:r {nsdecls('w')}><w:t>。</w:t></w:r>"))
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "表格内容"
    d.add_paragraph("一年来，我做了一些工作。")


def test_it_takes_inserted_text_drops_deleted_text_and_says_what_it_skipped():
    data = _docx([OPENING, "一、加强学习"], extra=_add_tracked_changes)
    result = parse_docx(data)
    assert result.tree.sections[0].intro == "全年学习十二次。"
    assert "表格内容" not in result.text
    notes = " ".join(result.notes)
    assert "1个表格" in notes and "修订" in notes and "1条批注" in notes


def test_it_notes_pictures():
    def add_picture(d):
        p = d.add_paragraph()
        p._p.append(parse_xml(f"<w:r {nsdecls('w')}><w:drawing/></w:r>"))

    result = parse_docx(_docx([OPENING, "一、甲", "乙。"], extra=add_picture))
    assert any("图片" in n for n in result.notes)


# -- bad input -------------------------------------------------------------------------


def test_it_refuses_a_file_that_is_not_a_docx():
    with pytest.raises(ImportFailed, match="不是 Word 文档"):
        read_bytes(b"PK\x03\x04 not really a zip file at all", "a.docx")


def test_it_refuses_a_text_file_named_docx():
    with pytest.raises(ImportFailed, match="不是 Word 文档"):
        read_bytes("一、加强学习".encode(), "report.docx")


def test_it_refuses_an_old_doc_file():
    with pytest.raises(ImportFailed, match=r"\.doc"):
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old.doc")


def test_it_refuses_a_zip_bomb_without_unpacking_it():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b" " * (1024 * 1024)
            for _ in range(300):  # 300 MB of spaces compress to ~300 KB
                fh.write(chunk)
    data = out.getvalue()
    assert len(data) < 2 * 1024 * 1024
    with pytest.raises(ImportFailed, match="解压后"):
        parse_docx(data)


def test_it_refuses_a_docx_with_100000_paragraphs():
    body = "".join("<w:p><w:r><w:t>段</w:t></w:r></w:p>" for _ in range(100_000))
    xml = f"<w:document {nsdecls('w')}><w:body>{body}</w:body></w:document>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", xml)
    with pytest.raises(ImportFailed, match="段"):
        parse_docx(out.getvalue())


def test_it_refuses_a_damaged_document_xml():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<w:document><unclosed>")
    with pytest.raises(ImportFailed, match="损坏"):
        parse_docx(out.getvalue())


def test_it_refuses_a_20_mb_upload():
    with pytest.raises(ImportFailed, match="MB"):
        read_bytes(b"PK\x03\x04" + b"\x00" * (20 * 1024 * 1024), "big.docx")


def test_it_refuses_a_docx_without_text():
    with pytest.raises(ImportFailed, match="空"):
        parse_docx(_docx([]))


def test_it_rebuilds_numbering_that_comes_from_a_paragraph_style():
    d = docx.Document()
    d.add_paragraph(OPENING)
    d.add_paragraph("加强学习", style="List Number")
    d.add_paragraph("全年学习十二次。")
    d.add_paragraph("推动发展", style="List Number")
    d.add_paragraph("新开工项目三个。")
    buf = io.BytesIO()
    d.save(buf)
    result = parse_docx(buf.getvalue())
    assert "1.加强学习" in result.text and "2.推动发展" in result.text
    assert [s.heading for s in result.tree.sections] == ["加强学习", "推动发展"]
