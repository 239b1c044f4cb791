"""govreport.analysis.sections: the tables a section page shows are made in plain Python, and
must be those the plain pandas rule gives (same rows, order, dtypes and index).

Each rule is written here once more, as pandas states it, and compared on made-up facts
tables: values with ties and gaps (NaN), a missing unit, kinds in any order, and an index
that is not 0…n−1 (a section's rows taken out of a report's table).
"""

from __future__ import annotations

import pandas as pd
import pandas.testing as pdt
from hypothesis import given, settings, strategies as st

from govreport.analysis import sections

UNITS = ["亿元", "个", "%", "", None]
KINDS = ["measure", "change", "share", "rank"]

fact_rows = st.lists(
    st.tuples(
        st.sampled_from(KINDS),
        st.sampled_from([1.0, 2.0, 2.0, 5.5, -3.0, 0.0, float("nan")]),
        st.sampled_from(UNITS),
        st.booleans(),
    ),
    max_size=14,
)


def table(rows, offset: int) -> pd.DataFrame:
    """A facts table of ``rows`` (kind, value, unit, is_target), its index starting at ``offset``."""
    t = pd.DataFrame(
        {
            "id": range(len(rows)),
            "mention": [f"{k}项" for k in range(len(rows))],
            "kind": [r[0] for r in rows],
            "value": [r[1] for r in rows],
            "unit": pd.array([r[2] for r in rows], dtype="str"),
            "is_target": [r[3] for r in rows],
        }
    )
    t.index = t.index + offset
    return t


def same(ours: dict, theirs: dict):
    assert list(ours) == list(theirs)
    for key in theirs:
        pdt.assert_frame_equal(ours[key], theirs[key], check_index_type=True)


@settings(max_examples=150, deadline=None)
@given(rows=fact_rows, offset=st.sampled_from([0, 7]))
def test_measures_by_unit_is_the_pandas_rule(rows, offset):
    facts = table(rows, offset)
    m = facts[facts["kind"] == "measure"]
    ranked = m.sort_values("value", ascending=False, kind="stable")
    groups = ranked.groupby("unit", sort=False).indices
    units = [u for u in dict.fromkeys(m["unit"]) if u in groups]
    same(sections.measures_by_unit(facts), {u: ranked.iloc[groups[u]] for u in sorted(units, key=lambda u: -len(groups[u]))})


@settings(max_examples=150, deadline=None)
@given(rows=fact_rows, offset=st.sampled_from([0, 7]))
def test_changes_by_unit_is_the_pandas_rule(rows, offset):
    facts = table(rows, offset)
    c = facts[facts["kind"] == "change"]
    same(sections.changes_by_unit(facts), dict(iter(c.groupby("unit", sort=False))))


@settings(max_examples=150, deadline=None)
@given(rows=fact_rows, offset=st.sampled_from([0, 7]))
def test_targets_and_kind_counts_are_the_pandas_rule(rows, offset):
    facts = table(rows, offset)
    pdt.assert_frame_equal(
        sections.targets(facts), facts[facts["is_target"].astype(bool)].reset_index(drop=True), check_index_type=True
    )
    assert list(sections.kind_counts(facts["kind"].tolist()).items()) == list(facts["kind"].value_counts().items())


def test_kind_counts_ties_keep_the_order_of_first_appearance():
    assert list(sections.kind_counts(["rank", "change", "change", "rank", "share", None])) == ["rank", "change", "share"]
