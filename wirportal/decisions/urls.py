from django.urls import path

from . import views

app_name = "decisions"
urlpatterns = [
    path("entscheidungen/", views.decision_list, name="decision-list"),
    path("entscheidungen/antrag/<int:pk>/", views.summary, name="summary"),
    path("entscheidungen/antrag/<int:pk>/vorschlag/", views.propose, name="propose"),
    path("entscheidungen/<int:pk>/", views.decision_detail, name="decision-detail"),
    path("entscheidungen/<int:pk>/freigeben/", views.approve, name="approve"),
    path("entscheidungen/<int:pk>/zurueckgeben/", views.return_proposal, name="return"),
    path("entscheidungen/<int:pk>/bescheid/", views.issue, name="issue"),
    path("entscheidungen/<int:pk>/bescheid/pdf/", views.letter, name="letter"),
    path("entscheidungen/<int:pk>/annahme/", views.accept, name="accept"),
    path("entscheidungen/<int:pk>/widerruf/", views.revoke, name="revoke"),
    path(
        "entscheidungen/<int:pk>/annahme/papier/",
        views.paper_acceptance,
        name="paper-acceptance",
    ),
    path("entscheidungen/<int:pk>/frist/", views.extend_deadline, name="extend-deadline"),
    path("entscheidungen/<int:pk>/wiedereinsetzung/", views.reinstate, name="reinstate"),
]
