from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ncbnet.access.levels import Classification, Role
from ncbnet.audit.services import record
from ncbnet.members.models import Country, Organisation, User


class Command(BaseCommand):
    help = ("Officer accounts: 'user create NAME --org NCB-FR --role ncb_officer [--clearance 2] [--machine]'. "
            "The password is asked for (or read from NCBNET_NEW_PASSWORD); machines get no password, only tokens.")

    def add_arguments(self, parser):
        parser.add_argument("operation", choices=["create"])
        parser.add_argument("username")
        parser.add_argument("--org", required=True, help="organisation code: NCB-FR, GS, FR-PAF, ...")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--clearance", type=int, default=Classification.RESTRICTED, choices=Classification.values)
        parser.add_argument("--machine", action="store_true", help="a border or front-line system")
        parser.add_argument("--nationality", default="", help="ISO code; required of General Secretariat reviewers "
                            "(nobody reviews a notice of their own country)")

    def handle(self, *args, operation, username, org, role, clearance, machine, nationality, **opts):
        import getpass
        import os

        organisation = Organisation.objects.filter(code=org).first()
        if organisation is None:
            raise CommandError(f"no organisation {org}")
        nationality = nationality.strip().upper()
        if nationality and not Country.objects.filter(code=nationality).exists():
            raise CommandError(f"unknown country code {nationality}")
        if User.objects.filter(username=username).exists():
            raise CommandError(f"user {username} already exists")
        password = None
        if not machine:
            password = os.environ.get("NCBNET_NEW_PASSWORD") or getpass.getpass(f"password for {username}: ")
            from django.contrib.auth.password_validation import validate_password
            from django.core.exceptions import ValidationError

            try:
                validate_password(password)
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
        with transaction.atomic():
            user = User(username=username, organisation=organisation, role=role, clearance=clearance, is_machine=machine,
                        nationality=nationality)
            if password:
                user.set_password(password)
            else:
                user.set_unusable_password()
            user.save()
            record(None, "user.create", object_type="user", object_ids=[username], organisation=org,
                   query={"role": role, "clearance": clearance, "machine": machine})
        self.stdout.write(f"created {username} ({role}, {org}, clearance {clearance})")
