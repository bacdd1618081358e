"""The DOCX policy section: real structure, reproducible bytes, Chinese that LibreOffice renders."""

from __future__ import annotations

import io
import itertools
import os
import shutil
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader
from support import ROOT, TODAY


def _doc(data: bytes):  # type: ignore[no-untyped-def]
    return docx.Document(io.BytesIO(data))


def test_docx_has_headings_numbered_lists_and_tables(render_demo, demo) -> None:
    word = _doc(render_demo("privacy-docx"))
    styles = [(p.style.name, p.text) for p in word.paragraphs]
    assert styles[0] == ("Heading 1", "个性化推荐与算法推荐说明")
    headings = [s for s, _ in styles if s.startswith("Heading")]
    levels = [int(s.split()[1]) for s in headings]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), "no skipped level"
    for algo in demo[1]:
        assert ("Heading 3", algo.name.zh) in styles
    numbered = [p for p in word.paragraphs if p.style.name == "List Number"]
    assert numbered, "mechanisms and steps are numbered lists"
    # Each list restarts: a list's paragraphs share a numId that no other list uses.
    num_ids = [p._p.pPr.numPr.numId.val for p in numbered]
    runs = [num_ids[0]] + [b for a, b in itertools.pairwise(num_ids) if a != b]
    assert len(runs) == len(set(runs)) > 1
    numbering = word.part.numbering_part.element
    for num_id in set(num_ids):
        assert numbering.num_having_numId(num_id).lvlOverride_lst[0].startOverride.val == 1
    assert len(word.tables) >= 1 + len(demo[1])
    header = word.tables[0].rows[0]
    assert [c.text for c in header.cells] == ["算法名称", "算法类别", "应用产品与场景"]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None


def test_docx_links_are_hyperlinks(render_demo, demo) -> None:
    word = _doc(render_demo("privacy-docx"))
    targets = {r.target_ref for r in word.part.rels.values() if r.reltype.endswith("/hyperlink")}
    assert demo[0].site.base_url in targets
    assert all(t.startswith(("https://", "mailto:")) for t in targets)


def test_docx_is_byte_identical_and_dated_from_the_content(render_demo, demo) -> None:
    first, second = render_demo("privacy-docx"), render_demo("privacy-docx", lang="zh")
    assert first == second
    newest = max(v.date for a in demo[1] for v in a.versions)
    core = _doc(first).core_properties
    stamp = datetime(newest.year, newest.month, newest.day, tzinfo=UTC)
    assert core.created == stamp and core.modified == stamp
    assert core.author == demo[0].provider.name.zh
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        names = z.namelist()
        assert names == sorted(names)
        assert {i.date_time for i in z.infolist()} == {
            (newest.year, newest.month, newest.day, 0, 0, 0)
        }


def test_docx_formulas_show_words_and_tex(render_demo, demo) -> None:
    text = "\n".join(p.text for p in _doc(render_demo("privacy-docx")).paragraphs)
    for algo in demo[1]:
        for f in algo.formulas:
            assert f.tex in text
            assert f.text.zh.strip() in text


def _soffice() -> str | None:
    found = shutil.which("soffice")
    if found is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice (soffice) is not installed; CI installs libreoffice-writer-nogui")
    return found


def test_libreoffice_renders_the_chinese(render_demo, demo, tmp_path: Path) -> None:
    soffice = _soffice()
    assert soffice, "CI must have soffice (.ci/run installs libreoffice-writer-nogui)"
    source = tmp_path / "privacy.zh.docx"
    source.write_bytes(render_demo("privacy-docx"))
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    pdf = tmp_path / "privacy.zh.pdf"
    assert pdf.is_file(), result.stdout + result.stderr
    text = "".join("".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    for expected in ("个性化推荐与算法推荐说明", "算法处理的个人信息", "关闭个性化推荐"):
        assert expected in text
    for algo in demo[1]:
        # The text lost its whitespace above; so must the name ("青禾 AI 封面生成算法").
        assert "".join(algo.name.zh.split()) in text
        assert algo.filing.number in text


def test_docx_is_identical_across_processes(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        target = tmp_path / f"seed{seed}.docx"
        subprocess.run(
            [
                sys.executable,
                "-c",
                "from disclosure_gen.cli import main; main()",
                "export",
                "--format",
                "privacy-docx",
                "-o",
                str(target),
                "--today",
                TODAY.isoformat(),
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            timeout=300,
            check=True,
        )
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
