from django.conf import settings

from .navigation import nav_items


def portal(request):
    user = getattr(request, "user", None)
    return {
        "nav_items": nav_items(user) if user is not None else [],
        "operator": settings.WIR_OPERATOR,
    }
