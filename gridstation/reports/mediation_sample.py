"""A realistic sample case file (no database) for the benchmarks and the printout tests: three
parties, an investigation, sessions of timestamped statements, a written agreement, a visit."""

from __future__ import annotations

from datetime import date

from gridstation.domain.mediation_parties import PartyInput
from gridstation.domain.mediation_views import (
    AgreementView,
    CaseFile,
    PartyView,
    SessionView,
    StatementView,
    TransitionView,
    VisitView,
)

PARTIES = (
    PartyInput("applicant", "person", "张桂兰", sex="F", ethnicity="汉族", age=76, occupation="退休职工",
               phone="13812345678", address="齐齐哈尔市铁锋区新兴小区3号楼2单元501室", id_number="11010519491231002X"),
    PartyInput("respondent", "person", "李建国", sex="M", ethnicity="汉族", age=45, occupation="个体经营",
               phone="13904521234", address="齐齐哈尔市铁锋区新兴小区3号楼2单元601室", id_number="440524188001010014"),
    PartyInput("respondent", "organisation", "齐齐哈尔市安居物业服务有限公司", legal_rep="王志强", agent="刘洋",
               phone="0452-2345678", address="铁锋区站前大街18号"),
)
CLAUSES = (
    "被申请人李建国于2026年12月5日前负责修复其住宅卫生间防水层，修复后经双方及物业共同验收。",
    "被申请人李建国一次性赔偿申请人张桂兰房屋顶棚及墙面修复费用人民币1800元，于签订本协议之日当场以现金支付。",
    "被申请人齐齐哈尔市安居物业服务有限公司于2026年12月3日前疏通3号楼2单元公共排水立管，并承担疏通费用。",
    "各方当事人就本纠纷再无其他争议，今后互谅互让、和睦相处。",
)
SPEECH = (
    ("张桂兰", "从今年九月开始，楼上卫生间就往我家漏水，顶棚都泡坏了，墙皮一块一块往下掉。"),
    ("李建国", "我家卫生间是去年装修的，不知道会漏水，愿意找人来看看。"),
    ("刘洋", "物业查看过，公共立管也有堵塞，物业可以负责疏通。"),
    ("赵敏", "请双方冷静，先把漏水原因查清楚，再商量修复和赔偿的办法。"),
)


def sample_case(*, sessions: int = 1, statements_per_session: int = 8) -> CaseFile:
    ids = [f"p{i}" for i in range(len(PARTIES))]
    session_views = [SessionView(
        id="inv", kind="investigation", started_at="2026-11-03T10:00:00", ended_at="", place="3号楼2单元601室",
        matter="核实漏水原因", parties_present="", helpers="", mediator="赵敏", recorder="王芳",
        questioned="邻居陈某（对门住户）",
        evidence="现场照片6张", outcome="", draft="", draft_speaker="",
        statements=(StatementView(1, "10:02:11", "赵敏", "你什么时候发现楼道有水的？"),
                    StatementView(2, "10:03:40", "陈某", "大概九月中旬，楼下张大妈家顶棚开始发黄。")))]
    for n in range(sessions):
        statements = tuple(StatementView(i + 1, f"{14 + i // 60 % 4:02d}:{i % 60:02d}:05", *SPEECH[i % len(SPEECH)])
                           for i in range(statements_per_session))
        session_views.append(SessionView(
            id=f"s{n}", kind="session", started_at=f"2026-11-{5 + n % 20:02d}T14:00:00", ended_at="15:30",
            place="新兴社区人民调解室", matter="楼上漏水损害赔偿纠纷",
            parties_present="张桂兰、李建国、刘洋（物业委托代理人）",
            helpers="楼长孙某", mediator="赵敏", recorder="王芳", questioned="", evidence="漏水照片、维修报价单",
            outcome="经调解，各方达成书面协议。", draft="", draft_speaker="", statements=statements))
    return CaseFile(
        id="sample", case_no="（2026）人调字第 1001 号", title="张桂兰与李建国、安居物业漏水损害赔偿纠纷",
        grid_code="230204001003-001U", grid_name="新兴社区第一网格", committee_name="新兴社区人民调解委员会",
        dispute_type="neighbour", source="application", facts="申请人家顶棚自2026年9月起因楼上卫生间漏水受损。",
        amount_fen=180000, state="closed", registered_on=date(2026, 11, 2), registered_by="赵敏",
        accepted_on=date(2026, 11, 2), mediation_deadline=date(2026, 12, 2), extension_days=0, extension_consent="",
        mediators="赵敏", recorder="王芳", rejection_reason="", termination_reason="", other_routes_told=False,
        outcome="written", performance="done", judicial="none", prevents_crime=True, prevents_petition=False,
        persons_involved=3, closed_on=date(2026, 12, 10), archived_on=None,
        parties=tuple(PartyView(pid, i + 1, party) for i, (pid, party) in enumerate(zip(ids, PARTIES, strict=True))),
        transitions=(TransitionView("registered", "accepted", "2026-11-02T09:00:00", "赵敏", ""),),
        sessions=tuple(session_views),
        agreement=AgreementView(
            kind="written",
            facts="申请人张桂兰家卫生间顶棚自2026年9月起因楼上被申请人李建国家卫生间防水失效"
                  "及公共排水立管堵塞而渗漏，顶棚及墙面受损。", disputed="漏水原因、修复责任及赔偿数额。",
            responsibilities="被申请人李建国对其住宅防水失效负主要责任；物业公司对公共立管堵塞负次要责任。",
            clauses=CLAUSES, performance_manner="现金支付及自行维修", performance_deadline=date(2026, 12, 5),
            signed_party_ids=frozenset(ids), mediator_signed=True, seal_affixed=True,
            effective_on=date(2026, 11, 20), content_sha256=""),
        visits=(VisitView(date(2026, 12, 8), "张桂兰", "done", "satisfied", False, "无", "叮嘱双方保持沟通", "赵敏"),),
    )
