"""scripts/serve.py (`make run`) tells the server and worker their own address for e-mail links."""

import importlib.util
from pathlib import Path

SERVE = Path(__file__).resolve().parents[1] / "scripts" / "serve.py"


def load_serve():
    spec = importlib.util.spec_from_file_location("serve", SERVE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_site_url_follows_host_and_port():
    serve = load_serve()
    assert serve.site_url("127.0.0.1", "9000") == "http://127.0.0.1:9000"
    assert serve.site_url("::1", "9000") == "http://[::1]:9000"
    # Listening on every address: links follow each request's own address instead.
    assert serve.site_url("0.0.0.0", "9000") is None  # noqa: S104
