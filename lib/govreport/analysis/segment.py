"""Segmentation with parts of speech: jieba.posseg's reading, token for token, done faster.

    >>> from govreport.analysis import segment
    >>> segment.pos_cut("坚持稳中求进工作总基调")[:2]
    [('坚持', 'v'), ('稳中求进', 'l')]

Nothing happens at import. jieba is set up on first use, once per process (``setup``): its
logger is silenced (it would announce "Building prefix dict…" on stderr), a tokenizer of our
own is built (jieba's global one is left untouched) and the user dictionary
(``USERDICT_FILE``) is loaded into it. jieba keeps its dictionary's prefix table in
a cache file of the system's temporary directory (``jieba.cache``, made on the first run on a
machine and read by every later process); nothing is written in the repository.

``pos_cut(text)`` gives what ``jieba.posseg.POSTokenizer(our tokenizer).cut(text)`` gives
(HMM on), as (word, tag) pairs, by the same steps and the same arithmetic:

1. the text is split into blocks of Chinese, latin letters and digits, and the rest;
2. each block's best route through the dictionary's words (jieba's DAG and its ``calc``):
   the weight of a word, ``log(freq) - log(total)``, is computed once per process (at most
   ``MARK_MEMO`` fragments kept);
3. a run of single characters that is not a dictionary word is read by the part-of-speech
   HMM (jieba's Viterbi pass). Ours visits, for each state of a character, only the states
   of the previous character that can move to it: the others score minus infinity and never
   win, so the best path is the same; each character's states, with their start, emission
   and transition scores, are looked up once per process. The reading of a run depends on the run alone, and
   runs recur within a report and across reports, so each is read once per process and kept
   (at most ``RUN_MEMO`` runs; the memo starts afresh when full).

The words of each block are kept too (at most ``BLOCK_MEMO`` blocks): a report read again in
the same process (the tests load the bundled report many times) costs little the second time.

``tests/test_segment.py`` checks the tokens against jieba's own reader on the bundled report
and on texts made to reach its corner cases.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import threading
import warnings
from functools import lru_cache
from math import log

from .. import paths

#: Policy terms kept as one token (六稳, 三大攻坚战, 散乱污 …): ``word [freq] [tag]`` a line.
USERDICT_FILE = paths.DATA_DIR / "userdict.txt"

#: jieba.posseg's score of an emission its model never saw.
MIN_FLOAT = -3.14e100
#: Runs of characters outside the dictionary whose HMM reading is kept.
RUN_MEMO = 200_000

#: Blocks (runs of Chinese, latin letters and digits between punctuation) whose words are kept.
BLOCK_MEMO = 200_000
#: Fragments whose place in the prefix table is kept (``_Reader._mark``).
MARK_MEMO = 1_000_000
_UNSEEN = object()
_LOCK = threading.Lock()
_STATE: dict = {}


@lru_cache(maxsize=None)
def _userdict() -> tuple[tuple[str, int | None, str | None], ...]:
    entries = []
    for line in paths.data_lines(USERDICT_FILE):
        parts = line.split()
        word, freq, tag = parts[0], None, None
        for extra in parts[1:]:
            if extra.isdigit():
                freq = int(extra)
            else:
                tag = extra
        entries.append((word, freq, tag))
    return tuple(entries)


@contextlib.contextmanager
def _quiet_setup():
    """Around jieba's set-up: no ResourceWarning (jieba 0.42 leaves some data files open) and
    no garbage collection while it builds its 350 000-entry tables (about 40% faster);
    the collector's previous state is restored."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            yield
    finally:
        if was_enabled:
            gc.enable()


def setup() -> dict:
    """Our jieba state, made once: ``tokenizer`` (jieba's Tokenizer with the user dictionary),
    ``posseg`` (jieba's part-of-speech tokenizer on it) and ``reader`` (``pos_cut``'s)."""
    if _STATE:
        return _STATE
    with _LOCK, _quiet_setup():
        if not _STATE:
            import jieba

            # jieba logs "Building prefix dict…" at DEBUG level to stderr: silence it.
            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            # Shorter terms first: each word's frequency is suggested (jieba's
            # suggest_freq) against what is already there, so that longer terms that
            # contain shorter ones (大数据+网格化 contains 大数据) still win.
            for word, freq, tag in sorted(_userdict(), key=lambda e: len(e[0])):
                tokenizer.add_word(word, freq, tag or "nz")
            import jieba.posseg

            # A part-of-speech tokenizer on top of ours. POSTokenizer(tokenizer) would read
            # jieba's 350 000-line dictionary a second time for the tags (0.6 s); the tag
            # table jieba.posseg built at import is the same, so ours starts from a copy
            # of it (a copy: our user-dictionary tags must not leak into jieba's global one).
            posseg = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
            posseg.tokenizer = tokenizer
            posseg.word_tag_tab = dict(jieba.posseg.dt.word_tag_tab)
            posseg.makesure_userdict_loaded()  # the user dictionary's tags, as posseg's cut would
            _STATE.update(tokenizer=tokenizer, posseg=posseg, reader=_Reader(tokenizer, posseg.word_tag_tab))
    return _STATE


def pos_cut(text: str) -> list[tuple[str, str]]:
    """(word, part of speech) of every token of ``text``, as jieba.posseg cuts it (with the HMM)
    using our tokenizer; whitespace comes back as tokens tagged x, like jieba's."""
    return setup()["reader"].cut(text)


class _Reader:
    """jieba.posseg's cut (HMM on) over one tokenizer, with the weights and run readings kept."""

    def __init__(self, tokenizer, word_tag_tab: dict):
        import jieba.posseg as P

        self.freq = tokenizer.FREQ
        self.logtotal = log(tokenizer.total)
        self.tags = word_tag_tab
        self.marks: dict = {}  # fragment -> None, False or weight (see _mark)
        self.lone = log(1) - self.logtotal  # the weight of a character that is no word (jieba: log(freq or 1))
        self.runs: dict[str, list] = {}  # run of characters outside the dictionary -> its words (HMM)
        self.blocks: dict[str, list] = {}  # block of Chinese, latin and digits -> its words
        self.char_states, self.start_p, self.trans_p, self.emit_p = P.char_state_tab_P, P.start_P, P.trans_P, P.emit_P
        self.all_states = self.trans_p.keys()
        # For each state, the states that can move into it, with the transition's score (the
        # others would score minus infinity and never win).
        into: dict = {}
        for x, nexts in self.trans_p.items():
            for y, score in nexts.items():
                into.setdefault(y, {})[x] = score
        self.into = into
        self.plans: dict[str, tuple] = {}  # character -> its states (``_plan``)
        self.firsts: dict[str, tuple] = {}  # character -> its states and scores at a run's start
        self.re_han_internal, self.re_skip_internal = P.re_han_internal, P.re_skip_internal
        self.re_han_detail, self.re_skip_detail = P.re_han_detail, P.re_skip_detail
        self.re_num, self.re_eng = P.re_num, P.re_eng

    # -- jieba.posseg.POSTokenizer.__cut_internal
    def cut(self, text: str) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        han, skip, re_num, re_eng, blocks = self.re_han_internal, self.re_skip_internal, self.re_num, self.re_eng, self.blocks
        # The split alternates: text between blocks (even places), blocks (odd places).
        for i, blk in enumerate(han.split(text)):
            if not blk:
                continue
            if i % 2:
                words = blocks.get(blk)
                if words is None:
                    if len(blocks) >= BLOCK_MEMO:
                        blocks.clear()
                    words = blocks[blk] = self._cut_block(blk)
                out.extend(words)
            else:
                for x in skip.split(blk):
                    if skip.match(x):
                        out.append((x, "x"))
                    else:
                        for xx in x:
                            if re_num.match(xx):
                                out.append((xx, "m"))
                            elif re_eng.match(x):  # (x, not xx: as jieba does)
                                out.append((xx, "eng"))
                            else:
                                out.append((xx, "x"))
        return out

    # -- jieba.Tokenizer.get_DAG and calc: the best route's next word end from each position
    def _route(self, s: str) -> list[int]:
        marks = self.marks
        n = len(s)
        best = [0.0] * (n + 1)
        ends = [0] * (n + 1)
        for k in range(n - 1, -1, -1):
            bv = bx = None
            i = k
            frag = s[k]
            while i < n:
                w = marks.get(frag, _UNSEEN)
                if w is _UNSEEN:
                    w = self._mark(frag)
                if w is None:  # not a word, nor the start of one
                    break
                if w is not False:  # a word (False: only the start of one)
                    v = w + best[i + 1]
                    if bv is None or v >= bv:  # max of (value, end): a tie goes to the later end
                        bv, bx = v, i
                i += 1
                frag = s[k : i + 1]
            if bv is None:  # no word starts here: the character alone, of frequency 1
                bv, bx = self.lone + best[k + 1], k
            best[k], ends[k] = bv, bx
        return ends

    def _mark(self, frag: str):
        """What ``frag`` is to the route: None (not in the prefix table), False (only the start
        of a word) or the word's weight, log(frequency) - log(total) as jieba's calc computes it."""
        if len(self.marks) >= MARK_MEMO:
            self.marks.clear()
        f = self.freq.get(frag)
        w = self.marks[frag] = None if f is None else (log(f) - self.logtotal if f else False)
        return w

    # -- jieba.posseg.POSTokenizer.__cut_DAG
    def _cut_block(self, s: str) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        ends, tags = self._route(s), self.tags
        n = len(s)
        x = 0
        buf_start = None
        while x < n:
            y = ends[x] + 1
            if y - x == 1:
                if buf_start is None:
                    buf_start = x
            else:
                if buf_start is not None:
                    self._flush(s[buf_start:x], out)
                    buf_start = None
                word = s[x:y]
                out.append((word, tags.get(word, "x")))
            x = y
        if buf_start is not None:
            self._flush(s[buf_start:], out)
        return out

    def _flush(self, buf: str, out: list) -> None:
        tags = self.tags
        if len(buf) == 1:
            out.append((buf, tags.get(buf, "x")))
        elif not self.freq.get(buf):
            words = self.runs.get(buf)
            if words is None:
                if len(self.runs) >= RUN_MEMO:
                    self.runs.clear()
                words = self.runs[buf] = self._detail(buf)
            out.extend(words)
        else:
            out.extend((c, tags.get(c, "x")) for c in buf)

    # -- jieba.posseg.POSTokenizer.__cut_detail
    def _detail(self, run: str) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        han, skip = self.re_han_detail, self.re_skip_detail
        for i, blk in enumerate(han.split(run)):  # (odd places: the Chinese runs)
            if i % 2:
                out.extend(self._hmm(blk))
            else:
                for x in skip.split(blk):
                    if x:
                        if self.re_num.match(x):
                            out.append((x, "m"))
                        elif self.re_eng.match(x):
                            out.append((x, "eng"))
                        else:
                            out.append((x, "x"))
        return out

    # -- jieba.posseg.POSTokenizer.__cut
    def _hmm(self, s: str) -> list[tuple[str, str]]:
        states = self._viterbi(s)
        out = []
        begin = nexti = 0
        for i, char in enumerate(s):
            pos, tag = states[i]
            if pos == "B":
                begin = i
            elif pos == "E":
                out.append((s[begin : i + 1], tag))
                nexti = i + 1
            elif pos == "S":
                out.append((char, tag))
                nexti = i + 1
        if nexti < len(s):
            out.append((s[nexti:], states[nexti][1]))
        return out

    # -- jieba.posseg.viterbi.viterbi
    def _viterbi(self, obs: str) -> list:
        plans = self.plans
        c = obs[0]
        first = self.firsts.get(c)
        if first is None:  # the states of a run's first character, scored: start + emission
            emit_p, start_p = self.emit_p, self.start_p
            first = self.firsts[c] = tuple(
                (y, start_p[y] + emit_p[y].get(c, MIN_FLOAT)) for y in self.char_states.get(c, self.all_states)
            )
        v_prev = dict(first)
        paths = []
        for t in range(1, len(obs)):
            c = obs[t]
            plan = plans.get(c)
            if plan is None:
                plan = self._plan(c)
            v: dict = {}
            came: dict = {}
            n_prev = len(v_prev)
            for y, into, e in plan:
                bv = bx = None
                # The same search either way; it walks the smaller of the two dictionaries.
                if len(into) < n_prev:
                    for x, tr in into.items():
                        vx = v_prev.get(x)
                        if vx is not None:
                            p = vx + tr + e
                            if bv is None or p > bv or (p == bv and x > bx):
                                bv, bx = p, x
                else:
                    for x, vx in v_prev.items():
                        tr = into.get(x)
                        if tr is not None:
                            p = vx + tr + e
                            if bv is None or p > bv or (p == bv and x > bx):
                                bv, bx = p, x
                if bx is not None:
                    v[y], came[y] = bv, bx
            if not v:  # no state of this character can follow: jieba's fallback, as jieba computes it
                v, came = self._viterbi_step(v_prev, [x for x in v_prev if self.trans_p[x]], c)
            paths.append(came)
            v_prev = v
        prob, state = max((p, y) for y, p in v_prev.items())
        route = [state]
        for came in reversed(paths):
            state = came[state]
            route.append(state)
        route.reverse()
        return route

    def _plan(self, c: str) -> tuple:
        """The states character ``c`` can take, each with the states that can move into it
        (state -> transition score) and its emission score for ``c``."""
        into, emit_p = self.into, self.emit_p
        plan = self.plans[c] = tuple(
            (y, into[y], emit_p[y].get(c, MIN_FLOAT)) for y in self.char_states.get(c, self.all_states) if into.get(y)
        )
        return plan

    def _viterbi_step(self, v_prev: dict, prev: list, c: str) -> tuple[dict, dict]:
        trans_p, emit_p = self.trans_p, self.emit_p
        following = set(y for x in prev for y in trans_p[x].keys())
        v, came = {}, {}
        for y in following if following else self.all_states:
            v[y], came[y] = max(
                (v_prev[x] + trans_p[x].get(y, float("-inf")) + emit_p[y].get(c, MIN_FLOAT), x) for x in prev
            )
        return v, came
