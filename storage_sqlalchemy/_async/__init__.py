"""The storage's source for what waits on the database: the repositories and the unit of work,
written once, as coroutines; ``scripts/unasync.py`` writes their synchronous twin into
``storage_sqlalchemy/_sync``."""
