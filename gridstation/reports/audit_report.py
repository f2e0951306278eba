"""The audit log as a PDF (审计日志), for the station admin's records or an inspection."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from os import PathLike
from typing import Protocol

from reportlab.lib.units import mm

from gridstation.db import audit
from gridstation.db.clock import local_time
from gridstation.db.events import record_event
from gridstation.db.models import Station
from gridstation.db.store import Store
from gridstation.reports.pdf_base import build_pdf, paragraph, table, title

# The printed log in the words of the audit page's Chinese interface (official documents are always
# in Chinese); codes the table does not know are printed as they are stored.
ACTION_NAMES = {
    "login": "登录",
    "logout": "退出登录",
    "lock": "锁定屏幕",
    "unlock": "解除锁定",
    "privacy.reveal": "查看隐私信息",
    "print": "打印",
    "export.pdf": "导出 PDF",
    "export.csv": "导出 CSV",
    "export.xlsx": "导出 Excel",
    "record.create": "新建记录",
    "record.update": "修改记录",
    "record.delete": "删除记录",
    "service.resident_corrected": "更正居民信息",
    "demo.load": "载入演示数据",
    "setting.change": "修改设置",
    "station.setup": "站点初始化",
    "user.create": "创建用户",
    "user.password": "修改密码",
    "user.reset_password": "重置密码",
    "user.role": "修改角色",
    "user.deactivate": "停用用户",
    "user.reactivate": "重新启用用户",
    "user.unlock": "解锁账户",
    "catalogue.install": "安装服务清单",
    "catalogue.hide": "隐藏服务事项",
    "catalogue.show": "恢复显示服务事项",
    "backup": "备份",
    "restore": "恢复",
    "sync.enrol": "向区服务器注册",
}
DETAIL_TEXTS = {
    "unknown_user": "用户名不存在",
    "locked": "账户已锁定，登录被拒绝",
    "deactivated": "账户已停用，登录被拒绝",
    "password_locked": "账户已锁定，未能修改密码",
    "wrong_current": "当前密码错误（第 {n} 次）",
    "wrong_current_locked": "当前密码错误（第 {n} 次），账户已锁定",
    "role": "{role}，{grid}",
    "failed": "密码错误（第 {n} 次）",
    "failed_locked": "密码错误（第 {n} 次），账户已锁定",
    "switch_user": "切换用户",
    "previous": "恢复前的数据已保存为 {path}",
    "demo_services": "{days} 天内的 {count} 条帮代办记录",
    "demo_diary": "{days} 天内的 {pages} 页工作日志",
    "items": "{count} 项",
    "version": "第 {version} 版",
    "fields": "更正了：{fields}",
}
REVEAL_TEXT = "查看了{kind}“{name}”的完整{field}"
REVEAL_WITHHELD_TEXT = "查看了一名{kind}的完整{field}（调解记录依法保密，此处不显示姓名）"
REASON_TEXT = "{text}；理由：{reason}"
FIELD_NAMES = {
    "resident_name": "姓名",
    "resident_phone": "联系电话",
    "resident_id_number": "身份证号",
    "phone": "联系电话",
    "id_number": "身份证号",
}
KIND_NAMES = {
    "service_record": "帮代办记录",
    "mediation_party": "调解当事人",
    "mediation_case": "调解案件",
    "mediation_transition": "案件流转",
    "mediation_session": "调解记录",
    "mediation_statement": "当事人陈述",
    "mediation_agreement": "调解协议",
    "mediation_visit": "回访记录",
    "diary_day": "工作日志",
    "diary_item": "日志事项",
    "diary_week_note": "周结",
    "todo": "待办事项",
    "attachment": "附件",
}
SETTING_NAMES = {
    "idle_lock_minutes": "无操作自动锁屏（分钟）",
    "language": "界面语言",
    "mediation_block": "调解案号段",
    "notice_board_profile": "公示栏信息",
}
# ``audit.ACTION_GROUPS`` as the audit page's filter names them.
GROUP_NAMES = {"sign_in": "登录与锁屏", "privacy": "隐私信息查看（全部）", "output": "打印与导出",
               "records": "记录变更", "settings": "设置与管理"}
ROLE_NAMES = {"grid_leader": "网格长", "backup_leader": "代岗网格员（B角）", "mediator": "人民调解员",
              "station_admin": "站点管理员"}


class AuditRow(Protocol):
    seq: int
    at: str
    actor: str
    action: str
    target: str
    detail: str
    success: bool


def target_text(entry: AuditRow) -> str:
    if entry.action == "setting.change" and entry.target in SETTING_NAMES:
        return SETTING_NAMES[entry.target]
    parts = audit.split_target(entry.target)
    if parts is None or parts[0] not in KIND_NAMES:
        return entry.target
    return f"{KIND_NAMES[parts[0]]} {parts[1]}"


def detail_text(entry: AuditRow, subjects: Mapping[str, audit.RevealSubject]) -> str:
    """The entry's detail in Chinese, as the audit page shows it; unknown details as stored."""
    if entry.action == "user.create":
        return ROLE_NAMES.get(entry.detail, entry.detail)
    known = audit.read_detail(entry.action, entry.detail)
    if known is None:
        return entry.detail
    key, values = known
    if key == "reveal":
        kind = audit.split_target(entry.target)
        subject = subjects.get(entry.target)
        template = REVEAL_WITHHELD_TEXT if subject is not None and subject.withheld else REVEAL_TEXT
        text = template.format(
            kind=KIND_NAMES.get(kind[0], kind[0]) if kind else entry.target,
            name=subject.name if subject is not None else (kind[1] if kind else ""),
            field=FIELD_NAMES.get(values["field"], values["field"]),
        )
        return REASON_TEXT.format(text=text, reason=values["reason"]) if values["reason"] else text
    if key == "fields":
        values = {"fields": "、".join(FIELD_NAMES.get(f, f) for f in values["fields"].split(", "))}
    if key == "role":
        values = {"role": ROLE_NAMES.get(values["role"], values["role"]),
                  "grid": "无网格" if values["grid"] == "-" else values["grid"]}
    return DETAIL_TEXTS[key].format(**values)


def filter_text(flt: audit.AuditFilter) -> str:
    """The filter in words for the printed log's heading ("" when it lists every entry)."""
    if flt.empty:
        return ""
    parts = []
    if flt.actor is not None:
        parts.append(f"用户 {flt.actor}")
    if flt.actions:
        group = next((key for key, actions in audit.ACTION_GROUPS.items() if actions == flt.actions), None)
        names = [GROUP_NAMES[group]] if group else [ACTION_NAMES.get(a, a) for a in flt.actions]
        parts.append("操作 " + "、".join(names))
    if flt.since is not None or flt.until is not None:
        first = flt.since.astimezone().date().isoformat() if flt.since else "最早"
        last = (flt.until - timedelta(days=1)).astimezone().date().isoformat() if flt.until else "最近"
        parts.append(f"日期 {first} 至 {last}")
    if flt.failed_only:
        parts.append("仅失败的操作")
    return "；".join(parts)


def render_audit_log(
    path: str | PathLike[str],
    entries: Sequence[AuditRow],
    *,
    station_name: str,
    chain_ok: bool,
    subjects: Mapping[str, audit.RevealSubject] | None = None,
    generated_at: datetime | None = None,
    selection: str = "",
) -> int:
    """Write ``entries`` (in the order given) as a table; returns the page count. ``subjects``:
    whose values the privacy reveals showed (``audit.reveal_subjects``), by target; ``selection``:
    the filter that chose the entries, in words (``filter_text``; "" for the whole log)."""
    rows = [["序号", "时间", "用户", "操作", "对象", "详情", "结果"]]
    for e in entries:
        rows.append([
            str(e.seq), local_time(e.at), e.actor, ACTION_NAMES.get(e.action, e.action), target_text(e),
            detail_text(e, subjects or {}), "成功" if e.success else "失败",
        ])
    # A filtered print still checks the whole chain; it says so.
    chain = ("审计链校验（全部记录）：" if selection else "审计链校验：") + (
        "完整，未发现篡改。" if chain_ok else "发现异常，请联系管理员核查。")
    count = f"筛选条件：{selection}。共 {len(entries)} 条记录。" if selection else f"共 {len(entries)} 条记录。"
    story = [
        title("审计日志"),
        paragraph(count + chain),
        table(rows, [12 * mm, 35 * mm, 20 * mm, 24 * mm, 26 * mm, 46 * mm, 11 * mm]),
    ]
    return build_pdf(path, title="审计日志", station_name=station_name, story=story, generated_at=generated_at)


def export_audit_log(store: Store, path: str | PathLike[str], *, actor: str,
                     flt: audit.AuditFilter | None = None) -> int:
    """Print the audit log's entries that ``flt`` chooses (all when None), oldest first, with the
    check of the whole chain, and audit the export itself."""
    flt = flt or audit.AuditFilter()
    with store.read() as session:
        count = audit.count_entries(session, flt if not flt.empty else None)
        entries = list(reversed(audit.list_entries(session, limit=count or 1, flt=flt)))
        chain_ok = not audit.verify_chain(session)
        subjects = audit.reveal_subjects(session, entries)
        row = session.get(Station, 1)
    pages = render_audit_log(path, entries, station_name=row.name if row else "", chain_ok=chain_ok,
                             subjects=subjects, selection=filter_text(flt))
    record_event(store, actor=actor, action="export.pdf", target="audit_log", detail=str(path))
    return pages
