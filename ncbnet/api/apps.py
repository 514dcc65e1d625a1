from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ncbnet.api"
    label = "api"
