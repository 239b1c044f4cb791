"""The panel's pages: the committed panel notebooks' conventions, and the prose they compute
(``govreport.panel.story``) on synthetic panels of our own: a province with five of its
cities (enough to compare), and the same panel thinned (too little to say)."""

from __future__ import annotations

import base64
import json
import re

import pandas as pd
import pytest

from govreport import cli, paths
from govreport.panel import story

NOTEBOOKS = sorted((paths.NOTEBOOKS_DIR / "panel").glob("*.ipynb"))

HEAD = "政府工作报告\n——{y}年1月12日在{place}第十五届人民代表大会第三次会议上\n{place}{office}　孙某\n各位代表：\n"
# place: (GDP target of 2024, its result the year before)
CITIES = {"河北省": ("5%以上", "5.5%"), "石家庄市": ("6%左右", "5.9%"), "唐山市": ("6.5%左右", "6.2%"),
          "邯郸市": ("5%—5.5%", "5.1%"), "邢台市": ("4.5%左右", "4.8%"), "沧州市": ("6%以上", "6.4%")}


def text(place: str, target: str, result: str, year: int = 2024) -> str:
    office = "省长" if place.endswith("省") else "市长"
    return HEAD.format(y=year, place=place, office=office) + (
        f"一、{year - 1}年工作回顾\n过去一年，地区生产总值增长{result}。\n"
        f"二、{year}年工作安排\n今年主要预期目标是：地区生产总值增长{target}；居民消费价格涨幅3%左右。\n")


def build(tmp_path, cities) -> story.Panel:
    folder = tmp_path / "reports"
    folder.mkdir()
    for i, (place, (target, result)) in enumerate(cities.items()):
        (folder / f"{i:02d}.txt").write_text(text(place, target, result), encoding="utf-8")
    assert cli.main(["panel", str(folder), "-o", str(tmp_path / "out"), "--jobs", "1"]) == 0
    return story.open_panel(tmp_path / "out", "test")


@pytest.fixture
def panel(tmp_path, capsys):
    return build(tmp_path, CITIES)


def test_across_places(panel):
    main = story.main_targets(panel)
    assert story.keys_across(main) == [(2024, "gdp_growth"), (2024, "cpi")]
    rows = story.across_rows(main, 2024, "gdp_growth")
    # sorted by midpoint (a range's middle, 5.25), then by name
    assert rows["place"].tolist() == ["邢台市", "河北省", "邯郸市", "沧州市", "石家庄市", "唐山市"]
    assert rows["marker"].tolist() == ["●", "▲", "—", "▲", "●", "●"]
    # the parent's target (河北省, 5%以上) on each city's row, none on the province's own
    assert rows.set_index("place")["parent_value"].drop("河北省").tolist() == [5.0] * 5
    assert pd.isna(rows.set_index("place").loc["河北省", "parent_value"])
    said = story.across_text(main)
    assert "6 places, from 4.5% (邢台市) to 6.5% (唐山市)" in said
    assert "written with 左右 by 3, as a floor (以上 or 确保) by 2 and as a range by 1" in said
    table = story.places_table(main, 2024)
    assert table.loc["邯郸市", "地区生产总值"] == "5%—5.5%" and table.loc["沧州市", "地区生产总值"] == "6%以上"


def test_escalation_prose(panel):
    said = story.escalation_text(panel)
    # gaps of the five cities to 5%: +1, +1.5, +0.25, −0.5, +1 → 4 of 5 above, mean 0.65, median 1
    assert "**Prefecture reports** (5 places): of 5 GDP growth targets, 80% are above the parent's" in said
    assert "the mean gap is 0.65 points (median 1)" in said


def test_too_little_data(tmp_path, capsys):
    thin = build(tmp_path, {k: CITIES[k] for k in ("河北省", "石家庄市", "唐山市")})
    assert "only 2 places beside a parent here: too few" in story.escalation_text(thin)
    main = story.main_targets(thin)
    assert story.keys_across(main) == []
    assert story.across_text(main).startswith("No key is a main target of at least 5 places")
    assert story.verdicts_text(thin).startswith("No place has reports of two consecutive years")
    assert story.over_time_text(thin).startswith("No place has main targets in two years")


def test_wording_shares(panel):
    shares = story.wording_shares(panel).set_index("level")
    # province: GDP 以上 + CPI 左右; cities: GDP 左右 ×2, range, 以上, 左右 (邢台) + five CPI 左右
    assert shares.loc["province", ["hard", "about"]].tolist() == [0.5, 0.5]
    assert shares.loc["prefecture", "targets"] == 10
    assert shares.loc["prefecture", ["hard", "about", "range"]].tolist() == [0.1, 0.8, 0.1]
    assert "For GDP growth alone, 2 of 6 targets are floors" in story.wording_text(panel)


def test_download_link_holds_the_table(panel):
    rows = story.across_rows(story.main_targets(panel), 2024, "gdp_growth")
    html = story.download(rows, "gdp.csv").data
    data = re.search(r'href="data:text/csv;charset=utf-8;base64,([^"]+)"', html).group(1)
    csv = base64.b64decode(data)
    assert csv.startswith(b"\xef\xbb\xbf") and csv.decode("utf-8-sig").splitlines()[0].startswith("place,level,")
    assert len(csv.decode("utf-8-sig").splitlines()) == 7 and 'download="gdp.csv"' in html


def test_there_are_five_panel_pages():
    assert [p.stem for p in NOTEBOOKS] == ["01_targets_across_places", "02_escalation", "03_hard_and_soft",
                                          "04_targets_and_results", "05_over_time"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_panel_notebook_conventions_and_clean_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = nb["cells"]
    assert cells[0]["cell_type"] == "markdown" and "".join(cells[0]["source"]).startswith("# ")
    params = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(params) == 1 and re.search(r"^PANEL = None\b", "".join(params[0]["source"]), re.M)
    size = 0
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        assert cell["execution_count"] is not None
        for out in cell.get("outputs", []):
            assert out["output_type"] not in ("error", "stream"), out
            for mime, data in out.get("data", {}).items():
                data = "".join(data) if isinstance(data, list) else data
                size += len(data)
                if mime.startswith("text/"):
                    assert "/work/" not in data and "/tmp/" not in data and "/home/" not in data
                    assert "Warning" not in data and "<govreport" not in data
    assert size < 400_000, f"{path.name}: outputs of {size} bytes"


# -- the panel's site: what a bad file does (a page that fails: tests/browser/test_panel_failures.py) --

def reports_folder(tmp_path, cities=CITIES) -> str:
    folder = tmp_path / "hills"
    folder.mkdir()
    for i, (place, (target, result)) in enumerate(cities.items()):
        (folder / f"{i:02d}.txt").write_text(text(place, target, result), encoding="utf-8")
    return str(folder)


def test_a_panel_with_an_unreadable_file_is_built_and_exits_1(tmp_path, capsys):
    folder = reports_folder(tmp_path)
    (tmp_path / "hills" / "99.txt").write_bytes(b"")
    no_pages = tmp_path / "no-notebooks"  # no page to run: the site's index, data and site.json, built fast
    no_pages.mkdir()
    out = tmp_path / "build"
    assert cli.main(["site", "--panel", folder, "-o", str(out), "--notebooks", str(no_pages), "--jobs", "1"]) == 1
    assert "1 of the panel's report files could not be read" in capsys.readouterr().err
    info = json.loads((out / "panel-hills" / "site.json").read_text(encoding="utf-8"))
    assert info["summary"] == "7 report files, 1 unreadable" and info["failed"] == []


def test_a_panel_of_which_no_file_can_be_read_writes_no_site_and_exits_2(tmp_path, capsys):
    folder = tmp_path / "hills"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    out = tmp_path / "build"
    assert cli.main(["site", "--panel", str(folder), "-o", str(out), "--jobs", "1"]) == 2
    assert "hills: none of the panel's 1 report files could be read" in capsys.readouterr().err
    assert not (out / "panel-hills").exists() and not (out / "index.html").exists()
    assert cli.main(["site", "--panel", str(tmp_path / "nothing-here"), "-o", str(out)]) == 2


def test_every_wording_found_is_counted():
    """Ceilings (以内) and bare figures are named too, most first; wordings not found are not."""
    words = pd.Series(["about"] * 20 + ["ceiling"] * 6 + ["bare"] + ["hard"] * 6)
    assert story.wordings_text(words) == ("written with 左右 by 20, as a floor (以上 or 确保) by 6, "
                                          "as a ceiling (以内) by 6 and as a bare figure by 1")
    assert story.wordings_text(pd.Series([], dtype=object)) == "no wording read"
