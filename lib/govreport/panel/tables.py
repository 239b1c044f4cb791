"""The panel's derived tables: verdicts, escalation, levels and slogans gained or dropped.

They read the reports that are **used**: every report that was read, less the second copy of
a place's year (``reports.duplicate_of`` names the copy used instead). The rules:

- **Main target** of a report and key: its first row with ``main`` true, ``horizon`` ``year``
  (an annual target, never a plan figure), no ``scope`` (the whole place) and a figure. Its
  ``value`` is the midpoint (of a range, the middle; of ``5%以上``, 5).
- **verdicts**: for every place with reports of consecutive years ``y`` and ``y+1``, the
  compare table (``govreport.compare``) of the two, naming both files.
- **escalation**: for each year and key, every report's main target in % beside its
  parent's (``reports.parent``: a province's is 中华人民共和国), when the parent's report of
  that year is in the panel and sets the key. ``gap`` is the midpoint's distance from the
  parent's in percentage points: ``6%左右`` under ``5%以上`` is +1.0. Targets in other units
  (万人, 亿斤) are not compared across levels: a city's jobs are not a province's.
- **levels**: for each year, key, level and unit, over the main targets: the number of
  reports, the mean and median midpoint, how many could be compared with their parent and
  the share of those above it, and the share of each wording (``wording``).
- **slogans**: for every consecutive pair, the numbered slogans (``analysis.language.slogans``)
  the later report has and the earlier one's text never writes (``gained``), and the reverse
  (``dropped``), as ``analysis.compare.language_changes`` reads them.
"""

from __future__ import annotations

from functools import cached_property

import pandas as pd

HARD_WORDS = ("确保", "不低于")
WORDINGS = ("hard", "about", "range", "bare", "ceiling")
WORDING_ZH = {"hard": "以上/确保", "about": "左右", "range": "区间", "bare": "不加修饰", "ceiling": "以内/不超过"}
MAIN_COLUMNS = ["path", "place", "level", "parent", "adcode", "year", "key", "label", "indicator", "mention", "value",
                "low", "high", "unit", "qualifier", "phrase", "wording"]
ESCALATION_COLUMNS = ["year", "key", "place", "level", "parent", "low", "high", "qualifier", "parent_low",
                      "parent_high", "parent_qualifier", "gap"]
LEVEL_COLUMNS = ["year", "key", "level", "unit", "reports", "mean", "median", "compared", "above_parent",
                 *(f"share_{w}" for w in WORDINGS)]
SLOGAN_COLUMNS = ["place", "year", "previous_path", "path", "term", "change", "count"]
VERDICT_FRONT = ["place", "level", "parent", "adcode", "year", "previous_path", "path"]


def wording(qualifier: str, phrase: str | None) -> str:
    """How a target is worded: ``range`` (5%—5.5%), ``hard`` (以上, 超过, or 确保/不低于 in its
    phrase), ``about`` (左右), ``ceiling`` (以内, 不超过) or ``bare`` (a figure alone)."""
    if qualifier == "range":
        return "range"
    if qualifier in ("at_least", "more_than") or any(w in (phrase or "") for w in HARD_WORDS):
        return "hard"
    if qualifier == "about":
        return "about"
    if qualifier in ("at_most", "less_than"):
        return "ceiling"
    return "bare"


def main_rows(targets: pd.DataFrame) -> pd.DataFrame:
    """The report's main annual targets, one per key (see the module docstring), with ``wording``."""
    t = targets[targets["main"] & (targets["horizon"] == "year") & targets["scope"].isna()
                & (targets["key"] != "") & targets["value"].notna()]
    t = t.drop_duplicates("key")
    t = t.assign(wording=[wording(q, p) for q, p in zip(t["qualifier"], t["phrase"].fillna(""))])
    return t[MAIN_COLUMNS].reset_index(drop=True)


class Stored:
    """A report as its cache entry holds it: what ``govreport.compare`` reads of a report (its
    keyed rows made DataFrames when first read: a comparison reads the earlier report's
    targets and the later one's results)."""

    def __init__(self, entry: dict):
        row = entry["summary"]["row"]
        self.path = row["path"]
        self.meta = {"year": row["year"], "place": row["place"], "level": row["level"]}
        self._keyed = entry["keyed"]
        self._sentences: dict = {}  # table -> {sentence: its text}, made when first asked for

    @cached_property
    def targets(self) -> pd.DataFrame:
        from .entry import keyed_frame

        return keyed_frame(self._keyed["targets"])

    @cached_property
    def results(self) -> pd.DataFrame:
        from .entry import keyed_frame

        return keyed_frame(self._keyed["results"])

    def sentence_text(self, sentence: int) -> str:
        """The text of a sentence that has keyed rows (the same in either table), else ""."""
        for name in ("targets", "results"):
            if name not in self._sentences:
                t = self._keyed[name]
                self._sentences[name] = dict(zip(t.column("sentence").to_pylist(),
                                                 t.column("sentence_text").to_pylist()))
            if int(sentence) in self._sentences[name]:
                return self._sentences[name][int(sentence)]
        return ""

    def main_targets(self) -> pd.DataFrame:
        return self.targets[self.targets["main"]]


def verdict_columns() -> dict[str, str]:
    """The verdicts table's columns and their dtypes: the place and both files, then compare's."""
    from ..analysis.compare import COLUMNS

    floats = ("target_value", "result_value", "margin")
    ints = ("year", "target_year")
    return {c: "float64" if c in floats else "Int64" if c in ints else "string" for c in VERDICT_FRONT + COLUMNS}


def verdicts(previous: dict, current: dict) -> pd.DataFrame:
    """The compare table of two entries of one place, ``previous`` a year before ``current``."""
    import numpy as np

    data = {name: np.array(values, dtype="float64") if dtype == "float64" else pd.array(values, dtype=dtype)
            for name, (dtype, values) in verdict_values(previous, current).items()}
    return pd.DataFrame(data, columns=list(data))


def verdict_values(previous: dict, current: dict) -> dict[str, tuple[str, list]]:
    """The columns of ``verdicts`` as (dtype, values) before they are made a table (for
    ``entry.rendered_columns``)."""
    from ..analysis.compare import compare_rows

    rows = compare_rows(Stored(previous), Stored(current))
    p, c = previous["summary"]["row"], current["summary"]["row"]
    front = {"place": c["place"], "level": c["level"], "parent": c["parent"], "adcode": c["adcode"],
             "year": p["year"], "previous_path": p["path"], "path": c["path"]}
    n = len(rows)
    # the same on every row (a Python value: text, a year or None), else compare's column
    return {name: (dtype, [front[name]] * n if name in front else [r[name] for r in rows])
            for name, dtype in verdict_columns().items()}


def slogan_changes(previous: dict, current: dict) -> pd.DataFrame:
    """Slogans gained and dropped from ``previous`` to ``current`` (see the module docstring)."""
    return slogan_frame(slogan_rows(previous, current))


def slogan_rows(previous: dict, current: dict) -> list[tuple]:
    """The rows of ``slogan_changes``, tuples of ``SLOGAN_COLUMNS``."""
    p, c = previous["summary"]["row"], current["summary"]["row"]
    rows = []
    for change, have, other in (("gained", current["slogans"], previous["text"]),
                                ("dropped", previous["slogans"], current["text"])):
        for term, count in zip(have["term"].tolist(), have["count"].tolist()):
            if term not in other:
                rows.append((c["place"], c["year"], p["path"], c["path"], term, change, int(count)))
    return rows


def slogan_frame(rows: list[tuple]) -> pd.DataFrame:
    """The slogans table of ``rows`` (tuples of ``SLOGAN_COLUMNS``): text as string, year and
    count as int64."""
    import numpy as np

    return pd.DataFrame({name: np.array(values, dtype="int64") if dtype == "int64" else pd.array(values, dtype=dtype)
                         for name, (dtype, values) in slogan_values(rows).items()}, columns=SLOGAN_COLUMNS)


def slogan_values(rows: list[tuple]) -> dict[str, tuple[str, list]]:
    """The columns of ``slogan_frame(rows)`` as (dtype, values) (for ``entry.rendered_columns``)."""
    columns = list(zip(*rows)) if rows else [()] * len(SLOGAN_COLUMNS)
    return {name: ("int64" if name in ("year", "count") else "string", list(values))
            for name, values in zip(SLOGAN_COLUMNS, columns)}


def escalation(main: pd.DataFrame, reports: list[dict]) -> pd.DataFrame:
    """Each used report's main % targets beside its parent's (see the module docstring).
    ``main``: ``main_rows`` of every used report; ``reports``: their summaries (row and
    ``parent_adcode``)."""
    parent_code = {s["row"]["path"]: s["parent_adcode"] for s in reports}
    by_place_year = {(s["row"]["adcode"], s["row"]["year"]): s["row"]["path"] for s in reports
                     if s["row"]["adcode"] and s["row"]["year"] is not None}
    pct = main[main["unit"] == "%"]
    # Plain columns, not itertuples: a panel of 10,000 reports has 40,000 main targets.
    path, key, year = pct["path"].tolist(), pct["key"].tolist(), pct["year"].tolist()
    place, level, parent = pct["place"].tolist(), pct["level"].tolist(), pct["parent"].tolist()
    low, high, qualifier, value = (pct[c].tolist() for c in ("low", "high", "qualifier", "value"))
    targets = {(p, k): i for i, (p, k) in enumerate(zip(path, key))}
    rows = []
    for i, (p, k, y) in enumerate(zip(path, key, year)):
        code = parent_code.get(p)
        parent_path = by_place_year.get((code, y)) if code and pd.notna(y) else None
        j = targets.get((parent_path, k)) if parent_path else None
        if j is None:
            continue
        rows.append((int(y), k, place[i], level[i], parent[i], low[i], high[i], qualifier[i],
                     low[j], high[j], qualifier[j], round(float(value[i]) - float(value[j]), 6)))
    table = pd.DataFrame(rows, columns=ESCALATION_COLUMNS)
    table["year"] = table["year"].astype("int64")
    for c in ("low", "high", "parent_low", "parent_high", "gap"):
        table[c] = table[c].astype("float64")
    return table.sort_values(["year", "key", "level", "place"], kind="stable").reset_index(drop=True)


def in_common_unit(main: pd.DataFrame) -> pd.DataFrame:
    """``main`` with each key's figures of a year in one unit: the unit most of them use, others
    converted to it where they can be (亿斤 and 吨 are both weights; ``analysis.compare.convert``)."""
    from ..analysis.compare import convert

    main = main.copy()
    for _, g in main.groupby(["year", "key"], sort=False):
        counts = g["unit"].value_counts()
        unit = sorted(counts.index[counts == counts.max()])[0]
        for i, v, u in zip(g.index, g["value"], g["unit"]):
            c = convert(v, u, unit)
            if c is not None and u != unit:
                main.loc[i, ["value", "unit"]] = [c, unit]
    return main


def levels(main: pd.DataFrame, escalation_table: pd.DataFrame) -> pd.DataFrame:
    """Per year, key, level and unit: counts, midpoints, share above the parent and wordings.
    Figures of one key and year are first put in one unit (``in_common_unit``)."""
    main = in_common_unit(main)
    gaps = {(y, k, p): g for y, k, p, g in zip(escalation_table["year"], escalation_table["key"],
                                               escalation_table["place"], escalation_table["gap"])}
    rows = []
    m = main[main["year"].notna()]
    for (year, key, level, unit), g in m.groupby(["year", "key", "level", "unit"], sort=True):
        compared = [gaps[(year, key, p)] for p in g["place"] if (year, key, p) in gaps]
        shares = g["wording"].value_counts(normalize=True)
        rows.append((int(year), key, level, unit, len(g), round(float(g["value"].mean()), 6),
                     round(float(g["value"].median()), 6), len(compared),
                     round(sum(x > 0 for x in compared) / len(compared), 6) if compared else float("nan"),
                     *(round(float(shares.get(w, 0.0)), 6) for w in WORDINGS)))
    table = pd.DataFrame(rows, columns=LEVEL_COLUMNS)
    return table.astype({"year": "int64", "reports": "int64", "compared": "int64"})
