"""Time load_report on the same reports as .txt, .docx, .html and .pdf (not a test).

    python benchmarks/bench_formats.py [N_PDF]

The 31 provincial Word files of seeds/provinces-2025/ are read once; their text is written
as .txt and as a web page (tests/documents.py), and the first N_PDF (default 5) as PDFs
(fpdf2). Each format is loaded in rounds, interleaved; the best round is reported, in
CPU seconds per report (process time: the machine is shared, and wall time
measures the other sessions too) and relative to the text.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from documents import write_html, write_pdf  # noqa: E402

from govreport import load_report  # noqa: E402


def main(n_pdf: int = 5, rounds: int = 5) -> None:
    word = sorted((ROOT / "seeds" / "provinces-2025").glob("*.docx"))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        files = {"txt": [], "docx": word, "html": [], "pdf": []}
        for i, path in enumerate(word):
            text = load_report(path).text
            lines = text.splitlines()
            (tmp / f"{path.stem}.txt").write_text(text, encoding="utf-8")
            files["txt"].append(tmp / f"{path.stem}.txt")
            files["html"].append(write_html(tmp / f"{path.stem}.html", lines))
            if i < n_pdf:
                files["pdf"].append(write_pdf(tmp / f"{path.stem}.pdf", lines, header=f"{path.stem} 政府工作报告", page_numbers="- {} -"))
        best: dict[str, list[float]] = {k: [] for k in files}
        for _ in range(rounds):
            for kind, paths in files.items():
                t = time.process_time()
                for p in paths:
                    load_report(p)
                best[kind].append((time.process_time() - t) / len(paths))
        txt = min(best["txt"])
        import pdfplumber

        chars = statistics.mean(len(load_report(p).text) for p in files["pdf"]) if files["pdf"] else 0
        pages = 0.0
        for p in files["pdf"]:
            with pdfplumber.open(p) as pdf:
                pages += len(pdf.pages) / len(files["pdf"])
        for kind, times in best.items():
            print(f"{kind:5} {len(files[kind]):2} reports  best {min(times) * 1000:7.1f} ms/report  "
                  f"median {statistics.median(times) * 1000:7.1f}  {min(times) / txt:5.1f}x text")
        print(f"(PDF reports: {chars:.0f} characters, {pages:.1f} pages on average)")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:2]))
