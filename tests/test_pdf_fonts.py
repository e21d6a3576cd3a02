"""The office's own fonts and the face of each role (issue 12): resolved from fontconfig,
used by the PDF when installed (in ``REPORT_FONT_DIR``: a free face renamed to a licensed
family name stands in for the licensed font), reported by ``manage.py check`` and the
admin's font page, bold lead sentences in the body face, characters that fall back."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from drafts import checks_system, document
from drafts.rendering import fontmetrics, fontroles, pdf_bold
from drafts.rendering.pdf_writer import render_pdf
from drafts.rendering.profile import LayoutProfile

from .rendering_support import pdf_objects, pdffonts, write

ROOT = Path(__file__).resolve().parents[1]


def fake_lookup(installed: dict[tuple[str, bool], tuple[str, int]]):
    return lambda family, bold: installed.get((family, bold))


def test_a_licensed_font_serves_its_role_before_the_stand_in():
    faces = fontroles.resolve(
        fake_lookup(
            {
                ("楷体_GB2312", False): ("/fonts/kai.ttf", 80),
                ("FandolKai", False): ("/f/FandolKai.otf", 80),
                ("FandolFang", False): ("/f/FandolFang.otf", 80),
                ("FandolFang", True): ("/f/FandolFang.otf", 80),
                ("方正小标宋简体", False): ("/fonts/xbs.ttf", 80),
            }
        )
    )
    assert (faces["kai"].family, faces["kai"].licensed) == ("楷体_GB2312", True)
    assert (faces["body"].family, faces["body"].licensed) == ("FandolFang", False)
    assert faces["body"].synthetic_bold  # its "bold" is the regular file
    assert (faces["title"].family, faces["title"].weight) == ("方正小标宋简体", 400)
    assert faces["hei"].family is None
    assert faces["kai"].families == ("楷体_GB2312", "LXGW WenKai", "Noto Serif CJK SC")


def test_a_stand_in_title_is_asked_in_bold_and_a_real_bold_body_is_not_synthesised():
    faces = fontroles.resolve(
        fake_lookup(
            {
                ("仿宋", False): ("/w/simfang.ttf", 80),
                ("仿宋", True): ("/w/simfang-bold.ttf", 200),
                ("FandolSong", False): ("/f/FandolSong-Regular.otf", 80),
                ("FandolSong", True): ("/f/FandolSong-Bold.otf", 200),
            }
        )
    )
    assert faces["title"].weight == 700 and faces["title"].path.endswith("Bold.otf")
    assert faces["body"].bold_path == "/w/simfang-bold.ttf" and not faces["body"].synthetic_bold
    fonts = fontroles.pdf_fonts(faces)
    assert fonts["lead"] == fonts["body"] == ("仿宋", "Noto Serif CJK SC")
    assert fonts["page_number"] == fonts["song"]


def test_on_this_machine_the_stand_ins_serve_and_the_body_bold_is_synthesised():
    faces = fontroles.resolve(fontmetrics.find_face)
    assert {name: face.family for name, face in faces.items()} == {
        "body": "FandolFang",
        "kai": "FandolKai",
        "hei": "FandolHei",
        "title": "FandolSong",
        "song": "FandolSong",
    }
    assert faces["body"].synthetic_bold
    assert faces["hei"].path.endswith("FandolHei-Regular.otf")  # not the Bold face


def test_manage_py_check_says_which_face_serves_each_role():
    messages = checks_system.check_font_roles()
    assert [m.id for m in messages] == ["drafts.I020"] * 5
    text = "\n".join(m.msg for m in messages)
    assert "FandolFang" in text and "FandolKai" in text and "FandolHei" in text
    assert "正文（仿宋）" in text and "描边加粗" in text


def test_a_role_no_face_serves_is_a_warning():
    faces = fontroles.resolve(fake_lookup({}))
    messages = checks_system.check_font_roles(faces)
    assert [m.id for m in messages] == ["drafts.W021"] * 5


def test_the_characters_a_face_lacks_are_reported_with_the_face_that_draws_them():
    tree = document.Report(
        title="2024年度述职述廉报告",
        byline="青山乡乡长 王堃喆",
        opening="李玥同志主持会议。",
        signature=document.Signature(name="王堃喆", date="2025-01-10"),
    )
    from drafts.rendering import fontreport

    result = fontreport.report(tree)
    by_role = {f.role: f.chars for f in result.fallbacks}
    serif = "Noto Serif CJK SC"
    assert by_role["body"] == {"堃": serif, "喆": serif, "玥": serif}
    assert by_role["kai"] == {"堃": "LXGW WenKai", "喆": "LXGW WenKai"}  # 楷 -> 楷
    assert "title" not in by_role


def test_bold_lead_sentences_are_the_body_face_emboldened(tmp_path):
    tree = document.Report(
        sections=[
            document.Section(
                heading="履职", item_style="arabic", items=[document.Item("抓落实", "全年完成。")]
            )
        ]
    )
    data = render_pdf(tree, LayoutProfile())
    names = [f["name"].split("+", 1)[1] for f in pdffonts(write(tmp_path, data))]
    assert "FandolSong-Bold" not in names  # the lead was 宋体 bold before issue 12
    assert names.count("FandolFang") == 1 and "FandolFang-Bold" not in names  # one subset
    assert re.search(rb"\b2 Tr\b", pdf_objects(data))  # fill and stroke: synthetic bold
    plain = render_pdf(tree, LayoutProfile(pdf_synthetic_bold=()))
    assert not re.search(rb"\b2 Tr\b", pdf_objects(plain))


def test_weasyprint_still_has_the_draw_text_hook_synthetic_bold_uses():
    import weasyprint.draw

    assert pdf_bold.install()
    assert callable(getattr(weasyprint.draw.draw_text, "__wrapped__", None))


def _renamed(source: str, family: str, postscript: str, target: Path) -> None:
    """A copy of the free face ``source`` that calls itself ``family`` (as a licensed font
    copied from Windows would)."""
    from fontTools.ttLib import TTFont

    font = TTFont(source, lazy=True)
    names = font["name"]
    names.names = [r for r in names.names if r.nameID not in (1, 4, 6, 16, 17)]
    for lang in (0x409, 0x804):  # English and Chinese (PRC), as Windows fonts name themselves
        for name_id, value in ((1, family), (4, family), (6, postscript)):
            names.setName(value, name_id, 3, 1, lang)
    font.save(str(target))


@pytest.mark.skipif(not shutil.which("fc-list"), reason="fontconfig is not installed")
def test_fonts_in_report_font_dir_serve_the_pdf(tmp_path):
    fonts = tmp_path / "office-fonts"
    fonts.mkdir()
    _renamed(
        fontmetrics.family_path("FandolKai"), "楷体_GB2312", "KaiGB2312Test", fonts / "kai.otf"
    )
    wenkai = fontmetrics.family_path("LXGW WenKai")
    _renamed(wenkai, "方正小标宋简体", "FZXBSTest", fonts / "xbs.ttf")
    script = (
        "import json, os, sys, django\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'reportsite.settings'\n"
        "django.setup()\n"
        "from drafts import document\n"
        "from drafts.rendering import fontreport\n"
        "from drafts.rendering.pdf_writer import render_pdf\n"
        "tree = document.Report(title='2024年度述职述廉报告', byline='示例县副县长 张三',\n"
        "    opening='正文。', sections=[document.Section(heading='履职', item_style='paren',\n"
        "    items=[document.Item('抓落实', '全年完成。')])])\n"
        "open(sys.argv[1], 'wb').write(render_pdf(tree))\n"
        "faces = fontreport.faces()\n"
        "print(json.dumps({k: [f.family, f.licensed, f.weight] for k, f in faces.items()}))\n"
    )
    env = {
        **os.environ,
        "REPORT_FONT_DIR": str(fonts),
        "TMPDIR": str(tmp_path),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("FONTCONFIG_FILE", None)
    out = tmp_path / "office.pdf"
    run = subprocess.run(
        [sys.executable, "-c", script, str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    faces = json.loads(run.stdout.strip().splitlines()[-1])
    assert faces["kai"] == ["楷体_GB2312", True, 400]
    assert faces["title"] == ["方正小标宋简体", True, 400]  # a real 小标宋 is not emboldened
    assert faces["body"] == ["FandolFang", False, 400]
    names = [f["name"].split("+", 1)[1] for f in pdffonts(out)]
    assert "楷体_GB2312" in names and "方正小标宋简体" in names  # the renamed faces, embedded
    assert "FandolKai" not in names and "FandolSong-Bold" not in names
    assert "FandolFang" in names  # no office 仿宋 in the directory: the stand-in


def test_manage_py_check_deploy_lists_the_roles_and_other_commands_stay_quiet():
    # (Called through the registry: another test's environment makes --deploy fail on its own.)
    from django.core.checks.registry import registry

    deploy = set(registry.get_checks(include_deployment_checks=True))
    always = set(registry.get_checks(include_deployment_checks=False))
    assert checks_system.font_roles_report in deploy - always
    assert checks_system.font_roles_check in always
    messages = checks_system.font_roles_report()
    assert [m.id for m in messages] == ["drafts.I020"] * 5
    assert checks_system.font_roles_check() == []
