"""`make report`'s pieces that can be checked quickly: the data export and its errors."""

import pandas as pd

from govreport import load_report
from govreport.site import build


def test_export_data_writes_excel_friendly_csv(tmp_path):
    written = build.export_data(None, tmp_path)
    assert [p.name for p in written] == ["outline.csv", "sentences.csv", "facts.csv", "dates.csv"]
    report = load_report()
    for path in written:
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel keeps the Chinese
    facts = pd.read_csv(tmp_path / "facts.csv", encoding="utf-8-sig", keep_default_na=False)
    assert len(facts) == len(report.facts)
    assert list(facts.columns) == list(report.facts.columns)
    assert list(facts["mention"]) == list(report.facts["mention"])
    sentences = pd.read_csv(tmp_path / "sentences.csv", encoding="utf-8-sig")
    assert list(sentences["text"]) == list(report.sentences["text"])


def test_build_stops_on_a_bad_report_with_the_library_message(tmp_path, capsys):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    assert build.main(["--report", str(bad), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "empty.txt" in err and "file is empty" in err
    assert not (tmp_path / "out").exists()  # nothing half-built


def test_in_place_refuses_another_report(tmp_path, capsys):
    try:
        build.main(["--in-place", "--report", str(tmp_path / "x.txt")])
    except SystemExit as exit:
        assert exit.code == 2
    assert "--in-place" in capsys.readouterr().err


def test_section_notebooks_declare_their_section():
    from govreport import paths

    assert build.section_parameter(paths.NOTEBOOKS_DIR / "01_epidemic_control.ipynb") == "1.1"
    assert build.section_parameter(paths.NOTEBOOKS_DIR / "00_overview.ipynb") is None


def test_index_lists_skipped_notebooks_without_a_link(tmp_path):
    from govreport.site import pages as site

    entries = site.index_entries()
    page = site.render_index(entries, "x", {entries[1].name: "not run: r.txt has no section 1.1"})
    assert f'href="{entries[1].href}"' not in page
    assert "not run: r.txt has no section 1.1" in page
    assert f'href="{entries[0].href}"' in page


def test_pages_carry_the_font_for_their_chinese_characters():
    import base64
    import io
    import re

    from fontTools.ttLib import TTFont

    from govreport.site import pages as site

    page = site.embed_cjk_font("<html><head></head><body>焦作市“六稳”，第5位。Latin only</body></html>")
    data = re.search(r"base64,([A-Za-z0-9+/=]+)", page).group(1)
    cmap = TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap()
    for c in "焦作市“六稳”，第位。":
        assert ord(c) in cmap, c
    assert ord("国") not in cmap  # only what the page uses
    assert site.embed_cjk_font("<html><head></head><body>no Chinese</body></html>").count("@font-face") == 0
