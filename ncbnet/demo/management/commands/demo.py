from django.core.management.base import BaseCommand

from ncbnet.demo import world
from ncbnet.demo.notices import create_notices
from ncbnet.demo.records import create_records
from ncbnet.hits.models import Hit
from ncbnet.members.models import Organisation, User
from ncbnet.messaging.models import Message
from ncbnet.notices.models import Notice, PublicExtract
from ncbnet.records.kinds import KINDS


class Command(BaseCommand):
    help = "Load the demo world (idempotent) and print the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--messages", type=int, default=300)

    def handle(self, *args, seed, messages, **opts):
        fresh = not User.objects.filter(username="officer.fr").exists()
        accounts = world.create_people()
        if fresh:
            self.stdout.write(f"sending {messages} demo messages through the messaging services ...")
            world.create_traffic(seed=seed, count=messages)
            self.stdout.write("contributing demo records (documents, vehicles, firearms, works of art, persons) ...")
            create_records(seed=seed)
            self.stdout.write("requesting, reviewing and publishing demo notices; sending a diffusion ...")
            create_notices()
            token = world.create_frontline_token()
        else:
            token = "(already issued; run `ncbnet token create gate.cdg` for a new one)"
        self.stdout.write(self.style.SUCCESS(
            f"\nDemo world: {Organisation.objects.filter(kind='ncb').count()} NCBs, "
            f"{Organisation.objects.filter(kind='agency').count()} national agencies, "
            f"{User.objects.count()} accounts, {Message.objects.count()} messages, "
            f"{sum(k.model._default_manager.count() for k in KINDS.values())} records, {Hit.objects.count()} hits, "
            f"{Notice.objects.count()} notices ({PublicExtract.objects.count()} with a public extract)."
        ))
        self.stdout.write("\nOfficers' portal: http://127.0.0.1:8000/portal/ (sign in with an account below)")
        self.stdout.write("Public site and public notices API: http://127.0.0.1:8000/ and http://127.0.0.1:8000/notices/v1/red")
        self.stdout.write(f"\nDemo accounts (password for all: {world.DEMO_PASSWORD}; demo mode needs no second factor):")
        for a in accounts:
            self.stdout.write(f"  {a.username:<28} {a.organisation:<22} {a.role} {a.note}")
        self.stdout.write(f"\nAPI token of the border system gate.cdg: {token}")
        self.stdout.write("Try: curl -H 'Authorization: Bearer <token>' http://127.0.0.1:8000/api/v1/members/me")
        self.stdout.write("Check a passport at the border: curl -H 'Authorization: Bearer <token>' -H 'Content-Type: "
                          "application/json' -d '{\"document_number\": \"<number>\"}' "
                          "http://127.0.0.1:8000/api/v1/frontline/check")
        self.stdout.write("API documentation: http://127.0.0.1:8000/api/docs")
