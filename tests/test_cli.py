"""The govreport command: ``facts`` on a corpus folder of synthetic reports with bad files among them,
``compare``, and the command itself (help, ``python -m govreport``, the console script)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from govreport import load_report
from govreport import cli, collect

HEAD = "政府工作报告\n——{y}年1月{d}日在某某市第一届人民代表大会第{n}次会议上\n某某市市长　张三\n各位代表：\n"


def report_text(year: int, gdp: str, target: str) -> str:
    return HEAD.format(y=year, d=10 + year % 10, n="二三四五六七八九"[year % 8]) + (
        f"一、{year - 1}年工作回顾\n过去一年，全市地区生产总值增长{gdp}，新建学校{year % 7 + 3}所。\n"
        f"二、{year}年工作安排\n今年主要预期目标是：地区生产总值增长{target}左右；城镇新增就业4万人以上。\n"
    )


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """tmp_path/corpus: four good reports (one in GBK, one in a subfolder, one without targets), an empty file, a
    binary file, and a file that is not .txt (not read); the working folder is tmp_path."""
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "a-2022.txt").write_text(report_text(2022, "6.8%", "6.5%"), encoding="utf-8")
    (root / "sub" / "b-2023.txt").write_text(report_text(2023, "6.1%", "6%"), encoding="utf-8")
    (root / "c-gbk.txt").write_bytes(report_text(2024, "5.2%", "5%").encode("gbk"))
    # no target, and sections (the others have none): tables whose columns differ in content
    (root / "d-review.txt").write_text(
        HEAD.format(y=2021, d=15, n="五") + "一、2020年工作回顾\n过去一年，全市经济运行总体平稳。\n"
        "（一）产业发展稳步推进。全市地区生产总值增长3.1%。\n（二）民生保障不断加强。新建学校8所。\n",
        encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (root / "notes.md").write_text("不是报告", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return root


GOOD = ["corpus/a-2022.txt", "corpus/c-gbk.txt", "corpus/d-review.txt", "corpus/sub/b-2023.txt"]
BAD = ["corpus/binary.txt", "corpus/empty.txt"]


def run(args, capsys):
    code = cli.main(args)
    return code, capsys.readouterr().out


def test_corpus_rows_errors_and_exit_code(corpus, capsys):
    code, out = run(["facts", "corpus", "-o", "out", "--jobs", "1"], capsys)
    assert code == 1
    assert out.strip().splitlines()[-1] == "4 reports read, 2 failed (see out/reports.csv)"
    reports = pd.read_csv("out/reports.csv", encoding="utf-8-sig", keep_default_na=False)
    assert reports["path"].tolist() == sorted(GOOD + BAD)  # paths as given, sorted, .md not read
    status = dict(zip(reports["path"], reports["status"]))
    errors = dict(zip(reports["path"], reports["error"]))
    assert {p for p, s in status.items() if s == "ok"} == set(GOOD)
    assert "empty" in errors["corpus/empty.txt"] and errors["corpus/empty.txt"].startswith("corpus/empty.txt: ")
    assert "binary" in errors["corpus/binary.txt"]
    assert reports.set_index("path").loc["corpus/c-gbk.txt", "encoding"] == "gb18030"
    facts = pd.read_csv("out/facts.csv", encoding="utf-8-sig", keep_default_na=False)
    targets = pd.read_csv("out/targets.csv", encoding="utf-8-sig", keep_default_na=False)
    outline = pd.read_csv("out/outline.csv", encoding="utf-8-sig", keep_default_na=False, dtype=str)
    for path in GOOD:
        report = load_report(path)
        mine = facts[facts["path"] == path]
        assert mine["mention"].tolist() == report.facts["mention"].tolist()
        assert all(m in s for m, s in zip(mine["mention"], mine["sentence_text"]))
        assert targets[targets["path"] == path]["key"].tolist() == report.targets["key"].tolist()
        # the report's place, level and year beside each target: no join by hand
        for column in ("place", "level", "year"):
            assert set(targets[targets["path"] == path][column].astype(str)) <= {str(report.meta[column] or "")}
        assert outline[outline["path"] == path]["id"].tolist() == report.outline["id"].tolist()
        row = reports.set_index("path").loc[path]
        assert (int(row["facts"]), int(row["targets"])) == (len(report.facts), len(report.targets))
    assert set(facts["path"]) == set(GOOD)
    assert "corpus/d-review.txt" not in set(targets["path"])  # no target: no row, and no error
    assert set(outline[outline["path"] == "corpus/d-review.txt"]["parent"]) == {"", "1"}
    assert set(targets["key"]) == {"gdp_growth", "new_urban_jobs"}
    assert targets.columns[:4].tolist() == ["path", "place", "level", "year"] and "" not in set(targets["year"].astype(str))
    # the Parquet tables hold the same rows
    assert pd.read_parquet("out/facts.parquet")["mention"].tolist() == facts["mention"].tolist()
    assert pd.read_parquet("out/reports.parquet")["status"].tolist() == reports["status"].tolist()
    assert Path("out/facts.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_outputs_are_byte_identical_whatever_jobs(corpus, capsys):
    assert run(["facts", "corpus", "-o", "one", "--jobs", "1"], capsys)[0] == 1
    assert run(["facts", "corpus", "-o", "two", "--jobs", "2"], capsys)[0] == 1
    names = sorted(p.name for p in Path("one").iterdir())
    assert names == sorted(f"{t}.{e}" for t in collect.TABLES for e in ("csv", "parquet"))
    for name in names:
        assert Path("one", name).read_bytes() == Path("two", name).read_bytes(), name


def test_files_given_one_by_one_and_all_good_exits_0(corpus, capsys):
    code, out = run(["facts", "corpus/sub/b-2023.txt", "corpus/a-2022.txt", "-o", "out"], capsys)
    assert code == 0 and out.strip().endswith("2 reports read, 0 failed (see out/reports.csv)")
    reports = pd.read_csv("out/reports.csv", encoding="utf-8-sig")
    assert reports["path"].tolist() == ["corpus/sub/b-2023.txt", "corpus/a-2022.txt"]  # the order given


def test_a_missing_file_is_an_error_row(corpus, capsys):
    code, _ = run(["facts", "corpus/a-2022.txt", "corpus/nope.txt", "-o", "out"], capsys)
    reports = pd.read_csv("out/reports.csv", encoding="utf-8-sig", keep_default_na=False)
    assert code == 1 and reports["status"].tolist() == ["ok", "error"]
    assert reports["error"].iloc[1] == "corpus/nope.txt: file not found"


def test_a_failed_write_leaves_no_output_and_no_temporary_folder(corpus, capsys, monkeypatch):
    import pyarrow.parquet as pq

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(pq, "write_table", broken)
    with pytest.raises(OSError):
        cli.main(["facts", "corpus", "-o", "out", "--jobs", "1"])
    assert sorted(p.name for p in Path(".").iterdir()) == ["corpus"]


def test_rerun_replaces_the_tables_and_keeps_other_files(corpus, capsys):
    run(["facts", "corpus", "-o", "out", "--jobs", "1"], capsys)
    Path("out/mine.txt").write_text("a note of the user", encoding="utf-8")
    (corpus / "empty.txt").unlink()
    (corpus / "binary.txt").unlink()
    code, _ = run(["facts", "corpus", "-o", "out", "--jobs", "1"], capsys)
    assert code == 0
    assert Path("out/mine.txt").exists()
    assert len(pd.read_csv("out/reports.csv", encoding="utf-8-sig")) == 4
    assert [p.name for p in Path(".").iterdir() if p.name.startswith(".")] == []


def test_out_must_be_a_folder_and_paths_must_hold_reports(corpus, capsys):
    Path("taken").write_text("x", encoding="utf-8")
    assert cli.main(["facts", "corpus", "-o", "taken"]) == 2
    assert "taken exists and is not a folder" in capsys.readouterr().err
    Path("nothing").mkdir()
    assert cli.main(["facts", "nothing", "-o", "out"]) == 2
    assert "govreport facts: no report files (.txt, .docx" in capsys.readouterr().err
    assert not Path("out").exists()


def test_compare_command(corpus, capsys, tmp_path):
    code, out = run(["compare", "corpus/a-2022.txt", "corpus/sub/b-2023.txt", "-o", "cmp.csv"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "targets of corpus/a-2022.txt for 2022 against the results in corpus/sub/b-2023.txt"
    gdp = next(line for line in lines if line.strip().startswith("gdp_growth"))
    assert "6.5%" in gdp and "6.1%" in gdp and gdp.rstrip().endswith("met") and "−0.4 pt" in gdp
    jobs = next(line for line in lines if line.strip().startswith("new_urban_jobs"))
    assert jobs.rstrip().endswith("no result given")
    table = pd.read_csv("cmp.csv", encoding="utf-8-sig")
    assert table["verdict"].tolist() == ["met", "no result given"]


def test_compare_command_with_a_bad_file(corpus, capsys):
    assert cli.main(["compare", "corpus/a-2022.txt", "corpus/empty.txt"]) == 2
    assert "corpus/empty.txt: file is empty" in capsys.readouterr().err


def test_help_lists_every_command_with_its_docstring():
    result = subprocess.run([sys.executable, "-m", "govreport", "--help"], capture_output=True, text=True, check=True)
    listed = result.stdout.split("COMMAND\n", 1)[1].split("\noptions:")[0]
    for name, func, _ in cli.COMMANDS:
        assert f"    {name}" in listed
        assert func.__doc__.split("\n")[0].rstrip(".")[:30] in " ".join(listed.split())
    assert {"site", "facts", "compare"} <= {name for name, _, _ in cli.COMMANDS}
    facts_help = subprocess.run([sys.executable, "-m", "govreport", "facts", "--help"],
                                capture_output=True, text=True, check=True).stdout
    assert facts_help.startswith("usage: govreport facts")
    assert " ".join(cli.facts.__doc__.split()) in " ".join(facts_help.split())  # the docstring is the help


def test_bad_usage_exits_2(capsys):
    with pytest.raises(SystemExit) as exit:
        cli.main(["facts"])
    assert exit.value.code == 2 and "required: PATH" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit:
        cli.main([])
    assert exit.value.code == 2


def test_console_script_is_installed():
    """The console script the environment holds is the one pyproject.toml declares, and runs."""
    import tomllib
    from importlib.metadata import entry_points

    declared = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    assert declared["project"]["scripts"]["govreport"] == "govreport.cli:main"
    installed = {e.name: e.value for e in entry_points(group="console_scripts")}.get("govreport")
    if installed != "govreport.cli:main":
        pytest.skip(f"the environment's govreport script is {installed} from an earlier install: run make setup")
    script = Path(sys.executable).parent / "govreport"
    result = subprocess.run([str(script), "facts", "--help"], capture_output=True, text=True, check=True)
    assert "usage: govreport facts" in result.stdout and "--jobs" in result.stdout


# --- --meta: what files lack, from a manifest ---------------------------------------------------

NO_HEAD = ("政府工作报告\n各位代表：\n一、过去一年工作回顾\n过去一年，全县地区生产总值增长5.2%。\n"
           "二、今年工作安排\n今年主要预期目标是：地区生产总值增长6%左右。\n")


def test_a_manifest_gives_what_a_file_lacks_and_targets_carry_place_level_year(corpus, capsys):
    (corpus / "bare.txt").write_text(NO_HEAD, encoding="utf-8")
    (corpus / "meta.csv").write_text("file,date,place,level\nbare.txt,2023-01-15,梅溪县,county\n"
                                     "a-2022.txt,,,prefecture\n", encoding="utf-8-sig")
    code, _ = run(["facts", "corpus/bare.txt", "corpus/a-2022.txt", "-o", "out", "--meta", "corpus/meta.csv"], capsys)
    assert code == 0
    reports = pd.read_csv("out/reports.csv", encoding="utf-8-sig", keep_default_na=False).set_index("path")
    bare = reports.loc["corpus/bare.txt"]
    assert (bare["date"], bare["place"], bare["level"], bare["year"], bare["given"]) == (
        "2023-01-15", "梅溪县", "county", 2023, "date,place,level")
    a = reports.loc["corpus/a-2022.txt"]
    assert (a["place"], a["level"], a["given"]) == ("某某市", "prefecture", "level")  # the rest from the file
    for table in ("targets", "results"):
        rows = pd.read_csv(f"out/{table}.csv", encoding="utf-8-sig", keep_default_na=False)
        assert rows.columns[:4].tolist() == ["path", "place", "level", "year"]
        mine = rows[rows["path"] == "corpus/bare.txt"]
        assert len(mine) == 1 and mine[["place", "level", "year"]].values.tolist() == [["梅溪县", "county", 2023]]
        assert set(rows[rows["path"] == "corpus/a-2022.txt"]["year"]) == {2022}
    assert pd.read_parquet("out/targets.parquet")["year"].tolist() == pd.read_csv(
        "out/targets.csv", encoding="utf-8-sig")["year"].tolist()


def test_without_a_manifest_the_file_decides_and_a_row_for_no_file_read_is_a_note(corpus, capsys):
    (corpus / "meta.csv").write_text("file,place\nelsewhere.txt,某县\n", encoding="utf-8")
    code = cli.main(["facts", "corpus/a-2022.txt", "-o", "out", "--meta", "corpus/meta.csv"])
    assert code == 0
    assert "note: 1 of the 1 files corpus/meta.csv names are not among the files read" in capsys.readouterr().err
    row = pd.read_csv("out/reports.csv", encoding="utf-8-sig", keep_default_na=False).iloc[0]
    assert (row["place"], row["given"]) == ("某某市", "")


@pytest.mark.parametrize("content, problem", [
    (None, "corpus/meta.csv: manifest not found"),
    ("", "corpus/meta.csv: the manifest is empty; its header is file,date,place,level"),
    ("file,year\na-2022.txt,2022\n", "the header must be file and any of date, place, level; got file,year"),
    ("path,date\na-2022.txt,2022-01-01\n", "the header must be file and any of date, place, level; got path,date"),
    ("file,date\na-2022.txt,2022/01/05\n", "corpus/meta.csv, row 2: date must be an ISO date 'YYYY-MM-DD'"),
    ("file,level\na-2022.txt,city\n", "corpus/meta.csv, row 2: level must be one of national, province, prefecture, "
                                      "county, got 'city'"),
    ("file,place\na-2022.txt,甲\n\n./a-2022.txt,乙\n", "corpus/meta.csv, row 4: ./a-2022.txt is named twice (rows 2 and 4)"),
    ("file,place\n,甲\n", "corpus/meta.csv, row 2: no file named"),
    ("file,place\na-2022.txt,甲,乙\n", "corpus/meta.csv, row 2: 3 cells for 2 columns"),
    ("file,place\na-2022.txt,某县\n".encode("gbk"), "corpus/meta.csv: not UTF-8 text; save the manifest as CSV UTF-8"),
])
def test_a_bad_manifest_stops_before_anything_is_read(corpus, capsys, content, problem):
    if isinstance(content, bytes):
        (corpus / "meta.csv").write_bytes(content)
    elif content is not None:
        (corpus / "meta.csv").write_text(content, encoding="utf-8")
    assert cli.main(["facts", "corpus", "-o", "out", "--meta", "corpus/meta.csv"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("govreport facts: ") and problem in err
    assert not Path("out").exists()
