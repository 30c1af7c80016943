from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "wirportal.documents"
    label = "documents"
