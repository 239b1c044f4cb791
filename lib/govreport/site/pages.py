"""What the notebooks say about themselves, and the CJK font the pages embed.

Each notebook's title is the first ``# heading`` of its first markdown cell; its
summary is the first sentence of the paragraph that follows. The site's indexes and the
README's table are generated from these, so they can never drift from the files.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .. import paths

NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"


@dataclass(frozen=True)
class Entry:
    name: str      # file stem, e.g. "00_overview"
    title: str
    summary: str

    @property
    def href(self) -> str:
        return f"{self.name}.html"


def notebooks(folder: Path | None = None) -> list[Path]:
    """The notebooks of the collection, in order (numbered file names)."""
    return sorted((folder or paths.NOTEBOOKS_DIR).glob(NOTEBOOK_GLOB))


def _plain(markdown: str) -> str:
    s = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)  # links and images -> their text
    s = re.sub(r"[*_`]+", "", s)
    return " ".join(s.split())


def first_sentence(paragraph: str) -> str:
    text = _plain(paragraph)
    m = re.search(r"(.+?[.!?。！？])(?:\s|$)", text)
    return m.group(1) if m else text


def entry(path: Path) -> Entry:
    """Title and one-line summary of a notebook, read from its first markdown cell."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        source = "".join(cell.get("source", []))
        lines = source.splitlines()
        title = next((l[2:].strip() for l in lines if l.startswith("# ")), None)
        if title is None:
            break
        after = source.split("\n", 1)[1] if "\n" in source else ""
        paragraphs = [p for p in re.split(r"\n\s*\n", after) if p.strip() and not p.lstrip().startswith("#")]
        summary = first_sentence(paragraphs[0]) if paragraphs else ""
        return Entry(Path(path).stem, _plain(title), summary)
    raise ValueError(f"{path}: the first markdown cell must start with a '# title' heading")


def index_entries(folder: Path | None = None) -> list[Entry]:
    return [entry(p) for p in notebooks(folder)]


README_START = "<!-- notebooks:"
README_END = "<!-- /notebooks -->"


def readme_table(entries: list[Entry]) -> str:
    """The README's table of notebooks (markdown), from the notebooks' own titles."""
    rows = ["| notebook | what it answers |", "|---|---|"]
    rows += [f"| [`{e.name}`](notebooks/{e.name}.ipynb) | **{e.title}{'' if e.title.endswith(('?', '!', '.')) else '.'}** {e.summary} |"
             for e in entries]
    return "\n".join(rows)


def update_readme(readme: str, entries: list[Entry]) -> str:
    """``readme`` with the block between the notebook markers replaced by a fresh table."""
    start = readme.index(README_START)
    start = readme.index("\n", start) + 1
    end = readme.index(README_END)
    return readme[:start] + readme_table(entries) + "\n" + readme[end:]


# -- Chinese text in the exported pages ------------------------------------------
# A reader's machine may have no CJK font (many Linux set-ups do not), and then every
# Chinese character in a page shows as a box. Each page therefore carries, inline, the
# subset of Noto Sans CJK SC (from mplfonts, as for the charts) that covers exactly the
# characters it uses: the page stays one self-contained file that renders anywhere.

FONT_FAMILY = "govreport CJK"
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026\u00b7]")


def font_subset(characters: set[str]) -> bytes:
    """An OpenType font with the glyphs of ``characters`` only, cut from the bundled CJK font."""
    import io

    from fontTools import subset

    from ..analysis.charts import font_path

    options = subset.Options()
    # Glyphs only: no OpenType layout features (Chinese set horizontally needs none; they were
    # about half the subset's size) and no hinting (another eighth; browsers rasterise well without).
    options.layout_features = []
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = ["*"]
    font = subset.load_font(str(font_path()), options)
    try:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(ord(c) for c in characters))
        subsetter.subset(font)
        out = io.BytesIO()
        font.save(out)
    finally:
        font.close()  # the font file stays open until the font is closed
    return out.getvalue()


def embed_cjk_font(page: str) -> str:
    """``page`` with an inline @font-face covering its Chinese characters, used after the page's own fonts."""
    import base64

    characters = set(_WIDE.findall(page))
    if not characters:
        return page
    data = base64.b64encode(font_subset(characters)).decode("ascii")
    stack = f"system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif, '{FONT_FAMILY}'"
    style = (
        "<style>\n"
        f"@font-face {{ font-family: '{FONT_FAMILY}'; src: url(data:font/otf;base64,{data}) format('opentype'); }}\n"
        f":root {{ --jp-ui-font-family: {stack}; --jp-content-font-family: {stack};\n"
        f"  --jp-code-font-family: menlo, consolas, 'DejaVu Sans Mono', monospace, '{FONT_FAMILY}'; }}\n"
        f"body {{ font-family: {stack}; }}\n"
        "</style>\n"
        # Load the font before the first layout: text laid out while it is still loading
        # would otherwise keep the no-glyph boxes on a machine without any CJK font.
        f"<script>if (document.fonts) document.fonts.load(\"16px '{FONT_FAMILY}'\", \"中\");</script>\n"
    )
    return page.replace("</head>", style + "</head>", 1)
