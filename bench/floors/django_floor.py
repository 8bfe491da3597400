"""Django's floor: one view in a settings-in-code project, served by gunicorn."""

from __future__ import annotations

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="floor-has-no-secrets-floor-has-no-secrets",  # noqa: S106 - nothing is signed
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
    INSTALLED_APPS=[],
    DATABASES={},
    USE_TZ=True,
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpRequest, JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402

from bench.floors import BLOCKING_PATH, BODY, PATH, THREADS  # noqa: E402


def floor(_request: HttpRequest) -> JsonResponse:
    return JsonResponse(BODY)


# every WSGI view may block: the blocking floor is the same view
urlpatterns = [path(PATH.lstrip("/"), floor), path(BLOCKING_PATH.lstrip("/"), floor)]
application = get_wsgi_application()


def command(python: str, host: str, port: int, workers: int) -> list[str]:
    """gunicorn as ``python -m impl_django serve`` runs it: gthread workers, ``THREADS``
    threads each."""
    return [
        python, "-m", "gunicorn", "bench.floors.django_floor:application",
        "--bind", f"{host}:{port}", "--workers", str(workers), "--log-level", "warning",
        "--worker-class", "gthread", "--threads", str(THREADS),
    ]  # fmt: skip
