"""受理回执: the receipt a resident takes home for a service request (A4). It carries this one
record only: the item, the materials received (and those still missing), the promised date and
how to reach the station. The resident's phone and ID number are printed masked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from gridstation.domain.services import CatalogueItem, ServiceView
from gridstation.reports.notice_board_base import Target
from gridstation.reports.pdf_base import CONTENT_WIDTH, build_pdf, heading, paragraph, table, title


@dataclass(frozen=True)
class StationContact:
    station_name: str
    handler_name: str
    phone: str = ""
    opening_hours: str = ""


def _long(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def receipt_number(view: ServiceView) -> str:
    """A short number to quote on the phone: the date received and the record id's last 6 characters."""
    return f"{view.received_on:%Y%m%d}-{view.id.replace('-', '')[-6:].upper()}"


def render_receipt(target: Target, view: ServiceView, item: CatalogueItem | None, contact: StationContact, *,
                   generated_at: datetime | None = None) -> int:
    """Write the receipt of ``view``; returns the page count (1 for any realistic record)."""
    required = item.materials if item is not None else view.materials
    rows = [["材料名称", "收取情况"]]
    rows += [[m, "已收取 ✓" if m in view.materials else "未收取（请补交）"] for m in required]
    details = [
        ["回执编号", receipt_number(view)],
        ["服务事项", view.item_name],
        ["申请人", view.resident_name],
        ["联系电话", view.phone_masked or "—"],
        ["身份证号", view.id_number_masked or "—"],
        ["受理日期", _long(view.received_on)],
        ["办理时限", item.time_limit_text if item is not None else "—"],
        ["承诺办结日期", _long(view.promised_on)],
        ["办理部门", item.department if item is not None else "—"],
        ["当前状态", view.status_name],
    ]
    station_lines = [f"受理单位：{contact.station_name}", f"经办人：{contact.handler_name}"]
    if contact.phone:
        station_lines.append(f"联系电话：{contact.phone}")
    if contact.opening_hours:
        station_lines.append(f"服务时间：{contact.opening_hours}")
    story = [
        title("便民服务受理回执"),
        table(details, [32 * mm, CONTENT_WIDTH - 32 * mm], header=False),
        Spacer(1, 6 * mm),
        heading("材料收取情况"),
        table(rows if required else [["材料名称", "收取情况"], ["本事项无需材料", "—"]],
              [CONTENT_WIDTH * 0.6, CONTENT_WIDTH * 0.4]),
        Spacer(1, 6 * mm),
        paragraph("\n".join(station_lines)),
        paragraph("温馨提示：请妥善保管本回执，凭回执查询办理进度；如需补交材料，请在承诺办结日期前送至本服务站。"
                  "办理过程中如有疑问，请与经办人联系。"),
        Spacer(1, 14 * mm),
        paragraph(f"受理单位（盖章）：　　　　　　　　　　　　　　　　日期：{_long(view.received_on)}"),
    ]
    return build_pdf(target, title="便民服务受理回执", station_name=contact.station_name, story=story,
                     generated_at=generated_at)
