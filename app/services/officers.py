"""The station and its officers: who may be chosen as the current user, with 执法证号."""

from __future__ import annotations

from sqlalchemy import select

from app.errors import NotFound, ValidationFailed
from app.i18n import QT_TRANSLATE_NOOP
from app.records import OfficerRecord
from app.validation import Finding, Severity
from localdb.database import Database
from localdb.models import Officer, Station


def _record(officer: Officer) -> OfficerRecord:
    return OfficerRecord(officer.id, officer.name, officer.cert_no, officer.role, officer.active)


class OfficerService:
    """Lists and adds officers; the station row is created with the database."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def station_name(self) -> str:
        """The station's display name (empty before a station exists)."""
        with self._db.reader() as session:
            return session.scalar(select(Station.name).limit(1)) or ""

    def has_station(self) -> bool:
        """Whether the database holds a station yet (a fresh database does not)."""
        return bool(self.station_name())

    def create_station(self, name: str, code: str, region_code: str) -> str:
        """Create the single station row of a fresh database."""
        with self._db.transaction() as session:
            station = Station(name=name, code=code, region_code=region_code)
            session.add(station)
            session.flush()
            return station.id

    def active_officers(self) -> list[OfficerRecord]:
        """Officers who can be chosen, by name: active and not deleted. A soft delete keeps the row, and its active
        flag, for the records that name the officer; the draw's pool (app.inspections.tasks) has the same rule."""
        with self._db.reader() as session:
            stmt = select(Officer).where(Officer.active.is_(True), Officer.deleted_at.is_(None)).order_by(Officer.name)
            officers = session.scalars(stmt)
            return [_record(o) for o in officers]

    def add_officer(self, name: str, cert_no: str, role: str = "officer") -> OfficerRecord:
        """Add an officer; the name is required, the 执法证号 is free text (there is no national format)."""
        name = name.strip()
        if not name:
            raise ValidationFailed(
                [
                    Finding(
                        "name",
                        Severity.ERROR,
                        "officer.name",
                        QT_TRANSLATE_NOOP("Validation", "Enter the officer's name."),
                        (),
                    )
                ]
            )
        with self._db.transaction() as session:
            station_id = session.scalar(select(Station.id).limit(1))
            if station_id is None:
                raise NotFound("station")
            officer = Officer(station_id=station_id, name=name, cert_no=cert_no.strip(), role=role)
            session.add(officer)
            session.flush()
            return _record(officer)
