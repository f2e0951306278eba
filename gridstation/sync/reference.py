"""Installing reference data the district publishes (protocol 2's ``reference`` answer): the
names of the station's grids as the district keeps them, and a newer service catalogue."""

from __future__ import annotations

import logging

from sqlalchemy import text

from gridstation.db.catalogue import install_catalogue
from gridstation.db.store import Store
from gridstation.domain.errors import ValidationError
from gridstation.sync.protocol import ReferenceResponse

log = logging.getLogger(__name__)


def install_reference(store: Store, answer: ReferenceResponse) -> None:
    with store.write() as session:
        for grid in answer.grids:
            renamed = session.execute(text("UPDATE station_grid SET name = :n WHERE code = :c AND name != :n"),
                                      {"n": grid.name[:100], "c": grid.code})
            if renamed.rowcount:  # type: ignore[attr-defined]
                log.info("grid %s is now called %s by the district", grid.code, grid.name)
    if answer.catalogue is not None:
        try:
            installed = install_catalogue(store, answer.catalogue.document, version=answer.catalogue.version)
        except ValidationError as exc:  # what the district published cannot break this station's sync
            log.warning("the district's catalogue version %s was not installed: %s", answer.catalogue.version, exc)
        else:
            if installed:
                log.info("service catalogue version %s installed (%s items)", answer.catalogue.version, installed)
