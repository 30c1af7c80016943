from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.forms import BaseForm
from django.http import (
    Http404,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render, resolve_url
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .caching import public_page
from .exceptions import DomainError
from .forms import add_domain_error
from .navigation import nav_items
from .worker import age_seconds, last_beat, oldest_waiting_since

_LANGUAGES = {code for code, _name in settings.LANGUAGES}


@public_page()
def home(request):
    """The programme's front page. A signed-in person finds their start page ("what waits for
    me") as the first button, one click away: `LOGIN_REDIRECT_URL` by its setting, as core does
    not import the dashboards app (issue #12)."""
    start_url = resolve_url(settings.LOGIN_REDIRECT_URL) if request.user.is_authenticated else ""
    return render(
        request, "core/home.html", {"cards": nav_items(request.user), "start_url": start_url}
    )


@never_cache
@require_GET
def choose_language(request, code: str):
    """The language switch in the header: a plain link, so public pages carry no CSRF token and
    can be cached. Only the language cookie changes; `next` must point to this site."""
    if code not in _LANGUAGES:
        raise Http404
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@never_cache
@require_GET
def healthz(request):
    """Health for monitoring: the database answers, the worker beats, no task waits too long.

    503 when the database fails, when the worker's last beat is older than
    `WIR_WORKER_BEAT_MAX_AGE` (or it never beat), or when the oldest ready task has waited longer
    than `WIR_TASK_MAX_WAIT` (seconds; `None` switches a check off)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        now = timezone.now()
        beat_age = age_seconds(last_beat(), now)
        queue_age = age_seconds(oldest_waiting_since(), now)
    except Exception as exc:  # any database failure means unhealthy
        return JsonResponse(
            {"status": "error", "database": "unavailable", "detail": type(exc).__name__}, status=503
        )
    problems = []
    beat_limit = settings.WIR_WORKER_BEAT_MAX_AGE
    if beat_limit is not None and (beat_age is None or beat_age > beat_limit):
        problems.append("worker")
    wait_limit = settings.WIR_TASK_MAX_WAIT
    if wait_limit is not None and queue_age is not None and queue_age > wait_limit:
        problems.append("queue")
    body = {
        "status": "error" if problems else "ok",
        "database": "ok",
        "worker_last_beat_seconds": None if beat_age is None else round(beat_age, 1),
        "oldest_queued_task_seconds": None if queue_age is None else round(queue_age, 1),
    }
    if problems:
        return JsonResponse({**body, "problems": problems}, status=503)
    return JsonResponse(body)


@public_page()
def imprint(request):
    return render(request, "core/imprint.html")


@public_page()
def privacy(request):
    return render(request, "core/privacy.html")


@public_page()
def accessibility(request):
    return render(request, "core/accessibility.html")


@dataclass(frozen=True)
class Saved:
    """What a service call led to, when the message depends on it: where to go next and the
    message to show there (`level` is one of `django.contrib.messages`' levels)."""

    to: str
    message: str | None = None
    level: int = messages.SUCCESS


def _show_refusal(form: BaseForm, error, error_field: str | None) -> None:
    if error_field and isinstance(error, DomainError) and error.field not in form.fields:
        form.add_error(error_field, error.message)
    else:
        add_domain_error(form, error)


def _done(request, outcome, done: str | None) -> HttpResponseBase:
    """Turn what `save`/`act` returned into the response: a response as it is, `Saved` with its
    message, anything else (a URL or a view name) as a redirect with `done`."""
    if isinstance(outcome, HttpResponseBase):
        return outcome  # a page the action renders itself (htmx)
    if isinstance(outcome, Saved):
        if outcome.message:
            messages.add_message(request, outcome.level, outcome.message)
        return redirect(outcome.to)
    if done:
        messages.success(request, done)
    return redirect(outcome)


def form_page(
    request,
    form: BaseForm,
    save: Callable[[dict], Any],
    *,
    template: str | None = None,
    context: dict | Callable[[], dict] | None = None,
    done: str | None = None,
    error_field: str | None = None,
    show_error: Callable[[BaseForm, Exception], None] | None = None,
    page: Callable[[BaseForm, int], HttpResponseBase] | None = None,
) -> HttpResponseBase:
    """The shape of every page with a form that calls a service.

    POST with valid input calls `save(cleaned_data)`. What it returns decides what follows:
    a URL or view name redirects there with the message `done` (none if `None`); a `Saved`
    brings its own message; a response is returned as it is; `None` means nothing was saved
    (a confirmation step) and the page is shown again. A refusal (`DomainError`, a model
    `ValidationError`) goes next to its field, or next to `error_field` when the error names no
    field of this form (above the form without one), and what was typed is kept (status 422);
    `show_error(form, error)` replaces that placement where a page needs its own.

    `context` is a dict or a callable that builds it: a callable runs only when the page is
    rendered, not before a redirect. Where the form is part of a larger page (the application
    editor), `page(form, status)` renders it instead of `template` and `context`."""
    if request.method == "POST" and form.is_valid():
        try:
            outcome = save(form.cleaned_data)
        except (DomainError, ValidationError) as error:
            if show_error is not None:
                show_error(form, error)
            else:
                _show_refusal(form, error, error_field)
        else:
            if outcome is not None:
                return _done(request, outcome, done)
    status = 422 if form.errors else 200
    if page is not None:
        return page(form, status)
    if template is None:
        raise TypeError("form_page needs a template or a page")
    extra = context() if callable(context) else (context or {})
    return render(request, template, {"form": form, **extra}, status=status)


def button_action(request, act: Callable[[], Any], *, back: str, done: str | None = None):
    """A button without a form (POST): `act()` calls the service. Success goes `back` with the
    message `done`, unless `act` returns a `Saved` (elsewhere, its own message) or a response
    (returned as it is); what else it returns is ignored. A refusal (`DomainError`) goes `back`
    with its message as an error. Nothing was typed, so nothing is lost."""
    try:
        outcome = act()
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(back)
    if isinstance(outcome, (Saved, HttpResponseBase)):
        return _done(request, outcome, done)
    return _done(request, back, done)


# --- Error pages (config/urls.py handler400/handler500, CSRF_FAILURE_VIEW; 403/404 are Django's
# own views with the templates/403.html and 404.html; 405 core.middleware) ----------------------


def bad_request(request, exception):
    """400: a host not in ALLOWED_HOSTS, too many form fields, a broken upload. Rendered without
    the request: `request.get_host()` may be just what failed. In the chosen language."""
    return HttpResponseBadRequest(render_to_string("400.html", {"LANGUAGE_CODE": get_language()}))


def server_error(request):
    """500, rendered without the request (it may be what broke), in the chosen language."""
    return HttpResponseServerError(render_to_string("500.html", {"LANGUAGE_CODE": get_language()}))


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (expired page, cookies blocked, another site)."""
    return render(request, "403_csrf.html", status=403)
