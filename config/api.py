"""The REST API: one NinjaAPI, each app contributes `router` from its api.py.

Every refusal is an RFC 9457 problem (`application/problem+json`: type, title, status, detail and,
for input, `errors` per field), made by the exception handlers below and documented on every
operation of the OpenAPI document (`ProblemAPI.get_openapi_schema`); ADR 0016.
"""

from http import HTTPStatus
from importlib import import_module
from typing import Any

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from wirportal.accounts.api_auth import ApiRateLimited
from wirportal.core.exceptions import DomainError, NotAllowed

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_TYPE = "about:blank"  # RFC 9457 § 4.2.1: the title is the status phrase
INVALID_INPUT = "urn:wir-portal:problem:invalid-input"
DOMAIN_RULE = "urn:wir-portal:problem:domain-rule"
RATE_LIMITED = "urn:wir-portal:problem:rate-limited"
# every operation documents these; routes that need a person add 401, writes add 409
COMMON_PROBLEMS = (400, 403, 404, 422)
AUTH_PROBLEMS = (401, 429)
WRITE_PROBLEMS = (409,)

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "RFC 9457 problem details.",
    "type": "object",
    "properties": {
        "type": {"type": "string", "format": "uri-reference"},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"},
        "errors": {
            "type": "object",
            "description": "Je Feld die Meldungen (Eingabefehler und Regeln der Fachlichkeit).",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["type", "title", "status", "detail"],
}


def _titles() -> dict[int, str]:
    return {
        400: _("Ungültige Anfrage"),
        401: _("Nicht angemeldet"),
        403: _("Keine Berechtigung"),
        404: _("Nicht gefunden"),
        405: _("Methode nicht erlaubt"),
        409: _("Konflikt mit dem aktuellen Stand"),
        422: _("Eingaben nicht verwendbar"),
        429: _("Zu viele Anfragen"),
    }


def problem(
    status: int,
    detail: str,
    *,
    type_: str = PROBLEM_TYPE,
    errors: dict[str, list[str]] | None = None,
    headers: dict[str, str] | None = None,
) -> JsonResponse:
    title = _titles().get(status) or HTTPStatus(status).phrase
    body: dict[str, Any] = {"type": type_, "title": title, "status": status, "detail": detail}
    if errors:
        body["errors"] = errors
    response = JsonResponse(
        body,
        status=status,
        content_type=PROBLEM_MEDIA_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _field_of(loc: list | tuple) -> str:
    """ninja's ('query', 'page') / ('body', 'payload', 'title') → 'page' / 'title'."""
    parts = [str(part) for part in loc[1:]] if len(loc) > 1 else [str(p) for p in loc]
    if len(parts) > 1 and parts[0] in {"payload", "data", "body", "filters"}:
        parts = parts[1:]
    return ".".join(parts) or "__all__"


def _validation_error(request: HttpRequest, exc: Any) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        errors.setdefault(_field_of(error.get("loc", ())), []).append(str(error.get("msg", "")))
    return problem(
        422,
        _("Mindestens eine Angabe ist nicht verwendbar."),
        type_=INVALID_INPUT,
        errors=errors,
    )


def _domain_error(request: HttpRequest, exc: Any) -> HttpResponse:
    errors: dict[str, list[str]] | None = getattr(exc, "errors", None)
    if errors is None and exc.field:
        errors = {exc.field: [str(exc.message)]}
    # a refusal because of the state (submitted meanwhile, not allowed now) is a conflict; a rule
    # about what was sent names its field
    status = 409 if isinstance(exc, NotAllowed) and not errors else 422
    # an API-level refusal may name its own status (applications.api.NotFound: 404)
    status = getattr(exc, "status_code", status)
    return problem(status, str(exc.message), type_=DOMAIN_RULE, errors=errors)


def _http_error(request: HttpRequest, exc: Any) -> HttpResponse:
    headers = {}
    if exc.status_code == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="WIR-Portal"'
    return problem(exc.status_code, str(exc), headers=headers)


def _authentication_error(request: HttpRequest, exc: Any) -> HttpResponse:
    return problem(
        401,
        _(
            "Bitte melden Sie sich an oder senden Sie ein gültiges persönliches Token "
            "(Authorization: Bearer …)."
        ),
        headers={"WWW-Authenticate": 'Bearer realm="WIR-Portal"'},
    )


def _not_found(request: HttpRequest, exc: Any) -> HttpResponse:
    return problem(404, _("Das gesuchte Objekt gibt es nicht oder Sie dürfen es nicht sehen."))


def _permission_denied(request: HttpRequest, exc: Any) -> HttpResponse:
    return problem(403, _("Keine Berechtigung."))


def _rate_limited(request: HttpRequest, exc: Any) -> HttpResponse:
    return problem(
        429,
        _("Zu viele Anfragen mit diesem Token. Bitte warten Sie %(seconds)s Sekunden.")
        % {"seconds": exc.retry_after},
        type_=RATE_LIMITED,
        headers={"Retry-After": str(exc.retry_after)},
    )


def _throttled(request: HttpRequest, exc: Any) -> HttpResponse:
    return problem(429, _("Zu viele Anfragen."), type_=RATE_LIMITED)


class ProblemAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document names the problem responses of every operation."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
        ref = {"$ref": "#/components/schemas/Problem"}
        for operations in schema.get("paths", {}).values():
            for method, operation in operations.items():
                if not isinstance(operation, dict) or "responses" not in operation:
                    continue
                responses = operation["responses"]
                codes = {int(code) for code in responses if str(code).isdigit()}
                codes = {code for code in codes if code >= 400} | set(COMMON_PROBLEMS)
                if operation.get("security"):
                    codes |= set(AUTH_PROBLEMS)
                if method.lower() in {"post", "put", "patch", "delete"}:
                    codes |= set(WRITE_PROBLEMS)
                for code in sorted(codes):
                    entry: dict[str, Any] = {
                        "description": _titles().get(code) or HTTPStatus(code).phrase,
                        "content": {PROBLEM_MEDIA_TYPE: {"schema": ref}},
                    }
                    if code == 429:
                        entry["headers"] = {
                            "Retry-After": {
                                "description": "Sekunden bis zur nächsten erlaubten Anfrage",
                                "schema": {"type": "integer"},
                            }
                        }
                    if code == 401:
                        entry["headers"] = {
                            "WWW-Authenticate": {"schema": {"type": "string"}},
                        }
                    responses[code] = entry
        return schema


api = ProblemAPI(
    title="WIR-Portal API",
    version="1",
    description="Offene Daten und Fachschnittstelle des Landesprogramms WIR. "
    "Öffentliche Endpunkte brauchen keine Anmeldung; alle anderen nehmen ein persönliches "
    "Token (`Authorization: Bearer wir_…`, auf der Seite „Mein Konto“ erstellt) oder die "
    "Sitzung des Portals (mit CSRF-Token für schreibende Anfragen). Jede Ablehnung ist ein "
    "Problem nach RFC 9457 (`application/problem+json`).",
    urls_namespace="api",
)
api.add_exception_handler(ValidationError, _validation_error)
api.add_exception_handler(DomainError, _domain_error)
api.add_exception_handler(HttpError, _http_error)
api.add_exception_handler(AuthenticationError, _authentication_error)
api.add_exception_handler(Throttled, _throttled)
api.add_exception_handler(Http404, _not_found)
api.add_exception_handler(ObjectDoesNotExist, _not_found)
api.add_exception_handler(PermissionDenied, _permission_denied)
api.add_exception_handler(ApiRateLimited, _rate_limited)

for config in apps.get_app_configs():
    if not config.name.startswith("wirportal."):
        continue
    try:
        module = import_module(f"{config.name}.api")
    except ModuleNotFoundError as error:
        if error.name != f"{config.name}.api":
            raise
        continue
    # an app may offer several resources: ROUTERS = [(prefix, router), …]
    routers = getattr(module, "ROUTERS", None) or [
        (getattr(module, "PREFIX", f"/{config.label}/"), module.router)
    ]
    for prefix, router in routers:
        api.add_router(prefix, router)
