from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Measure, Questionnaire, SelfCheck


@admin.register(Questionnaire)
class QuestionnaireAdmin(SimpleHistoryAdmin):
    list_display = ("version", "title", "published_at")


@admin.register(SelfCheck)
class SelfCheckAdmin(SimpleHistoryAdmin):
    list_display = ("office", "year", "status", "named")
    list_filter = ("year", "status")


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ("title", "self_check", "deadline", "status")
