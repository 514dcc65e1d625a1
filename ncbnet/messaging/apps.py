from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "ncbnet.messaging"
    label = "messaging"
