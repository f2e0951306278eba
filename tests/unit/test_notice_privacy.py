"""What a public notice may not carry (``domain.notice_privacy``): a sensitive category tied to a
person, and residents' values however they are typed. Plain functions, no Qt, no database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gridstation.domain import notice_privacy as privacy
from gridstation.domain.identity import check_character
from gridstation.reports.notice_board_base import PersonalDataRefused, PublicDataGuard, SensitiveCategoryRefused


@pytest.mark.parametrize(("text", "term"), [
    ("社区矫正对象刘某某", "社区矫正"),
    ("低保户张三", "低保"),
    ("低保户张三丰家住3号楼", "低保"),
    ("吸毒人员：李四，男，45岁", "吸毒"),
    ("张三（低保户）", "低保"),
    ("王五系社区矫正对象", "社区矫正"),
    ("赵六因吸毒被强制隔离戒毒", "吸毒"),
    ("居民张三系低保户", "低保"),
    ("老张是低保户", "低保"),
    ("李阿姨家的孩子是重点青少年", "重点青少年"),
    ("张*，残疾人", "残疾"),
    ("王×华患有精神障碍", "精神障碍"),
    ("欧阳秀兰（残疾人）", "残疾"),
    ("ＸＸ社区刘ＸＸ，刑满释放人员", "刑满释放"),  # full-width forms read as their ASCII ones
    ("孙某某多次到市里上访", "上访"),
    # a register's line: sex, age, ethnic group, 户主 between the name and the category
    ("王五，男，63岁，低保户", "低保"),
    ("居民王五，男，六十三岁，户主，低保户", "低保"),
    ("李四（女，汉族，72周岁，系低保户）", "低保"),
    ("张三丰 男 45岁 刑满释放人员", "刑满释放"),
    ("欧阳秀兰，女，蒙古族，患有精神障碍", "精神障碍"),
])
def test_a_category_next_to_a_person_is_found_with_its_term(text: str, term: str) -> None:
    assert [link.term for link in privacy.sensitive_links(text)] == [term]


@pytest.mark.parametrize("text", [
    "禁毒宣传：吸毒人员应当主动接受戒毒治疗，珍爱生命，远离毒品。",
    "严重精神障碍患者康复。",
    "关爱精神障碍患者，营造包容的社区环境。",
    "残疾人两项补贴",
    "对社区矫正对象，应当依法管理、教育和帮扶。",
    "刑满释放人员安置帮教工作",
    "国家禁止任何形式的家庭暴力",
    "向某某信访部门反映",
    "低保申请于某日受理",
    "许多人因吸毒家破人亡",
    "小区低保户申请材料由网格员初审",
    "最低生活保障申请",
    "某居民因吸毒被处罚，本人已深刻悔过。",  # no surname: an anonymous case is allowed
    # sex and age without a name before them describe a group, not a person
    "男女老少，低保户可以申请救助",
    "本社区63岁以上老人120人，低保户15户",
    "独居老人，男，78岁，低保户",
    "各民族群众，残疾人优先",
])
def test_the_topic_without_a_person_stays_allowed(text: str) -> None:
    assert privacy.sensitive_links(text) == []


def test_a_known_residents_name_anywhere_near_a_term_counts_and_allowed_names_do_not() -> None:
    # a name the heuristics cannot see (a rare surname, not right against the term) is caught as a resident's
    assert privacy.sensitive_links("庄周，家中困难，已纳入低保") == []
    assert [x.term for x in privacy.sensitive_links("庄周，家中困难，已纳入低保", known={"庄周"})] == ["低保"]
    assert privacy.sensitive_links("家里困难的庄周，后来进了低保。", known={"庄周"}, allowed={"庄周"}) == []
    # the grid leader named on their own card may be said to handle 低保 applications
    assert privacy.sensitive_links("网格员王芳负责低保申请初审", allowed={"王芳"}) == []
    assert [x.term for x in privacy.sensitive_links("王芳是低保户")] == ["低保"]
    assert privacy.sensitive_links("网格员王芳，女，35岁，低保专干", allowed={"王芳"}) == []
    # not across a sentence, not far away
    assert privacy.sensitive_links("张某某参加了活动。低保政策另行宣传。") == []
    assert privacy.sensitive_links("张某某" + "，参加了社区组织的各项活动" * 2 + "，低保") == []


def test_the_whole_catalogue_and_the_built_in_samples_pass() -> None:
    import json

    from gridstation.db.services_notice import DEFAULT_DUTIES, LEGAL_SAMPLES
    from gridstation.resources import resource_path

    catalogue = json.loads(resource_path("catalogue", "catalogue.json").read_text("utf-8"))
    texts = [t for item in catalogue["items"] for t in (item["name"], item["category"], *item["materials"])]
    texts += list(DEFAULT_DUTIES) + [t for title, sections in LEGAL_SAMPLES.values()
                                      for t in (title, *(x for s in sections for x in s))]
    assert [t for t in texts if privacy.sensitive_links(t)] == []


# -- properties ------------------------------------------------------------------------------------

# Characters that cannot start any kind of name the rule looks for: no surname, no 某/×/* placeholder, no
# 老/小 (familiar forms), no Latin X; CJK text, digits and punctuation otherwise.
_NAME_STARTS = set("".join(privacy.SURNAMES) + "".join(privacy.COMPOUND_SURNAMES) + "某老小×✕xX*○〇")
_SAFE = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5).filter(lambda c: c not in _NAME_STARTS)
_PUNCT = st.sampled_from(list("，。、：；！？（）“” 0123456789\n"))
_pieces = st.lists(st.one_of(st.sampled_from(privacy.SENSITIVE_TERMS), st.text(st.one_of(_SAFE, _PUNCT), max_size=6)),
                   max_size=12)


@given(pieces=_pieces)
@settings(max_examples=300, deadline=None)
def test_a_text_without_a_name_like_token_is_never_refused_for_a_term(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert privacy.sensitive_links(text) == []
    PublicDataGuard({"欧阳秀兰", "13812345678"}).check([("title", text)])  # nor by the whole guard


_DESCRIPTORS = st.sampled_from(["男", "女", "63岁", "8岁", "六十三岁", "72周岁", "汉族", "满族", "蒙古族", "户主"])


@given(name=st.sampled_from(["张三", "王五", "李秀英", "欧阳秀兰"]),
       descriptors=st.lists(_DESCRIPTORS, min_size=1, max_size=4),
       separator=st.sampled_from(["，", "、", " ", "，\u3000"]), link=st.sampled_from(["", "系", "是", "患有"]),
       term=st.sampled_from(["低保户", "刑满释放人员", "社区矫正对象", "精神障碍", "吸毒人员", "残疾人"]),
       bracket=st.booleans())
@settings(max_examples=200, deadline=None)
def test_a_name_then_sex_age_or_ethnic_group_then_a_category_is_always_refused(
        name: str, descriptors: list[str], separator: str, link: str, term: str, bracket: bool) -> None:
    described = separator.join(descriptors)
    text = f"{name}（{described}，{link}{term}）" if bracket else separator.join([name, described, link + term])
    assert privacy.sensitive_links(text), text


@st.composite
def id_numbers(draw: st.DrawFn) -> str:
    area = draw(st.from_regex(r"[1-8][0-9]{5}", fullmatch=True))
    born = date(1930, 1, 1) + timedelta(days=draw(st.integers(0, 30_000)))
    first17 = area + born.strftime("%Y%m%d") + draw(st.from_regex(r"[0-9]{3}", fullmatch=True))
    return first17 + check_character(first17)


_mobiles = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)
_names = st.sampled_from(["张三丰", "欧阳秀兰", "李娜", "王建国"])
_FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


@st.composite
def disguised(draw: st.DrawFn, value: str) -> str:
    """``value`` as a typist might write it: full-width, digits split by spaces, dashes, dots or line breaks."""
    if draw(st.booleans()):
        value = value.translate(_FULL_WIDTH)
    separators = st.sampled_from(["", "", " ", "-", "－", ".", "\n", " - ", "—"])
    if value[0] in "0123456789０１２３４５６７８９":
        return "".join(c + draw(separators) for c in value[:-1]) + value[-1]
    return "".join(c + draw(st.sampled_from(["", "", " ", "·"])) for c in value[:-1]) + value[-1]


@given(data=st.data(), value=st.one_of(_mobiles, id_numbers(), _names),
       before=st.text(_SAFE, max_size=8), after=st.text(_SAFE, max_size=8), field=st.sampled_from(
           ["title", "sections[0].heading", "sections[1].body", "slogan", "station_name"]))
@settings(max_examples=300, deadline=None)
def test_a_residents_value_embedded_anywhere_is_always_refused(data: st.DataObject, value: str, before: str,
                                                             after: str, field: str) -> None:
    text = before + data.draw(disguised(value)) + after
    guard = PublicDataGuard({value, "13900001111", "某个不相关的人"})
    with pytest.raises(PersonalDataRefused) as refused:
        guard.check([("title", "通知"), (field, text)] if field != "title" else [(field, text)])
    assert refused.value.field == field


@given(value=st.one_of(_mobiles, id_numbers()), cut=st.integers(1, 10), data=st.data())
@settings(max_examples=200, deadline=None)
def test_a_number_split_over_a_heading_and_its_body_is_refused(value: str, cut: int, data: st.DataObject) -> None:
    head = "联系电话" + value[:cut] + data.draw(st.sampled_from(["", " ", "-"]))
    body = data.draw(st.sampled_from(["", " "])) + value[cut:] + "，欢迎来电"
    with pytest.raises(PersonalDataRefused) as refused:
        PublicDataGuard({value}).check([("title", "通知"), ("sections[0].heading", head), ("sections[0].body", body)])
    assert refused.value.field in ("sections[0].heading", "sections[0].body")  # a part may be a number already


def test_ordinary_numbers_are_not_taken_for_id_numbers() -> None:
    assert not privacy.shows_id_number("公示期：2026.12.3-2026.12.31")
    assert not privacy.shows_id_number("服务时间 8:30-11:30，13:30-17:00，电话 0452-2345000")
    assert privacy.shows_id_number("身份证 110105-19491231-002x")
    assert privacy.shows_id_number("一一〇一〇五一九四九一二三一〇〇二X")
    # separated digits that would be an ID number but for the date: 31 February, 29 February of 2023
    for born in ("20260231", "20230229"):
        first17 = "230204" + born + "001"
        written = f"编号 {first17[:6]}-{first17[6:14]}-{first17[14:]}{check_character(first17)}"
        assert not privacy.shows_id_number(written)
    assert privacy.shows_id_number(f"编号 230204-20240229-001{check_character('23020420240229001')}")  # a leap day
    assert privacy.spanning_digit_runs(["第1", "2是", "正文"]) == [(0, "12")]
    assert privacy.spanning_digit_runs(["第1条", "2是"]) == []
    assert privacy.spanning_digit_runs(["联系138", "1234", "5678"]) == [(0, "13812345678")]


def test_a_category_refusal_names_the_term_and_the_place_never_the_person() -> None:
    with pytest.raises(SensitiveCategoryRefused) as refused:
        PublicDataGuard(set()).check([("title", "通知"), ("sections[0].heading", "帮扶"),
                                      ("sections[1].body", "本月走访社区矫正对象刘某某三次。")])
    error = refused.value
    assert isinstance(error, PersonalDataRefused) and error.field == "sections[1].body"
    assert error.params == {"place": "the text of section", "n": 2, "term": "社区矫正"}
    assert str(error).startswith('The notice-board sheet ties "社区矫正" to a person in the text of section 2.')
    assert "刘" not in str(error)
    with pytest.raises(SensitiveCategoryRefused) as in_title:
        PublicDataGuard(set()).check([("title", "低保户张三的感谢信")])
    assert in_title.value.params == {"place": "the title", "term": "低保"}
    # a resident's name next to a term gets the more precise message too
    with pytest.raises(SensitiveCategoryRefused):
        PublicDataGuard({"庄周"}).check([("title", "通知"), ("sections[0].body", "庄周，家中困难，已纳入低保")])
