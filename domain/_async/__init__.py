"""The domain's source for what waits on storage: ports, services, views, the in-memory twin.

Written once, as coroutines; ``scripts/unasync.py`` writes their synchronous twin into
``domain/_sync``. ``domain.aio`` exports this side, ``domain.services`` and ``domain.ports``
the twin's.
"""
