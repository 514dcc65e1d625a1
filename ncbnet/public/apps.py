from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "ncbnet.public"
    default_auto_field = "django.db.models.BigAutoField"
