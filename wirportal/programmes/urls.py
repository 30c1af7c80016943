from django.urls import path

from . import views

app_name = "programmes"
urlpatterns = [
    path("foerderprogramme/", views.programme_list, name="programme-list"),
    path("foerderprogramme/neu/", views.programme_create, name="programme-create"),
    path("foerderprogramme/<int:pk>/", views.programme_detail, name="programme-detail"),
    path("foerderprogramme/<int:pk>/bearbeiten/", views.programme_update, name="programme-update"),
    path(
        "foerderprogramme/<int:pk>/haushaltsjahre/neu/",
        views.budget_year_create,
        name="budget-year-create",
    ),
    path(
        "haushaltsjahre/<int:pk>/bearbeiten/", views.budget_year_update, name="budget-year-update"
    ),
    path("foerderprogramme/<int:pk>/foerderlinien/neu/", views.line_create, name="line-create"),
    path("foerderlinien/<int:pk>/", views.line_detail, name="line-detail"),
    path("foerderlinien/<int:pk>/bearbeiten/", views.line_update, name="line-update"),
    path("foerderlinien/<int:pk>/pauschalen/neu/", views.unit_rate_create, name="unit-rate-create"),
    path("pauschalen/<int:pk>/bearbeiten/", views.unit_rate_update, name="unit-rate-update"),
    path("pauschalen/<int:pk>/loeschen/", views.unit_rate_delete, name="unit-rate-delete"),
    path(
        "foerderlinien/<int:pk>/budgets/neu/", views.line_budget_create, name="line-budget-create"
    ),
    path("linienbudgets/<int:pk>/bearbeiten/", views.line_budget_update, name="line-budget-update"),
    path(
        "linienbudgets/<int:pk>/kontingente/neu/",
        views.allocation_create,
        name="allocation-create",
    ),
    path("foerderaufrufe/", views.call_list, name="call-list"),
    path("foerderaufrufe/<int:pk>/", views.call_detail, name="call-detail"),
    path("foerderlinien/<int:pk>/aufrufe/neu/", views.call_create, name="call-create"),
    path("foerderaufrufe/<int:pk>/bearbeiten/", views.call_update, name="call-update"),
    path("haushalt/", views.budget_overview, name="budget-overview"),
]
