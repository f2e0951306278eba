"""The command line: district structure, stations, catalogue, audit, and serve's TLS rule."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gridstation.server import audit, database, district, stations
from gridstation.server.cli import is_loopback, main


def _run(capsys: pytest.CaptureFixture[str], url: str, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--db", url])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_district_station_catalogue_and_audit_commands(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, database_url, "migrate")[1].startswith("schema at revision r0003")
    assert _run(capsys, database_url, "district", "add-street", "230204001", "站前街道")[0] == 0
    assert _run(capsys, database_url, "district", "add-community", "230204001003", "新兴社区")[0] == 0
    assert _run(capsys, database_url, "district", "add-grid", "230204001003-001u", "第一网格")[0] == 0
    code, _, err = _run(capsys, database_url, "district", "add-grid", "230204001009-001U", "无社区")
    assert code == 2 and "add its community/village 230204001009 first" in err
    code, _, err = _run(capsys, database_url, "district", "add-street", "23020400X", "坏")
    assert code == 2 and "9 digits" in err

    district_file = tmp_path / "district.json"
    district_file.write_text(json.dumps({
        "streets": [{"code": "230204001", "name": "站前街道"}, {"code": "230204101", "name": "扎龙镇"}],
        "communities": [{"code": "230204101201", "name": "扎龙村"}],
        "grids": [{"code": "230204101201-001R", "name": "扎龙村第一网格"}],
    }, ensure_ascii=False), encoding="utf-8")
    code, out, _ = _run(capsys, database_url, "district", "load", str(district_file))
    assert code == 0 and out.strip() == "added 1 streets, 1 communities, 1 grids"

    code, out, _ = _run(capsys, database_url, "station", "add", "--name", "新兴社区网格服务站",
                        "--grid", "230204001003-001U", "--grid", "230204101201-001R")
    assert code == 0
    station_id = re.search(r"station id:\s+(\S+)", out).group(1)  # type: ignore[union-attr]
    assert re.search(r"enrolment code:\s+[A-Z2-9]{4}-[A-Z2-9]{4}\n", out)
    code, _, err = _run(capsys, database_url, "station", "add", "--name", "x", "--grid", "230204001003-009U")
    assert code == 2 and "Unknown grid" in err

    code, out, _ = _run(capsys, database_url, "station", "list")
    assert "新兴社区网格服务站" in out and "230204001003-001U,230204101201-001R" in out and "never" in out
    assert _run(capsys, database_url, "station", "code", station_id)[0] == 0
    assert _run(capsys, database_url, "station", "revoke", station_id)[0] == 0
    assert "revoked" in _run(capsys, database_url, "station", "list")[1]
    assert _run(capsys, database_url, "station", "revoke", "no-such-id")[0] == 2

    catalogue = tmp_path / "catalogue.json"
    item = {"code": "S01", "name": "低保申请", "category": "社会救助", "department": "区民政局", "level": "区",
            "materials": ["居民身份证"], "time_limit": {"days": 20, "kind": "working"}, "proxy": True}
    catalogue.write_text(json.dumps({"items": [item]}), encoding="utf-8")
    assert _run(capsys, database_url, "catalogue", "publish", str(catalogue))[1].strip() == (
        "catalogue version 1 published")
    assert "version 2" in _run(capsys, database_url, "catalogue", "publish", str(catalogue))[1]
    engine = database.make_engine(database_url)
    assert district.latest_catalogue(engine) == (2, {"items": [item], "version": 2})
    catalogue.write_text(json.dumps({"version": 2, "items": [item]}), encoding="utf-8")  # a file naming its version
    code, _, err = _run(capsys, database_url, "catalogue", "publish", str(catalogue))
    assert code == 2 and "not newer than the published version 2" in err
    catalogue.write_text(json.dumps({"services": [item]}), encoding="utf-8")  # one stations could not install
    code, _, err = _run(capsys, database_url, "catalogue", "publish", str(catalogue))
    assert code == 2 and '"items" must be a non-empty list' in err
    catalogue.write_text(json.dumps({"version": 5, "items": [item]}), encoding="utf-8")
    assert "version 5" in _run(capsys, database_url, "catalogue", "publish", str(catalogue))[1]

    code, out, _ = _run(capsys, database_url, "audit", "--limit", "100")
    actions = [line.split("\t")[2] for line in out.strip().splitlines()]
    assert actions[0] == "admin.catalogue.publish"
    assert {"admin.street.add", "admin.community.add", "admin.grid.add", "admin.district.load",
            "admin.station.add", "admin.station.code", "admin.station.revoke"} <= set(actions)
    assert all(entry.success for entry in audit.latest(engine, 100))
    assert len(stations.listing(engine)) == 1
    engine.dispose()


def test_serve_refuses_plain_http_off_loopback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--data-dir", str(tmp_path), "--host", "0.0.0.0"]) == 2
    assert "Refusing to serve plain HTTP on 0.0.0.0" in capsys.readouterr().err
    assert main(["serve", "--data-dir", str(tmp_path), "--host", "0.0.0.0", "--ssl-certfile", "c.pem"]) == 2
    assert all(is_loopback(h) for h in ("127.0.0.1", "::1", "[::1]", "localhost", "127.0.0.2"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "192.168.1.10", "example.org", "::"))
