from django.core.management.base import BaseCommand, CommandError

from ncbnet.audit.models import AuditHead
from ncbnet.audit.services import fingerprint, verify_chain


class Command(BaseCommand):
    help = "Audit trail tools. 'audit verify' walks the hash chain and names the first broken entry."

    def add_arguments(self, parser):
        parser.add_argument("operation", choices=["verify"])

    def handle(self, *args, **opts):
        entries, digest = fingerprint()
        broken = verify_chain()
        if broken is not None:
            raise CommandError(f"audit chain BROKEN at {broken}")
        lanes = AuditHead.objects.count()
        self.stdout.write(f"audit chain intact: {entries} entries in {lanes} lanes, fingerprint {digest}")
        self.stdout.write("Record the fingerprint outside this database to detect a rewrite of the whole trail.")
