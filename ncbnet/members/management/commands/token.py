from django.core.management.base import BaseCommand, CommandError

from ncbnet.members.models import ApiToken, User
from ncbnet.members.services import issue_token, revoke_token


class Command(BaseCommand):
    help = "API tokens: 'token create USER [--days N] [--name NAME]' (printed once), 'token revoke PREFIX', 'token list USER'."

    def add_arguments(self, parser):
        parser.add_argument("operation", choices=["create", "revoke", "list"])
        parser.add_argument("subject", help="user name (create, list) or token prefix (revoke)")
        parser.add_argument("--days", type=int, default=None)
        parser.add_argument("--name", default="cli")

    def handle(self, *args, operation, subject, days, name, **opts):
        if operation == "revoke":
            token = ApiToken.objects.filter(prefix=subject).select_related("user").first()
            if token is None:
                raise CommandError(f"no token with prefix {subject}")
            revoke_token(token)
            self.stdout.write(f"revoked {token.prefix}")
            return
        user = User.objects.filter(username=subject).first()
        if user is None:
            raise CommandError(f"no user {subject}")
        if operation == "list":
            for t in user.api_tokens.order_by("created_at"):
                state = "revoked" if t.revoked_at else f"expires {t.expires_at:%Y-%m-%d}"
                self.stdout.write(f"{t.prefix}  {t.name:<20} {state}  last used {t.last_used_at or '-'}")
            return
        issued = issue_token(user, name, days=days)
        self.stdout.write(issued.plaintext)
        self.stderr.write("Store this token now: it is shown once and only its hash is kept.")
