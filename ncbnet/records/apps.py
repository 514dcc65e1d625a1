from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "ncbnet.records"
    default_auto_field = "django.db.models.BigAutoField"
