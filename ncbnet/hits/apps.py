from django.apps import AppConfig


class HitsConfig(AppConfig):
    name = "ncbnet.hits"
    default_auto_field = "django.db.models.BigAutoField"
