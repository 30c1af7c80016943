from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .navigation import nav_items


def portal(request):
    user = getattr(request, "user", None)
    return {
        # lazy: base.html caches the rendered navigation per person, language and page
        "nav_items": SimpleLazyObject(lambda: nav_items(user) if user is not None else []),
        "operator": settings.WIR_OPERATOR,
    }
