"""What the panel's pages say: the tables they read and the prose they compute.

``open_panel(folder)`` reads the tables ``govreport panel`` wrote to ``folder``; with no
folder, the default panel (``DEFAULT_INPUTS``: the 31 provincial reports of 2025 and the
bundled report) is built first, into ``build/.panel-tables/provinces-2025/`` (cached like
any panel; the folder where ``make panel`` keeps the default panel's tables, so the two
share one cache).
Every sentence here is computed from the tables, with a branch for too little data: a
level with fewer than ``MIN_REPORTS`` reports beside their parent's is said to be too
thin to read, and a chart across places needs ``MIN_PLACES`` places.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .. import paths
from ..analysis.prose import count, join, md_escape, number, percent, plural
from .command import TABLES
from .tables import WORDING_ZH, WORDINGS, main_rows

DEFAULT_INPUTS = ("seeds/provinces-2025", "seeds/jiaozuo-2021.txt")  # relative to the repository
MIN_PLACES = 5
MIN_REPORTS = 3
LEVEL_ZH = {"national": "全国", "province": "省级", "prefecture": "地级", "county": "县级"}
LEVEL_ORDER = ("national", "province", "prefecture", "county")
LEVEL_EN = {"national": "national", "province": "provincial", "prefecture": "prefecture", "county": "county"}
MARKERS = {"hard": "▲", "about": "●", "range": "—", "bare": "◆", "ceiling": "▼"}
#: Each wording (``tables.wording``) in a sentence: "written {…} by 3".
WORDING_EN = {"hard": "as a floor (以上 or 确保)", "about": "with 左右", "range": "as a range",
              "bare": "as a bare figure", "ceiling": "as a ceiling (以内)"}


@dataclass
class Panel:
    name: str
    tables: dict[str, pd.DataFrame]

    def __getattr__(self, name: str) -> pd.DataFrame:
        try:
            return self.__dict__["tables"][name]
        except KeyError:
            raise AttributeError(name) from None


#: Where a panel site's tables are kept in its output folder: ``<out>/.panel-tables/<name>/``.
TABLES_FOLDER = ".panel-tables"


def default_name() -> str:
    """The default panel's name: its first folder's, ``provinces-2025``."""
    return Path(DEFAULT_INPUTS[0]).name


def default_folder() -> Path:
    """Where the default panel's tables are built: where ``make panel`` builds them."""
    return paths.BUILD_DIR / TABLES_FOLDER / default_name()


@contextlib.contextmanager
def _working_directory(folder: Path):
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def build_default(out: Path | None = None, jobs: int = 2) -> list[dict]:
    """Build the default panel's tables in ``out`` (default ``default_folder()``), or refresh
    them from its cache, paths relative to the repository; the summaries of its files."""
    from .command import build

    out = Path(out or default_folder()).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    # Pages opened at once (nbval's workers, a site's two kernels) build it one after the
    # other: the second finds the first's cache and only joins its bytes.
    with open(out.parent / f".{out.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with _working_directory(paths.ROOT):
            summaries, _, _ = build(list(DEFAULT_INPUTS), out, jobs)
    return summaries


def read_tables(folder: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(Path(folder) / f"{name}.parquet") for name in TABLES}


def open_panel(folder: str | Path | None = None, name: str | None = None) -> Panel:
    """The tables of the panel in ``folder`` (the default panel when None)."""
    if folder is None:
        build_default()
        folder = default_folder()
        name = name or "provinces-2025 + jiaozuo-2021"
    folder = Path(folder)
    return Panel(name or folder.name, read_tables(folder))


@lru_cache(maxsize=None)
def key_name(key: str) -> str:
    """A key as the pages name it: its first Chinese alias and its English label
    (``地区生产总值 GDP growth``)."""
    from ..facts.targets import key_info

    try:
        info = key_info(key)
    except (KeyError, ValueError):
        return key
    return f"{info.aliases[0]} {info.label}"


def main_targets(panel: Panel) -> pd.DataFrame:
    """Every used report's main annual targets, one per key (``tables.main_rows``), with
    ``wording``, ``marker`` and the parent's midpoint (``parent_value``) when its report is in."""
    used = panel.reports[(panel.reports["status"] == "ok") & (panel.reports["duplicate_of"].fillna("") == "")]
    targets = panel.targets[panel.targets["path"].isin(used["path"])]
    main = pd.concat([main_rows(g) for _, g in targets.groupby("path", sort=False)], ignore_index=True) \
        if len(targets) else main_rows(targets)
    main["marker"] = main["wording"].map(MARKERS)
    esc = panel.escalation
    parents = {(y, k, p): (pl, ph) for y, k, p, pl, ph in
               zip(esc["year"], esc["key"], esc["place"], esc["parent_low"], esc["parent_high"])}

    def parent_value(y, k, p):
        low, high = parents.get((y, k, p), (None, None))
        vals = [v for v in (low, high) if v is not None and not pd.isna(v)]
        return sum(vals) / len(vals) if vals else float("nan")

    main["parent_value"] = [parent_value(y, k, p) for y, k, p in zip(main["year"], main["key"], main["place"])]
    return main


def describe(panel: Panel) -> str:
    """The panel in a paragraph: reports by level and year, failures and duplicates."""
    r = panel.reports
    ok = r[r["status"] == "ok"]
    groups = ok.groupby(["year", "level"], dropna=False).size()
    rank = {l: i for i, l in enumerate(LEVEL_ORDER)}
    parts = []
    for (year, level), n in sorted(groups.items(), key=lambda g: (str(g[0][0]), rank.get(g[0][1], 9))):
        year_text = "no year" if pd.isna(year) else str(int(year))
        parts.append(f"{n} {LEVEL_EN.get(level, 'unknown-level')} report{'s' if n != 1 else ''} of {year_text}")
    text = f"This panel holds {count(len(r), 'report file')}: {join(parts)}."
    failed = r[r["status"] != "ok"]
    if len(failed):
        text += f" {count(len(failed), 'file')} could not be read (see `reports.csv`)."
    dups = (r["duplicate_of"].fillna("") != "").sum()
    if dups:
        text += f" {count(int(dups), 'report')} repeat a place and year already in the panel and are set aside."
    unplaced = ok[ok["adcode"].isna()]
    if len(unplaced):
        text += (f" {count(len(unplaced), 'report')} name a place the administrative-division table does not place "
                 f"({join(md_escape(p or '?') for p in unplaced['place'].fillna(''))}): no parent is known for them.")
    return text


def keys_across(main: pd.DataFrame, min_places: int = MIN_PLACES, most: int = 4) -> list[tuple[int, str]]:
    """(year, key) of the keys at least ``min_places`` places set as a main target, the most
    set first, at most ``most`` per year (the page stays light; its table lists every key);
    only targets in %, one unit per chart."""
    from ..facts.targets import keys

    order = {k.key: i for i, k in enumerate(keys())}  # ties: in the key table's order (GDP first)
    pct = main[main["unit"] == "%"]
    counts = pct.groupby(["year", "key"]).size().reset_index(name="n")
    counts["order"] = counts["key"].map(order)
    counts = counts[counts["n"] >= min_places].sort_values(["year", "n", "order"], ascending=[False, False, True])
    top = counts.groupby("year").head(most)
    return [(int(y), k) for y, k in zip(top["year"], top["key"])]


def across_rows(main: pd.DataFrame, year: int, key: str) -> pd.DataFrame:
    """One key's main targets of one year, a row per place, sorted by midpoint (the chart's data)."""
    rows = main[(main["year"] == year) & (main["key"] == key) & (main["unit"] == "%")]
    columns = ["place", "level", "mention", "low", "high", "value", "qualifier", "wording", "marker", "parent",
               "parent_value"]
    return rows.sort_values(["value", "place"])[columns].reset_index(drop=True)


def across_text(main: pd.DataFrame, year: int | None = None) -> str:
    """Which keys are compared across places, and what the spread of each is."""
    keys = keys_across(main)
    if year is not None:
        keys = [k for k in keys if k[0] == year]
    if not keys:
        return (f"No key is a main target of at least {MIN_PLACES} places in one year here, so no chart compares "
                "places; the table below lists what each report sets.")
    out = [f"The charts show the {count(len(keys), 'key')} in % that most places set as a main target "
           f"(at least {MIN_PLACES} places; the table at the end lists every key):\n"]
    for y, key in keys:
        rows = across_rows(main, y, key)
        lo, hi = rows.iloc[0], rows.iloc[-1]
        mode = rows["value"].mode()
        out.append(
            f"- **{md_escape(key_name(key))}, {y}**: {len(rows)} places, from {number(lo['value'])}% "
            f"({md_escape(lo['place'])}) to {number(hi['value'])}% ({md_escape(hi['place'])}); "
            f"the most common figure is {number(mode.iloc[0])}%; {wordings_text(rows['wording'])}."
        )
    return "\n".join(out)


def wordings_text(wordings: pd.Series) -> str:
    """How many targets each wording has, every wording found named: "written with 左右 by 20
    and as a ceiling (以内) by 6" (most first; ties in the order of ``tables.WORDINGS``)."""
    counts = wordings.value_counts()
    found = sorted((w for w in WORDINGS if counts.get(w, 0)), key=lambda w: -counts[w])
    return "written " + join(f"{WORDING_EN[w]} by {int(counts[w])}" for w in found) if found else "no wording read"


def places_table(main: pd.DataFrame, year: int) -> pd.DataFrame:
    """Places × main-list keys of one year: each cell the target as written (``5%以上``)."""
    rows = main[main["year"] == year]
    if rows.empty:
        return pd.DataFrame()
    cells = rows.assign(cell=[_written(m, q) for m, q in zip(rows["mention"], rows["qualifier"])])
    table = cells.pivot_table(index="place", columns="key", values="cell", aggfunc="first")
    order = cells.groupby("key").size().sort_values(ascending=False).index
    table = table[list(order)].fillna("")
    table.columns = [key_name(k).split(" ")[0] for k in table.columns]
    table.index.name = "地区"
    return table


def _written(mention: str, qualifier: str) -> str:
    return mention + {"at_least": "以上", "about": "左右", "at_most": "以内", "more_than": "以上",
                      "less_than": "以下"}.get(qualifier, "")


def escalation_text(panel: Panel) -> str:
    """The gaps between levels, level by level, or why there is nothing to say."""
    esc = panel.escalation
    main = main_targets(panel)
    if esc.empty:
        levels = main.groupby("level")["path"].nunique()
        have = join(f"{n} {LEVEL_EN.get(l, l)}" for l, n in levels.items()) or "no"
        return (f"No report's parent is in this panel ({have} report{'s' if levels.sum() != 1 else ''} with main "
                "targets, none of whose parents' reports of the same year are here), so no target can be set beside "
                "its parent's. Add the reports one level up (for provinces, the national 政府工作报告 of the same "
                "year) to see the escalation.")
    out = []
    for level in LEVEL_ORDER:
        rows = esc[esc["level"] == level]
        if rows.empty:
            continue
        reports = rows["place"].nunique()
        if reports < MIN_REPORTS:
            out.append(f"- **{LEVEL_EN[level].capitalize()} reports**: only {count(reports, 'place')} beside a parent "
                       f"here: too few to say whether this level sets higher targets than the one above.")
            continue
        gdp = rows[rows["key"] == "gdp_growth"]
        focus = gdp if len(gdp) >= MIN_REPORTS else rows
        what = "GDP growth targets" if focus is gdp else "main targets in %"
        above = (focus["gap"] > 0).mean()
        out.append(f"- **{LEVEL_EN[level].capitalize()} reports** ({count(reports, 'place')}): of {len(focus)} "
                   f"{what}, {percent(above)} are above the parent's; the mean gap is "
                   f"{number(round(focus['gap'].mean(), 2))} points (median {number(round(focus['gap'].median(), 2))}).")
    return "\n".join(out)


def levels_shown(panel: Panel) -> pd.DataFrame:
    """The levels table as the escalation page shows it: targets in %, figures rounded, no
    share above the parent where nothing could be compared (``—``)."""
    t = panel.levels[panel.levels["unit"] == "%"]
    t = t[["year", "key", "level", "reports", "mean", "median", "compared", "above_parent"]].round(2)
    t["above_parent"] = [percent(v) if not pd.isna(v) else "—" for v in t["above_parent"]]
    return t.set_index(["year", "key", "level"])


def wording_shares(panel: Panel) -> pd.DataFrame:
    """Share of each wording of the main targets, by level and year (the chart's data)."""
    main = main_targets(panel)
    if main.empty:
        return pd.DataFrame(columns=["year", "level", "targets", *WORDINGS])
    rows = []
    for (year, level), g in main.groupby(["year", "level"]):
        shares = g["wording"].value_counts(normalize=True)
        rows.append((int(year), level, len(g), *(round(float(shares.get(w, 0.0)), 4) for w in WORDINGS)))
    table = pd.DataFrame(rows, columns=["year", "level", "targets", *WORDINGS])
    table["order"] = table["level"].map({l: i for i, l in enumerate(LEVEL_ORDER)})
    return table.sort_values(["year", "order"]).drop(columns="order").reset_index(drop=True)


def wording_text(panel: Panel) -> str:
    table = wording_shares(panel)
    if table.empty:
        return "No report of this panel has a list of main targets, so there is no wording to count."
    out = []
    for r in table.itertuples(index=False):
        parts = [f"{percent(getattr(r, w))} {WORDING_ZH[w]}" for w in WORDINGS if getattr(r, w) > 0]
        out.append(f"- **{LEVEL_EN.get(r.level, r.level)} reports of {r.year}** ({r.targets} main targets): "
                   f"{join(parts)}.")
    gdp = main_targets(panel)
    gdp = gdp[gdp["key"] == "gdp_growth"]
    if len(gdp) >= MIN_PLACES:
        hard = int((gdp["wording"] == "hard").sum())
        ranges = int((gdp["wording"] == "range").sum())
        out.append(f"\nFor GDP growth alone, {hard} of {len(gdp)} targets are floors (以上 or 确保), "
                   f"{int((gdp['wording'] == 'about').sum())} say 左右 and {ranges} {plural('is', ranges)} a range.")
    return "\n".join(out)


def met_rates(panel: Panel) -> pd.DataFrame:
    """Share of targets met, by key and level, over every consecutive pair (the chart's data)."""
    v = panel.verdicts[panel.verdicts["verdict"].isin(["met", "missed"])]
    if v.empty:
        return pd.DataFrame(columns=["key", "level", "judged", "met", "rate"])
    g = v.groupby(["key", "level"])["verdict"]
    table = pd.DataFrame({"judged": g.size(), "met": g.apply(lambda s: int((s == "met").sum()))}).reset_index()
    table["rate"] = (table["met"] / table["judged"]).round(4)
    return table.sort_values(["judged", "key"], ascending=[False, True]).reset_index(drop=True)


def verdicts_text(panel: Panel) -> str:
    v = panel.verdicts
    if v.empty:
        places = panel.reports.dropna(subset=["year"]).groupby("place")["year"].nunique()
        return (f"No place has reports of two consecutive years in this panel ({count(len(places), 'place')}, "
                f"{count(int((places > 1).sum()), 'place')} with more than one year), so no target can be checked "
                "against the next year's result. Add the following year's reports to see the verdicts.")
    pairs = v.groupby(["previous_path", "path"]).ngroups
    counts = v["verdict"].value_counts()
    judged = int(counts.get("met", 0) + counts.get("missed", 0))
    text = (f"{count(pairs, 'pair')} of consecutive reports give {count(len(v), 'verdict')}: "
            f"{join(f'{int(n)} {k}' for k, n in counts.items())}.")
    if judged:
        text += f" Of the {judged} targets with a comparable result, {percent(counts.get('met', 0) / judged)} were met."
    return text


def place_years(main: pd.DataFrame) -> pd.DataFrame:
    """Each place's main targets across its years, places with two years or more (the chart's data)."""
    years = main.groupby("place")["year"].nunique()
    rows = main[main["place"].isin(years[years > 1].index)]
    return rows.sort_values(["key", "place", "year"])[["place", "level", "key", "year", "mention", "qualifier",
                                                       "value"]].reset_index(drop=True)


def over_time_text(panel: Panel) -> str:
    main = main_targets(panel)
    rows = place_years(main)
    if rows.empty:
        years = sorted(int(y) for y in main["year"].dropna().unique())
        return (f"No place has main targets in two years here (the panel's years: {join(str(y) for y in years) or 'none'}), "
                "so no place's targets can be followed over time.")
    out = []
    gdp = rows[rows["key"] == "gdp_growth"]
    for place, g in gdp.groupby("place", sort=True):
        figures = join(f"{number(v)}% in {int(y)}" for v, y in zip(g["value"], g["year"]))
        out.append(f"- **{md_escape(place)}**: GDP growth target {figures}.")
    return "\n".join(out) or "The places with several years set no GDP growth target in all of them."


def slogans_text(panel: Panel) -> str:
    s = panel.slogans
    if s.empty:
        return ("No slogan was gained or dropped between consecutive reports of a place"
                + (" (no place has two consecutive years here)." if panel.verdicts.empty else "."))
    gained, dropped = (s["change"] == "gained").sum(), (s["change"] == "dropped").sum()
    return (f"Between consecutive reports of a place, {count(int(gained), 'numbered slogan')} appear and "
            f"{int(dropped)} disappear (a slogan counts as dropped only when the later report never writes it).")


def download(table: pd.DataFrame, filename: str, label: str | None = None):
    """A link that downloads ``table`` as CSV (UTF-8 with BOM), embedded in the page."""
    from html import escape

    from IPython.display import HTML

    data = base64.b64encode(b"\xef\xbb\xbf" + table.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    text = label or f"Download the data of this chart ({filename}, {count(len(table), 'row')})"
    return HTML(f'<p class="download"><a download="{escape(filename)}" '
                f'href="data:text/csv;charset=utf-8;base64,{data.decode("ascii")}">{escape(text)}</a></p>')
