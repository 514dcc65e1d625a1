from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "ncbnet.messaging"
    label = "messaging"

    def ready(self) -> None:
        from django.db import connection

        if connection.vendor == "sqlite":  # messages' full-text entries written in batches (messaging.fulltext)
            from ncbnet.messaging.fulltext import index_waiting_in_background
            from ncbnet.sqlite.base import every_second

            every_second(index_waiting_in_background)
