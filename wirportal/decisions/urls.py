from django.urls import path

from . import views

app_name = "decisions"
urlpatterns = [
    path("", views.decision_list, name="decision-list"),
    path("antrag/<int:pk>/", views.summary, name="summary"),
    path("antrag/<int:pk>/vorschlag/", views.propose, name="propose"),
    path("<int:pk>/", views.decision_detail, name="decision-detail"),
    path("<int:pk>/freigeben/", views.approve, name="approve"),
    path("<int:pk>/zurueckgeben/", views.return_proposal, name="return"),
    path("<int:pk>/bescheid/", views.issue, name="issue"),
    path("<int:pk>/bescheid/pdf/", views.letter, name="letter"),
    path("<int:pk>/annahme/", views.accept, name="accept"),
    path("<int:pk>/widerruf/", views.revoke, name="revoke"),
    path(
        "<int:pk>/annahme/papier/",
        views.paper_acceptance,
        name="paper-acceptance",
    ),
    path("<int:pk>/frist/", views.extend_deadline, name="extend-deadline"),
    path("<int:pk>/wiedereinsetzung/", views.reinstate, name="reinstate"),
]
