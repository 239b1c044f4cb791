"""Page clutter: lines a web page adds around a report, which belong to the site, not the report.

A report copied out of a web page (or read from one) carries the site's own lines:

- buttons and links: ``下载``, ``打印``, ``全屏``, ``收藏``, ``关闭``, ``返回顶部``,
  ``【打印本页】【关闭窗口】``, ``扫一扫在手机打开当前页``;
- font-size toggles: ``【字号：加大 还原 减小】``, ``【字体：大 中 小】``;
- sharing: ``分享：``, ``分享到：微信 微博``;
- breadcrumbs: ``首页 > 政府信息公开 > 政府工作报告``, ``您的位置：…``, ``当前位置：…``;
- the posting's labels: ``来源：某某日报``, ``时间：2026-02-02 09:20``, ``发布时间：…``,
  ``阅读量：``, ``浏览次数：``, ``作者：``, ``责任编辑：``, alone or several on one line;
- photo captions: ``某某作政府工作报告。本报记者 某某 摄``.

``is_clutter(line)`` says whether a line is one of these. Such lines stay in
``report.text`` (offsets hold), but the title block, the metadata and the outline skip
them. A ``标题：`` label before the title is not clutter (``meta`` drops the label).

``source_of(lines)`` and ``published_of(lines)`` read the two labels worth keeping: the
newspaper or site after ``来源：`` and the posting date after ``时间：`` / ``发布时间：``
(an ISO date), which is never the session's date.

    >>> is_clutter("【字体：大 中 小】"), is_clutter("首页 > 政府信息公开 > 政府工作报告")
    (True, True)
    >>> is_clutter("一、过去一年的工作")
    False
    >>> source_of(["来源：某某日报　时间：2026-02-02 09:20"]), published_of(["发布时间：2026年2月3日"])
    ('某某日报', '2026-02-03')
"""

from __future__ import annotations

import datetime as _dt
import re

from .outline import SPACE, SPACE_CLASS

_SP = SPACE_CLASS
# Site buttons and links; a line made only of these (with brackets, bars and spaces) is clutter.
_BUTTONS = (
    "下载", "打印", "全屏", "收藏", "关闭", "返回", "返回顶部", "返回首页", "打印本页", "关闭窗口",
    "关闭本页", "加入收藏", "收藏本页", "保存", "纠错", "我要纠错", "分享", "复制链接", "字号",
    "加大", "还原", "减小", "默认", "放大", "缩小", "上一篇", "下一篇", "相关链接",
    "附件下载", "下载附件", "PDF下载", "扫一扫", "手机阅读", "微信", "微博", "QQ", "QQ空间",
    "朋友圈", "打印此页", "【", "】", "[", "]", "|", "｜", "/",
)
_BUTTON_RE = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, _BUTTONS), key=len, reverse=True)) + rf"|{_SP})+"
)
_SIZES = re.compile(rf"^[【\[]?[大中小](?:{_SP}*[大中小]){{1,2}}[】\]]?$")  # 大 中 小, the toggle without its label
_SCAN = re.compile(r"^[【\[]?(?:扫一扫|扫描二维码|用手机扫描)[^。]{0,30}$")
# A label of the posting and what follows it (up to the next label).
_LABELS = (
    "来源", "信息来源", "文章来源", "稿件来源", "时间", "发布时间", "发布日期", "日期", "更新时间",
    "阅读量", "阅读次数", "浏览次数", "浏览量", "访问量", "点击数", "点击量", "作者", "编辑",
    "责任编辑", "责编", "审核", "校对", "字号", "字体", "分享", "分享到",
)
_LABEL = "|".join(sorted(_LABELS, key=len, reverse=True))
_LABEL_AT = re.compile(rf"[【\[]?(?P<label>{_LABEL}){_SP}*[：:]")
_TOGGLE = re.compile(rf"^[【\[]?(?:字号|字体)[：:]?{_SP}*(?:[大中小]|加大|还原|减小|默认|放大|缩小|{_SP})*[】\]]?$")
_CRUMB = re.compile(rf"^(?:您的位置|您现在的位置|当前位置|所在位置|位置){_SP}*[：:]|^{_SP}*首页{_SP}*(?:[>＞»›→/]|&gt;)")
_CAPTION = re.compile(rf"(?:记者|摄影|通讯员|图/|{_SP})[\u4e00-\u9fff·]{{2,8}}{_SP}?摄[）)]?$")
_POSTED = re.compile(r"^(?:时间|发布时间|发布日期|日期|更新时间)$")
_SOURCE = re.compile(r"^(?:来源|信息来源|文章来源|稿件来源)$")
_DATE = re.compile(
    r"(?P<y>(?:19|20)\d\d)\s*(?:[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})"
    r"|年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日)"
)
CLUTTER_MAX = 120  # a longer line is report text, whatever it starts with


def is_clutter(line: str) -> bool:
    """Whether ``line`` is page clutter (see the module docstring). Blank lines are not."""
    line = line.strip(SPACE + "\r\n")
    if not line or len(line) > CLUTTER_MAX:
        return False
    if _BUTTON_RE.fullmatch(line) or _TOGGLE.match(line) or _SIZES.match(line) or _CRUMB.match(line) or _SCAN.match(line):
        return True
    if _label_fields(line) is not None:
        return True
    return "。" not in line[-3:] and _CAPTION.search(line) is not None


def _label_fields(line: str) -> list[tuple[str, str]] | None:
    """``[(label, value), …]`` when ``line`` is made of labels (来源：… 时间：…) and buttons only, else None."""
    first = _LABEL_AT.match(line)
    if first is None:
        return None
    marks = list(_LABEL_AT.finditer(line))
    fields = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(line)
        value = line[m.end() : end].strip(SPACE + "】]|｜")
        fields.append((m["label"], value))
    # A sentence is never a label's value: a value is short and has no full stop inside.
    if any("。" in v or len(v) > 40 for _, v in fields):
        return None
    return fields


def source_of(lines: list[str]) -> str | None:
    """The newspaper or site after the first ``来源：`` label of a clutter line among ``lines``; None if none."""
    for line in lines:
        line = line.strip(SPACE + "\r\n")
        if len(line) <= CLUTTER_MAX and (fields := _label_fields(line)):
            for label, value in fields:
                words = value.split()
                while words and _BUTTON_RE.fullmatch(words[-1]):
                    words.pop()  # 来源：某某日报 打印 关闭
                value = " ".join(words)
                if _SOURCE.match(label) and value:
                    return value
    return None


def published_of(lines: list[str]) -> str | None:
    """The posting date (ISO 'YYYY-MM-DD') after the first ``时间：`` / ``发布时间：`` label
    of a clutter line among ``lines``; None if none or not a real date."""
    for line in lines:
        line = line.strip(SPACE + "\r\n")
        if len(line) <= CLUTTER_MAX and (fields := _label_fields(line)):
            for label, value in fields:
                if _POSTED.match(label) and (m := _DATE.search(value)):
                    try:
                        return _dt.date(int(m["y"]), int(m["m"] or m["m2"]), int(m["d"] or m["d2"])).isoformat()
                    except ValueError:
                        return None
    return None
