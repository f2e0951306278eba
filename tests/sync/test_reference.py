"""Reference data from the district through a real server: grid names and the service catalogue."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from gridstation import __version__
from gridstation.db import catalogue
from gridstation.resources import resource_path
from gridstation.server import database
from gridstation.server.schema import catalogue as catalogue_table
from gridstation.sync import protocol
from gridstation.sync.engine import client_for

from .conftest import GRID_A, GRID_B, ServerProcess, Station, server_cli, sync


def publish(server: ServerProcess, tmp_path: Path, document: dict[str, object]) -> str:
    path = tmp_path / f"catalogue-{document.get('version')}.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return server_cli(server.data_dir, "catalogue", "publish", str(path))


def test_a_newer_district_catalogue_is_installed_and_a_broken_one_changes_nothing(
        station_a: Station, server: ServerProcess, tmp_path: Path) -> None:
    bundled = json.loads(resource_path("catalogue/catalogue.json").read_text(encoding="utf-8"))
    assert catalogue.catalogue_version(station_a.store) == bundled["version"]
    newer = {**bundled, "version": bundled["version"] + 1, "items": bundled["items"][1:]}  # the first item dropped
    newer["items"][0] = {**newer["items"][0], "name": newer["items"][0]["name"] + "（新）"}
    assert "published" in publish(server, tmp_path, newer)
    assert sync(station_a).errors == []  # type: ignore[attr-defined]
    assert catalogue.catalogue_version(station_a.store) == newer["version"]
    entries = {e.item.code: e for e in catalogue.list_entries(station_a.store, include_retired=True)}
    assert entries[bundled["items"][0]["code"]].retired  # kept for the records that point at it
    assert entries[newer["items"][0]["code"]].item.name.endswith("（新）")

    broken = {"version": newer["version"] + 1, "items": [{"code": "X1"}]}  # what a station cannot use
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    refused = subprocess.run([sys.executable, "-m", "gridstation.server", "catalogue", "publish", str(path),
                              "--data-dir", str(server.data_dir)], capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and '"time_limit"' in refused.stderr  # the district refuses to publish it
    # A server from before that check may hold one all the same: a station keeps what it has.
    engine = database.make_engine(database.default_url(server.data_dir))
    with engine.begin() as conn:
        conn.execute(catalogue_table.insert().values(version=broken["version"], published_at="2026-01-01T00:00:00Z",
                                                     body=json.dumps(broken)))
    engine.dispose()
    assert sync(station_a).errors == []  # type: ignore[attr-defined]  # records still sync
    assert catalogue.catalogue_version(station_a.store) == newer["version"]  # and nothing changed


def test_the_reference_answer_names_the_grids_and_only_a_newer_catalogue(station_a: Station, server: ServerProcess,
                                                                        tmp_path: Path) -> None:
    bundled = json.loads(resource_path("catalogue/catalogue.json").read_text(encoding="utf-8"))
    publish(server, tmp_path, {**bundled, "version": 7})
    client = client_for(station_a.store)
    answer = client.reference(protocol.ReferenceRequest(protocol=protocol.PROTOCOL, app_version=__version__))
    assert [g.code for g in answer.grids] == [GRID_A, GRID_B] and answer.grids[0].community == "新兴社区"
    assert answer.catalogue is not None and answer.catalogue.version == 7
    held = protocol.ReferenceRequest(protocol=protocol.PROTOCOL, app_version=__version__, catalogue_version=7)
    assert client.reference(held).catalogue is None
    client.close()
