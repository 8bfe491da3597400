"""The endpoints, written once, on the event loop over the async domain; ``scripts/unasync.py``
writes their blocking twin (plain functions that FastAPI runs in its thread pool, over the
blocking domain) into ``impl_fastapi/_sync``."""
