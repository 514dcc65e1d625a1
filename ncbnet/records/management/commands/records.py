"""ncbnet records load <kind> <file> --user <username>: contribute a whole NDJSON or CSV file, with a progress bar.
ncbnet records remind-reviews [--days 30]: tell each NCB of its records out of search or due for review (daily)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from ncbnet.access.policy import Actor, Denied
from ncbnet.members.models import User
from ncbnet.records.bulk import bulk_load
from ncbnet.records.cleaning import InvalidRecord
from ncbnet.records.kinds import KINDS
from ncbnet.records.reminders import WINDOW_DAYS, remind


class Command(BaseCommand):
    help = ("Records: bulk-load a file (every line checked; loaded whole or not at all); remind NCBs of records due for "
            "review.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        load = sub.add_parser("load", help="load an NDJSON or CSV file of one kind of record")
        load.add_argument("kind", choices=sorted(KINDS))
        load.add_argument("file", type=Path)
        load.add_argument("--user", required=True, help="the officer the records are contributed by")
        load.add_argument("--format", choices=("ndjson", "csv"), help="default: from the file's extension")
        remind = sub.add_parser("remind-reviews", help="tell each NCB how many of its records are out of search or "
                                "due for review (at most once a week each; run it daily)")
        remind.add_argument("--days", type=int, default=WINDOW_DAYS, help="how far ahead to look (default 30)")

    def handle(self, *args, verb: str, **opts):
        if verb == "remind-reviews":
            if not 1 <= opts["days"] <= 366:
                raise CommandError("--days: from 1 to 366")
            run = remind(window_days=opts["days"])
            self.stdout.write(f"reminders sent to {len(run.sent)} NCB(s){': ' + ', '.join(run.sent) if run.sent else ''}"
                              f"; {len(run.already)} already told this week")
            return
        self._load(opts["kind"], opts["file"], opts["user"], opts["format"])

    def _load(self, kind: str, file: Path, user: str, format: str | None) -> None:
        account = User.objects.select_related("organisation").filter(username=user).first()
        if account is None:
            raise CommandError(f"no user {user!r}")
        fmt = format or ("csv" if file.suffix.lower() == ".csv" else "ndjson")
        if not file.is_file():
            raise CommandError(f"no file {file}")
        total = file.stat().st_size
        with file.open("rb") as f, tqdm(total=total, unit="B", unit_scale=True, desc=f"checking {file.name}",
                                        disable=not self.stdout.isatty()) as bar:
            last = [0]

            def lines():
                for line in f:
                    bar.update(len(line))
                    yield line

            def progress(n: int) -> None:
                last[0] = n
                bar.set_postfix(lines=n)

            try:
                report = bulk_load(Actor.of(account), kind, lines(), fmt, progress=progress)
            except (InvalidRecord, Denied) as exc:
                raise CommandError(str(exc)) from exc
        if not report.ok:
            for e in report.errors:
                self.stderr.write(f"line {e.line}: {e.field}: {e.message}")
            if report.error_count > len(report.errors):
                self.stderr.write(f"... and {report.error_count - len(report.errors)} more")
            raise CommandError(f"{report.error_count} bad line(s) in {report.lines}; nothing was loaded")
        self.stdout.write(f"loaded {report.loaded} {kind} records (ids {report.first_id}..{report.last_id})")
