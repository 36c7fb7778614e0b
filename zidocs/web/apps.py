from django.apps import AppConfig


class ZidocsWebConfig(AppConfig):
    name = "zidocs.web"
    label = "zidocs_web"
    verbose_name = "zidocs web"
    default_auto_field = "django.db.models.BigAutoField"
