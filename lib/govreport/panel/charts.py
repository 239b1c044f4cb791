"""The panel's charts, in the house style (``analysis.charts``). Each returns its ``Axes``.

- ``across``: one key's targets across places, sorted by value: ▲ a floor (以上), ● 左右, a bar
  for a range, ◆ a bare figure, ▼ a ceiling; the parent's target a short grey line on the
  place's row when the parent's report is in the panel.
- ``gaps``: each level's gaps to its parent, in points, one dot per target.
- ``wording``: stacked shares of each wording, by level and year.
- ``met``: the share of targets met, by key and level.
- ``over_time``: each place's target for one key across its years.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from ..analysis.charts import ACCENT, BASE, INK, MUTED, PALETTE, plain
from .tables import WORDING_ZH, WORDINGS


def key_zh(key: str) -> str:
    """A key's Chinese name on a chart: its first alias (地区生产总值 for gdp_growth)."""
    from ..facts.targets import key_info

    try:
        return key_info(key).aliases[0]
    except (KeyError, ValueError):
        return key

STYLE = {  # wording: (matplotlib marker, colour, legend label)
    "hard": ("^", ACCENT, "▲ 以上/确保 at least"),
    "about": ("o", BASE, "● 左右 about"),
    "range": ("|", PALETTE[2], "— 区间 range"),
    "bare": ("D", PALETTE[4], "◆ 不加修饰 bare figure"),
    "ceiling": ("v", PALETTE[1], "▼ 以内 at most"),
}
LEVEL_ZH = {"national": "全国", "province": "省级", "prefecture": "地级", "county": "县级"}


def across(rows: pd.DataFrame, *, title: str, unit: str = "%", ax=None):
    """``rows`` (``story.across_rows``): place, low, high, value, wording, parent_value."""
    if ax is None:
        _, ax = plt.subplots(figsize=(7, max(2.4, 0.18 * len(rows) + 1.1)))
    y = list(range(len(rows)))
    seen = set()
    for i, r in zip(y, rows.itertuples(index=False)):
        marker, colour, label = STYLE.get(r.wording, STYLE["bare"])
        show = label if r.wording not in seen else None
        seen.add(r.wording)
        if r.wording == "range":
            ax.hlines(i, r.low, r.high, color=colour, linewidth=5, label=show)
        else:
            ax.plot([r.value], [i], marker=marker, color=colour, linestyle="none", markersize=7, label=show)
        if not pd.isna(r.parent_value):
            ax.plot([r.parent_value], [i], marker="|", color=MUTED, markersize=14, markeredgewidth=2,
                    linestyle="none", label="上级目标 parent's target" if "parent" not in seen else None)
            seen.add("parent")
    ax.set_yticks(y, [plain(p) for p in rows["place"]])
    ax.set_ylim(-0.8, len(rows) - 0.2)
    ax.set_xlabel(f"目标 target ({unit})")
    ax.grid(axis="x", color="#e6e6e6", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_title(plain(title))
    ax.legend(loc="lower right", fontsize=8)
    return ax


def gaps(esc: pd.DataFrame, *, title: str, ax=None):
    """``esc`` (the escalation table): one dot per target at its gap, a row per level and key."""
    groups = esc.groupby(["level", "key"], sort=True)
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, max(2.4, 0.35 * groups.ngroups + 1.2)))
    labels = []
    for i, ((level, key), g) in enumerate(groups):
        ax.plot(g["gap"], [i] * len(g), "o", color=BASE, alpha=0.6, markersize=6)
        labels.append(f"{LEVEL_ZH.get(level, level)} {key_zh(key)}")
    ax.axvline(0, color=INK, linewidth=0.8)
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("与上级目标之差 gap to the parent's target (percentage points)")
    ax.set_title(plain(title))
    return ax


def wording(shares: pd.DataFrame, *, title: str, ax=None):
    """``shares`` (``story.wording_shares``): one stacked bar per level and year."""
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, max(1.8, 0.5 * len(shares) + 1.4)))
    labels = [f"{LEVEL_ZH.get(l, l)} {y} ({n})" for l, y, n in zip(shares["level"], shares["year"], shares["targets"])]
    left = pd.Series([0.0] * len(shares))
    for w in WORDINGS:
        values = shares[w].reset_index(drop=True) * 100
        ax.barh(range(len(shares)), values, left=left, color=STYLE[w][1], label=f"{WORDING_ZH[w]}")
        left += values
    ax.set_yticks(range(len(shares)), labels)
    ax.set_xlim(0, 100)
    ax.set_xlabel("占主要目标的比例 share of main targets (%)")
    ax.legend(ncol=5, loc="upper center", bbox_to_anchor=(0.5, -0.25), fontsize=8)
    ax.set_title(plain(title))
    return ax


def met(rates: pd.DataFrame, *, title: str, ax=None):
    """``rates`` (``story.met_rates``): a bar per key and level, the share met, n judged at the end."""
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, max(2.0, 0.3 * len(rates) + 1.2)))
    labels = [f"{key_zh(k)} · {LEVEL_ZH.get(l, l)}" for k, l in zip(rates["key"], rates["level"])]
    ax.barh(range(len(rates)), rates["rate"] * 100, color=BASE)
    for i, (r, n) in enumerate(zip(rates["rate"], rates["judged"])):
        ax.text(r * 100 + 1, i, f"{r:.0%} of {n}", va="center", fontsize=8, color=INK)
    ax.set_yticks(range(len(rates)), labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 115)
    ax.set_xlabel("完成目标的比例 share of targets met (%)")
    ax.set_title(plain(title))
    return ax


def over_time(rows: pd.DataFrame, *, title: str, unit: str = "%", ax=None):
    """``rows`` (``story.place_years`` for one key): a line per place across its years."""
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 4.2))
    for place, g in rows.groupby("place", sort=True):
        ax.plot(g["year"], g["value"], marker="o", label=plain(place))
    years = sorted(rows["year"].unique())
    ax.set_xticks(years, [str(int(y)) for y in years])
    ax.set_ylabel(f"目标 target ({unit})")
    ax.legend(fontsize=8, ncol=2)
    ax.set_title(plain(title))
    return ax
