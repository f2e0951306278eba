"""The audit log as a PDF (审计日志), for the station admin's records or an inspection."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from os import PathLike
from typing import Protocol

from reportlab.lib.units import mm

from gridstation.db import audit
from gridstation.db.events import record_event
from gridstation.db.models import Station
from gridstation.db.store import Store
from gridstation.reports.pdf_base import build_pdf, paragraph, table, title

# Audit actions in the words of the printed log (official documents are always in Chinese).
ACTION_NAMES = {
    "login": "登录",
    "logout": "退出登录",
    "lock": "锁定屏幕",
    "unlock": "解除锁定",
    "record.create": "新增记录",
    "record.update": "修改记录",
    "record.delete": "删除记录",
    "user.create": "新增用户",
    "user.password": "修改密码",
    "station.setup": "站点初始化",
    "setting.change": "修改设置",
    "backup": "备份数据",
    "restore": "恢复数据",
    "export.pdf": "导出PDF",
    "print": "打印",
}


class AuditRow(Protocol):
    seq: int
    at: str
    actor: str
    action: str
    target: str
    detail: str
    success: bool


def _local_time(at: str) -> str:
    try:
        return datetime.fromisoformat(at).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return at


def render_audit_log(
    path: str | PathLike[str],
    entries: Sequence[AuditRow],
    *,
    station_name: str,
    chain_ok: bool,
    generated_at: datetime | None = None,
) -> int:
    """Write ``entries`` (in the order given) as a table; returns the page count."""
    rows = [["序号", "时间", "用户", "操作", "对象", "详情", "结果"]]
    for e in entries:
        rows.append([
            str(e.seq), _local_time(e.at), e.actor, ACTION_NAMES.get(e.action, e.action), e.target, e.detail,
            "成功" if e.success else "失败",
        ])
    chain = "审计链校验：完整，未发现篡改。" if chain_ok else "审计链校验：发现异常，请联系管理员核查。"
    story = [
        title("审计日志"),
        paragraph(f"共 {len(entries)} 条记录。{chain}"),
        table(rows, [12 * mm, 32 * mm, 22 * mm, 20 * mm, 38 * mm, 30 * mm, 14 * mm]),
    ]
    return build_pdf(path, title="审计日志", station_name=station_name, story=story, generated_at=generated_at)


def export_audit_log(store: Store, path: str | PathLike[str], *, actor: str) -> int:
    """Print the whole audit log (oldest first) with the chain check, and audit the export itself."""
    with store.read() as session:
        entries = list(reversed(audit.list_entries(session, limit=audit.count_entries(session) or 1)))
        chain_ok = not audit.verify_chain(session)
        row = session.get(Station, 1)
    pages = render_audit_log(path, entries, station_name=row.name if row else "", chain_ok=chain_ok)
    record_event(store, actor=actor, action="export.pdf", target="audit_log", detail=str(path))
    return pages
