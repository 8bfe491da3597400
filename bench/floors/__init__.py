"""Each framework's floor: its smallest JSON endpoint, no database, served as its
implementation is. Module ``<impl>_floor`` serves ``GET /floor`` and says how to start it."""

PATH = "/floor"
BODY = {"message": "Hello, World!"}
