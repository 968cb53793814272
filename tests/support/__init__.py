"""Helpers shared by the db, cli and unit tests (real databases, real processes; no fakes of our own code)."""
