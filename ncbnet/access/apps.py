from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "ncbnet.access"
    label = "access"
