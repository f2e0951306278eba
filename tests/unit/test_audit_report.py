"""The audit log prints as a PDF whose text reads back."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from gridstation.db import accounts, audit
from gridstation.db.store import Store
from gridstation.reports.audit_report import render_audit_log

from .conftest import ADMIN_PASSWORD


def test_audit_log_pdf(store: Store, admin: accounts.SignedIn, tmp_path: Path) -> None:
    accounts.authenticate(store, "admin", ADMIN_PASSWORD)
    with store.read() as session:
        entries = audit.list_entries(session)
        ok = not audit.verify_chain(session)
    out = tmp_path / "audit.pdf"
    pages = render_audit_log(out, entries, station_name="新兴社区网格服务站", chain_ok=ok)
    text = "".join(page.extract_text() for page in PdfReader(out).pages).replace(" ", "").replace("\n", "")
    assert pages >= 1
    assert "审计日志" in text and "站点初始化" in text and "登录" in text and "完整" in text
    assert f"共{len(entries)}条记录" in text
