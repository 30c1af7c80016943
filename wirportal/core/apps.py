from django.apps import AppConfig, apps


class CoreConfig(AppConfig):
    name = "wirportal.core"
    label = "core"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .caching import on_model_change

        # only models that declare content versions: the others keep Django's fast deletes
        for model in apps.get_models():
            if getattr(model, "content_versions", None) is not None:
                for signal in (post_save, post_delete):
                    signal.connect(
                        on_model_change,
                        sender=model,
                        dispatch_uid=f"core.caching.{model._meta.label}",
                    )
        m2m_changed.connect(on_model_change, dispatch_uid="core.caching.m2m")
