"""govreport panel on synthetic folders: a province, two of its cities and a county over two
years; a folder with a duplicate and bad files. Place names are real (so that cpca's table
places them), the reports' text is invented."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from govreport import cli
from govreport.panel import command
from govreport.panel.places import locate

HEAD = "政府工作报告\n——{y}年1月{d}日在{place}第十五届人民代表大会第{n}次会议上\n{place}{office}　王某\n各位代表：\n"
OFFICE = {"河北省": "省长", "石家庄市": "市长", "保定市": "市长", "高阳县": "县长"}


def report_text(place: str, year: int, gdp_result: str, gdp_target: str, slogan: str) -> str:
    scope = "全省" if place.endswith("省") else "全县" if place.endswith("县") else "全市"
    return HEAD.format(y=year, d=10 + year % 10, n="二三四五"[year % 4], place=place, office=OFFICE[place]) + (
        f"一、{year - 1}年工作回顾\n过去一年，{scope}地区生产总值增长{gdp_result}，居民消费价格上涨0.4%。\n"
        f"我们坚持“{slogan}”，各项工作取得新进展。\n"
        f"二、{year}年工作安排\n今年经济社会发展的主要预期目标是：地区生产总值增长{gdp_target}；"
        f"城镇新增就业2万人以上；居民消费价格涨幅3%左右。\n"
    )


# place: {year: (result of the year before, GDP target of the year, a slogan)}
PANEL = {
    "河北省": {2023: ("3.8%", "5.5%左右", "三个统筹"), 2024: ("5.6%", "5%以上", "两个先行")},
    "石家庄市": {2023: ("4.1%", "6%左右", "三个统筹"), 2024: ("5.8%", "5.5%—6%", "三个统筹")},
    "保定市": {2023: ("4.0%", "6.5%以上", "四个示范"), 2024: ("6.1%", "6%左右", "四个示范")},
    "高阳县": {2023: ("4.5%", "7%", "五个强县"), 2024: ("6%", "7.5%左右", "六个强县")},
}
FILES = {"河北省": "hebei", "石家庄市": "shijiazhuang", "保定市": "baoding", "高阳县": "gaoyang"}


def write_panel(folder, panel=PANEL):
    for place, years in panel.items():
        for year, (result, target, slogan) in years.items():
            sub = folder / str(year)
            sub.mkdir(parents=True, exist_ok=True)
            (sub / f"{FILES[place]}-{year}.txt").write_text(report_text(place, year, result, target, slogan),
                                                           encoding="utf-8")


def read(out, name):
    """A table as a reader opens it: empty text as "", missing figures as NaN."""
    table = pd.read_csv(out / f"{name}.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    for c in table.columns:
        filled = table[c][table[c] != ""]
        if c != "adcode" and len(filled) and pd.to_numeric(filled, errors="coerce").notna().all():
            table[c] = pd.to_numeric(table[c].replace("", None))
        elif len(filled) and filled.isin(["True", "False"]).all():
            table[c] = table[c] == "True"
    return table


@pytest.fixture(scope="module")
def panel(tmp_path_factory):
    """The synthetic panel's folder, built once for the tests that read it (none changes it)."""
    import contextlib
    import io
    from types import SimpleNamespace

    where = tmp_path_factory.mktemp("panel")
    write_panel(where / "reports")
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        mp.chdir(where)
        code = cli.main(["panel", "reports", "-o", "out", "--jobs", "1"])
    return where / "out", code, SimpleNamespace(out=out.getvalue(), err=err.getvalue())


def test_places_from_the_division_table():
    assert (locate("保定市").adcode, locate("保定市").parent) == ("130600", "河北省")
    assert (locate("高阳县").adcode, locate("高阳县").parent) == ("130628", "保定市")
    assert (locate("海拉尔区").adcode, locate("海拉尔区").parent) == ("150702", "呼伦贝尔市")
    assert locate("河北省").parent == "中华人民共和国"
    assert locate("东城区", "county").parent == "北京市"  # a district of a municipality: the province above
    assert locate("广西", "province").adcode == "450000"  # a short name
    unknown = locate("青云市")
    assert (unknown.adcode, unknown.parent) == ("", "") and "not in the administrative-division table" in unknown.note
    shared = locate("朝阳区", "county")
    assert shared.adcode == "" and "2 places are called 朝阳区" in shared.note


def test_reports_table(panel):
    out, code, printed = panel
    assert code == 0
    assert printed.out.strip() == ("8 reports read (8 afresh, 0 from the cache), 0 failed, 0 duplicates set aside "
                                   "(see out/reports.csv)")
    reports = read(out, "reports")
    assert reports["path"].tolist() == [f"reports/{y}/{f}-{y}.txt" for y in (2023, 2024)
                                        for f in sorted(FILES.values())]
    assert set(reports["status"]) == {"ok"}
    got = reports.set_index("path").loc["reports/2024/gaoyang-2024.txt"]
    assert (got["place"], got["level"], got["year"], got["adcode"], got["parent"]) == (
        "高阳县", "county", 2024, "130628", "保定市")
    parents = dict(zip(reports["place"], reports["parent"]))
    assert parents == {"河北省": "中华人民共和国", "石家庄市": "河北省", "保定市": "河北省", "高阳县": "保定市"}
    assert (reports["format"] == "txt").all() and (reports["duplicate_of"] == "").all()


def test_targets_and_results_have_place_columns(panel):
    out, _, _ = panel
    targets = read(out, "targets")
    assert list(targets.columns[:6]) == ["path", "place", "level", "parent", "adcode", "year"]
    gdp = targets[(targets["key"] == "gdp_growth") & targets["main"]]
    assert len(gdp) == 8  # one per report
    row = gdp[(gdp["place"] == "石家庄市") & (gdp["year"] == 2024)].iloc[0]
    assert (row["low"], row["high"], row["qualifier"], row["value"]) == (5.5, 6.0, "range", 5.75)
    row = gdp[(gdp["place"] == "河北省") & (gdp["year"] == 2024)].iloc[0]
    assert (row["low"], row["qualifier"]) == (5.0, "at_least") and pd.isna(row["high"])
    results = read(out, "results")
    got = results[(results["key"] == "gdp_growth") & (results["year"] == 2024)].set_index("place")["value"]
    assert got.to_dict() == {"河北省": 5.6, "石家庄市": 5.8, "保定市": 6.1, "高阳县": 6.0}


def test_verdicts_of_every_consecutive_pair(panel):
    out, _, _ = panel
    v = read(out, "verdicts")
    gdp = v[v["key"] == "gdp_growth"].set_index("place")
    assert sorted(gdp.index) == sorted(PANEL)
    assert gdp.loc["保定市", "previous_path"] == "reports/2023/baoding-2023.txt"
    assert gdp.loc["保定市", "path"] == "reports/2024/baoding-2024.txt"
    assert (gdp["year"] == 2023).all()
    assert gdp["verdict"].to_dict() == {"河北省": "met", "石家庄市": "met", "保定市": "missed", "高阳县": "missed"}


def test_escalation_gaps(panel):
    out, _, _ = panel
    e = read(out, "escalation")
    gdp = e[e["key"] == "gdp_growth"]
    gaps = {(y, p): g for y, p, g in zip(gdp["year"], gdp["place"], gdp["gap"])}
    assert gaps == {(2023, "石家庄市"): 0.5, (2023, "保定市"): 1.0, (2023, "高阳县"): 0.5,
                    (2024, "石家庄市"): 0.75, (2024, "保定市"): 1.0, (2024, "高阳县"): 1.5}
    row = gdp[(gdp["year"] == 2024) & (gdp["place"] == "高阳县")].iloc[0]
    assert (row["parent"], row["qualifier"], row["parent_low"], row["parent_qualifier"]) == ("保定市", "about", 6.0, "about")
    cpi = e[e["key"] == "cpi"]
    assert len(cpi) == 6 and (cpi["gap"] == 0).all()
    assert "new_urban_jobs" not in set(e["key"])  # jobs are not compared across levels


def test_levels(panel):
    out, _, _ = panel
    lv = read(out, "levels")
    gdp = lv[(lv["key"] == "gdp_growth") & (lv["year"] == 2024)].set_index("level")
    assert gdp.loc["province", "reports"] == 1 and gdp.loc["province", "compared"] == 0
    assert gdp.loc["prefecture", "reports"] == 2
    assert gdp.loc["prefecture", "mean"] == pytest.approx(5.875)
    assert gdp.loc["prefecture", "above_parent"] == 1.0
    assert (gdp.loc["prefecture", "share_range"], gdp.loc["prefecture", "share_about"]) == (0.5, 0.5)
    assert gdp.loc["province", "share_hard"] == 1.0
    bare = lv[(lv["key"] == "gdp_growth") & (lv["year"] == 2023)].set_index("level")
    assert bare.loc["county", "share_bare"] == 1.0


def test_slogans_gained_and_dropped(panel):
    out, _, _ = panel
    s = read(out, "slogans")
    got = {(p, t, c) for p, t, c in zip(s["place"], s["term"], s["change"])}
    assert ("河北省", "两个先行", "gained") in got and ("河北省", "三个统筹", "dropped") in got
    assert ("高阳县", "六个强县", "gained") in got
    assert not any(p == "石家庄市" for p, _, _ in got)  # the same slogan both years


def test_same_bytes_whatever_jobs_and_parquet_matches(tmp_path, monkeypatch, capsys):
    write_panel(tmp_path / "reports")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["panel", "reports", "-o", "one", "--jobs", "1"]) == 0
    assert cli.main(["panel", "reports", "-o", "two", "--jobs", "2"]) == 0
    for name in command.TABLES:
        for ext in ("csv", "parquet"):
            assert (tmp_path / "one" / f"{name}.{ext}").read_bytes() == (tmp_path / "two" / f"{name}.{ext}").read_bytes(), name
        csv = read(tmp_path / "one", name)
        parquet = pd.read_parquet(tmp_path / "one" / f"{name}.parquet")
        assert list(csv.columns) == list(parquet.columns) and len(csv) == len(parquet), name
        assert (tmp_path / "one" / f"{name}.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_rerun_reads_only_changed_files(tmp_path, monkeypatch, capsys):
    write_panel(tmp_path / "reports")
    monkeypatch.chdir(tmp_path)
    cli.main(["panel", "reports", "-o", "out", "--jobs", "1"])
    tables = [tmp_path / "out" / f"{name}.{ext}" for name in command.TABLES for ext in ("csv", "parquet")]
    first = [t.read_bytes() for t in tables]
    capsys.readouterr()
    assert cli.main(["panel", "reports", "-o", "out", "--jobs", "1"]) == 0
    assert "(0 afresh, 8 from the cache)" in capsys.readouterr().out
    assert [t.read_bytes() for t in tables] == first  # the tables as the cache gives them back
    changed = tmp_path / "reports" / "2024" / "hebei-2024.txt"
    changed.write_text(report_text("河北省", 2024, "5.6%", "5.2%左右", "两个先行"), encoding="utf-8")
    assert cli.main(["panel", "reports", "-o", "out", "--jobs", "1"]) == 0
    assert "(1 afresh, 7 from the cache)" in capsys.readouterr().out
    targets = read(tmp_path / "out", "targets")
    gdp = targets[(targets["place"] == "河北省") & (targets["year"] == 2024) & (targets["key"] == "gdp_growth")]
    assert gdp["value"].tolist() == [5.2]
    e = read(tmp_path / "out", "escalation")
    assert e[(e["year"] == 2024) & (e["place"] == "保定市") & (e["key"] == "gdp_growth")]["gap"].tolist() == [0.8]
    assert len(list((tmp_path / "out" / ".cache").glob("*/*.pkl"))) == 8  # the old entry is gone


def test_duplicate_and_bad_files(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "reports"
    write_panel(folder, {"保定市": PANEL["保定市"], "高阳县": PANEL["高阳县"]})
    shutil.copy(folder / "2024" / "baoding-2024.txt", folder / "2024" / "zz-baoding-copy.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["panel", "reports", "-o", "out", "--jobs", "2"]) == 1
    assert "5 reports read (7 afresh, 0 from the cache), 2 failed, 1 duplicates set aside" in capsys.readouterr().out
    reports = read(tmp_path / "out", "reports").set_index("path")
    assert reports.loc["reports/empty.txt", "status"] == "error"
    assert "empty" in reports.loc["reports/empty.txt", "error"]
    assert reports.loc["reports/binary.txt", "status"] == "error"
    assert reports.loc["reports/2024/zz-baoding-copy.txt", "duplicate_of"] == "reports/2024/baoding-2024.txt"
    targets = read(tmp_path / "out", "targets")
    assert "reports/2024/zz-baoding-copy.txt" not in set(targets["path"])
    assert len(targets[(targets["key"] == "gdp_growth") & targets["main"]]) == 4
    v = read(tmp_path / "out", "verdicts")
    assert sorted(set(v["path"])) == ["reports/2024/baoding-2024.txt", "reports/2024/gaoyang-2024.txt"]
    e = read(tmp_path / "out", "escalation")
    assert e[e["key"] == "gdp_growth"]["gap"].tolist() == [0.5, 1.5]


def test_unknown_place_gets_a_note(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "reports"
    folder.mkdir()
    text = report_text("保定市", 2024, "6%", "6%左右", "四个示范").replace("保定市", "青云市")
    (folder / "qingyun.txt").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["panel", "reports", "-o", "out", "--jobs", "1"]) == 0
    row = read(tmp_path / "out", "reports").iloc[0]
    assert (row["place"], row["adcode"], row["parent"]) == ("青云市", "", "")
    assert "not in the administrative-division table" in row["note"]


def test_manifest_gives_what_a_file_lacks(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "reports"
    folder.mkdir()
    text = report_text("保定市", 2024, "6%", "6%左右", "四个示范").split("各位代表：\n", 1)[1]
    (folder / "bare.txt").write_text(text, encoding="utf-8")
    (tmp_path / "meta.csv").write_text("file,date,place,level\nreports/bare.txt,2024-01-12,保定市,prefecture\n",
                                       encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["panel", "reports", "-o", "out", "--jobs", "1", "--meta", "meta.csv"]) == 0
    row = read(tmp_path / "out", "reports").iloc[0]
    assert (row["place"], row["year"], row["adcode"], row["parent"]) == ("保定市", 2024, "130600", "河北省")


def test_folder_without_reports_exits_2(tmp_path, monkeypatch, capsys):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.md").write_text("不是报告", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["panel", "empty", "-o", "out"]) == 2
    assert "no report" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_dying_worker_makes_an_error_row_and_is_read_again_next_time(tmp_path, monkeypatch, capsys):
    write_panel(tmp_path / "reports")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GOVREPORT_TEST_DIE_ON", "baoding-2024.txt")
    assert cli.main(["panel", "reports", "-o", "out", "--jobs", "2"]) == 1
    reports = read(tmp_path / "out", "reports").set_index("path")
    assert reports.loc["reports/2024/baoding-2024.txt", "status"] == "error"
    assert "died (signal 9)" in reports.loc["reports/2024/baoding-2024.txt", "error"]
    assert (reports.drop("reports/2024/baoding-2024.txt")["status"] == "ok").all()
    capsys.readouterr()
    monkeypatch.delenv("GOVREPORT_TEST_DIE_ON")
    assert cli.main(["panel", "reports", "-o", "out", "--jobs", "2"]) == 0
    assert "(1 afresh, 7 from the cache)" in capsys.readouterr().out


def test_interrupted_run_writes_nothing_and_the_rerun_resumes(tmp_path):
    import os
    import re
    import signal
    import subprocess
    import sys
    import time

    write_panel(tmp_path / "reports")
    env = {**os.environ, "GOVREPORT_TEST_SLEEP": "0.5"}
    proc = subprocess.Popen([sys.executable, "-m", "govreport", "panel", "reports", "-o", "out", "--jobs", "1"],
                            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    cache = tmp_path / "out" / ".cache"
    deadline = time.time() + 120
    # stopped once a pair of years is compared (a 2024 report and its 2023 one are read)
    while time.time() < deadline and not list(cache.glob("pairs/*/*.pkl")):
        time.sleep(0.1)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143
    assert "interrupted" in err and "nothing written" in err
    done = int(re.search(r"interrupted after (\d+) of 8 reports", err).group(1))  # files read, not pairs
    assert not (tmp_path / "out" / "reports.csv").exists()
    # the targets and results written while reading went with the temporary folder
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    kept = len(list(cache.glob("*/*.pkl")))
    assert 5 <= kept < 8 and kept - 1 <= done <= kept
    done = subprocess.run([sys.executable, "-m", "govreport", "panel", "reports", "-o", "out", "--jobs", "1"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0
    assert f"({8 - kept} afresh, {kept} from the cache)" in done.stdout


def test_a_bad_manifest_exits_2_and_writes_nothing(tmp_path, monkeypatch, capsys):
    write_panel(tmp_path / "reports", {"保定市": PANEL["保定市"]})
    (tmp_path / "meta.csv").write_text("file,level\nreports/2023/baoding-2023.txt,city\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["panel", "reports", "-o", "out", "--meta", "meta.csv"]) == 2
    assert "meta.csv, row 2: level must be one of" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
