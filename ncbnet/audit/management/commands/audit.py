from django.core.management.base import BaseCommand, CommandError

from ncbnet.audit.models import AuditHead
from ncbnet.audit.services import verify_chain


class Command(BaseCommand):
    help = "Audit trail tools. 'audit verify' walks the hash chain and names the first broken entry."

    def add_arguments(self, parser):
        parser.add_argument("operation", choices=["verify"])

    def handle(self, *args, **opts):
        broken = verify_chain()
        if broken is not None:
            raise CommandError(f"audit chain BROKEN at {broken}")
        head = AuditHead.objects.filter(pk=1).first()
        n, digest = (head.seq, head.entry_hash) if head else (0, "-")
        self.stdout.write(f"audit chain intact: {n} entries, head hash {digest}")
        self.stdout.write("Record the head hash outside this database to detect a rewrite of the whole chain.")
