from django.urls import path

from . import views

app_name = "reviews"
urlpatterns = [
    path("pruefung/", views.inbox, name="inbox"),
    path("pruefung/<int:pk>/", views.review_detail, name="review-detail"),
    path("pruefung/<int:pk>/zuweisen/", views.assign, name="assign"),
    path("pruefung/<int:pk>/gutachter/", views.reviewers_assign, name="reviewers-assign"),
    path("pruefung/<int:pk>/vollstaendigkeit/", views.completeness, name="completeness"),
    path(
        "pruefung/<int:pk>/unterlagen-anfordern/", views.documents_request, name="documents-request"
    ),
    path("pruefung/<int:pk>/sachlich/", views.content_check, name="content-check"),
    path("pruefung/<int:pk>/rechnerisch/", views.arithmetic_check, name="arithmetic-check"),
    path("pruefung/<int:pk>/bewertung/", views.score, name="score"),
    path("foerderlinien/<int:line_pk>/kriterien/", views.criteria, name="criteria"),
    path(
        "foerderlinien/<int:line_pk>/kriterien/<int:criterion_pk>/entfernen/",
        views.criterion_remove,
        name="criterion-remove",
    ),
]
