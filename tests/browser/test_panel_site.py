"""A panel's site (`make panel DIR=…`) in a real browser: a synthetic panel of a province and
five of its cities over two years (real place names, invented text), so that every page has
its charts. The checks of the report sites: no console error, charts drawn, links lead
somewhere (and each chart's CSV download holds its data), pages chained by their navigation,
code folded, Chinese drawn with the embedded font."""

from __future__ import annotations

import base64
import json
import os
import subprocess
from urllib.parse import unquote, urlparse

import pytest

from conftest import ROOT, file_url, site_pages, walk_next
from test_browser import IMAGES

HEAD = "政府工作报告\n——{y}年1月12日在{place}第十五届人民代表大会第{n}次会议上\n{place}{office}　周某\n各位代表：\n"
# place: {year: (GDP target, result of the year before, a slogan)}
PANEL = {
    "河北省": {2023: ("5.5%左右", "3.8%", "三个统筹"), 2024: ("5%以上", "5.6%", "两个先行")},
    "石家庄市": {2023: ("6%左右", "4.1%", "三个统筹"), 2024: ("6%左右", "5.8%", "三个统筹")},
    "唐山市": {2023: ("6.5%左右", "4.4%", "四个率先"), 2024: ("6.5%左右", "6.2%", "五个率先")},
    "邯郸市": {2023: ("6%以上", "4.0%", "三个转型"), 2024: ("5%—5.5%", "6.1%", "三个转型")},
    "邢台市": {2023: ("5%左右", "3.9%", "两个率先"), 2024: ("4.5%左右", "4.8%", "两个率先")},
    "沧州市": {2023: ("6%", "4.2%", "四个沧州"), 2024: ("6%以上", "6.4%", "五个沧州")},
}


def report(place: str, year: int, target: str, result: str, slogan: str) -> str:
    office = "省长" if place.endswith("省") else "市长"
    return HEAD.format(y=year, place=place, office=office, n="二三四五"[year % 4]) + (
        f"一、{year - 1}年工作回顾\n过去一年，地区生产总值增长{result}，居民消费价格上涨0.3%。\n"
        f"我们坚持“{slogan}”，各项事业取得新进展。\n"
        f"二、{year}年工作安排\n今年主要预期目标是：地区生产总值增长{target}；城镇新增就业3万人以上；"
        f"居民消费价格涨幅3%左右。\n")


@pytest.fixture(scope="session")
def panel_site(build_root, tmp_path_factory):
    folder = tmp_path_factory.mktemp("panel") / "hebei"
    for i, (place, years) in enumerate(PANEL.items()):
        for year, (target, result, slogan) in years.items():
            (folder / str(year)).mkdir(parents=True, exist_ok=True)
            (folder / str(year) / f"{i}.txt").write_text(report(place, year, target, result, slogan), encoding="utf-8")
    cmd = ["make", "--no-print-directory", "panel", f"DIR={folder}", f"OUT={build_root}"]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        pytest.fail(f"{' '.join(cmd)} failed ({done.returncode}):\n{(done.stdout + done.stderr)[-4000:]}", pytrace=False)
    return build_root / "panel-hebei"


def test_panel_site_holds_its_pages_tables_and_site_json(panel_site):
    assert sorted(p.name for p in (panel_site / "html").iterdir()) == [
        "01_targets_across_places.html", "02_escalation.html", "03_hard_and_soft.html",
        "04_targets_and_results.html", "05_over_time.html", "index.html"]
    tables = {"reports", "targets", "results", "verdicts", "escalation", "levels", "slogans"}
    assert {p.name for p in (panel_site / "data").iterdir()} == {f"{t}.{e}" for t in tables for e in ("csv", "parquet")}
    info = json.loads((panel_site / "site.json").read_text(encoding="utf-8"))
    assert info["kind"] == "panel" and info["link"] == "html/index.html"
    # build/index.html lists the panel beside the report sites
    assert 'href="panel-hebei/html/index.html"' in (panel_site.parent / "index.html").read_text(encoding="utf-8")


def test_every_panel_page_loads_without_console_error_and_its_charts_are_drawn(page, panel_site):
    for path in site_pages(panel_site):
        page.console_errors.clear()
        page.goto(file_url(path), wait_until="load")
        assert page.console_errors == [], f"{path.name}: {page.console_errors}"
        images = page.evaluate(IMAGES)
        for i, (decoded, width, height, shown, inked) in enumerate(images):
            assert shown and decoded and width > 0 and height > 0 and inked, f"{path.name}: image {i}"
        if path.name != "index.html":
            assert images, f"{path.name}: no chart"
        text = page.inner_text("body")
        assert "Traceback" not in text and "Error" not in text and "/tmp/" not in text, path.name


def test_links_lead_somewhere_and_downloads_hold_each_charts_data(page, panel_site):
    downloads = 0
    for path in site_pages(panel_site):
        page.goto(file_url(path), wait_until="load")
        links = page.eval_on_selector_all("a[href]", "els => els.map(a => [a.getAttribute('href'), a.href, "
                                                     "a.getAttribute('download')])")
        for raw, absolute, name in links:
            if raw.startswith("data:"):
                assert name and name.endswith(".csv"), f"{path.name}: a data link without a file name"
                csv = base64.b64decode(raw.split(",", 1)[1]).decode("utf-8-sig")
                assert len(csv.splitlines()) >= 2, f"{path.name}: {name} is empty"
                downloads += 1
                continue
            url = urlparse(absolute)
            assert url.scheme == "file" and os.path.exists(unquote(url.path)), f"{path.name}: broken link {raw!r}"
    assert downloads >= 5  # at least one per page with a chart


def test_panel_pages_are_chained_and_code_is_folded(page, panel_site):
    page.goto(file_url(panel_site / "html" / "index.html"))
    order = page.eval_on_selector_all("ol.pages a.title", "els => els.map(a => a.getAttribute('href'))")
    assert order == [p.name for p in site_pages(panel_site)[1:]]
    assert walk_next(page, panel_site, order[0]) == order
    first = page.locator("details.code").first
    code = first.locator(".highlight, pre").first
    assert not code.is_visible()
    first.locator("summary").click()
    assert code.is_visible() and "PANEL" in code.inner_text()


def test_panel_chinese_is_drawn_with_the_embedded_font(page, panel_site):
    for path in site_pages(panel_site)[1:3]:
        page.goto(file_url(path), wait_until="load")
        page.evaluate("document.fonts.ready")
        assert page.evaluate("document.fonts.check(\"16px 'govreport CJK'\", '河北省')"), path.name
