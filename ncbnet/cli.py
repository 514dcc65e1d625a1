"""The `ncbnet` command: a thin wrapper over Django's management commands.

  ncbnet serve [--bind 127.0.0.1:8000] [--workers N]   the HTTP server (Granian)
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
    parser.add_argument("--bind", default=os.environ.get("NCBNET_BIND", "127.0.0.1:8000"), help="HOST:PORT")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("NCBNET_WORKERS", "3")))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("NCBNET_THREADS", "4")),
                        help="requests each worker process serves at once")
    parser.add_argument("--access-log", action=argparse.BooleanOptionalAction,
                        default=os.environ.get("NCBNET_ACCESS_LOG", "0").lower() in ("1", "true", "yes", "on"),
                        help="a line per request on standard output (off: the reverse proxy logs requests, and the "
                             "audit trail every access to police data)")
    args = parser.parse_args(argv)
    host, _, port = args.bind.rpartition(":")
    if not host or not port.isdigit():
        parser.error(f"--bind must be HOST:PORT, not {args.bind!r}")
    # Granian: HTTP parsed and answered in Rust, the WSGI application run on each worker's threads.
    os.execvp(
        sys.executable,
        [sys.executable, "-m", "granian", "--interface", "wsgi", "ncbnet.wsgi:application",
         "--host", host.strip("[]"), "--port", port, "--workers", str(args.workers),
         "--blocking-threads", str(args.threads), "--no-ws", "--access-log" if args.access_log else "--no-access-log",
         "--respawn-failed-workers",
         "--workers-kill-timeout", "10"],
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
