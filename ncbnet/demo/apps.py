from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "ncbnet.demo"
    label = "demo"
