"""The `ncbnet` command: a thin wrapper over Django's management commands.

  ncbnet serve [--bind 127.0.0.1:8000] [--workers N]   the HTTP server (gunicorn)
  ncbnet demo                                          load the demo world, print the demo accounts
  ncbnet migrate | createsuperuser | audit verify | token create USER | otp enrol USER | ...
  ncbnet records load KIND FILE --user USERNAME                 bulk-load an NDJSON or CSV file
"""

from __future__ import annotations

import os
import sys


def _serve(argv: list[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser(prog="ncbnet serve")
    parser.add_argument("--bind", default=os.environ.get("NCBNET_BIND", "127.0.0.1:8000"))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("NCBNET_WORKERS", "3")))
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args(argv)
    os.execvp(
        sys.executable,
        [sys.executable, "-m", "gunicorn", "ncbnet.wsgi:application", "--bind", args.bind,
         "--workers", str(args.workers), "--threads", str(args.threads), "--worker-class", "gthread",
         "--access-logfile", "-", "--graceful-timeout", "10"],
    )


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ncbnet.settings")
    if argv and argv[0] == "serve":
        _serve(argv[1:])
        return
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ncbnet", *argv])


if __name__ == "__main__":
    main()
