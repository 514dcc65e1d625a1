from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "ncbnet.members"
    label = "members"
