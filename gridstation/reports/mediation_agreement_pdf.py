"""人民调解协议书 (law art. 29): number, party blocks, facts, disputed matters and responsibilities,
numbered clauses, manner and deadline of performance, the copies sentence (copies = parties + 1),
a signature line for each party, the mediator and the recorder, the committee's seal space, and
a QR code holding the case number and the SHA-256 of the agreement's content
(``domain.mediation_agreement``), which the app checks against the record.
"""

from __future__ import annotations

from reportlab.graphics.barcode.qr import QrCode
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from gridstation.domain.mediation import ON_SIGNING, SIDES, chinese_number, copies_sentence, immediate_performance
from gridstation.domain.mediation_agreement import AgreementContent, qr_payload
from gridstation.domain.mediation_parties import PartyInput
from gridstation.domain.mediation_views import AgreementView, CaseFile
from gridstation.reports.fonts import MAIN_FONT
from gridstation.reports.mediation_forms import (
    SealSpace,
    cn_date,
    form_styles,
    gap,
    heading_block,
    keep_with,
    p,
    party_blocks,
    signature_table,
)
from gridstation.reports.pdf_base import CONTENT_WIDTH

QR_SIZE = 26 * mm  # 0.6 mm a module at the agreement's QR version: phones read it
QR_COLUMN = 62 * mm  # the QR code and its caption, left of the seal space


def agreement_content(case: CaseFile, agreement: AgreementView) -> AgreementContent:
    """The same content the record's fingerprint covers (``db.mediation_records.agreement_content``)."""
    parties: tuple[PartyInput, ...] = tuple(v.party for v in case.parties)
    return AgreementContent(
        case_no=case.case_no, parties=parties, facts=agreement.facts, disputed=agreement.disputed,
        responsibilities=agreement.responsibilities, clauses=agreement.clauses,
        performance_manner=agreement.performance_manner,
        performance_deadline=agreement.performance_deadline.isoformat() if agreement.performance_deadline else "",
    )


def qr_flowable(payload: str, size: float = QR_SIZE) -> QrCode:
    """The QR code as reportlab's own flowable: it encodes once and draws straight on the canvas
    (the graphics widget encodes twice and builds a shape per module)."""
    return QrCode(payload, width=size, height=size, qrLevel="M", qrBorder=2)


def _seal_and_qr(committee: str, payload: str, sha: str) -> Table:
    """The last band of the agreement: the QR code with its caption at the left, the seal space at
    the right (side by side, so a short agreement stays on one page)."""
    s = form_styles()
    caption = p("核验码：扫描或输入二维码内容，可在本系统核对协议是否被改动。内容摘要（SHA-256）：\n"
                f"{sha[:32]}\n{sha[32:]}", s.caption)
    return Table([[[qr_flowable(payload), caption], SealSpace(committee, width=CONTENT_WIDTH - QR_COLUMN)]],
                 colWidths=[QR_COLUMN, CONTENT_WIDTH - QR_COLUMN],
                 style=TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("FONTNAME", (0, 0), (-1, -1), MAIN_FONT),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                   ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]),
                 hAlign="LEFT")


def performance_sentence(agreement: AgreementView) -> str:
    """履行方式 and 履行期限 (law art. 29). Without a deadline, an agreement performed on signing
    (当场履行) prints that as its deadline and one with nothing to perform (无需另行履行) prints no
    deadline; a term not recorded prints “—” (only an oral agreement, or an older record, lacks one:
    a written agreement cannot take effect without them)."""
    manner = agreement.performance_manner.strip() or "—"
    if agreement.performance_deadline is not None:
        return f"履行方式：{manner}；履行期限：{cn_date(agreement.performance_deadline)}。"
    immediate = immediate_performance(manner)
    if immediate == ON_SIGNING:
        return f"履行方式：{manner}；履行期限：签订协议时当场履行。"
    if immediate is not None:
        return f"履行方式：{manner}。"
    return f"履行方式：{manner}；履行期限：—。"


def agreement_story(case: CaseFile) -> list[Flowable]:
    """The agreement. The signature block stays on a page with the last clause and the closing
    sentences (``KeepTogether``): nobody signs a page with none of the agreement on it."""
    agreement = case.agreement
    if agreement is None:
        raise ValueError("the case has no agreement")
    s = form_styles()
    oral = agreement.kind == "oral"
    story: list[Flowable] = [*heading_block("口头调解协议记录" if oral else "人民调解协议书", case.case_no),
                             *party_blocks(case), gap(2)]
    story += [p("纠纷主要事实、争议事项：", s.heading),
              p(agreement.facts or case.facts or "—", s.indent)]
    if agreement.disputed:
        story.append(p(f"争议事项：{agreement.disputed}", s.indent))
    if agreement.responsibilities:
        story += [p("各方当事人的责任：", s.heading), p(agreement.responsibilities, s.indent)]
    story.append(p("经人民调解委员会调解，各方当事人自愿达成如下协议：", s.heading))
    clauses = [p(f"{chinese_number(i)}、{clause}", s.indent) for i, clause in enumerate(agreement.clauses, start=1)]
    closing: list[Flowable] = [p(performance_sentence(agreement), s.indent)]
    if oral:
        closing += [p("以上为当事人达成的口头协议，由人民调解员记录，自达成之日起生效。", s.indent), gap(6),
                    signature_table(["人民调解员", "记录人"])]
    else:
        closing.append(p("本协议自各方当事人签名（盖章或按指印）、人民调解员签名并加盖人民调解委员会印章之日起"
                         "生效。当事人可以自协议生效之日起三十日内共同向人民法院申请司法确认。", s.indent))
        closing.append(p(copies_sentence(len(case.parties)), s.indent))
        signers = [f"{SIDES[v.party.side]}　{v.party.name}" for v in case.parties]
        content = agreement_content(case, agreement)
        closing += [gap(4), p("当事人（签名、盖章或按指印）：", s.heading),
                    signature_table([*signers, "人民调解员（签名）", "记录人（签名）"]),
                    _seal_and_qr(case.committee_name, qr_payload(content), content.sha256())]
    story += [*clauses[:-1], *keep_with(clauses[-1:], closing)]
    return story
