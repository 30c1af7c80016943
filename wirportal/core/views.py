from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .navigation import nav_items


def home(request):
    return render(request, "core/home.html", {"cards": nav_items(request.user)})


@never_cache
@require_GET
def healthz(request):
    """Liveness and database health for monitoring; 503 when the database does not answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means unhealthy
        return JsonResponse(
            {"status": "error", "database": "unavailable", "detail": type(exc).__name__}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok"})


def imprint(request):
    return render(request, "core/imprint.html")


def privacy(request):
    return render(request, "core/privacy.html")


def accessibility(request):
    return render(request, "core/accessibility.html")
