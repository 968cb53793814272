"""Use cases of the station app: one module per use case, each taking the open database in its constructor."""
