"""The built sites in a real browser (headless chromium through Playwright): pages load without
a console error, charts are drawn, links lead somewhere, code unfolds on a click, Chinese is
drawn with the embedded font, and HTML written in a report stays text."""

from __future__ import annotations

import os
from urllib.parse import unquote, urlparse

import pytest

from conftest import file_url, site_pages, walk_next

SITES = ["bundled", "synthetic"]
#: Two real provincial reports' sites (conftest.PROVINCES): loaded, drawn and linked like the others.
REAL = ["province_a", "province_b"]
INJECTED = "<img src=x onerror=alert(1)>"
# For each image: decoded, natural width and height, whether it is laid out visibly (a box of
# more than 10x10 px, not hidden by CSS nor inside a closed <details>), and whether it holds a
# drawing (its pixels, drawn on a canvas, are not all one colour).
IMAGES = """() => [...document.images].map(im => {
  const r = im.getBoundingClientRect(), s = getComputedStyle(im);
  let inked = false;
  if (im.complete && im.naturalWidth) {
    const c = document.createElement('canvas');
    c.width = Math.min(im.naturalWidth, 300); c.height = Math.min(im.naturalHeight, 300);
    const g = c.getContext('2d'); g.drawImage(im, 0, 0, c.width, c.height);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    for (let i = 4; i < d.length && !inked; i += 4)
      inked = d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2] || d[i + 3] !== d[3];
  }
  return [im.complete, im.naturalWidth, im.naturalHeight,
          r.width > 10 && r.height > 10 && s.visibility !== 'hidden' && im.offsetParent !== null, inked];
})"""


@pytest.mark.parametrize("name", SITES + REAL)
def test_every_page_loads_without_console_error_and_its_charts_are_drawn(request, page, name):
    site = request.getfixturevalue(f"{name}_site")
    for path in site_pages(site) + [site.parent / "index.html"]:
        page.console_errors.clear()
        page.goto(file_url(path), wait_until="load")
        assert page.console_errors == [], f"{path.name}: {page.console_errors}"
        images = page.evaluate(IMAGES)
        for i, (decoded, width, height, shown, inked) in enumerate(images):
            assert shown, f"{path.name}: image {i} is not displayed"
            assert decoded and width > 0 and height > 0, f"{path.name}: image {i} is not decoded"
            assert inked, f"{path.name}: image {i} is blank"
        if path.name != "index.html":
            assert images or name != "bundled", f"{path.name}: no chart"


@pytest.mark.parametrize("name", SITES + REAL)
def test_no_link_is_broken(request, page, name):
    site = request.getfixturevalue(f"{name}_site")
    checked = 0
    for path in site_pages(site) + [site.parent / "index.html"]:
        page.goto(file_url(path), wait_until="load")
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(a => [a.getAttribute('href'), a.href])")
        for raw, absolute in hrefs:
            url = urlparse(absolute)
            assert url.scheme == "file", f"{path.name}: link out of the site {raw!r}"
            target = unquote(url.path)
            assert os.path.exists(target), f"{path.name}: broken link {raw!r}"
            if "#" in raw:
                # A browser looks the fragment up as written, then percent-decoded (nbconvert
                # writes heading ids percent-encoded).
                fragment = raw.split("#", 1)[1]
                ids = {fragment, unquote(fragment)}
                if target == str(path.resolve()):
                    found = page.evaluate("ids => ids.some(id => document.getElementById(id))", sorted(ids))
                else:
                    source = open(target, encoding="utf-8").read()
                    found = any(f'id="{i}"' in source for i in ids)
                assert found, f"{path.name}: no anchor for {raw!r}"
            checked += 1
    assert checked > 10


@pytest.mark.parametrize("name", SITES)
def test_every_page_links_to_its_index_and_neighbours(request, page, name):
    site = request.getfixturevalue(f"{name}_site")
    page.goto(file_url(site / "html" / "index.html"))
    order = page.eval_on_selector_all("ol.pages a.title", "els => els.map(a => a.getAttribute('href'))")
    assert sorted(order) == sorted(p.name for p in site_pages(site)[1:])
    for i, href in enumerate(order):
        page.goto(file_url(site / "html" / href), wait_until="load")
        for where in ("top", "bottom"):
            nav = page.locator(f"nav.site.{where}")
            assert nav.locator("a.index").get_attribute("href") == "index.html"
            prev = [a.get_attribute("href") for a in nav.locator("a.prev").all()]
            nxt = [a.get_attribute("href") for a in nav.locator("a.next").all()]
            assert prev == order[i - 1 : i] if i else prev == [], (href, prev)
            assert nxt == order[i + 1 : i + 2], (href, nxt)
    # Clicking "next" from the first page walks every page once, in the index's order.
    assert walk_next(page, site, order[0]) == order


@pytest.mark.parametrize("name", SITES)
def test_code_is_folded_and_unfolds_on_a_click(request, page, name):
    site = request.getfixturevalue(f"{name}_site")
    page.goto(file_url(site / "html" / "00_overview.html"), wait_until="load")
    folds = page.locator("details.code")
    assert folds.count() > 3
    first = folds.first
    code = first.locator(".highlight, pre").first
    assert not code.is_visible()
    first.locator("summary").click()
    assert code.is_visible()
    assert "REPORT" in code.inner_text()  # the parameters cell comes first


@pytest.mark.parametrize("name", SITES)
def test_chinese_is_drawn_with_the_embedded_font(request, page, name):
    site = request.getfixturevalue(f"{name}_site")
    cdp = page.context.new_cdp_session(page)
    for path in site_pages(site)[:4]:
        page.goto(file_url(path), wait_until="load")
        page.evaluate("document.fonts.ready")
        assert page.evaluate("document.fonts.check(\"16px 'govreport CJK'\", '报告')"), path.name
        loaded = page.evaluate(
            "[...document.fonts].filter(f => f.family.includes('govreport CJK')).map(f => f.status)")
        assert loaded == ["loaded"], f"{path.name}: {loaded}"
        # What chromium actually drew the Chinese heading with: the custom (embedded) font.
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        cdp.send("CSS.enable")
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "h1"})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        heading = page.locator("h1").first.inner_text()
        if any("\u4e00" <= c <= "\u9fff" for c in heading):
            assert any(f["isCustomFont"] and f["glyphCount"] > 0 for f in fonts), f"{path.name}: {fonts}"


def test_html_in_a_report_stays_text(page, synthetic_site):
    for path in site_pages(synthetic_site) + [synthetic_site.parent / "index.html"]:
        page.console_errors.clear()
        page.goto(file_url(path), wait_until="load")
        injected = page.evaluate(
            "() => document.querySelectorAll('img[src=\"x\"], [onerror], b, a[href^=\"http\"]').length")
        assert injected == 0, f"{path.name}: report text became {injected} element(s)"
        assert page.console_errors == [], f"{path.name}: {page.console_errors}"
    # ... and shows as the text it is, where the section's title is shown.
    for name in ("index.html", "section_1.1.html"):
        page.goto(file_url(synthetic_site / "html" / name), wait_until="load")
        assert INJECTED in page.locator("body").inner_text(), name
