from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "wirportal.core"
    label = "core"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .caching import on_model_change

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(on_model_change, dispatch_uid=f"core.caching.{signal!r}")
