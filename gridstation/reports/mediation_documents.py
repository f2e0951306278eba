"""The documents of a mediation case file, each as a story of flowables (so the case file can bind
them) and as a PDF of its own: 受理登记表, 调查记录, 调解记录, 回访记录. The agreement is in
``mediation_agreement_pdf``, the bound file (cover, contents, back cover) in ``mediation_casefile``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime
from typing import IO

from reportlab.platypus import Flowable, KeepTogether

from gridstation.domain.mediation import (
    CASE_SOURCES,
    DISPUTE_TYPES,
    OUTCOMES,
    PERFORMANCE,
    SATISFACTION,
    STATES,
    parse_withdrawal,
    yuan,
)
from gridstation.domain.mediation_views import CaseFile, SessionView, VisitView
from gridstation.reports.mediation_forms import (
    cn_date,
    cn_datetime,
    form_styles,
    form_table,
    gap,
    heading_block,
    keep_with,
    local_minutes,
    p,
    party_rows,
    signature_table,
)
from gridstation.reports.pdf_base import build_pdf

Target = str | os.PathLike[str] | IO[bytes]
Story = list[Flowable]


def registration_story(case: CaseFile) -> Story:
    """人民调解受理登记表."""
    if case.state == "rejected" or case.rejection_reason:
        opinion = f"不予受理。理由：{case.rejection_reason}"
    elif case.outcome == "withdrawn" and not case.accepted_on:
        opinion = f"受理前当事人撤回调解申请（{cn_date(transition_day(case, 'withdrawn'))}）"
    elif case.accepted_on:
        opinion = f"予以受理（{cn_date(case.accepted_on)}），调解期限至{cn_date(case.mediation_deadline)}"
        if case.extension_days:
            opinion += f"（经当事人同意延长{case.extension_days}日）"
    else:
        opinion = "待审查"
    rows = [*party_rows(case.parties),
            ["纠纷类型", DISPUTE_TYPES.get(case.dispute_type, ""), "案件来源", CASE_SOURCES.get(case.source, "")],
            ["登记日期", cn_date(case.registered_on), "涉及金额", f"{yuan(case.amount_fen)}元"],
            ["纠纷简要情况", case.facts or "—"],
            ["受理意见", opinion],
            ["人民调解员", case.mediators, "登记人", case.registered_by]]
    n_party = len(case.parties)
    spans = [("SPAN", (1, i), (3, i)) for i in (*range(n_party), n_party + 2, n_party + 3)]
    rows = [r if len(r) == 4 else [r[0], r[1], "", ""] for r in rows]
    story: Story = [*heading_block("人民调解受理登记表", case.case_no),
                    form_table(rows, label_cols=(0, 2), spans=spans, min_heights={n_party + 2: 90}), gap(6),
                    KeepTogether([p("当事人签名（盖章或按指印）：", form_styles().heading),
                                  signature_table([f"{'申请人' if v.party.side == 'applicant' else '被申请人'}"
                                                   f"　{v.party.name}" for v in case.parties])])]
    return story


def _statement_lines(session: SessionView, *, qa: bool) -> Story:
    s = form_styles()
    if not session.statements:
        return [p("（无记录）", s.body)]
    out: Story = []
    for st in session.statements:
        prefix = f"［{st.at}］{st.speaker}："
        if qa:
            prefix = ("问：" if st.speaker in session.mediator or st.speaker == "调查人" else "答：") + \
                f"（{st.speaker}，{st.at}）"
        out.append(p(prefix + st.text, s.body))
    return out


def investigation_story(case: CaseFile, session: SessionView) -> Story:
    """人民调解调查记录."""
    rows = [["时间", cn_datetime(session.started_at), "地点", session.place],
            ["调查人", session.mediator, "记录人", session.recorder],
            ["被调查人", session.questioned or "—", "", ""],
            ["调查事项", session.matter or case.title, "", ""]]
    spans = [("SPAN", (1, 2), (3, 2)), ("SPAN", (1, 3), (3, 3))]
    story: Story = [*heading_block("人民调解调查记录", case.case_no), form_table(rows, label_cols=(0, 2), spans=spans),
                    p("调查内容：", form_styles().heading), *_statement_lines(session, qa=True)]
    if session.evidence:
        story += [p("核实的证据材料：", form_styles().heading), p(session.evidence)]
    story += [gap(), KeepTogether([p("以上记录已向被调查人宣读（或交其阅读），确认无误。"),
                                   signature_table(["被调查人签名", "调查人签名", "记录人签名"])])]
    return story


def session_story(case: CaseFile, session: SessionView) -> Story:
    """人民调解记录 (a session record)."""
    rows = [["时间", cn_datetime(session.started_at) + (f" 至 {session.ended_at}" if session.ended_at else ""),
             "地点", session.place],
            ["纠纷事项", session.matter or case.title, "", ""],
            ["到场当事人", session.parties_present, "", ""],  # as recorded; blank to fill in by hand
            ["邀请参加人", session.helpers or "—", "", ""],
            ["人民调解员", session.mediator or case.mediators, "记录人", session.recorder or case.recorder]]
    spans = [("SPAN", (1, i), (3, i)) for i in (1, 2, 3)]
    s = form_styles()
    signers = [*(f"当事人　{v.party.name}" for v in case.parties), "人民调解员", "记录人"]
    story: Story = [*heading_block("人民调解记录", case.case_no),
                    form_table(rows, label_cols=(0, 2), spans=spans, min_heights={2: 30}),
                    p("调解过程（当事人陈述及调解情况）：", s.heading), *_statement_lines(session, qa=False),
                    p("核实的证据：", s.heading), p(session.evidence or "无"),
                    # the signatures stay with the result they sign (when both fit on a page) and, always,
                    # with the reading-back sentence
                    *keep_with([p("调解结果：", s.heading), p(session.outcome or "—")],
                               [gap(), p("以上记录已向当事人宣读，确认无误。"), signature_table(signers)])]
    return story


def visit_story(case: CaseFile, visit: VisitView) -> Story:
    """人民调解回访记录."""
    rows = [["回访对象", visit.visited_party, "回访时间", cn_date(visit.visited_on)],
            ["协议编号", case.case_no, "回访人", visit.visitor],
            ["履行情况", PERFORMANCE.get(visit.performance, ""), "满意程度", SATISFACTION.get(visit.satisfaction, "")],
            ["是否起诉", "是" if visit.sued else "否", "", ""],
            ["有无再生矛盾", visit.renewed_conflict or "无", "", ""],
            ["采取措施", visit.measures or "—", "", ""]]
    spans = [("SPAN", (1, i), (3, i)) for i in (3, 4, 5)]
    return [*heading_block("人民调解回访记录", case.case_no),
            form_table(rows, label_cols=(0, 2), spans=spans, min_heights={4: 60, 5: 60}), gap(6),
            KeepTogether([signature_table(["被回访人签名", "回访人签名"])])]


def transition_day(case: CaseFile, state: str) -> date | None:
    """The day the case last moved to ``state``: the day chosen in the transition dialog when it
    was not the day the step was recorded on (``happened_on``), else the (local) day recorded."""
    for step in reversed(case.transitions):
        if step.to_state != state:
            continue
        if step.happened_on is not None:
            return step.happened_on
        moment = local_minutes(step.at)
        return moment.date() if moment else None
    return None


def termination_story(case: CaseFile) -> Story:
    """卷宗情况说明 for a terminated case: the day and reason, and that other routes were explained;
    for a withdrawn one (撤回), who withdrew the application, when and why."""
    if case.outcome == "withdrawn":
        return withdrawal_story(case)
    s = form_styles()
    ended = transition_day(case, "terminated") or case.closed_on
    text = [p(f"本案经调解未能达成协议，于{cn_date(ended)}终止调解。", s.indent),
            p(f"终止理由：{case.termination_reason}", s.indent)]
    if case.other_routes_told:
        text.append(p("已告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利。", s.indent))
    return [*heading_block("卷宗情况说明", case.case_no), *keep_with(text, [gap(8), signature_table(["人民调解员"])])]


def withdrawal_story(case: CaseFile) -> Story:
    """卷宗情况说明 for a case whose application was withdrawn (law art. 17: without a party's
    consent there is no mediation): not a failed mediation, so no termination sentence."""
    s = form_styles()
    ended = transition_day(case, "withdrawn") or case.closed_on
    who, reason = parse_withdrawal(case.termination_reason)
    stage = "调解过程中" if case.accepted_on else "受理前"
    text = [p(f"本案{stage}，当事人于{cn_date(ended)}撤回调解申请，本案调解工作结束。", s.indent)]
    if who:
        text.append(p(f"撤回人：{who}", s.indent))
    text.append(p(f"撤回理由：{reason or '—'}", s.indent))
    return [*heading_block("卷宗情况说明", case.case_no), *keep_with(text, [gap(8), signature_table(["人民调解员"])])]


def render_story(path: Target, story_of: Callable[[], Story], *, title: str, station_name: str,
                 generated_at: datetime | None = None) -> int:
    return build_pdf(path, title=title, station_name=station_name, story=story_of(), generated_at=generated_at)


def outcome_text(case: CaseFile) -> str:
    return OUTCOMES.get(case.outcome, STATES.get(case.state, ""))
