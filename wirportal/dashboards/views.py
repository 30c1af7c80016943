from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from . import selectors


@require_GET
def start(request):
    """The start page of the reader's role: what waits for them now (selectors.start_for)."""
    role, data = selectors.start_for(request.user, today=timezone.localdate())
    return render(request, "dashboards/start.html", {"role": role, "start": data})
