"""Security headers, the upload limit, and the workspace on each request."""

from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

from zidocs.api import Workspace

# Only our own files; no inline script or style, no eval, no framing, forms only to us.
CSP = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
])


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CSP)
        return response


def too_large(limit: int) -> HttpResponse:
    """413 with an Indonesian page (no hop-by-hop headers: waitress refuses them)."""
    body = render_to_string("zidocs_web/413.html", {"mb": max(1, limit // (1024 * 1024))})
    return HttpResponse(body, status=413)


class UploadLimitMiddleware:
    """Refuse by Content-Length before any middleware (CSRF) parses the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.ZIDOCS_MAX_UPLOAD
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit + 64 * 1024:  # the form fields and multipart framing around the files
            return too_large(limit)
        return self.get_response(request)


class WorkspaceMiddleware:
    """``request.workspace``: the one place that decides which office a request serves."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.workspace = Workspace(Path(settings.ZIDOCS_WORKSPACE))

    def __call__(self, request):
        request.workspace = self.workspace
        return self.get_response(request)
