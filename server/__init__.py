"""StationDesk's reference provincial server: FastAPI app, admin CLI and demo seeding (see docs/sync-protocol.md)."""

__version__ = "0.1.0"
