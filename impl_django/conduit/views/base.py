"""What every API view shares."""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request
from rest_framework.views import APIView


class ApiView(APIView):
    """An ``APIView`` that refuses a method it does not serve (405) before authenticating.

    DRF authenticates first; the contract's other implementations route first, so a wrong
    method is a 405 whoever calls. ``OPTIONS`` is not served.
    """

    http_method_names = ["get", "post", "put", "delete", "head"]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        served = {name.upper() for name in self.http_method_names if hasattr(self, name)}
        if request.method not in served:
            self.http_method_not_allowed(request, *args, **kwargs)
        super().initial(request, *args, **kwargs)
