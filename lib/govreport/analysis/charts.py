"""The house chart style, in one module. Notebooks call these; they do not restyle.

Nothing happens at import: call ``use_house_style()`` once (it registers the
Noto Sans CJK SC font shipped by mplfonts, so Chinese labels render) before drawing.

Conventions: horizontal bars with value labels and the unit in the axis label;
rank charts with rank 1 at the top; titles bilingual where space allows; figures
at 100 dpi. Every function returns the matplotlib ``Axes`` it drew on, so a
notebook cell ends with an assignment (``ax = charts.bar(...)``) and no object
repr leaks into the output.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Iterable, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib import font_manager
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .prose import number as number_format  # one number format for prose and charts

FONT_FILE = "NotoSansCJKsc-Regular.otf"
DPI = 100
INK = "#333333"
MUTED = "#9a9a9a"
ACCENT = "#c0392b"   # the report's red, used for emphasis
BASE = "#4c72b0"
PALETTE = [BASE, "#dd8452", "#55a868", ACCENT, "#8172b3", "#937860", "#da8bc3", "#8c8c8c", "#ccb974", "#64b5cd"]


def font_path() -> Path:
    """Path of the Noto Sans CJK SC font file shipped by the mplfonts package (not imported)."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the mplfonts package is not installed; run `make setup`")
    path = Path(list(spec.submodule_search_locations)[0]) / "fonts" / FONT_FILE
    if not path.exists():
        raise RuntimeError(f"mplfonts is installed but {FONT_FILE} is missing from {path.parent}")
    return path


def use_house_style() -> str:
    """Register the CJK font and set the house style. Returns the font family name."""
    path = str(font_path())
    # Register once: every addfont call appends the font's entries again and opens the file.
    if not any(entry.fname == path for entry in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(path)
    family = font_manager.FontProperties(fname=path).get_name()
    mpl.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [family, "DejaVu Sans"],
            "axes.unicode_minus": False,  # ASCII hyphen-minus: present in every font
            "figure.dpi": DPI,
            "savefig.dpi": DPI,
            "figure.figsize": (7.5, 4.2),
            "figure.facecolor": "white",
            "axes.facecolor": "white",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.edgecolor": MUTED,
            "axes.labelcolor": INK,
            "axes.titlesize": 12,
            "axes.titlelocation": "left",
            "axes.titlepad": 10,
            "axes.labelsize": 10,
            "axes.prop_cycle": mpl.cycler(color=PALETTE),
            "xtick.color": INK,
            "ytick.color": INK,
            "xtick.labelsize": 9,
            "ytick.labelsize": 9,
            "legend.frameon": False,
            "figure.constrained_layout.use": True,
            "svg.hashsalt": "govreport",
        }
    )
    return family




def plain(text) -> str:
    """Report text for a chart label, shown as written: a ``$`` would start matplotlib's math
    mode (mathtext) and is escaped, like every other piece of report text (data, never markup)."""
    return str(text).replace("$", r"\$")


def _new_ax(ax, height: float | None = None, width: float = 7.5):
    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=(width, height or 4.2))
    return ax


NO_DATA = "无数据 no figures of this kind in this report"


def _empty(ax, title: str, message: str = NO_DATA):
    """A titled placeholder for a chart with nothing to draw (a rerun on another report may have none)."""
    ax = _new_ax(ax, height=1.6)
    ax.text(0.5, 0.5, message, ha="center", va="center", color=MUTED, fontsize=10, transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title(plain(title))
    return ax


def bar(
    values: pd.Series | Sequence[float],
    labels: Sequence[str] | None = None,
    *,
    title: str,
    unit: str,
    xlabel: str | None = None,
    ax=None,
    sort: bool = True,
    log: bool = False,
    highlight: Iterable[str] = (),
    value_labels: Sequence[str] | None = None,
    color: str = BASE,
):
    """Horizontal bar chart, largest at the top (equal values in the order given), each bar
    labelled with its value.

    ``values`` is a Series (its index gives the labels) or a sequence with ``labels``.
    ``unit`` is shown in the axis label (e.g. "亿元", "人", "%"); ``log=True`` for
    values that span orders of magnitude. Bars whose label is in ``highlight`` are
    drawn in the accent colour.
    """
    s = values.copy() if isinstance(values, pd.Series) else pd.Series(list(values), index=list(labels or []))
    if s.empty:
        return _empty(ax, title)
    if labels is not None and isinstance(values, pd.Series):
        s.index = list(labels)
    if value_labels is not None:
        vl = pd.Series(list(value_labels), index=s.index)
    else:
        vl = s.map(number_format)
    if sort:  # largest first, ties in the order given (as the page's sentences name them), drawn from the top
        order = s.sort_values(ascending=False, kind="stable").index[::-1]
        s, vl = s.loc[order], vl.loc[order]
    else:
        s, vl = s.iloc[::-1], vl.iloc[::-1]
    ax = _new_ax(ax, height=max(2.0, 0.42 * len(s) + 1.2))
    highlight = set(highlight)
    colors = [ACCENT if str(k) in highlight else color for k in s.index]
    positions = range(len(s))
    ax.barh(positions, s.values, color=colors, height=0.65)
    ax.set_yticks(list(positions), [plain(k) for k in s.index])
    ax.tick_params(axis="y", length=0)
    for tick, key in zip(ax.get_yticklabels(), s.index):
        if str(key) in highlight:  # also marks a zero-length bar, which shows no colour
            tick.set_color(ACCENT)
    if log:
        ax.set_xscale("log")
    for y, (v, text) in enumerate(zip(s.values, vl.values)):
        ax.annotate(
            f" {plain(text)}", (v, y), va="center", ha="left" if v >= 0 else "right", fontsize=9, color=INK,
            xytext=(2 if v >= 0 else -2, 0), textcoords="offset points",
        )
    if not log:
        ax.axvline(0, color=MUTED, linewidth=0.8)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: number_format(x)))
        if all(float(v).is_integer() for v in s.values):  # counts: no 2.5 ticks
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        lo, hi = min(0, s.min()), max(0, s.max())
        pad = (hi - lo) * 0.18 or 1
        ax.set_xlim(lo - (pad if lo < 0 else 0), hi + pad)
    else:
        ax.set_xlim(left=min(1, s[s > 0].min()) if (s > 0).any() else None, right=s.max() * 8)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel(plain(xlabel or f"{unit}" + ("（对数刻度 log scale）" if log else "")))
    ax.set_title(plain(title))
    return ax


def rank_chart(
    ranks: pd.Series,
    *,
    title: str,
    scope: str = "",
    out_of: int | None = None,
    ax=None,
):
    """A ladder of positions: rank 1 at the top, each item written at its rank.

    ``ranks`` maps item label -> rank (1 = best). Items that share a rank are
    written side by side. ``scope`` names the ranking (e.g. "全省"), shown in the
    axis label; ``out_of`` draws the ladder down to that rank when it is known.
    """
    s = pd.Series(ranks).astype(float).sort_values(kind="stable")
    if s.empty:
        return _empty(ax, title)
    if (s < 1).any():
        raise ValueError("ranks start at 1")
    bottom = int(max(s.max(), out_of or 0))
    ax = _new_ax(ax, height=max(2.5, 0.38 * bottom + 1.0))
    grouped = s.groupby(s, sort=True)
    for rank, items in grouped:
        ax.scatter([0], [rank], s=160, color=ACCENT if rank == 1 else BASE, zorder=3)
        ax.annotate(
            plain("、".join(str(i) for i in items.index)), (0, rank), xytext=(14, 0), textcoords="offset points",
            va="center", fontsize=10, color=INK,
        )
    ax.plot([0, 0], [1, bottom], color=MUTED, linewidth=1, zorder=1)
    ax.set_ylim(bottom + 0.6, 0.4)  # inverted: rank 1 at the top
    ax.set_xlim(-0.15, 2.5)
    ax.set_yticks(range(1, bottom + 1), [f"第{r}位" for r in range(1, bottom + 1)])
    ax.set_xticks([])
    ax.spines["bottom"].set_visible(False)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.set_ylabel(f"{scope}位次 rank" if scope else "位次 rank")
    ax.set_title(plain(title))
    return ax


def column(
    values: pd.Series,
    *,
    title: str,
    unit: str,
    ax=None,
    color: str = BASE,
    value_labels: Sequence[str] | None = None,
):
    """Vertical bars in the given order (for ordered categories such as levels or stages)."""
    if values.empty:
        return _empty(ax, title)
    ax = _new_ax(ax)
    x = range(len(values))
    ax.bar(x, values.values, color=color, width=0.6)
    ax.set_xticks(list(x), [str(i) for i in values.index])
    labels = value_labels if value_labels is not None else [number_format(v) for v in values.values]
    for xi, v, text in zip(x, values.values, labels):
        ax.annotate(text, (xi, v), xytext=(0, 3), textcoords="offset points", ha="center", va="bottom", fontsize=9)
    ax.set_ylabel(unit)
    ax.yaxis.set_major_locator(MaxNLocator(integer=float(values.max()).is_integer()))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: number_format(y)))
    ax.set_ylim(0, values.max() * 1.15 if values.max() > 0 else 1)
    ax.set_title(plain(title))
    return ax


def heatmap(
    table: pd.DataFrame,
    *,
    title: str,
    unit: str,
    ax=None,
    fmt=number_format,
    cmap: str = "Reds",
):
    """A table of numbers as coloured cells, each written in; rows and columns as given."""
    if table.empty:
        return _empty(ax, title)
    ax = _new_ax(ax, height=max(2.5, 0.45 * len(table) + 1.5), width=max(6.0, 0.7 * len(table.columns) + 2.5))
    data = table.to_numpy(dtype=float)
    image = ax.imshow(data, cmap=cmap, aspect="auto")
    ax.set_xticks(range(len(table.columns)), [plain(c) for c in table.columns], rotation=45, ha="right")
    ax.set_yticks(range(len(table.index)), [plain(i) for i in table.index])
    vmax = data.max() if data.size else 0
    for (i, j), v in pd.DataFrame(data).stack().items():
        ax.text(j, i, fmt(v), ha="center", va="center", fontsize=8, color="white" if v > 0.6 * vmax else INK)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.tick_params(length=0)
    cbar = ax.figure.colorbar(image, ax=ax, shrink=0.8)
    cbar.set_label(unit)
    cbar.outline.set_visible(False)
    ax.set_title(plain(title))
    return ax


def span_chart(
    start: str,
    end: str,
    *,
    title: str,
    label: str,
    marks: dict[str, str] | None = None,
    ax=None,
):
    """A stretch of time as a bar between two ISO dates, with labelled marks (e.g. the report's date).

    ``marks`` maps an ISO date to its label. The bar is annotated with its length in days.
    """
    import matplotlib.dates as mdates

    t0, t1 = pd.Timestamp(start), pd.Timestamp(end)
    ax = _new_ax(ax, height=2.4)
    ax.barh([0], [(t1 - t0).days], left=[mdates.date2num(t0)], height=0.4, color=BASE)
    ax.annotate(
        plain(f"{label}: {(t1 - t0).days} 天 days"), (mdates.date2num(t0 + (t1 - t0) / 2), 0), xytext=(0, 14),
        textcoords="offset points", ha="center", fontsize=10, color=INK,
    )
    for when, ha, dx in ((t0, "left", 0), (t1, "right", 0)):
        ax.annotate(when.date().isoformat(), (mdates.date2num(when), -0.25), xytext=(dx, 0), textcoords="offset points",
                    ha=ha, va="top", fontsize=8.5, color=INK)
    for when, text in (marks or {}).items():
        x = mdates.date2num(pd.Timestamp(when))
        ax.axvline(x, color=ACCENT, linewidth=1.2, linestyle="--")
        ax.annotate(f"{text} {when}", (x, -0.75), xytext=(-4, 0), textcoords="offset points",
                    ha="right", va="center", fontsize=8.5, color=ACCENT)
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=[1, 4, 7, 10]))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    lo = min([t0] + [pd.Timestamp(w) for w in (marks or {})]) - pd.Timedelta(days=20)
    hi = max([t1] + [pd.Timestamp(w) for w in (marks or {})]) + pd.Timedelta(days=20)
    ax.set_xlim(mdates.date2num(lo), mdates.date2num(hi))
    ax.set_ylim(-1.1, 0.8)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_xlabel("日期 date")
    ax.set_title(plain(title))
    return ax


def paired_bar(
    table: pd.DataFrame,
    *,
    title: str,
    unit: str,
    ax=None,
    colors: Sequence[str] = (MUTED, BASE),
):
    """Two values per row side by side (e.g. an earlier level and the current one), labelled.

    ``table`` has one row per item and two columns, drawn in column order (the first muted).
    """
    if table.empty:
        return _empty(ax, title)
    ax = _new_ax(ax, height=max(2.2, 0.8 * len(table) + 1.2))
    n = len(table)
    height = 0.38
    for k, (col, color) in enumerate(zip(table.columns, colors)):
        ys = [n - 1 - i + (height / 2 if k == 0 else -height / 2) for i in range(n)]
        ax.barh(ys, table[col].values, height=height, color=color, label=str(col))
        for y, v in zip(ys, table[col].values):
            ax.annotate(f" {number_format(round(v, 1))}", (v, y), va="center", fontsize=9, color=INK)
    ax.set_yticks(range(n), [plain(i) for i in table.index[::-1]])
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.set_xlim(0, table.to_numpy().max() * 1.2)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: number_format(x)))
    ax.set_xlabel(unit)
    ax.legend(loc="lower right")
    ax.set_title(plain(title))
    return ax


def unique_labels(labels: Iterable[str], fallback: Sequence[str] | None = None) -> list[str]:
    """Labels made unique for a chart axis: an empty label takes its ``fallback`` (the mention),
    a repeated one gets " (2)", " (3)" …, so that no two bars share a row."""
    out, seen = [], {}
    for i, label in enumerate(labels):
        label = str(label or (fallback[i] if fallback is not None else "") or "—")
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def scaled(values: pd.Series, unit: str) -> tuple[pd.Series, str]:
    """Amounts of money read in 亿元 or 万元 when they are that large (the axis says which)."""
    if unit == "元" and len(values) and values.abs().max() >= 1e8:
        return values / 1e8, "亿元 (100 million yuan)"
    if unit == "元" and len(values) and values.abs().max() >= 1e4:
        return values / 1e4, "万元 (10,000 yuan)"
    return values, unit


def amounts(facts: pd.DataFrame, *, title: str, ax=None):
    """Figures that share one unit, largest at the top, each labelled as the report writes it.

    ``facts`` has ``indicator, mention, value, unit`` and a single unit (one unit per axis;
    a ValueError otherwise). Values that span more than three orders of magnitude get a
    logarithmic axis, which the axis label says.
    """
    units = set(facts["unit"])
    if len(units) > 1:
        raise ValueError(f"one unit per chart axis, not {sorted(units)}")
    if facts.empty:
        return _empty(ax, title)
    unit = units.pop()
    values, axis_unit = scaled(facts["value"].astype(float).reset_index(drop=True), unit)
    positive = values[values > 0]
    log = len(positive) == len(values) and len(values) > 1 and positive.max() / positive.min() > 1000
    labels = unique_labels(facts["indicator"].tolist(), facts["mention"].tolist())
    return bar(
        pd.Series(values.values, index=labels), title=title, unit=axis_unit or "count", log=log,
        value_labels=facts["mention"].tolist(), ax=ax,
    )


def changes(facts: pd.DataFrame, *, title: str, ax=None):
    """Changes against an earlier period that share one unit, in the report's order, signed."""
    units = set(facts["unit"])
    if len(units) > 1:
        raise ValueError(f"one unit per chart axis, not {sorted(units)}")
    if facts.empty:
        return _empty(ax, title)
    unit = units.pop()
    values = facts["value"].astype(float)
    labels = unique_labels(facts["indicator"].tolist(), facts["mention"].tolist())
    signs = ["+" if v > 0 else "−" if v < 0 else "±" for v in values]
    return bar(
        pd.Series(values.values, index=labels), title=title, unit=f"变化 change ({unit})" if unit else "变化 change",
        sort=False, value_labels=[f"{s}{number_format(abs(v))}{unit}" for s, v in zip(signs, values)], ax=ax,
    )
