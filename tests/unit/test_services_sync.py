"""Service records sync to the district server and reach another station with no sync code of
their own (their model declares ``sync_kind``); catalogue items are reference data and stay local."""

from __future__ import annotations

from datetime import date

from gridstation.db import catalogue, maintenance, services
from gridstation.db import services_queries as q
from gridstation.domain import services as rules

# The district server and station fixtures are imported from tests/sync/conftest.py (a non-root
# conftest cannot be shared through pytest_plugins); tests naming them as parameters is the point.
from tests.sync.conftest import (  # noqa: F401 - fixtures reused from the sync tests
    GRID_A,
    Station,
    server,
    station_a,
    station_b,
    sync,
)


def test_a_service_record_and_its_status_changes_reach_the_other_station(station_a: Station,  # noqa: F811
                                                                         station_b: Station) -> None:  # noqa: F811
    actor = station_a.user.actor
    today = date.today()
    record = services.register_service(station_a.store, actor, grid_code=GRID_A, item_code="FW006",
                                       resident_name="张桂兰", received_on=today, resident_phone="13800138000",
                                       materials=["居民身份证"])
    services.change_status(station_a.store, actor, record.id, status=rules.COMPLETED, result="已办结")
    catalogue.set_item_hidden(station_a.store, station_a.user, "FW010", hidden=True)
    assert sync(station_a).pushed == 2  # type: ignore[attr-defined]
    sync(station_b)
    copy = q.get_record(station_b.store, record.id, today=today)
    assert copy is not None and copy.status == rules.COMPLETED and copy.resident_name == "张桂兰"
    assert [h.status for h in copy.history] == ["accepted", "completed"] and copy.materials == ("居民身份证",)
    # the station's hiding of an item is local: the other station still offers it
    assert "FW010" in {i.code for i in catalogue.offered_items(station_b.store)}
    assert maintenance.check(station_a.store).ok and maintenance.check(station_b.store).ok
