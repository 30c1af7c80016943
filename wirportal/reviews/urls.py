from django.urls import include, path

from . import views

app_name = "reviews"

reviews = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/", views.review_detail, name="review-detail"),
    path("<int:pk>/zuweisen/", views.assign, name="assign"),
    path("<int:pk>/gutachter/", views.reviewers_assign, name="reviewers-assign"),
    path("<int:pk>/vollstaendigkeit/", views.completeness, name="completeness"),
    path("<int:pk>/unterlagen-anfordern/", views.documents_request, name="documents-request"),
    path("<int:pk>/sachlich/", views.content_check, name="content-check"),
    path("<int:pk>/rechnerisch/", views.arithmetic_check, name="arithmetic-check"),
    path("<int:pk>/bewertung/", views.score, name="score"),
]

lines = [
    path("<int:line_pk>/kriterien/", views.criteria, name="criteria"),
    path(
        "<int:line_pk>/kriterien/<int:criterion_pk>/entfernen/",
        views.criterion_remove,
        name="criterion-remove",
    ),
]

# one literal prefix per group: Django tests the prefix, then only that group's routes
urlpatterns = [
    path("pruefung/", include(reviews)),
    path("foerderlinien/", include(lines)),
]
