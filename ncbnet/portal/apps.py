from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "ncbnet.portal"
    label = "portal"
    verbose_name = "Officers' portal"
