"""Production settings, checked in a fresh interpreter with SAMENSPRAAK_ENV=production."""

import json
import os
import subprocess
import sys

import pytest

SECRET = "productie-geheim-" + "k" * 60  # long and varied enough for check --deploy


#: Only these pass through from the test process: others (e.g. DJANGO_ALLOW_ASYNC_UNSAFE, set
#: by the browser tests) would make this not a production start-up.
PASS_THROUGH = {
    "PATH",
    "HOME",
    "LANG",
    "LC_ALL",
    "TMPDIR",
    "PYTHONPATH",
    "DATABASE_URL",
    "REDIS_URL",
}


def production_env(**extra):
    env = {key: value for key, value in os.environ.items() if key in PASS_THROUGH}
    env.update(
        {
            "SAMENSPRAAK_ENV": "production",
            "DJANGO_SETTINGS_MODULE": "samenspraak.conf.settings",
            "SECRET_KEY": SECRET,
            "SAMENSPRAAK_BALLOT_KEY": "stembiljet-sleutel-" + "b" * 60,
            "ALLOWED_HOSTS": "participatie.voorbeeldstad.nl",
            "SITE_URL": "https://participatie.voorbeeldstad.nl",
        }
    )
    env.update(extra)
    return env


def run_python(code, env):
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_are_secure():
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({"
        "'session': s.SESSION_COOKIE_SECURE, 'csrf': s.CSRF_COOKIE_SECURE,"
        "'hsts': s.SECURE_HSTS_SECONDS, 'redirect': s.SECURE_SSL_REDIRECT,"
        "'debug': s.DEBUG, 'secret': s.SECRET_KEY == " + repr(SECRET) + ","
        "'mailbox': s.SAMENSPRAAK_DEV_MAILBOX}))"
    )
    result = run_python(code, production_env())
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "session": True,
        "csrf": True,
        "hsts": values["hsts"],
        "redirect": True,
        "debug": False,
        "secret": True,
        "mailbox": False,
    }
    assert values["hsts"] > 0


def test_missing_secret_key_stops_start_up_with_a_clear_message():
    env = production_env()
    del env["SECRET_KEY"]
    code = "import django; django.setup()"
    result = run_python(code, env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("debug", ["1", "true"])
def test_debug_in_production_stops_start_up(debug):
    result = run_python("import django; django.setup()", production_env(DJANGO_DEBUG=debug))
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be off" in result.stderr


def test_deploy_check_passes_at_warning_level():
    result = run_python(
        "from samenspraak.__main__ import main; import sys;"
        "sys.argv = ['samenspraak', 'check', '--deploy', '--fail-level', 'WARNING'];"
        "main()",
        production_env(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "processes", [{"WEB_CONCURRENCY": "3"}, {"SAMENSPRAAK_WEB_PROCESSES": "2"}]
)
def test_several_web_processes_without_redis_stop_start_up(processes):
    """Each process would count its own rate limits: refuse rather than run like that."""
    env = production_env(**processes)
    env.pop("REDIS_URL", None)
    result = run_python("import django; django.setup()", env)
    assert result.returncode != 0
    assert "REDIS_URL must be set when more than one web process runs" in result.stderr


@pytest.mark.parametrize(
    "extra",
    [
        {"WEB_CONCURRENCY": "3", "REDIS_URL": "redis://127.0.0.1:6379/1"},
        {"WEB_CONCURRENCY": "1", "SAMENSPRAAK_WEB_PROCESSES": "1"},
    ],
)
def test_one_process_or_a_shared_cache_starts(extra):
    env = production_env(**extra)
    if "REDIS_URL" not in extra:
        env.pop("REDIS_URL", None)
    result = run_python("import django; django.setup()", env)
    assert result.returncode == 0, result.stderr


def test_deploy_check_warns_when_site_url_is_not_set():
    """Without SITE_URL the worker's e-mail links would point at 127.0.0.1:8000."""
    env = production_env()
    del env["SITE_URL"]
    result = run_python(
        "from samenspraak.__main__ import main; import sys;"
        "sys.argv = ['samenspraak', 'check', '--deploy', '--fail-level', 'WARNING'];"
        "main()",
        env,
    )
    assert result.returncode != 0
    assert "core.W001" in result.stdout + result.stderr
