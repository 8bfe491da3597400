"""What every API view shares, blocking (DRF's ``APIView``) or async (adrf's)."""

from __future__ import annotations

from typing import Any

from adrf.views import APIView as AdrfAPIView
from rest_framework.request import Request
from rest_framework.views import APIView


class RoutesFirst(APIView):
    """Refuses a method the view does not serve (405) before authenticating.

    DRF authenticates first; the contract's other implementations route first, so a wrong
    method is a 405 whoever calls. ``OPTIONS`` is not served.
    """

    http_method_names = ["get", "post", "put", "delete", "head"]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        served = {name.upper() for name in self.http_method_names if hasattr(self, name)}
        if request.method not in served:
            self.http_method_not_allowed(request, *args, **kwargs)
        super().initial(request, *args, **kwargs)


class ApiView(RoutesFirst):
    """A view whose methods block: served by a WSGI server's threads."""


class AsyncApiView(RoutesFirst, AdrfAPIView):  # type: ignore[misc]  # adrf is untyped
    """A view whose methods are coroutines, on the ASGI server's event loop."""
