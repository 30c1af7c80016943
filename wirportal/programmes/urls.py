from django.urls import include, path

from . import views

app_name = "programmes"

programmes = [
    path("", views.programme_list, name="programme-list"),
    path("neu/", views.programme_create, name="programme-create"),
    path("<int:pk>/", views.programme_detail, name="programme-detail"),
    path("<int:pk>/bearbeiten/", views.programme_update, name="programme-update"),
    path(
        "<int:pk>/haushaltsjahre/neu/",
        views.budget_year_create,
        name="budget-year-create",
    ),
    path("<int:pk>/foerderlinien/neu/", views.line_create, name="line-create"),
]

lines = [
    path("<int:pk>/", views.line_detail, name="line-detail"),
    path("<int:pk>/bearbeiten/", views.line_update, name="line-update"),
    path("<int:pk>/pauschalen/neu/", views.unit_rate_create, name="unit-rate-create"),
    path("<int:pk>/budgets/neu/", views.line_budget_create, name="line-budget-create"),
    path("<int:pk>/aufrufe/neu/", views.call_create, name="call-create"),
]

unit_rates = [
    path("<int:pk>/bearbeiten/", views.unit_rate_update, name="unit-rate-update"),
    path("<int:pk>/loeschen/", views.unit_rate_delete, name="unit-rate-delete"),
]

line_budgets = [
    path("<int:pk>/bearbeiten/", views.line_budget_update, name="line-budget-update"),
    path(
        "<int:pk>/kontingente/neu/",
        views.allocation_create,
        name="allocation-create",
    ),
]

calls = [
    path("", views.call_list, name="call-list"),
    path("<int:pk>/", views.call_detail, name="call-detail"),
    path("<int:pk>/bearbeiten/", views.call_update, name="call-update"),
]

# one literal prefix per group: Django tests the prefix, then only that group's routes
urlpatterns = [
    path("foerderprogramme/", include(programmes)),
    path(
        "haushaltsjahre/<int:pk>/bearbeiten/", views.budget_year_update, name="budget-year-update"
    ),
    path("foerderlinien/", include(lines)),
    path("pauschalen/", include(unit_rates)),
    path("linienbudgets/", include(line_budgets)),
    path("foerderaufrufe/", include(calls)),
    path("haushalt/", views.budget_overview, name="budget-overview"),
]
