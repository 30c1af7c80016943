from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wirportal.core.permissions import check_perm
from wirportal.core.views import button_action

from . import selectors, services


@login_required
def undelivered(request):
    check_perm(request.user, "notifications.view_undelivered_mail")
    context = {
        "mails": selectors.undelivered_mails(),
        "limit": selectors.LIST_LIMIT,
        "overdue_minutes": int(selectors.overdue_after().total_seconds() // 60),
        "can_retry": request.user.has_perm("notifications.retry_mail"),
    }
    return render(request, "notifications/undelivered.html", context)


@login_required
@require_POST
def retry(request, task_id):
    check_perm(request.user, "notifications.retry_mail")
    if not selectors.mail_task_exists(task_id):
        raise Http404
    return button_action(
        request,
        lambda: services.mail_retry(task_id=task_id, by=request.user),
        back=reverse("notifications:undelivered"),
        done=_("Die E-Mail wird erneut gesendet."),
    )
