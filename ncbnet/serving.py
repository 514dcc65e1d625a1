"""What the HTTP server hands the application, cleaned.

Granian starts every WSGI environ from a copy of the server process's environment (``basic_env | scope`` in
``granian/wsgi.py``). Left as it is, ``DATABASE_URL`` (with its password) and every other variable of the
process would sit in each ``request.META`` and in any error report made from it, and a variable named like a
header (``HTTP_PROXY``, ``HTTP_X_FORWARDED_PROTO``) would pass for one the client sent. ``RequestOnly`` takes out
of each environ what came from the process environment, so that the application sees the request's own
variables only.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

# Set by the server from the request itself: never taken out, even when a process variable has the same value.
REQUEST_KEYS = frozenset({
    "REQUEST_METHOD", "SCRIPT_NAME", "PATH_INFO", "QUERY_STRING", "CONTENT_TYPE", "CONTENT_LENGTH", "SERVER_NAME",
    "SERVER_PORT", "SERVER_PROTOCOL", "SERVER_SOFTWARE", "GATEWAY_INTERFACE", "REMOTE_ADDR", "REMOTE_PORT",
})


class RequestOnly:
    """WSGI middleware: each environ without the server process's environment variables (``ncbnet/wsgi.py``).

    A key is taken out when the process environment has it with the same value; a header the client sent with
    another value stays (the server's request values win over the copy), one with exactly the process's value is
    dropped with it, which no part of ncbnet minds."""

    def __init__(self, app: Callable, process_env: dict[str, str] | None = None):
        self.app = app
        env = dict(os.environ) if process_env is None else process_env
        self.process_env = [(k, v) for k, v in env.items() if k not in REQUEST_KEYS]

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        for key, value in self.process_env:
            if environ.get(key) == value:
                del environ[key]
        return self.app(environ, start_response)
