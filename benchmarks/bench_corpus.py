"""Reports per second of ``govreport facts`` on a folder of synthetic reports (not a test).

    .venv/bin/python benchmarks/bench_corpus.py [--reports 200] [--rounds 3]
    nice -n -15 .venv/bin/python benchmarks/bench_corpus.py   # as root, on a busy machine

Writes N synthetic reports (each about 20,000 characters: a review part with results, a plan
part with the year's targets, written from templates of our own) into a temporary folder, then
runs the command ``govreport facts FOLDER -o OUT --jobs J`` for J = 1 and 2, in rounds that
alternate the two, and prints the wall time of each run, the reports per second and the
speed-up of 2 jobs over 1 (best run of each). Target: at least 1.7 times faster with 2 jobs.
The outputs of the two are checked to be byte-identical.

Wall time needs idle cores: on a loaded machine two processes get no more CPU than one. So the
benchmark also measures, in CPU seconds (which other load disturbs far less), the part of the
work that runs in the workers (reading, facts, targets, rendering the rows) and the part that
stays serial (starting the command, joining the pieces, writing the files), and prints the
speed-up Amdahl's law gives for 2 jobs on 2 idle cores: serial + work over serial + work / 2.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CN = "一二三四五六七八九十"
PLACES = ["东山市", "西河市", "南岭县", "北原市", "青川县", "白石市", "红叶区", "金沙县"]
INDICATORS = [
    ("地区生产总值", "增长{p}%"), ("一般公共预算收入", "增长{p}%"), ("固定资产投资", "增长{p}%"),
    ("社会消费品零售总额", "增长{p}%"), ("规模以上工业增加值", "增长{p}%"), ("进出口总额", "增长{p}%"),
    ("城镇居民人均可支配收入", "增长{p}%"), ("农村居民人均可支配收入", "增长{p}%"),
]
WORKS = ["新建学校{n}所", "改造老旧小区{n}个", "新增市场主体{n}万户", "建成高标准农田{n}万亩",
         "引进重点项目{n}个", "新开工项目{n}个，完成投资{m}亿元", "培育高新技术企业{n}家", "新增就业岗位{n}万个"]
FILLER = ("坚持稳中求进工作总基调，统筹发展和安全，持续深化改革开放，扎实推进各项民生实事，"
          "不断增强人民群众的获得感幸福感安全感")


def synthetic_report(i: int, rng: random.Random) -> str:
    year = 2018 + i % 7
    place = PLACES[i % len(PLACES)]
    lines = ["政府工作报告", f"——{year}年1月{10 + i % 18}日在{place}第一届人民代表大会第{CN[i % 9]}次会议上",
             f"{place}市长　某某", "各位代表：", "现在，我代表市人民政府，向大会报告工作，请予审议。",
             f"一、{year - 1}年工作回顾"]
    for s in range(8):
        body = []
        for _ in range(14):
            ind, form = rng.choice(INDICATORS)
            work = rng.choice(WORKS).format(n=rng.randint(2, 900), m=rng.randint(2, 300))
            body.append(f"全年{ind}{form.format(p=round(rng.uniform(1, 12), 1))}，{work}，{FILLER}。")
        lines.append(f"（{CN[s]}）第{CN[s]}方面工作取得新成效。" + "".join(body))
    lines.append(f"二、{year}年工作安排")
    targets = "；".join(f"{ind}{form.format(p=round(rng.uniform(4, 9), 1))}左右" for ind, form in INDICATORS)
    lines.append(f"今年经济社会发展的主要预期目标是：{targets}。")
    for s in range(4):
        body = "".join(f"力争{rng.choice(WORKS).format(n=rng.randint(2, 900), m=rng.randint(2, 300))}，{FILLER}。"
                       for _ in range(10))
        lines.append(f"（{CN[s]}）着力抓好第{CN[s]}项重点工作。{body}")
    return "\n".join(lines) + "\n"


def run(folder: Path, out: Path, jobs: int) -> float:
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "govreport", "facts", str(folder), "-o", str(out), "--jobs", str(jobs)],
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"govreport facts failed ({done.returncode}): {done.stdout}{done.stderr}")
    return elapsed


def cpu_breakdown(folder: Path, out: Path) -> tuple[float, float]:
    """(serial, parallel) CPU seconds of one --jobs 1 run: startup + join + write, and the reading."""
    from govreport import collect

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", "import govreport.cli, govreport.collect, pyarrow.parquet, tqdm"], check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    startup = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    paths = collect.find_reports([str(folder)])
    t0 = time.process_time()
    results = [collect.read_one(p) for p in paths]  # in this process, to count its CPU time
    t1 = time.process_time()
    collect.write_tables(collect.assemble(results), out)
    t2 = time.process_time()
    return startup + (t2 - t1), t1 - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(13)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        sizes = []
        for i in range(args.reports):
            text = synthetic_report(i, rng)
            sizes.append(len(text))
            (folder / f"report-{i:04d}.txt").write_text(text, encoding="utf-8")
        print(f"{args.reports} synthetic reports, {sum(sizes) / len(sizes):,.0f} characters each on average; "
              f"{os.cpu_count()} cores")
        times: dict[int, list[float]] = {1: [], 2: []}
        for r in range(args.rounds):
            for jobs in (1, 2):
                t = run(folder, Path(tmp) / f"out{jobs}", jobs)
                times[jobs].append(t)
                print(f"round {r + 1}, --jobs {jobs}: {t:6.2f} s, {args.reports / t:6.1f} reports/s")
        for name in sorted(os.listdir(Path(tmp) / "out1")):
            same = (Path(tmp) / "out1" / name).read_bytes() == (Path(tmp) / "out2" / name).read_bytes()
            if not same:
                raise SystemExit(f"{name} differs between --jobs 1 and --jobs 2")
        serial, parallel = cpu_breakdown(folder, Path(tmp) / "out-cpu")
        amdahl = (serial + parallel) / (serial + parallel / 2)
        print(f"CPU seconds, one process: {parallel:.2f} s in work the workers share, {serial:.2f} s serial "
              f"(startup, join, write): Amdahl speed-up on 2 idle cores {amdahl:.2f}x")
        best1, best2 = min(times[1]), min(times[2])
        speedup = best1 / best2
        print(f"best: --jobs 1 {args.reports / best1:.1f} reports/s, --jobs 2 {args.reports / best2:.1f} reports/s; "
              f"speed-up {speedup:.2f}x (target 1.7x: {'met' if speedup >= 1.7 else 'NOT met'}); outputs identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
