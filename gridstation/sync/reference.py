"""Installing reference data the district publishes (protocol 2's ``reference`` answer): the
names of the station's grids as the district keeps them."""

from __future__ import annotations

import logging

from sqlalchemy import text

from gridstation.db.store import Store
from gridstation.sync.protocol import ReferenceResponse

log = logging.getLogger(__name__)


def install_reference(store: Store, answer: ReferenceResponse) -> None:
    with store.write() as session:
        for grid in answer.grids:
            renamed = session.execute(text("UPDATE station_grid SET name = :n WHERE code = :c AND name != :n"),
                                      {"n": grid.name[:100], "c": grid.code})
            if renamed.rowcount:  # type: ignore[attr-defined]
                log.info("grid %s is now called %s by the district", grid.code, grid.name)
