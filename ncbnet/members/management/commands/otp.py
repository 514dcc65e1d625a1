from django.core.management.base import BaseCommand, CommandError

from ncbnet.members.models import User
from ncbnet.members.services import enrol_totp


class Command(BaseCommand):
    help = "Second factor: 'otp enrol USER' creates a TOTP device and prints its otpauth:// URL for an authenticator app."

    def add_arguments(self, parser):
        parser.add_argument("operation", choices=["enrol"])
        parser.add_argument("username")

    def handle(self, *args, operation, username, **opts):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user {username}")
        device = enrol_totp(user)
        self.stdout.write(device.config_url)
