"""Public pages and files of the open dataset (no login, the same for everyone)."""

import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from wirportal.core.caching import cached_fragment, fill_reads, public_page, versions
from wirportal.core.routers import replica_reads

from . import exports, schema, selectors

# the content the dataset shows: a change to any of them renews the ETag (core.caching tokens)
CONTENT = ("decisions", "payments", "organisations", "offices", "programmes", "applications")
MAX_AGE = 3600  # an hour in shared caches; revalidation with ETag is cheap


@replica_reads  # its reads fill the shared cache: from the primary just after a change
@require_safe
@public_page(*CONTENT)
def index(request: HttpRequest) -> HttpResponse:
    """The same for everyone: the body is a shared fragment under the dataset's content
    versions (signed-in people do not get the whole-page cache)."""

    def context() -> dict:
        state = selectors.dataset_state()
        return {
            "state": state,
            "years": list(reversed(state.years)),
            "fields": schema.FIELDS,
            "schema_version": schema.SCHEMA_VERSION,
            "licence": {
                "id": schema.LICENCE_ID,
                "title": schema.LICENCE_TITLE,
                "url": schema.LICENCE_URL,
                "attribution": schema.ATTRIBUTION,
            },
        }

    body = cached_fragment("opendata/_body.html", context, key=("index",), depends_on=CONTENT)
    return render(request, "opendata/index.html", {"body": body})


@contextmanager
def _dataset_reads(token: str) -> Iterator[None]:
    """The files read the replica (core.routers), except while the dataset's content tokens
    changed within WIR_REPLICA_PIN_SECONDS: the ETag names those tokens, so the data under it
    must contain the change (core.caching.fill_reads)."""
    with replica_reads(), fill_reads(token):
        yield


def _streamed(chunks: Iterator[bytes], token: str) -> Iterator[bytes]:
    """The rows are read while the response is sent, after the view has returned."""
    with _dataset_reads(token):
        yield from chunks


def _etag(kind: str, token: str) -> str:
    digest = hashlib.sha256(f"{schema.SCHEMA_VERSION}|{kind}|{token}".encode()).hexdigest()
    return f'"{digest[:32]}"'


def _year(state: selectors.DatasetState, year: int) -> int:
    if year not in state.years:
        raise Http404("Für dieses Jahr gibt es keine Daten.")
    return year


def _file(
    request: HttpRequest,
    *,
    kind: str,
    content_type: str,
    body: Callable[[selectors.DatasetState], Iterator[bytes] | bytes],
    filename: str,
    attachment: bool,
    year: int | None = None,
) -> HttpResponse | StreamingHttpResponse:
    token = versions(*CONTENT)
    with _dataset_reads(token):
        state = selectors.dataset_state()
        if year is not None:
            _year(state, year)
        etag = _etag(kind, token)
        last_modified = int(state.last_modified.timestamp()) if state.last_modified else None
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        content = body(state) if not_modified is None else b""
    response: HttpResponse | StreamingHttpResponse
    if not_modified is not None:
        response = not_modified
    elif isinstance(content, bytes):
        response = HttpResponse(content, content_type=content_type)
    else:
        response = StreamingHttpResponse(_streamed(content, token), content_type=content_type)
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    if response.status_code == 200:
        disposition = "attachment" if attachment else "inline"
        response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"  # open data: other sites may fetch it
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


CSV = "text/csv; charset=utf-8; header=present"
JSON = "application/json; charset=utf-8"


@require_safe
def all_csv(request: HttpRequest):
    return _file(
        request,
        kind="csv",
        content_type=CSV,
        body=lambda state: exports.csv_chunks(selectors.rows()),
        filename="wir-foerderungen-alle-jahre.csv",
        attachment=True,
    )


@require_safe
def all_json(request: HttpRequest):
    return _file(
        request,
        kind="json",
        content_type=JSON,
        body=lambda state: exports.json_chunks(selectors.rows()),
        filename="wir-foerderungen-alle-jahre.json",
        attachment=False,
    )


@require_safe
def year_csv(request: HttpRequest, year: int):
    return _file(
        request,
        kind=f"csv:{year}",
        year=year,
        content_type=CSV,
        body=lambda state: exports.csv_chunks(selectors.rows(year=year)),
        filename=f"wir-foerderungen-{year}.csv",
        attachment=True,
    )


@require_safe
def year_json(request: HttpRequest, year: int):
    return _file(
        request,
        kind=f"json:{year}",
        year=year,
        content_type=JSON,
        body=lambda state: exports.json_chunks(selectors.rows(year=year)),
        filename=f"wir-foerderungen-{year}.json",
        attachment=False,
    )


def _document(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


@require_safe
def datapackage(request: HttpRequest):
    return _file(
        request,
        kind="datapackage",
        content_type=JSON,
        body=lambda state: _document(
            exports.datapackage(years=state.years, last_modified=state.last_modified)
        ),
        filename="datapackage.json",
        attachment=False,
    )


@require_safe
def dcat(request: HttpRequest):
    return _file(
        request,
        kind="dcat",
        content_type="application/ld+json; charset=utf-8",
        body=lambda state: _document(
            exports.dcat(years=state.years, last_modified=state.last_modified)
        ),
        filename="dcat.jsonld",
        attachment=False,
    )
