"""Synthetic report texts for the reader's tests (written for the tests; no real report is
copied): an optional title line, a dateline, a speaker line, a salutation, parts 一、…,
sections （一）… and bold-lead points followed by their elaboration.

A module of its own (not conftest.py), so that ``from synthetic_reports import …`` finds it
whichever conftest.py pytest imported first (tests/browser has one too).
"""

from __future__ import annotations

CN = "一二三四五六七八九十"

ELABORATION = (
    "坚持问题导向和目标导向，统筹推进各项工作，建立健全工作机制，"
    "压实各级责任，确保各项任务落到实处、取得实效，人民群众获得感明显增强"
)


def synthetic_report(
    *,
    parts: int = 3,
    sections: tuple[int, ...] = (3, 2, 1),
    points: int = 2,
    fullwidth: bool = True,
    newline: str = "\n",
    title: str | None = "政 府 工 作 报 告",
    dateline: str = "——2022年1月10日在某某市第五届人民代表大会第二次会议上",
    speaker: str = "某某市人民政府代市长　张三",
    headings_on_own_line: bool = False,
    indent: str = "",
) -> str:
    """A report of the genre with the requested shape. Points are 推进重点工作N。 style leads."""
    comma, colon = ("，", "：") if fullwidth else (",", ":")
    lp, rp = ("（", "）") if fullwidth else ("(", ")")
    lines = []
    if title is not None:
        lines.append(title)
    lines += [dateline, speaker, f"各位代表{colon}", f"现在{comma}我代表市人民政府{comma}向大会报告工作{comma}请予审议。"]
    for p in range(parts):
        lines.append(f"{CN[p]}、第{CN[p]}部分标题")
        lines.append(f"{indent}过去一年{comma}全市上下团结奋斗{comma}各项事业取得新进展。")
        for s in range(sections[p]):
            num = CN[s] if s < 10 else None
            head = f"{lp}{num}{rp}第{CN[s]}项工作稳步推进{comma}成效明显。"
            body = "".join(
                f"工作要点{CN[k]}扎实推进。{ELABORATION.replace('，', comma).replace('、', '、')}。"
                for k in range(points)
            )
            if headings_on_own_line:
                lines.append(indent + head.rstrip("。"))
                lines.append(indent + body)
            else:
                lines.append(indent + head + body)
    return newline.join(lines) + newline


def wrap(text: str, width: int, indent: str = "", newline: str = "\n") -> str:
    """Break every line of ``text`` after each ``width`` characters; ``indent`` opens each
    paragraph (as a typeset page does)."""
    out = []
    for line in text.split("\n"):
        line = indent + line if line else line
        out += [line[i : i + width] for i in range(0, len(line), width)] or [""]
    return newline.join(out)
