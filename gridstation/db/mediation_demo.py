"""Demo mediation cases (domain.md §4): realistic disputes of a city community, at least one in
every state, written through the same functions the interface uses (so every guard is passed and
every record has its outbox entry). ID numbers carry valid check digits; names are invented."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from gridstation.db import mediation, mediation_records
from gridstation.db.accounts import SignedIn
from gridstation.db.clock import Clock
from gridstation.db.store import Store
from gridstation.domain.identity import check_character
from gridstation.domain.mediation_parties import PartyInput


def demo_id(area: str, born: date, seq: int) -> str:
    first17 = f"{area}{born:%Y%m%d}{seq:03d}"
    return first17 + check_character(first17)


@dataclass(frozen=True)
class DemoCase:
    title: str
    dispute_type: str
    source: str
    facts: str
    amount: str
    parties: tuple[PartyInput, ...]
    clauses: tuple[str, ...] = ()
    statements: tuple[tuple[str, str], ...] = ()
    flags: dict[str, bool] = field(default_factory=dict)


def person(side: str, name: str, born: date, seq: int, phone: str, address: str, occupation: str) -> PartyInput:
    return PartyInput(side, "person", name, ethnicity="汉族", occupation=occupation, phone=phone, address=address,
                      id_number=demo_id("230204", born, seq))


CASES = (
    DemoCase("张桂兰与李建国漏水纠纷", "neighbour", "application",
        "李建国家卫生间防水失效，楼下张桂兰家顶棚渗水受损。", "1800",
             (person("applicant", "张桂兰", date(1950, 3, 8), 22, "13812345678", "新兴小区3号楼2单元501室", "退休职工"),
              person("respondent", "李建国", date(1981, 6, 19), 17, "13904521234", "新兴小区3号楼2单元601室",
                  "个体经营")),
             ("李建国于十日内修复卫生间防水层。", "李建国赔偿张桂兰顶棚修复费用1800元，当场付清。"),
             (("张桂兰", "顶棚已经泡坏三个月了。"), ("李建国", "我愿意修，但赔偿金额要商量。"))),
    DemoCase("王秀芝与刘强赡养纠纷", "marriage_family", "application", "王秀芝年逾八旬，要求儿子刘强按月支付赡养费。",
        "6000",
             (person("applicant", "王秀芝", date(1943, 11, 2), 24, "13645210987", "光荣小区5栋1单元", "无业"),
              person("respondent", "刘强", date(1970, 1, 15), 35, "13504520011", "龙华路12号院", "司机")),
             ("刘强自本月起每月5日前支付王秀芝赡养费500元。", "刘强每周至少探望母亲一次。"),
             (("王秀芝", "儿子半年没来看我了。"), ("刘强", "工作忙，以后一定常来。")), {"prevents_crime": True}),
    DemoCase("陈立新与安居物业停车费纠纷", "property_mgmt", "initiative",
        "业主陈立新对物业上调地面停车费不满，拒交物业费。", "960",
             (person("applicant", "陈立新", date(1978, 9, 30), 13, "15845201234", "新兴小区8号楼", "教师"),
              PartyInput("respondent", "organisation", "齐齐哈尔市安居物业服务有限公司", legal_rep="王志强",
                  agent="刘洋",
                         phone="0452-2345678", address="站前大街18号")),
             ("物业公司公示停车收费依据，按原标准收取至年底。", "陈立新于本月底前补交物业费960元。")),
    DemoCase("赵春华与孙宏伟装修噪音纠纷", "neighbour", "police",
        "孙宏伟家装修在休息时间施工，双方发生口角，派出所移交调解。", "0",
             (person("applicant", "赵春华", date(1985, 4, 21), 28, "18645201122", "光荣小区2栋", "护士"),
              person("respondent", "孙宏伟", date(1990, 12, 3), 19, "18345209876", "光荣小区2栋", "装修工")),
             ("孙宏伟家装修仅在工作日8:00至12:00、14:00至18:00施工。", "双方互相谅解，不再争吵。"),
             (("赵春华", "我上夜班，白天必须休息。"), ("孙宏伟", "工期紧，可以调整时间。")), {"prevents_crime": True}),
    DemoCase("东湖建筑工地二十三名农民工欠薪纠纷", "labour", "government", "二十三名农民工被拖欠工资，准备集体上访。",
        "184000",
             (person("applicant", "马振东", date(1975, 7, 7), 11, "13704521357", "扎龙镇马家村", "瓦工"),
              PartyInput("respondent", "organisation", "齐齐哈尔市鑫源建筑劳务有限公司", legal_rep="高鹏", agent="",
                         phone="0452-2678901", address="东湖街道建设路66号")),
             ("劳务公司于本月20日前分两次付清拖欠工资184000元。", "付款后农民工代表出具收条，不再上访。"),
             (("马振东", "大伙三个月没拿到钱了。"), ("高鹏", "工程款刚到账，可以分期付。")),
             {"prevents_petition": True}),
    DemoCase("周丽娟与吴海超电动车剐蹭纠纷", "traffic", "application", "吴海超骑电动车剐蹭周丽娟停放的轿车。", "1200",
             (person("applicant", "周丽娟", date(1988, 2, 14), 26, "15945203344", "新兴街7号", "会计"),
              person("respondent", "吴海超", date(1999, 10, 1), 15, "17745205566", "新兴街12号", "外卖骑手")),
             ("吴海超赔偿周丽娟车辆修理费1200元，分两个月付清。",)),
    DemoCase("徐文与郭立平宅基地界址纠纷", "house_land", "initiative", "两户因院墙界址发生争执。", "0",
             (person("applicant", "徐文", date(1966, 5, 5), 33, "13314529876", "扎龙镇徐家屯", "农民"),
              person("respondent", "郭立平", date(1968, 8, 8), 37, "13314521234", "扎龙镇徐家屯", "农民")), ()),
    DemoCase("黄晓梅与朝阳超市消费纠纷", "consumer", "application", "购买的奶粉临近保质期未标明。", "398",
             (person("applicant", "黄晓梅", date(1992, 6, 6), 28, "18804527788", "站前小区", "职员"),
              PartyInput("respondent", "organisation", "铁锋区朝阳超市", legal_rep="林森", phone="0452-2456789")),
             ("超市退还货款398元并赠送同品牌奶粉一罐。",)),
)


# For each demo case: the state it ends in and how many days ago it was registered.
PLAN = (("closed", 70), ("archived", 95), ("follow_up", 40), ("performing", 25), ("agreed", 12),
        ("mediating", 20), ("investigating", 6), ("registered", 1))
EXTRA = (("accepted", 3, 1), ("rejected", 9, 6), ("terminated", 33, 6))  # (state, days ago, case template)


REJECTION = "属于行政机关依法处理的事项，已告知向相关部门反映。"
TERMINATION = "双方对界址分歧较大，经两次调解未能达成一致。"
DEFAULT_STATEMENTS = (("申请人", "请调解员主持公道。"), ("被申请人", "愿意协商解决。"))
INVESTIGATED = frozenset({"investigating", "agreed", "performing", "follow_up", "closed", "archived"})


class StoryClock:
    """The demo's clock while it writes the cases: each step happens on the day of the case's
    story (registered 70 days ago, accepted the next day, …), never later than the real now, so
    the history, the records' times and the printed forms agree with each other."""

    def __init__(self, real: Clock) -> None:
        self.real = real
        self.moment = real.now()

    def now(self) -> datetime:
        return self.moment

    def monotonic(self) -> float:
        return self.real.monotonic()

    def boot_id(self) -> str:
        return self.real.boot_id()

    def set(self, day: date, hour: float = 9) -> None:
        """Local ``hour`` o'clock of ``day`` (or the real now, if that is earlier)."""
        local = datetime.combine(day, time(int(hour), int(hour % 1 * 60))).astimezone()
        self.moment = min(local.astimezone(UTC), self.real.now())


def _on(store: Store, day: date, hour: float = 9) -> None:
    if isinstance(store.clock, StoryClock):
        store.clock.set(day, hour)


def _investigate(store: Store, user: SignedIn, case_id: str) -> None:
    mediation.move_case(store, user, case_id, "investigating")
    record = mediation_records.start_session(store, user, case_id, kind="investigation", place="当事人家中",
                                             mediator=user.display_name, recorder="王芳",
                                             questioned="邻居（知情人）", matter="核实纠纷经过")
    for speaker, text in ((user.display_name, "事情是怎么发生的？"), ("邻居", "我看到的情况和申请人说的基本一致。")):
        mediation_records.add_statement(store, user, record.id, speaker=speaker, text=text)


def _mediate(store: Store, user: SignedIn, case_id: str, template: DemoCase) -> str:
    mediation.move_case(store, user, case_id, "mediating")
    record = mediation_records.start_session(store, user, case_id, place="新兴社区人民调解室",
                                             mediator=user.display_name, recorder="王芳", matter=template.title,
                                             helpers="楼长")
    for speaker, text in template.statements or DEFAULT_STATEMENTS:
        mediation_records.add_statement(store, user, record.id, speaker=speaker, text=text)
    return record.id


def _agree(store: Store, user: SignedIn, case_id: str, session_id: str, template: DemoCase, start: date) -> None:
    mediation_records.update_session(store, user, session_id, outcome="经调解，双方自愿达成协议。", evidence="现场照片")
    mediation_records.save_agreement(store, user, case_id, kind="written", clauses=template.clauses,
                                     facts=template.facts, performance_manner="现金或转账",
                                     performance_deadline=start + timedelta(days=20))
    mediation.move_case(store, user, case_id, "agreed")


def _sign(store: Store, user: SignedIn, case_id: str, start: date) -> None:
    with store.read() as session:
        ids = [p.id for p in mediation.case_parties(session, case_id)]
    mediation_records.record_signatures(store, user, case_id, signed_party_ids=ids, mediator_signed=True,
                                        seal_affixed=True)
    mediation_records.mark_effective(store, user, case_id, on=start + timedelta(days=8))
    mediation.move_case(store, user, case_id, "performing")


def _drive(store: Store, user: SignedIn, case_id: str, target: str, template: DemoCase, start: date) -> None:
    """Take a registered case to ``target`` the way a mediator would."""
    if target == "registered":
        return
    if target == "rejected":
        _on(store, start, 15)
        mediation.move_case(store, user, case_id, "rejected", reason=REJECTION, on=start)
        return
    _on(store, start + timedelta(days=1))
    mediation.move_case(store, user, case_id, "accepted", on=start + timedelta(days=1))
    if target in INVESTIGATED:
        _on(store, start + timedelta(days=2), 14.5)
        _investigate(store, user, case_id)
    if target in {"accepted", "investigating"}:
        return
    _on(store, start + timedelta(days=3), 9.5)
    session_id = _mediate(store, user, case_id, template)
    if target == "terminated":
        _on(store, start + timedelta(days=4), 16)
        mediation.move_case(store, user, case_id, "terminated", reason=TERMINATION, other_routes_told=True)
    if target in {"mediating", "terminated"}:
        return
    _on(store, start + timedelta(days=5), 10)
    _agree(store, user, case_id, session_id, template, start)
    if target == "agreed":
        return
    _on(store, start + timedelta(days=8), 10)
    _sign(store, user, case_id, start)
    if target == "performing":
        return
    _on(store, start + timedelta(days=25), 15)
    mediation.add_visit(store, user, case_id, visited_on=start + timedelta(days=25),
                        visited_party=template.parties[0].name, performance="done", satisfaction="satisfied",
                        measures="提醒双方保持沟通", visitor=user.display_name)
    if target == "follow_up":
        return
    _on(store, start + timedelta(days=30), 10)
    mediation.move_case(store, user, case_id, "closed", on=start + timedelta(days=30))
    if target == "archived":
        _on(store, start + timedelta(days=35), 10)
        mediation.move_case(store, user, case_id, "archived", on=start + timedelta(days=35))


def load_mediation(store: Store, mediator: SignedIn, *, grid_code: str, today: date) -> int:
    """Write the demo cases, each step on the day of its story (``StoryClock``); returns how many."""
    plan = [(CASES[i], state, days) for i, (state, days) in enumerate(PLAN)]
    plan += [(CASES[template], state, days) for state, days, template in EXTRA]
    real = store.clock
    store.clock = StoryClock(real)
    try:
        for template, state, days in plan:
            _write_case(store, mediator, grid_code, template, state, today - timedelta(days=days))
    finally:
        store.clock = real
    return len(plan)


def _write_case(store: Store, mediator: SignedIn, grid_code: str, template: DemoCase, state: str,
                start: date) -> None:
    _on(store, start, 8.5)
    case = mediation.register_case(
        store, mediator, grid_code=grid_code, registered_on=start, parties=template.parties, title=template.title,
        dispute_type=template.dispute_type, source=template.source, facts=template.facts, amount=template.amount,
        mediators=mediator.display_name, recorder="王芳", persons_involved=len(template.parties) + (21 if
        template.flags.get("prevents_petition") else 0), **template.flags)
    _drive(store, mediator, case.id, state, template, start)
