"""The words the fact engine reads a number's context with, loaded once from ``data/``.

- ``data/facts_words.tsv``: ``role<TAB>word[<TAB>more]`` lines (roles explained in the file).
- ``data/facts_not_facts.txt``: slogans whose numerals are never facts (literal phrases).
- ``data/facts_not_fact_patterns.tsv``: regular expressions of numbers that name rather than
  count (anniversaries, session numbers, version numbers, distances inside names).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..paths import data_lines

#: A group of provinces a rank is among (中部六省, 西部十二省区): a link, like 全省.
PROVINCE_GROUP = r"[东中西]部[一二三四五六七八九十]{1,2}省(?:区|份)?"

QUALIFIERS = ("", "more_than", "at_least", "about", "at_most", "less_than")


def alt(words) -> str:
    """A regex alternation of ``words``, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def lexicon() -> "Lexicon":
    roles: dict[str, set[str]] = {}
    extra: dict[str, list[tuple[str, str]]] = {}
    for line in data_lines("facts_words.tsv"):
        role, word, *more = [x.strip() for x in line.split("\t")]
        roles.setdefault(role, set()).add(word)
        if more:
            extra.setdefault(role, []).append((word, more[0]))
    not_facts = [w.strip() for w in data_lines("facts_not_facts.txt")]
    patterns = [line.split("\t")[0] for line in data_lines("facts_not_fact_patterns.tsv")]
    return Lexicon(roles, extra, not_facts, patterns)


class Lexicon:
    """Word sets and the regexes built from them (see ``data/facts_words.tsv``)."""

    def __init__(self, roles: dict[str, set[str]], extra: dict[str, list[tuple[str, str]]],
                 not_facts: list[str], patterns: list[str]):
        get = lambda r: roles.get(r, set())  # noqa: E731
        self.qualifier_before = {w: q for q in QUALIFIERS[1:] for w in get(q)}
        self.qualifier_after = {w: q for q in QUALIFIERS[1:] for w in get(q + "_after")}
        self.direction = {**{w: 1 for w in get("up")}, **{w: -1 for w in get("down")}}
        self.links = get("link")
        self.verbs, self.keeps = get("verb"), get("keep")
        self.scopes, self.aspects = get("scope"), get("aspect")
        self.predicates = get("predicate")
        self.set_phrase_units = get("set_phrase_unit")
        self.age_groups = tuple(sorted(get("age_group"), key=len, reverse=True))
        # count_noun: the noun a count without a measure word counts, and its unit
        # (贫困人口减少200万 -> 人); longest first.
        self.count_nouns = sorted(extra.get("count_noun", []), key=lambda p: -len(p[0]))
        # pair: a prefix that names two things at once (城乡 -> 城镇, 农村).
        self.pairs = {w: tuple(x.strip() for x in names.split(",")) for w, names in extra.get("pair", [])}
        tail = set(self.qualifier_before) | set(self.direction) | self.links
        # …and a comparison with a year: 较2020年, 比2020年同期
        self.tail_re = re.compile(
            rf"(?:{alt(tail)}|{PROVINCE_GROUP}|占[^,;:、。；：！？]{{0,15}}的|(?:比|较)(?:1[89]|20)\d\d年(?:底|末)?(?:同期)?)$"
        )
        self.verb_re = re.compile(alt(self.verbs | self.keeps))
        # A verb that ends in a change verb (改造提升 "upgrade" ends in 提升 "raise") right
        # before a number is no change: 改造提升3000个村道 counts roads.
        compound = {v for v in self.verbs if any(v.endswith(d) and v != d for d in self.direction)}
        # …with the verbs joined to it before (新建和改造提升200万亩).
        self.compound_verb_end_re = (
            re.compile(rf"(?:(?:{alt(self.verbs)})[和及与、])*(?:{alt(compound)})$") if compound else None
        )
        self.verb_start_re = re.compile(rf"(?:{alt(self.verbs | self.keeps)})")
        multi_links = {w for w in self.links | set(self.direction) if len(w) > 1}
        # After a count the noun ends at a verb or link (16名医护人员驰援 …); not at a
        # keep word, which also begins nouns (372天无新增病例).
        self.b_stop_re = re.compile(rf"{alt(self.verbs | (multi_links - self.keeps))}|等|[,;:、。；：！？\d]")
        # 超 is a qualifier before a number (保有量超30万辆) but begins nouns after one (3家超市).
        bad_start = multi_links | self.scopes | (set(self.qualifier_before) - {"超"}) | set(self.qualifier_after)
        self.b_bad_start_re = re.compile(rf"(?:{alt(bad_start)}|等|[\d\s])")
        self.scope_re = re.compile(rf"(?:{alt(self.scopes)})")
        self.qual_after_re = re.compile(rf"(?:{alt(self.qualifier_after)})")
        # An indicator that begins with a qualifier of the fact before (以上、蔬菜产量) loses it;
        # one that begins with a word no noun phrase begins with (年纪念…, 字上…, 至…, 均…)
        # or ends in a predicate (…发表重要讲话) is no subject: the indicator is empty.
        self.lead_re = re.compile(rf"(?:{alt(self.qualifier_after)})[、,，\s]*")
        self.not_start_re = re.compile("|".join(f"(?:{p})" for p in sorted(get("not_start"), key=len, reverse=True)))
        self.predicate_end_re = re.compile(rf"(?:{alt(self.predicates)})$")
        self.not_facts_re = re.compile(alt(not_facts)) if not_facts else None
        # Every pattern begins with a numeral: the lookahead skips other positions at once.
        self.not_fact_patterns_re = (
            re.compile(r"(?=[\d一二两三四五六七八九十百])(?:" + "|".join(f"(?:{p})" for p in patterns) + ")")
            if patterns else None
        )
