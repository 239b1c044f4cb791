"""Known values: the metadata of the 31 provincial reports of 2025 (seeds/provinces-2025/).

tests/data/provinces-2025-meta.csv holds what each title block says, read off the files by
hand (it agrees with the table of seeds/provinces-2025/SOURCES.md), and the site or
newspaper of each file's 来源： line (empty when it has none). Every field must come out
exactly so: a value left empty fails as much as a wrong one.
"""

import csv
from pathlib import Path

import pytest

from govreport import load_report, paths

SEEDS = paths.SEEDS_DIR / "provinces-2025"
EXPECTED = Path(__file__).parent / "data" / "provinces-2025-meta.csv"
FIELDS = ["place", "date", "level", "speaker", "office"]


def expected_rows() -> list[dict]:
    with EXPECTED.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_the_table_covers_every_file():
    assert sorted(r["file"] for r in expected_rows()) == sorted(p.name for p in SEEDS.glob("*.docx"))
    assert len(expected_rows()) == 31


@pytest.mark.parametrize("row", expected_rows(), ids=lambda r: r["file"])
def test_known_metadata(row):
    meta = load_report(SEEDS / row["file"]).meta
    assert {k: meta[k] for k in FIELDS} == {k: row[k] for k in FIELDS}
    assert meta["year"] == 2025
    # The 来源： line is the source (two files have none); no file gives a posting date.
    assert (meta["source"], meta["published"]) == (row["source"] or None, None)


@pytest.mark.parametrize("width", [30, 40])
@pytest.mark.parametrize("name", ["anhui-2025.docx", "hubei-2025.docx", "zhejiang-2025.docx"])
def test_known_metadata_when_hard_wrapped(name, width, write_report):
    # Title blocks whose dateline carries the speaker, as a PDF would break them (at 30 and 40
    # columns the break falls after the office, inside the name or inside 作政府工作报告).
    from test_wrapped import wrap

    row = next(r for r in expected_rows() if r["file"] == name)
    r = load_report(write_report(wrap(load_report(SEEDS / name).text, width)))
    assert r.meta["wrapped"] is True
    assert {k: r.meta[k] for k in FIELDS} == {k: row[k] for k in FIELDS}


@pytest.mark.parametrize("name", ["guangxi-2025.docx", "hainan-2025.docx", "shanghai-2025.docx", "xinjiang-2025.docx"])
def test_known_metadata_of_web_copies(name, tmp_path):
    # The report as a government web page (navigation, breadcrumb, 来源/发布时间 labels, font-size
    # toggles, share buttons, footer): the same metadata, and the web page's own source and
    # posting date, which is never the session's date.
    from documents import write_html

    row = next(r for r in expected_rows() if r["file"] == name)
    lines = load_report(SEEDS / name).text.split("\n")
    page = load_report(write_html(tmp_path / "report.html", lines[1:], title=lines[0]))
    assert {k: page.meta[k] for k in FIELDS} == {k: row[k] for k in FIELDS}
    assert (page.meta["source"], page.meta["published"]) == ("某某日报", "2026-02-02")

