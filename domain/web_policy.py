"""What every adapter sends beside the contract's bodies: browser access (CORS) and the
headers a JSON API sends to keep browsers from reading its answers as anything else.

Each adapter applies these with its framework's own tools; the values live here once.
"""

from __future__ import annotations

API_ROOT = "/api/"
DOCUMENTATION_PAGE = "/api/docs"  # Swagger UI: its scripts and styles need a permissive CSP

CORS_METHODS = ("DELETE", "GET", "POST", "PUT")
CORS_REQUEST_HEADERS = ("Authorization", "Content-Type")
CORS_MAX_AGE_SECONDS = 600
# Headers browsers may send without asking; Starlette names them in every preflight answer,
# and Django is told to name the same list.
CORS_SAFELISTED_HEADERS = ("Accept", "Accept-Language", "Content-Language", "Content-Type")

CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'"
NO_STORE = "no-store"
NOSNIFF = "nosniff"
FRAME_OPTIONS = "DENY"
REFERRER_POLICY = "no-referrer"

SECURITY_HEADERS: dict[str, str] = {
    "X-Content-Type-Options": NOSNIFF,
    "X-Frame-Options": FRAME_OPTIONS,
    "Referrer-Policy": REFERRER_POLICY,
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Cache-Control": NO_STORE,
}


def security_headers(path: str) -> dict[str, str]:
    """The headers an answer at ``path`` carries: all of them, except that the interactive
    documentation page goes without ``Content-Security-Policy`` so that its scripts run."""
    if path == DOCUMENTATION_PAGE:
        return {k: v for k, v in SECURITY_HEADERS.items() if k != "Content-Security-Policy"}
    return dict(SECURITY_HEADERS)
