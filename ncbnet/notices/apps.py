from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "ncbnet.notices"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from ncbnet.notices.publication import refresh_extracts_of
        from ncbnet.records.models import Person

        # A published notice's public extract follows its subject's record (a new photo, a corrected date of
        # birth): every change of a person record saves the row, bulk loads aside (they create, never change).
        post_save.connect(refresh_extracts_of, sender=Person, dispatch_uid="notices.refresh_extracts_of")
