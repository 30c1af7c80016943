"""Request and response handling of the whole portal.

German by default: the language changes only when a person chooses another one (cookie).
Django's LocaleMiddleware would follow the browser's Accept-Language header; an administration
portal of Land Hessen speaks German unless asked otherwise.
"""

from django.conf import settings
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

_SUPPORTED = {code for code, _name in settings.LANGUAGES}


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in _SUPPORTED else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class StripNullBytesMiddleware:
    """Query parameters never carry NUL bytes into the application (PostgreSQL refuses them in
    text, which would end as a server error). Forms already reject NUL with a field error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "%00" in request.META.get("QUERY_STRING", "") or any(
            "\x00" in v for v in request.GET.values()
        ):
            cleaned = request.GET.copy()
            for key in list(cleaned.keys()):
                cleaned.setlist(key, [value.replace("\x00", "") for value in cleaned.getlist(key)])
            request.GET = cleaned
        return self.get_response(request)


class PrivateResponsesMiddleware:
    """Nothing personal in a shared or browser cache (ASVS 5.0 V14.3.2): every response to a
    signed-in person, and to any request whose session holds something (a login in progress,
    messages), gets `Cache-Control: private, no-store`. Visitors without a session keep the
    caching of public pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if (user is not None and user.is_authenticated) or (
            session is not None and not session.is_empty()
        ):
            patch_cache_control(response, private=True, no_store=True)
        return response


class MethodNotAllowedPageMiddleware:
    """Django's `require_GET`/`require_POST` answer a wrong method with an empty 405: the portal
    shows its own page instead, keeping the Allow header. Responses with a body (the API's JSON)
    stay as they are."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.streaming and not response.content:
            page = render(request, "405.html", status=405)
            if "Allow" in response:
                page["Allow"] = response["Allow"]
            return page
        return response
