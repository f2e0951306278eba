"""What may not appear on a public notice (公示栏, domain.md §8): the rules behind the notice-board
guard, free of Qt, the database and reportlab.

**Residents' own values, however written.** A resident's name, ID number or phone must not be
printed. Someone typing one into a sheet may (by habit or on purpose) write it with full-width
digits (``１３８…``, a Chinese input method), with spaces, dashes or dots between the digits
(``138-1234-5678``), broken over two lines, in Chinese numerals (``一三八…``), or across two
fields (the legal sheet's text box turns a block's first line into the heading and the rest into
the body). ``value_candidates`` gives every string such a text could be hiding, to be looked up
among the residents' values; ``spanning_digit_runs`` joins digits that continue from one printed
text into the next; ``shows_id_number`` finds anything that is a valid ID number in any of these
forms (a checked GB 11643 number: separators are ignored only where a real number results, so
dates like ``2026.12.3-2026.12.31`` are not mistaken for one).

**A sensitive category tied to a person.** Special-group tags and health (§7–8: 低保, 残疾,
社区矫正, 刑满释放, 吸毒/戒毒, 精神障碍, 信访 …) are sensitive: "even the flag must not leak". A
legal-publicity sheet must still be able to talk about the topic (禁毒 material, 社区矫正 law), so a
bare mention is allowed; ``sensitive_links`` finds a category term *near something that names a
person*:

* a name of a resident the station holds (``known``), anywhere in the same sentence within
  ``WINDOW`` characters;
* an anonymised or masked name — surname + 某/某某/××/**/○○ (``刘某某``, ``张*``, ``王×华``) — or a
  familiar form (``老张``, ``小李``, ``王大爷``, ``李阿姨``), within the same distance;
* a plain full name (a common surname and one or two characters) written right against the term:
  ``低保户张三``, ``吸毒人员：李四，``, ``张三（低保户）``, ``王五系社区矫正对象``, ``赵六因吸毒…``, or
  separated from it only by what a register says of a person — sex, age, ethnic group, 户主
  (``王五，男，63岁，低保户``, ``李四（女，汉族，72岁，系低保户）``).

Names public on the sheet (``allowed``: the grid leaders on their own card) never count. The rule
is a heuristic: it errs towards refusing a sentence about a person; a text without any name-like
token is never refused for a term (tested as a property).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from gridstation.domain.identity import check_character

# -- residents' values, however written ------------------------------------------------------------

_SEPARATORS = r"\s\-‐‑‒–—―−_.·•・,，、/\\|()（）\[\]【】:：'\"“”‘’"
_BETWEEN_DIGITS = re.compile(rf"(?<=[0-9])[{_SEPARATORS}]+(?=[0-9X])")
_NUMERALS = str.maketrans("〇○零一二三四五六七八九幺", "0001234567891")
_DIGIT_RUN = re.compile(r"[0-9][0-9X]*")
_ID_CANDIDATE = re.compile(r"(?<![0-9])(?:[0-9]{17}[0-9X]|[0-9]{15})(?![0-9X])")
_NAME_SEPARATORS = re.compile(r"[\s·•・]+")  # 张 三丰, 张·三丰: whitespace or a name dot inside a name
_EDGE_SEPARATORS = f"{_SEPARATORS.replace(chr(92), '')}\\ \t\r\n"


def fold_digits(text: str) -> str:
    """``text`` read as a typist's digits: full-width forms as ASCII (NFKC), upper case (``x`` → ``X``),
    and separators (spaces, line breaks, dashes, dots, brackets, commas …) between digits removed."""
    return _BETWEEN_DIGITS.sub("", unicodedata.normalize("NFKC", text).upper())


def fold_numerals(text: str) -> str:
    """``fold_digits`` after reading Chinese numerals (一二三…〇, 幺 for 1) as digits."""
    return fold_digits(unicodedata.normalize("NFKC", text).translate(_NUMERALS))


def text_variants(text: str) -> set[str]:
    """The forms in which ``text`` may carry a resident's value: as written, without whitespace or
    name dots (``·``), with its digits folded, and with Chinese numerals read as digits."""
    return {text, _NAME_SEPARATORS.sub("", text), fold_digits(text), fold_numerals(text)}


def _landline_forms(run: str) -> set[str]:
    """Landlines are stored with a dash after the area code (``0452-2345678``); a run of digits
    that could be one, in that form."""
    forms = set()
    for start in range(len(run)):
        if run[start] != "0":
            continue
        for length in (10, 11, 12):
            digits = run[start:start + length]
            if len(digits) == length:
                forms |= {f"{digits[:3]}-{digits[3:]}", f"{digits[:4]}-{digits[4:]}"}
    return forms


def value_candidates(text: str, lengths: Collection[int]) -> set[str]:
    """Every substring of ``text`` in any of its ``text_variants`` with one of ``lengths`` (the
    lengths of the residents' values), plus the stored landline form of any digit run."""
    found: set[str] = set()
    for variant in text_variants(text):
        found |= {variant[i:i + n] for n in lengths for i in range(len(variant) - n + 1)}
        for run in _DIGIT_RUN.findall(variant):
            found |= _landline_forms(run)
    return found


def _is_id_number(value: str) -> bool:
    """A 15- or 18-character GB 11643 number that checks out (a real birth date; the check digit)."""
    digits = "19" + value[6:12] if len(value) == 15 else value[6:14]
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:  # 31 February, month 13 …: no one was born then
        return False
    return 1880 <= born.year <= 2100 and (len(value) == 15 or check_character(value[:17]) == value[17])


def shows_id_number(text: str) -> bool:
    """Whether ``text`` shows an ID number: 18 or 15 digits in a row as written (spaces aside, any
    such number), or a valid ID number once full-width forms, separators and numerals are read."""
    compact = "".join(text.split()).upper()
    if _ID_CANDIDATE.search(compact):
        return True
    return any(_is_id_number(m.group()) for variant in (fold_digits(text), fold_numerals(text))
               for m in _ID_CANDIDATE.finditer(variant))


def spanning_digit_runs(texts: Sequence[str]) -> list[tuple[int, str]]:
    """Runs of digits that continue from one printed text into the next (``联系电话138`` as a heading
    and ``1234 5678`` as its body): ``(index of the text where the run starts, the joined digits)``.
    Runs inside one text are left to ``value_candidates``."""
    runs: list[tuple[int, str]] = []
    folded = [fold_numerals(t).strip(_EDGE_SEPARATORS) for t in texts]
    index = 0
    while index < len(folded):
        tail = re.search(r"[0-9][0-9X]*$", folded[index])
        if tail is None:
            index += 1
            continue
        start, joined, nxt = index, tail.group(), index + 1
        while nxt < len(folded):
            head = re.match(r"[0-9][0-9X]*", folded[nxt])
            if head is None:
                break
            joined += head.group()
            if head.end() < len(folded[nxt]):
                break
            nxt += 1
        if nxt > index + 1 or (nxt < len(folded) and joined != tail.group()):
            runs.append((start, joined))
        index = max(nxt, index + 1)
    return runs


# -- sensitive categories tied to a person ---------------------------------------------------------

# Terms of the special groups (§7) and of health; the longer of two overlapping terms wins.
SENSITIVE_TERMS: tuple[str, ...] = (
    "最低生活保障", "低保", "特困", "残疾", "残障", "智障", "失能", "瘫痪",
    "社区矫正", "矫正对象", "刑满释放", "刑释", "服刑", "缓刑", "假释", "前科", "劳改",
    "吸毒", "戒毒", "涉毒", "复吸",
    "严重精神障碍", "精神障碍", "精神病", "精神疾病", "精神分裂", "抑郁症",
    "信访", "上访", "缠访", "闹访",
    "重点青少年", "留守儿童", "事实无人抚养", "孤儿", "独居老人", "空巢老人",
    "家庭暴力", "家暴", "艾滋", "HIV", "乙肝", "肝炎", "结核", "癌症", "肿瘤", "白血病", "尿毒症",
    "传染病", "病史",
)
WINDOW = 12  # characters between a term and a name in the same sentence that still tie them

# Common surnames (for 某/×-style and familiar names) and the commonest ones (for plain names next to a
# term, where a rarer surname character is more often an ordinary word: 康复, 关爱, 安置 …).
TOP_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
    "戴莫孔向汤常")
SURNAMES = TOP_SURNAMES | frozenset(
    "康关安管应葛牛洪齐温庞樊兰殷施乔易鲍欧柳耿聂岳翟倪甘祝包左谷鲁宁裴牟骆车尚邢柏单滕"
    "纪舒项蒙伍焦费景詹褚卜阎桂宫凌邬季麦苗席籍卫连湛冉章屈路蓝盛丛邝晏靳鞠")
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "慕容", "司徒", "令狐", "夏侯",
                     "尉迟", "公孙", "长孙", "宇文", "端木", "独孤", "南宫", "西门", "轩辕", "呼延")
# Familiar forms 老X / 小X: surnames that are not also the start of an everyday word after 老/小.
_FAMILIAR = "".join(sorted(TOP_SURNAMES - set("于时区方万石金江向高任白龙钱常段汤")))
# 向某部门 / 于某日: prepositions before 某 rather than surnames
_SURNAME = "(?:" + "|".join(COMPOUND_SURNAMES) + "|[" + "".join(sorted(SURNAMES - set("向于"))) + "])"
_CJK = "\u4e00-\u9fff"
_MASKED = re.compile(
    _SURNAME + r"(?:某某|某(?![些种日时天地处项个一次年月类位件方届期])|[×✕xX*○〇]{1,3}[" + _CJK + r"]?)")
_FAMILIAR_NAME = re.compile(
    r"[老小][" + _FAMILIAR + "]|" + _SURNAME
    + "(?:大爷|大妈|大娘|大伯|大叔|大婶|大姐|大哥|阿姨|奶奶|爷爷|姥姥|姥爷|师傅|先生|女士|同志|老汉|婆婆|老太)")
_TERM = re.compile("|".join(sorted((re.escape(t) for t in SENSITIVE_TERMS), key=len, reverse=True)))
_SENTENCE_END = "。！？；!?;\n\r"
_BOUNDARY = set("，,。.！!？?；;：:、）)（(“”\"'《》【】 \t\r\n\u3000")
_ROLE_SUFFIXES = ("对象", "人员", "患者", "病人", "家庭", "户", "者", "人")
_BEFORE_LINKS = ("属于", "作为", "患有", "是", "系", "为", "属", "因", "曾", "有", "患")
_ETHNIC_GROUPS = ("汉", "满", "回", "蒙古", "朝鲜", "达斡尔", "鄂温克", "鄂伦春", "锡伯", "赫哲", "藏", "壮", "维吾尔",
                  "苗", "彝", "土家", "侗", "瑶", "白", "哈尼", "黎", "傣", "畲", "仡佬", "东乡", "土", "羌")
_LIST_SEPARATORS = "：:，,、 \u3000"  # between a name, what is said of it and a term: 李四，男，低保户
# What a register or a case sheet says of a person between the name and a category (王五，男，63岁，
# 汉族，户主，低保户): up to six such items, with their separators, ending where the text before the
# term ends. Searched from the left, the match is the longest such run.
_DESCRIPTORS = re.compile(
    rf"[{_LIST_SEPARATORS}（(]*(?:(?:男|女|[0-9]{{1,3}}周?岁|[〇一二两三四五六七八九十]{{1,4}}周?岁|(?:"
    + "|".join(_ETHNIC_GROUPS) + rf")族|户主)[{_LIST_SEPARATORS}（(]*){{1,6}}$")
# Everyday words starting with a common surname character that may stand right against a term.
COMMON_WORDS = frozenset((
    "严重 严格 严禁 严厉 任何 任务 任职 任期 何时 何种 何地 何况 何处 许多 许可 许诺 曾经 高龄 高危 高度 高于 高温 "
    "方面 方式 方法 方可 方案 程序 程度 金额 金钱 金融 万元 万一 马上 陆续 陆地 于是 于此 向前 周边 周期 周末 周围 "
    "周知 周到 林地 林业 田地 田间 夏季 黄色 黄金 白天 石油 石头 江河 江湖 龙头 段落 毛病 武器 钱款 钱财 史料 叶片 "
    "唐突 郑重 谢谢 谢绝 罗列 汪洋 陶瓷 贺卡 顾问 顾及 顾客 莫不 莫非 钟表 钟点 范围 范例 余额 余下 杜绝 苏醒 丁点 "
    "付款 付出 胡乱 孙女 孙子 马路 董事 肖像 雷同 常见 常规 常用 常年 常态 陈述 陈列 康复 关爱 关心 关注 安置 管理 "
    "管控 应当 应该 齐全 温暖 宁可 包括 包含 单位 项目 连续 章程 路口 盛情 邢事 宫颈 季度 纪律 祝福 车辆 兰花 尚未 "
    "施行 施工 易发 宁静 葛根 左右 谷物 景区 卫生 苗头 席位 籍贯").split())


@dataclass(frozen=True)
class SensitiveLink:
    """A sensitive category ``term`` tied to a person, at ``start`` in the NFKC form of the text."""

    term: str
    start: int


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    before = max(text.rfind(c, 0, start) for c in _SENTENCE_END) + 1
    after = [i for i in (text.find(c, end) for c in _SENTENCE_END) if i >= 0]
    return before, min(after, default=len(text))


def _plain_name(token: str) -> bool:
    """A plain full name: a common surname (or a compound one) and one or two characters, all CJK,
    not an everyday word."""
    if (not token or not all(_CJK[0] <= c <= _CJK[-1] for c in token) or token[:2] in COMMON_WORDS or "某" in token
            or _TERM.search(token)):  # 白血病, 肿瘤 …: another term, not a name
        return False
    if token[:2] in COMPOUND_SURNAMES:
        return 3 <= len(token) <= 4
    return token[0] in TOP_SURNAMES and 2 <= len(token) <= 3


def _name_after(text: str, end: int) -> str | None:
    """``低保户张三`` / ``吸毒人员：李四，``: a plain name right after the term (and its role word)."""
    position = end
    position += next((len(s) for s in _ROLE_SUFFIXES if text.startswith(s, position)), 0)
    if position < len(text) and text[position] in _LIST_SEPARATORS:
        position += 1
    for length in (2, 3, 4):
        after = position + length
        if after > len(text):
            break
        follows_boundary = after == len(text) or text[after] in _BOUNDARY or text.startswith(
            ("的", "等", "家", "同志", "先生", "女士"), after)
        if follows_boundary and _plain_name(text[position:after]):
            return text[position:after]
    return None


def _name_before(text: str, start: int) -> str | None:
    """``张三（低保户）`` / ``王五系社区矫正对象`` / ``赵六因吸毒`` / ``，李四，低保户``: a plain name right
    before the term, joined by a bracket or a linking word (or standing after a boundary), perhaps
    with the person's sex, age or ethnic group between (``王五，男，63岁，低保户``)."""
    position, linked = start, False
    if position and text[position - 1] in "（(":
        position, linked = position - 1, True
    else:
        link = next((w for w in _BEFORE_LINKS if text.startswith(w, position - len(w)) and position >= len(w)), None)
        if link is not None:
            position, linked = position - len(link), True
        elif position and text[position - 1] in _LIST_SEPARATORS:
            position -= 1
    described = _DESCRIPTORS.search(text, max(0, position - 60), position)
    if described is not None:  # 男，63岁 … before the term: they describe a person, named before them
        position, linked = described.start(), True
    for length in (2, 3, 4):
        begin = position - length
        if begin < 0:
            break
        if _plain_name(text[begin:position]) and (linked or begin == 0 or text[begin - 1] in _BOUNDARY):
            return text[begin:position]
    return None


def _strong_names(text: str, known: Collection[str], allowed: Collection[str]) -> list[tuple[int, int]]:
    """Spans of masked, familiar and known names in ``text``, except the ``allowed`` ones."""
    spans = [(m.start(), m.end()) for pattern in (_MASKED, _FAMILIAR_NAME) for m in pattern.finditer(text)
             if m.group() not in allowed]
    for name in known:
        if len(name) < 2 or name in allowed:
            continue
        start = text.find(name)
        while start >= 0:
            spans.append((start, start + len(name)))
            start = text.find(name, start + 1)
    return spans


def sensitive_links(text: str, *, known: Collection[str] = (), allowed: Collection[str] = ()) -> list[SensitiveLink]:
    """Each sensitive term in ``text`` that stands near something naming a person (see the module's
    doc). ``known``: residents' names (those found in the text are enough); ``allowed``: names that are
    public on this sheet."""
    text = unicodedata.normalize("NFKC", text)
    terms = list(_TERM.finditer(text))
    if not terms:
        return []
    allowed = {a.strip() for a in allowed if a.strip()}
    names = _strong_names(text, [k.strip() for k in known], allowed)
    links = []
    for term in terms:
        first, last = _sentence(text, term.start(), term.end())
        near = any(first <= s and e <= last and (s - term.end() <= WINDOW and term.start() - e <= WINDOW)
                   and not (s >= term.start() and e <= term.end()) for s, e in names)
        plain = {_name_after(text, term.end()), _name_before(text, term.start())} - {None}
        if near or any(not any(name.startswith(a) or a.startswith(name) for a in allowed) for name in plain if name):
            links.append(SensitiveLink(term.group(), term.start()))
    return links


def first_sensitive_link(texts: Iterable[tuple[str, str]], *, known: Collection[str] = (),
                         allowed: Collection[str] = ()) -> tuple[str, SensitiveLink] | None:
    """The first ``(where, link)`` among ``(where, text)`` pairs, or None."""
    for where, text in texts:
        links = sensitive_links(text, known=known, allowed=allowed)
        if links:
            return where, links[0]
    return None
