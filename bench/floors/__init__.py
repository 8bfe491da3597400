"""Each framework's floor: its smallest JSON endpoint, no database, served as its
implementation is. Module ``<impl>_floor`` serves ``GET /floor`` and says how to start it.

It also serves ``GET /floor/blocking``: the same answer from a view that may block, as the
implementations' views do (the domain waits on the database). On WSGI frameworks every view
may block, so it is the same view; FastAPI runs such a view (a plain ``def``) in its thread
pool, sized as ``python -m impl_fastapi serve`` sizes it. The difference between the two is
what the thread pool costs, whatever the endpoint does.
"""

PATH = "/floor"
BLOCKING_PATH = "/floor/blocking"
BODY = {"message": "Hello, World!"}
# The locustfile's user classes, one per route
FLOOR_USER = "FloorUser"
BLOCKING_FLOOR_USER = "BlockingFloorUser"
# Threads per worker for blocking views, as every implementation's ``serve`` has by default
THREADS = 8

# The modes in which an implementation's views block (``fastapi-sync``): their floor is the
# blocking view. Flask's and Django's single mode blocks too, but there the two views are one.
BLOCKING_MODES = frozenset({"sync"})


def floor_user(variant: str) -> str:
    """The floor a variant is held against: the view served as its own views are."""
    _, _, mode = variant.partition("-")
    return BLOCKING_FLOOR_USER if mode in BLOCKING_MODES else FLOOR_USER
