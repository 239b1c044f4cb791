"""`make report`'s pieces that can be checked quickly: which pages a site gets, where it goes,
what it escapes, and what a bad report leaves behind (nothing).

Building whole sites (every notebook executed, tens of seconds each) is checked by
`make test-site` in tests/browser/, which builds them once for its browser checks too.
"""

import hashlib
import json
import os
from html.parser import HTMLParser

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from govreport import cli, load_report, paths
from govreport.site import build, index, plan, render
from govreport.site.slug import free_slug, site_slug

REPORTS = paths.ROOT / "tests" / "data" / "reports"
INJECTED = "<img src=x onerror=alert(1)>"


class VisibleText(HTMLParser):
    """The text of a page outside its scripts and styles."""

    def __init__(self, page):
        super().__init__()
        self.skip, self.parts = 0, []
        self.feed(page)
        self.text = " ".join(" ".join(self.parts).split())

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


class Elements(HTMLParser):
    """Counts the elements of a page by tag."""

    def __init__(self, page):
        super().__init__()
        self.tags: dict[str, int] = {}
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1


def tree_hash(folder):
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        h.update(str(p.relative_to(folder)).encode())
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()


def test_export_data_writes_excel_friendly_csv(tmp_path):
    report = load_report()
    written = build.export_data(report, tmp_path)
    assert [p.name for p in written] == ["outline.csv", "sentences.csv", "facts.csv", "dates.csv"]
    for path in written:
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel keeps the Chinese
    facts = pd.read_csv(tmp_path / "facts.csv", encoding="utf-8-sig", keep_default_na=False)
    assert len(facts) == len(report.facts)
    assert list(facts.columns) == list(report.facts.columns)
    assert list(facts["mention"]) == list(report.facts["mention"])
    sentences = pd.read_csv(tmp_path / "sentences.csv", encoding="utf-8-sig")
    assert list(sentences["text"]) == list(report.sentences["text"])


@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("missing.txt", None, "file not found"),
        ("empty.txt", b"", "file is empty"),
        ("binary.txt", bytes(range(256)) * 8, ""),
        ("notes.txt", b"Shopping list: milk, eggs, bread.\n", "no chinese"),
        ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "pdf"),
    ],
)
def test_a_bad_report_prints_the_library_message_and_changes_nothing(tmp_path, capsys, name, content, problem):
    out = tmp_path / "build"
    (out / "jiaozuo-2021" / "html").mkdir(parents=True)
    (out / "jiaozuo-2021" / "html" / "index.html").write_text("an earlier site", encoding="utf-8")
    (out / "index.html").write_text("an earlier list", encoding="utf-8")
    before = tree_hash(out)
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)
    assert cli.main(["site", str(bad), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("govreport site: ") and name in err and problem in err.lower()
    assert tree_hash(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "jiaozuo-2021"]  # no temporary folder left


def test_a_bad_report_does_not_create_the_build_folder(tmp_path):
    assert cli.main(["site", str(tmp_path / "none.txt"), "--out", str(tmp_path / "out")]) == 2
    assert not (tmp_path / "out").exists()


def test_a_bad_previous_report_is_refused_before_anything_runs(tmp_path, capsys):
    (tmp_path / "old.txt").write_bytes(b"")
    args = ["site", str(REPORTS / "meixi-county-2023.txt"), "--previous", str(tmp_path / "old.txt")]
    assert cli.main(args + ["--out", str(tmp_path / "out")]) == 2
    assert "old.txt" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_notebooks_refuses_a_name_that_is_not_a_committed_notebook(capsys):
    assert cli.main(["notebooks", "--only", "00_overview", "99_nowhere"]) == 2
    assert capsys.readouterr().err == "govreport notebooks: no such notebook(s) in notebooks/: 99_nowhere\n"
    assert [nb.stem for nb in build.committed_notebooks(["00_overview"])] == ["00_overview"]


def test_slug_from_place_and_year_else_the_file_name():
    assert site_slug(load_report().meta, paths.DEFAULT_REPORT) == "jiaozuo-2021"
    meixi = load_report(REPORTS / "meixi-county-2023.txt")
    assert site_slug(meixi.meta, meixi.path) == "meixi-2023"
    assert site_slug({"place": "江岚省", "year": 2022}, "x.txt") == "jianglan-2022"
    assert site_slug({"place": "某自治区", "date": "2020-01-05"}, "x.txt") == "mou-2020"
    assert site_slug({"place": "焦作市", "date": None}, "My Report (2).txt") == "my-report-2"
    assert site_slug({}, "郑州2023年.txt") == "zhengzhou-2023-nian"
    assert site_slug({}, "!!!.txt") == "report"


def test_another_file_of_the_same_place_and_year_gets_a_site_of_its_own(tmp_path):
    """Two texts of one place and year (a draft and the final report) both keep their sites;
    rebuilding a file keeps its own slug."""
    assert free_slug("meixi-2023", "draft.txt", tmp_path) == "meixi-2023"  # no site yet
    (tmp_path / "meixi-2023").mkdir()
    (tmp_path / "meixi-2023" / "site.json").write_text(json.dumps({"file": "final.txt"}), encoding="utf-8")
    assert free_slug("meixi-2023", "final.txt", tmp_path) == "meixi-2023"
    assert free_slug("meixi-2023", "some/folder/draft.txt", tmp_path) == "meixi-2023-draft"


def _notebook(folder, name, params, settings=None, title="A page", tags_cells=()):
    cells = [new_markdown_cell(f"# {title}\n\nWhat does it show?")]
    cells.append(new_code_cell(params, metadata={"tags": ["parameters"]}))
    cells += [new_markdown_cell(text, metadata={"tags": tags}) for text, tags in tags_cells]
    nb = new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    if settings:
        nb.metadata["govreport"] = settings
    path = folder / name
    nbformat.write(nb, path)
    return path


@pytest.fixture
def notebooks(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    _notebook(folder, "00_overview.ipynb", "REPORT = None\nDATE = None\nPLACE = None")
    _notebook(folder, "01_theme.ipynb", "REPORT = None\nSECTION = '1.1'", {"bundled_only": True})
    _notebook(folder, "05_language.ipynb", "REPORT = None")
    _notebook(folder, "08_compare.ipynb", "REPORT = None\nPREVIOUS = None")
    _notebook(folder, "09_needs_previous.ipynb", "REPORT = None\nPREVIOUS = None", {"requires": ["PREVIOUS"]})
    _notebook(folder, "section.ipynb", "REPORT = None\nSECTION = '1.1'\nDATE = None")
    return folder


def test_the_bundled_report_gets_the_themed_notebooks_and_no_generic_section_pages(notebooks):
    pages = plan.plan(load_report().outline, bundled=True, folder=notebooks, log=lambda m: None)
    assert [p.stem for p in pages] == ["00_overview", "01_theme", "05_language", "08_compare"]
    assert all(p.parameters == {} and p.drop_tags == () for p in pages)


def test_another_report_gets_a_page_per_section_in_text_order(notebooks, tmp_path):
    path = REPORTS / "jianglan-province-2022.txt"
    report = load_report(path)
    pages = plan.plan(report.outline, bundled=False, report=path, date="2022-01-20", place="江岚省",
                      previous=tmp_path / "old.txt", folder=notebooks, log=lambda m: None)
    stems = [p.stem for p in pages]
    sections = [f"section_2.{i}" for i in range(1, 11)]
    assert stems == ["00_overview", "section_1.1", "section_1.2", *sections,
                     "05_language", "08_compare", "09_needs_previous"]
    by_stem = {p.stem: p for p in pages}
    # Parameters only where the parameters cell defines them; SECTION as a string outline id;
    # paths relative to the report's folder, where the kernel runs (no machine path on a page).
    assert plan.run_folder(path) == REPORTS
    name = "jianglan-province-2022.txt"
    assert by_stem["00_overview"].parameters == {"REPORT": name, "DATE": "2022-01-20", "PLACE": "江岚省"}
    assert by_stem["section_2.10"].parameters == {"REPORT": name, "SECTION": "2.10", "DATE": "2022-01-20"}
    assert by_stem["05_language"].parameters == {"REPORT": name}
    previous = by_stem["08_compare"].parameters["PREVIOUS"]
    assert (REPORTS / previous).resolve() == (tmp_path / "old.txt").resolve() and not previous.startswith("/")
    assert by_stem["section_2.10"].title == "part 二 · （十）统筹发展和安全"  # two parts have （一）…
    assert by_stem["section_1.1"].title == f"part 一 · （一）经济运行{INJECTED}稳中有进"  # escaped when written
    assert all(p.drop_tags == ("bundled-only",) for p in pages)


def test_a_part_without_sections_gets_one_page_and_compare_runs_without_previous(notebooks):
    path = REPORTS / "meixi-county-2023.txt"
    messages = []
    pages = plan.plan(load_report(path).outline, bundled=False, report=path, folder=notebooks, log=messages.append)
    assert [p.stem for p in pages] == ["00_overview", "section_1", "section_2", "05_language", "08_compare"]
    assert [p.title for p in pages[1:3]] == ["一、2022年工作回顾", "二、2023年工作安排"]
    assert "PREVIOUS" not in pages[-1].parameters  # its default, None
    assert messages == ["09_needs_previous.ipynb: not run (needs PREVIOUS=…)"]


def test_sections_of_a_single_part_need_no_part_label(notebooks):
    report = load_report()
    assert [title for _, title in plan.section_units(report.outline)][:2] == [
        "（一）疫情防控科学有效,取得重大战略成果", "（二）精准发力“六稳”“六保”,经济持续回稳向好"]


def test_no_generic_section_notebook_is_reported_not_failed(notebooks):
    (notebooks / "section.ipynb").unlink()
    messages = []
    path = REPORTS / "meixi-county-2023.txt"
    pages = plan.plan(load_report(path).outline, bundled=False, report=path, folder=notebooks, log=messages.append)
    assert not any(p.stem.startswith("section_") for p in pages)
    assert any("section.ipynb not found" in m for m in messages)


def test_chinese_numbers_as_reports_write_them():
    assert [plan.chinese_number(n) for n in (1, 9, 10, 11, 20, 23)] == ["一", "九", "十", "十一", "二十", "二十三"]


def test_cells_tagged_bundled_only_are_removed_before_running(notebooks):
    from govreport.site import run

    path = _notebook(notebooks, "06_x.ipynb", "REPORT = None",
                     tags_cells=[("About Jiaozuo only", ["bundled-only"]), ("About any report", [])])
    kept = run.prepare(path, ("bundled-only",))
    texts = [c.source for c in kept.cells]
    assert "About any report" in texts and "About Jiaozuo only" not in texts
    assert len(run.prepare(path, ()).cells) == len(kept.cells) + 1


def test_pages_fold_code_and_escape_report_text():
    nb = new_notebook(cells=[
        new_markdown_cell("# Title"),
        new_code_cell("x = 1 + 1", outputs=[nbformat.v4.new_output("stream", name="stdout", text="2\n")]),
    ])
    title = f"（一）经济运行{INJECTED}稳中有进"
    page, assets = render.page(nb, title, render.Link("index.html", f"江岚省{INJECTED}: index"),
                               render.Link("a.html", title), render.Link("b.html", "<script>alert(1)</script>"))
    assert assets == {}
    tags = Elements(page).tags
    assert tags.get("img", 0) == 0 and tags.get("script", 0) == 1  # only the font loader's script
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert tags["details"] == 1 and tags["summary"] == 1 and "x = 1 + 1" not in page.split("<details")[0]
    assert page.count('<nav class="site') == 2 and 'href="a.html"' in page and 'href="b.html"' in page
    assert "@font-face" in page  # the Chinese of the title and navigation is drawn with the embedded font


def test_indexes_escape_report_text(tmp_path):
    info = {"place": f"江岚省{INJECTED}", "speaker": "<b>周</b>", "date": "2022-01-20", "level": "province",
            "file": "a<b>.txt", "parts": 2, "sections": 12, "facts": 45}
    entries = [{"href": "section_1.1.html", "title": f"（一）经济运行{INJECTED}稳中有进",
                "summary": "<i>question</i>", "thumbnail": None}]
    page = index.report_index(info, entries, ["facts.csv"])
    tags = Elements(page).tags
    assert "img" not in tags and "b" not in tags and "i" not in tags
    site = tmp_path / "jianglan-2022"
    site.mkdir()
    index.write_site_info(site, info)
    (tmp_path / ".jianglan-2022-tmp").mkdir()  # a build in progress is not listed
    root = index.write_root_index(tmp_path).read_text(encoding="utf-8")
    tags = Elements(root).tags
    assert "img" not in tags and "b" not in tags
    assert 'href="jianglan-2022/html/index.html"' in root
    assert [s["slug"] for s in index.read_sites(tmp_path)] == ["jianglan-2022"]
    for value in ("province", "2022-01-20", "<td>2</td><td>12</td><td>45</td>"):
        assert value in root


def test_thumbnail_is_the_first_chart_scaled_down():
    import base64
    import io

    from PIL import Image

    def png(width, height):
        out = io.BytesIO()
        Image.new("RGB", (width, height), "white").save(out, format="PNG")
        return base64.b64encode(out.getvalue()).decode()

    nb = new_notebook(cells=[
        new_code_cell("", outputs=[nbformat.v4.new_output("display_data", data={"text/plain": "x"})]),
        new_code_cell("", outputs=[nbformat.v4.new_output("display_data", data={"image/png": png(900, 300)})]),
        new_code_cell("", outputs=[nbformat.v4.new_output("display_data", data={"image/png": png(50, 50)})]),
    ])
    thumb = Image.open(io.BytesIO(render.thumbnail(render.first_chart(nb))))
    assert thumb.size == (render.THUMB_WIDTH, round(300 * render.THUMB_WIDTH / 900))
    assert render.first_chart(new_notebook(cells=[new_markdown_cell("# no chart")])) is None


def test_site_info_counts_what_the_root_index_lists():
    report = load_report(REPORTS / "jianglan-province-2022.txt")
    info = build.site_info(report, [], bundled=False, previous=None)
    assert (info["parts"], info["sections"], info["facts"]) == (2, 12, len(report.facts))
    assert (info["place"], info["date"], info["speaker"]) == ("江岚省", "2022-01-20", "周明远")
    json.dumps(info)  # what site.json holds


def test_date_and_place_given_name_the_site_of_a_file_that_lacks_them(tmp_path):
    lines = (REPORTS / "meixi-county-2023.txt").read_text(encoding="utf-8").splitlines()
    bare = tmp_path / "report without head.txt"
    bare.write_text("\n".join(l for l in lines if not l.startswith(("——", "梅溪县人民政府"))), encoding="utf-8")
    plain = load_report(bare)
    assert plain.meta["date"] is None and site_slug(plain.meta, bare) == "report-without-head"
    given = load_report(bare, date="2023-01-12", place="梅溪县")
    assert (given.meta["date"], given.meta["place"]) == ("2023-01-12", "梅溪县")
    assert site_slug(given.meta, bare) == "meixi-2023"


def test_a_heading_names_place_and_year_once():
    assert index.report_heading({"place": "江岚省", "title": "政府工作报告", "date": "2022-01-20"}) == "江岚省 政府工作报告 2022"
    assert index.report_heading({"place": "江岚省", "title": "2022年江岚省政府工作报告", "date": "2022-01-20"}) == "2022年江岚省政府工作报告"
    assert index.report_heading({}) == "政府工作报告"


def test_a_page_asks_its_computed_question_before_the_written_one():
    written = new_markdown_cell("# Title\n\nWhat does one part say? The page reads it.")
    later = new_markdown_cell("## Details\n\nWhy is this not the question?")
    computed = new_code_cell("", outputs=[nbformat.v4.new_output(
        "display_data", data={"text/markdown": "## （二）青川工程\n\nWhat does （二）青川工程 claim, with its 1.5 万亿?"})])
    assert render.question(new_notebook(cells=[written, computed, later])) == "What does （二）青川工程 claim, with its 1.5 万亿?"
    assert render.question(new_notebook(cells=[written, later, computed])) == "What does one part say?"
    report_text = new_code_cell("", outputs=[nbformat.v4.new_output(
        "display_data", data={"text/markdown": "他问：为什么？ No question in English here."})])
    assert render.question(new_notebook(cells=[report_text, later])) is None


def test_a_table_head_holds_one_row_with_the_index_name_in_its_corner():
    import pandas as pd

    frame = pd.DataFrame({"count": [3, 1]}, index=pd.Index(["甲", "乙"], name="quote"))
    rendered = render._THEAD.sub(render.one_header_row, frame.to_html())
    head = rendered.split("<thead>")[1].split("</thead>")[0]
    assert head.count("<tr") == 1 and "<th>quote</th>" in head and "<th>count</th>" in head
    plain = pd.DataFrame({"count": [3]}).to_html()
    assert render._THEAD.sub(render.one_header_row, plain) == plain


def test_the_table_library_is_shipped_beside_the_page_once():
    from govreport.analysis import explore

    library = ("<script>\nfunction injectCSS(base64CSS) {}\nif (!window._itables_9_9_9) { injectCSS(\"QUJD\"); }\n</script>\n"
               "<div style=\"x\">\n<noscript>\n<a href=https://itables.org/>logo</a> note\n</noscript>\n</div>\n")
    page = "<p>before</p>\n" + library + "<table id=\"t\"></table>"
    lean, assets = explore.library_apart(page)
    assert lean == f'<p>before</p>\n<script src="{explore.LIBRARY_FILE}"></script>\n<table id="t"></table>'
    assert list(assets) == [explore.LIBRARY_FILE] and "window._itables_9_9_9" in assets[explore.LIBRARY_FILE]
    assert explore.library_apart("<p>no table</p>") == ("<p>no table</p>", {})


def test_notes_are_counted_from_the_outputs_and_stderr_leaves_the_page():
    from govreport.site import run

    nb = new_notebook(cells=[
        new_markdown_cell('<div class="govreport-note">written, not an output</div>'),
        new_code_cell("", outputs=[
            nbformat.v4.new_output("display_data", data={"text/html": '<div class="govreport-note wide">a</div><p class="x">b</p>'}),
            nbformat.v4.new_output("display_data", data={"text/markdown": "<aside class='govreport-note'>c</aside>"}),
            nbformat.v4.new_output("stream", name="stderr", text="UserWarning: something\n"),
            nbformat.v4.new_output("stream", name="stdout", text="kept\n"),
        ]),
    ])
    assert run.count_notes(nb) == 2
    assert run.take_stderr(nb) == "cell 2: UserWarning: something"
    assert [o.get("name") for o in nb.cells[1].outputs] == [None, None, "stdout"]


@pytest.mark.skipif(os.name != "posix", reason="Unix sockets")
def test_a_page_kernel_talks_over_sockets_of_its_own(tmp_path):
    """A page's kernel uses IPC in a folder of its own: no TCP port that two kernels started
    together could both be given, and no socket file left behind."""
    from govreport.site import run

    nb = new_notebook(cells=[new_code_cell(
        "import json\nfrom ipykernel.connect import get_connection_info\n"
        "print(json.loads(get_connection_info())['transport'])")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp_path / "page.ipynb")
    job = run.Job("page", tmp_path / "page.ipynb", {}, (), tmp_path / "out.ipynb", tmp_path / "page.html",
                  "page", render.Link("index.html", "index"), None, None, cwd=tmp_path)
    executed, failure, chatter = run.execute(job)
    assert failure is None
    assert executed.cells[0].outputs[0]["text"] == "ipc\n"
    assert "without encryption" not in chatter
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ipynb", "page.ipynb"]


def test_error_messages_lose_their_machine_paths():
    from govreport.site import run

    assert run.without_paths("No such file: '/tmp/x/y/上游县.txt'") == "No such file: '上游县.txt'"
    assert run.without_paths("in /usr/lib/python3/site-packages/foo/bar.py, line 3") == "in bar.py, line 3"
    assert run.without_paths(r"C:\Users\someone\report.docx is locked") == "report.docx is locked"
    assert run.without_paths("1/2 of 3.5%/year and 1.2/3") == "1/2 of 3.5%/year and 1.2/3"


def test_reports_are_found_in_folders_by_suffix_and_named_once(tmp_path):
    (tmp_path / "a" / "deep").mkdir(parents=True)
    for name in ("a/b.txt", "a/deep/c.txt", "a/notes.md", "a/.hidden.txt", "a/~$lock.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    from govreport.reading.files import find_reports

    found = find_reports([f"{tmp_path}/a", f"{tmp_path}/a/b.txt", f"{tmp_path}/missing.txt"])
    assert [p[len(str(tmp_path)) + 1:] for p in found] == ["a/b.txt", "a/deep/c.txt", "missing.txt"]
    assert build.summary_line(28, 2, 1) == "28 sites built, 2 with a failed page, 1 file not read"
    assert build.summary_line(1, 0, 0) == "1 site built"


def test_many_reports_a_bad_file_does_not_stop_the_rest(tmp_path, capsys):
    notebooks = tmp_path / "no-notebooks"  # no page to run: a site of its index and data, built fast
    notebooks.mkdir()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "meixi.txt").write_bytes((REPORTS / "meixi-county-2023.txt").read_bytes())
    out = tmp_path / "build"
    assert build.build_sites([folder], out=out, notebooks=notebooks) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == "1 site built, 1 file not read"
    assert any(l.startswith("[1/2]") and "empty.txt" in l and "not read" in l for l in err)
    assert any(l.startswith("[2/2]") and "meixi-2023/html/index.html" in l for l in err)
    assert (out / "meixi-2023" / "html" / "index.html").exists() and (out / "meixi-2023" / "data" / "facts.csv").exists()
    assert build.build_sites([folder / "empty.txt"], out=out, notebooks=notebooks) == 2


def test_the_list_of_sites_marks_failed_pages_and_lists_panels(tmp_path):
    report_site = tmp_path / "meixi-2023"
    report_site.mkdir()
    index.write_site_info(report_site, {"place": "梅溪县", "date": "2023-01-12", "notes": 3, "failed": ["section_1.html"],
                                        "pages": [{"href": "section_1.html"}, {"href": "section_2.html"}]})
    panel = tmp_path / "panel-hills"
    panel.mkdir()
    index.write_site_info(panel, {"kind": "panel", "title": f"Hill counties{INJECTED}", "link": "html/index.html",
                                  "summary": "three counties"})
    root = index.write_root_index(tmp_path).read_text(encoding="utf-8")
    assert 'href="panel-hills/html/index.html"' in root and "img" not in Elements(root).tags
    assert 'href="meixi-2023/html/index.html"' in root
    text = VisibleText(root).text
    assert "2, 1 failed" in text and "Panels" in text and "three counties" in text
    assert "1 report built" in text  # the panel is not counted as a report


@pytest.mark.parametrize("path", sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb")), ids=lambda p: p.stem)
def test_no_committed_notebook_shows_stderr_a_repr_or_a_machine_path(path):
    """What a page would show, checked on the committed outputs (the site's pages are checked
    in chromium by tests/browser/test_real_sites.py)."""
    import re

    repr_only = re.compile(r"^<[A-Za-z_][\w.]*[ :].*>$", re.S)
    machine = re.compile(r"(?<![\w.])/(?:tmp|work|home|root|usr)/|site-packages")
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells, 1):
        for out in cell.get("outputs", []):
            assert not (out["output_type"] == "stream" and out["name"] == "stderr"), f"cell {i}: {out['text'][:200]}"
            data = out.get("data", {})
            shown = {k: v for k, v in data.items() if k != "text/plain"}
            plain = data.get("text/plain", "") if not shown else ""
            plain = plain if isinstance(plain, str) else "".join(plain)
            assert not repr_only.match(plain.strip()), f"cell {i} shows a repr: {plain[:120]}"
            for text in [plain, out.get("text", "")] + [v for k, v in shown.items() if k.startswith("text/")]:
                text = text if isinstance(text, str) else "".join(text)
                assert not machine.search(text), f"cell {i} shows a machine path: {machine.search(text).group()}"
