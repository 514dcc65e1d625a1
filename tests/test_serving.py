"""The application sees the request's own variables, not the server process's environment (ncbnet/serving.py)."""

import subprocess
import sys

from ncbnet.serving import RequestOnly

PROCESS = {"DATABASE_URL": "postgres://ncbnet:s3cret@db/ncbnet", "HTTP_PROXY": "http://proxy:3128",
           "HTTP_X_FORWARDED_PROTO": "https", "PATH": "/usr/bin", "SERVER_NAME": "build-host"}


def _seen(environ: dict) -> dict:
    seen = {}

    def app(env, start_response):
        seen.update(env)
        return [b""]

    RequestOnly(app, process_env=PROCESS)(environ, lambda *a: None)
    return seen


def test_process_variables_are_taken_out_and_the_requests_own_kept():
    request = {"REQUEST_METHOD": "POST", "PATH_INFO": "/api/v1/search/identifier", "SERVER_NAME": "build-host",
               "REMOTE_ADDR": "192.0.2.1", "HTTP_X_FORWARDED_PROTO": "http", "HTTP_AUTHORIZATION": "Bearer x"}
    seen = _seen(PROCESS | request)  # as Granian builds it: the process's copy, then the request over it
    assert "DATABASE_URL" not in seen and "PATH" not in seen and "HTTP_PROXY" not in seen
    assert seen["HTTP_X_FORWARDED_PROTO"] == "http"  # sent by the client with another value: kept
    assert seen["SERVER_NAME"] == "build-host" and seen["HTTP_AUTHORIZATION"] == "Bearer x"


def test_the_server_application_cleans_then_takes_the_hot_path():
    code = ("import sys; import ncbnet.wsgi as w; print(type(w.application).__name__, type(w.application.app).__name__, "
            "type(w.application.app.app).__name__, 'ncbnet.urls' in sys.modules, sorted(w.hot_path._routes or {}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip().split(maxsplit=4) == ["RequestOnly", "HotPath", "WSGIHandler", "True",
                                            "['/api/v1/frontline/check', '/api/v1/search/identifier']"], out.stderr[-2000:]
