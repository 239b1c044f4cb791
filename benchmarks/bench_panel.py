"""Benchmark: ``govreport panel`` on a folder of synthetic reports (not a test: it prints numbers).

    .venv/bin/python benchmarks/bench_panel.py                 # 1,000 reports, --jobs 2: cold, rerun, one added
    .venv/bin/python benchmarks/bench_panel.py --reports 10000 # the memory run
    .venv/bin/python benchmarks/bench_panel.py --reports 200 --chars 30000 --jobs 2 --keep /tmp/panel-bench

The reports are invented: real place names (prefectures and their counties from cpca's
table, so the hierarchy resolves) with a review part and a plan part of about ``--chars``
characters, each with a main-targets list and figures throughout. They are written to a
temporary folder (never to seeds/). Each run is ``python -m govreport panel`` in a
subprocess; its wall time and the peak resident memory of the main process and of the
largest worker are printed.

Targets (issue 19): 1,000 reports of about 30,000 characters in at most 25 s with --jobs 2;
a rerun of an unchanged folder of 1,000 in under 3 s; 10,000 with peak memory under 600 MB.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# About 18 figures per thousand characters (the provincial reports of 2025 have 10 to 13): a little
# denser than real reports, so the tables are larger than a real folder of the same size gives.
PARAGRAPH = (
    "{scope}坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，统筹推进各项改革，持续优化营商环境，"
    "着力扩大有效需求，推动产业转型升级取得新成效。规模以上工业增加值增长{a}%，固定资产投资增长{b}%。"
    "深入实施创新驱动发展战略，加快培育新质生产力，支持企业加大研发投入，科技成果转化步伐明显加快，"
    "高新技术企业数量稳步增加，创新平台建设扎实推进。社会消费品零售总额增长{c}%，新建改造农村公路{d}公里。"
    "坚持以人民为中心的发展思想，扎实办好民生实事，兜牢兜实基层三保底线，群众获得感幸福感安全感持续增强，"
    "教育医疗养老等公共服务水平不断提升。新增城镇就业{e}万人，完成造林{f}万亩，新建学校{k}所。"
    "统筹发展和安全，守牢安全生产底线，防范化解重点领域风险，社会大局保持和谐稳定。"
    "坚持把发展经济的着力点放在实体经济上，推进新型工业化，加快建设现代化产业体系，促进数字经济和实体经济深度融合。"
    "坚定不移推进全面从严治党，持续改进工作作风，切实为基层减负，以实干实绩回应人民群众的期待。"
    "深化重点领域和关键环节改革，完善要素市场化配置机制，激发各类经营主体活力，推动高水平对外开放。"
    "加强生态环境保护，深入打好蓝天碧水净土保卫战，推动绿色低碳发展，建设人与自然和谐共生的美丽家园。"
    "健全城乡融合发展体制机制，全面推进乡村振兴，建设宜居宜业和美乡村，促进农业增效农民增收。"
    "实施重点项目{g}个，完成投资{h}亿元，一般公共预算收入增长{i}%，新增养老床位{l}张。\n"
)


def places() -> list[tuple[str, str]]:
    """(name, level) of real prefectures and counties, from cpca's table."""
    import cpca

    table = Path(cpca.__file__).resolve().parent / "resources" / "adcodes.csv"
    out = []
    with open(table, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            code, name = row["adcode"][:6], row["name"]
            if code.endswith("0000") or name in ("市辖区", "县"):
                continue
            out.append((name, "prefecture" if code.endswith("00") else "county"))
    names = [n for n, _ in out]
    return sorted((n, l) for n, l in out if names.count(n) == 1 and n.endswith(("市", "县")))


def report(place: str, level: str, year: int, chars: int, rnd: random.Random) -> str:
    scope = "全市" if place.endswith("市") else "全县"
    office = "市长" if place.endswith("市") else "县长"
    head = (f"政府工作报告\n——{year}年1月{rnd.randint(5, 28)}日在{place}第十届人民代表大会第三次会议上\n"
            f"{place}{office}　赵某\n各位代表：\n一、{year - 1}年工作回顾\n"
            f"过去一年，{scope}地区生产总值增长{rnd.randint(30, 80) / 10}%，居民消费价格上涨{rnd.randint(0, 25) / 10}%。\n")
    body = []
    size = len(head)
    while size < chars * 0.8:
        p = PARAGRAPH.format(scope=scope, a=rnd.randint(30, 120) / 10, b=rnd.randint(-20, 150) / 10,
                             c=rnd.randint(20, 90) / 10, d=rnd.randint(50, 900), e=rnd.randint(1, 30) / 10,
                             f=rnd.randint(1, 50), g=rnd.randint(10, 200), h=rnd.randint(10, 900),
                             i=rnd.randint(0, 90) / 10, k=rnd.randint(1, 30),
                             l=rnd.randint(100, 3000))
        body.append(p)
        size += len(p)
    gdp = rnd.choice(["5%以上", "5.5%左右", "6%左右", "6.5%以上", "5%—5.5%", "7%"])
    plan = (f"二、{year}年工作安排\n今年经济社会发展的主要预期目标是：地区生产总值增长{gdp}；"
            f"规模以上工业增加值增长{rnd.randint(50, 90) / 10}%左右；城镇新增就业{rnd.randint(1, 9)}万人以上；"
            f"居民消费价格涨幅3%左右。\n")
    tail = []
    size += len(plan)
    while size < chars:
        p = PARAGRAPH.format(scope=scope, a=8, b=10, c=6, d=300, e=2, f=10, g=50, h=200, i=5, k=5, l=500)
        p = "今年，" + p.replace("增长", "力争增长")
        tail.append(p)
        size += len(p)
    return head + "".join(body) + plan + "".join(tail)


def make_folder(folder: Path, n: int, chars: int, seed: int = 2025) -> None:
    rnd = random.Random(seed)
    pool = places()
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        name, level = pool[(i // 2) % len(pool)]
        year = 2023 + i % 2 + 2 * (i // (2 * len(pool)))
        (folder / f"{i:05d}.txt").write_text(report(name, level, year, chars, rnd), encoding="utf-8")


def run(folder: Path, out: Path, jobs: int) -> dict:
    """One ``govreport panel`` run: wall seconds, exit status, peak memory (main, largest worker)."""
    code = (
        "import resource, sys, time\n"
        "from govreport import cli\n"
        "t = time.perf_counter()\n"
        f"status = cli.main(['panel', {str(folder)!r}, '-o', {str(out)!r}, '--jobs', '{jobs}'])\n"
        "wall = time.perf_counter() - t\n"
        "own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(f'RESULT {wall:.2f} {status} {own:.0f} {kids:.0f}', file=sys.stderr)\n"
    )
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    total = time.perf_counter() - t0
    line = [l for l in p.stderr.splitlines() if l.startswith("RESULT")]
    if not line:
        raise SystemExit(p.stderr[-2000:])
    wall, status, own, kids = line[-1].split()[1:]
    return {"wall": float(wall), "process": total, "status": int(status), "main_mb": float(own),
            "worker_mb": float(kids), "summary": p.stdout.strip()}


def main() -> None:
    a = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    a.add_argument("--reports", type=int, default=1000)
    a.add_argument("--chars", type=int, default=30000)
    a.add_argument("--jobs", type=int, default=2)
    a.add_argument("--keep", type=Path, help="make the folder here and keep it (default: a temporary folder)")
    args = a.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-panel-"))
    folder, out = root / "reports", root / "out"
    try:
        t = time.perf_counter()
        if not folder.exists():
            make_folder(folder, args.reports, args.chars)
        size = sum(f.stat().st_size for f in folder.iterdir())
        print(f"{args.reports} synthetic reports, {size / 1e6:.1f} MB, made in {time.perf_counter() - t:.1f} s; "
              f"load average {os.getloadavg()[0]:.1f}")
        shutil.rmtree(out, ignore_errors=True)
        for label in ("cold (no cache)", "rerun, unchanged"):
            r = run(folder, out, args.jobs)
            print(f"{label}: {r['wall']:.1f} s in the command ({r['process']:.1f} s with Python's start), "
                  f"exit {r['status']}, peak memory {r['main_mb']:.0f} MB main, {r['worker_mb']:.0f} MB largest "
                  f"worker; {r['summary']}")
        extra = folder / "zz-added.txt"
        extra.write_text(report("焦作市", "prefecture", 2030, args.chars, random.Random(1)), encoding="utf-8")
        r = run(folder, out, args.jobs)
        print(f"one report added: {r['wall']:.1f} s; {r['summary']}")
        extra.unlink()
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
