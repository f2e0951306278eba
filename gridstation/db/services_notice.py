"""Notice-board materials from the station's data: the public inputs of ``reports.notice_board``
built from the station profile, its users, the catalogue and counts, and the one entry point that
renders them with the residents' personal values handed to the guard.

The station's notice-board profile (opening hours, each grid's area, supervision and contact
phones, each leader's public work phone, duties and photo) is local station data in
``app_setting`` (key ``notice_board_profile``); photos are copied, checked, into the data
directory's ``notice_photos/``.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from gridstation.db import accounts, audit, catalogue, diary_queries, station
from gridstation.db.clock import iso
from gridstation.db.models import AppSetting
from gridstation.db.services_queries import ResidentValues, month_statistics, resident_personal_values
from gridstation.db.store import Store
from gridstation.domain.diary import DiaryItemView, MonthReport
from gridstation.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from gridstation.reports import notice_board as nb
from gridstation.reports.notice_board_base import Target, load_photo

PROFILE_KEY = "notice_board_profile"
KINDS = ("grid_card", "checklist", "legal", "summary")
DEFAULT_DUTIES = ("负责网格内人口、房屋等基础信息采集更新", "开展日常巡查，排查上报安全隐患和矛盾纠纷",
                  "为居民提供政策咨询和帮办代办服务", "开展法治宣传，协助化解矛盾纠纷")
LEGAL_SAMPLES: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "anti_fraud": ("防范电信网络诈骗", (
        ("不轻信", "陌生来电自称公检法、客服、领导熟人要求转账的，一律先挂断，再通过官方渠道核实。"),
        ("不透露", "不向任何人透露银行卡密码、短信验证码，不点击陌生链接，不下载陌生软件。"),
        ("不转账", "凡是要求把钱转到“安全账户”的，都是诈骗。遇到可疑情况请拨打96110咨询。"),
    )),
    "neighbours": ("民法典与邻里和睦", (
        ("相邻关系", "不动产的相邻权利人应当按照有利生产、方便生活、团结互助、公平合理的原则，正确处理相邻关系。"
                     "（民法典第二百八十八条）"),
        ("噪声与采光", "不动产权利人不得违反国家规定弃置固体废物，排放大气污染物、水污染物、土壤污染物、噪声、"
                       "光辐射、电磁辐射等有害物质。（民法典第二百九十四条）"),
        ("调解免费", "邻里纠纷可申请人民调解，人民调解不收取任何费用。（人民调解法第四条）"),
    )),
    "domestic_violence": ("反对家庭暴力", (
        ("国家禁止任何形式的家庭暴力",
         "家庭成员之间应当互相帮助，互相关爱，和睦相处，履行家庭义务。（反家庭暴力法第三条）"),
        ("遇到家庭暴力怎么办", "受害人及其法定代理人、近亲属可以向加害人或者受害人所在单位、居民委员会、村民委员会、"
                               "妇女联合会等单位投诉、反映或者求助，也可以向公安机关报案。（反家庭暴力法第十三条）"),
        ("人身安全保护令", "当事人因遭受家庭暴力或者面临家庭暴力的现实危险，可以向人民法院申请人身安全保护令。"
                           "（反家庭暴力法第二十三条）"),
    )),
}


@dataclass
class NoticeProfile:
    opening_hours: str = "周一至周五 8:30-11:30　13:30-17:00"
    supervision_phone: str = ""
    contact_phone: str = ""
    areas: dict[str, str] = field(default_factory=dict)  # grid code -> area text
    leaders: dict[str, dict[str, Any]] = field(default_factory=dict)  # user id -> phone, duties, photo file


def get_profile(store: Store) -> NoticeProfile:
    with store.read() as session:
        row = session.get(AppSetting, PROFILE_KEY)
    if row is None:
        return NoticeProfile()
    data = json.loads(row.value)
    return NoticeProfile(**{k: v for k, v in data.items() if k in NoticeProfile.__dataclass_fields__})


def save_profile(store: Store, profile: NoticeProfile, *, actor: str) -> None:
    with store.write() as session:
        session.merge(AppSetting(key=PROFILE_KEY, value=json.dumps(profile.__dict__, ensure_ascii=False)))
        audit.append(session, at=iso(store.clock.now()), actor=actor, action="setting.change", target=PROFILE_KEY)


def set_leader_photo(store: Store, user_id: str, source: str | Path, *, actor: str) -> Path:
    """Check ``source`` (an image, not huge) and keep a copy as the leader's notice-board photo."""
    data = load_photo(source)
    folder = store.data_dir / "notice_photos"
    folder.mkdir(exist_ok=True)
    suffix = ".png" if data.startswith(b"\x89PNG") else ".jpg"
    target = folder / f"{user_id}{suffix}"
    tmp = target.with_suffix(".tmp")
    tmp.write_bytes(data)
    shutil.move(tmp, target)
    profile = get_profile(store)
    profile.leaders.setdefault(user_id, {})["photo"] = target.name
    save_profile(store, profile, actor=actor)
    return target


def _station_name(store: Store) -> str:
    profile = station.get_station(store)
    return profile.name if profile is not None else ""


def grid_card(store: Store, grid_code: str) -> nb.GridCard:
    profile = get_profile(store)
    grids = {g.code: g.name for g in station.list_grids(store)}
    if grid_code not in grids:
        raise ValidationError("grid", QT_TRANSLATE_NOOP("Errors", "This station does not serve grid {grid}."),
                              grid=grid_code)
    users = [u for u in accounts.list_users(store) if getattr(u, "active", True)]
    # A: the grid's leader; failing one, the B-role worker whose own grid it is (a B-role worker leads
    # their own grid and covers the neighbours'). B: a B-role worker of another grid.
    a_roles = [u for u in users if u.role == "grid_leader" and u.grid_code == grid_code] or [
        u for u in users if u.role == "backup_leader" and u.grid_code == grid_code]
    b_roles = [u for u in users if u.role == "backup_leader" and u.grid_code != grid_code]
    if not a_roles and not b_roles:
        raise ValidationError("grid", QT_TRANSLATE_NOOP(
            "Errors", "No grid worker is assigned to {grid}, so its information card would show no one. Give the grid "
                      "its leader in the user accounts first."), grid=grids[grid_code])
    leaders = []
    for role, user in [("网格长（A角）", u) for u in a_roles[:1]] + [("代岗网格员（B角）", u) for u in b_roles[:1]]:
        own = profile.leaders.get(user.user_id, {})
        photo = None
        if own.get("photo"):
            path = store.data_dir / "notice_photos" / str(own["photo"])
            photo = path.read_bytes() if path.exists() else None
        leaders.append(nb.PublicLeader(name=user.display_name, role=role, phone=str(own.get("phone", "")),
                                       duties=tuple(own.get("duties") or DEFAULT_DUTIES), photo=photo))
    return nb.GridCard(station_name=_station_name(store), grid_name=grids[grid_code],
                       area=profile.areas.get(grid_code, ""), opening_hours=profile.opening_hours,
                       leaders=tuple(leaders), supervision_phone=profile.supervision_phone)


def checklist_poster(store: Store) -> nb.ChecklistPoster:
    profile = get_profile(store)
    return nb.ChecklistPoster(station_name=_station_name(store), items=tuple(catalogue.offered_items(store)),
                              opening_hours=profile.opening_hours, contact_phone=profile.contact_phone)


def legal_sheet(store: Store, *, layout: str, title: str, sections: tuple[tuple[str, str], ...],
                slogan: str = "学法尊法守法用法") -> nb.LegalSheet:
    """The legal publicity sheet; refused (before anything is drawn) without a title or without text."""
    if layout not in nb.LEGAL_LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}")
    title = title.strip()
    has_text = any(heading.strip() or body.strip() for heading, body in sections)
    if not title and not has_text:
        raise ValidationError("title", QT_TRANSLATE_NOOP(
            "Errors", "The legal publicity sheet has no title and no text. Enter both (or start from a sample) "
                      "before printing."))
    if not title:
        raise ValidationError("title", QT_TRANSLATE_NOOP(
            "Errors", "The legal publicity sheet has no title. Enter a title before printing."))
    if not has_text:
        raise ValidationError("text", QT_TRANSLATE_NOOP(
            "Errors", "The legal publicity sheet has no text. Enter at least one section (its first line is the "
                      "heading) before printing."))
    return nb.LegalSheet(station_name=_station_name(store), layout=layout, title=title,
                         sections=tuple(nb.LegalSection(h, b) for h, b in sections), slogan=slogan)


def _diary_months(store: Store, year: int, month: int) -> list[MonthReport]:
    """The diary's own month report (``diary_queries.month_report``) of each grid with diary pages in
    the month, so that the poster counts the same effective items the diary reports."""
    first = date(year, month, 1).isoformat()
    end = date(year + month // 12, month % 12 + 1, 1).isoformat()
    with store.read() as session:
        grids = [str(code) for (code,) in session.connection().exec_driver_sql(
            "SELECT DISTINCT grid_code FROM diary_day WHERE deleted = 0 AND day >= ? AND day < ? ORDER BY grid_code",
            (first, end))]
    return [diary_queries.month_report(store, grid_code=grid, year=year, month=month) for grid in grids]


def dispute_counts(items: Iterable[DiaryItemView]) -> tuple[int, int]:
    """(found, resolved) among a period's effective diary items (``MonthReport.items``), the 矛盾纠纷
    figures of the public summary. Found: new disputes; a follow-up (``follows_id``) carries on one
    found earlier and is not a second dispute. Resolved (化解): dispute items closed in the grid, so
    neither still open (an item a follow-up took over stays open; the follow-up is the one that
    closes) nor escalated (上报: passed up, not resolved in the grid; the diary counts it as 上报上级)."""
    found = resolved = 0
    for item in items:
        if item.category != "dispute":
            continue
        found += item.follows_id is None
        resolved += not item.open and not item.escalated
    return found, resolved


def public_summary(store: Store, *, year: int, month: int, today: date) -> nb.PublicSummary:
    """The month in counts only: work done (diary), services handled, disputes resolved. The diary
    figures are those of the diary's month reports of the grids written for (``_diary_months``).

    化解 counts the disputes the diary records as resolved, not mediation cases concluded in the
    month: domain.md does not put those on the poster, and a dispute found on the rounds and then
    mediated would be counted twice (a mediation case is not linked to the diary item)."""
    stats = month_statistics(store, year=year, month=month, today=today)
    reports = _diary_months(store, year, month)

    def total(category: str, figure: str) -> int:
        return sum(getattr(r.totals.by_category[category], figure) for r in reports)

    work = (("日常巡查", total("patrol", "items"), "次"),
            ("入户走访", total("visit", "households"), "户"),
            ("排查发现安全隐患", total("hazard", "hazards_found"), "处"),
            ("开展法治宣传", total("legal", "items"), "次"))
    services = (("受理便民服务", stats.total, "件"),
                ("已办结（含退回、转办）", stats.closed, "件"),
                ("办理中", stats.by_status.get("accepted", 0) + stats.by_status.get("in_progress", 0), "件"),
                ("按期办结", stats.closed_on_time, "件"))
    found, resolved = dispute_counts(item for r in reports for item in r.items)
    disputes = (("排查发现矛盾纠纷", found, "件"),
                ("化解矛盾纠纷", resolved, "件"))
    profile = get_profile(store)
    return nb.PublicSummary(station_name=_station_name(store), year=year, month=month,
                            groups=(("一、日常工作", work), ("二、便民服务", services), ("三、矛盾纠纷化解", disputes)),
                            supervision_phone=profile.supervision_phone or profile.contact_phone)


def personal_values(store: Store) -> set[str]:
    with store.read() as session:
        return resident_personal_values(session)


def render_notice(store: Store, kind: str, target: Target, *, paper: str, issued: date, actor: str,
                  document: object) -> float:
    """Render a notice-board ``document`` (built by the functions above) with the guard fed from the
    database; audited as a print/export of public material. Returns the scale used."""
    renderers = {"grid_card": nb.render_grid_card, "checklist": nb.render_checklist_poster,
                 "legal": nb.render_legal_sheet, "summary": nb.render_public_summary}
    render: Any = renderers[kind]
    scale = float(render(target, document, paper=paper, personal=ResidentValues(store), issued=issued))
    with store.write() as session:
        audit.append(session, at=iso(store.clock.now()), actor=actor, action="export.pdf",
                     target=f"notice {kind} {paper}")
    return scale
