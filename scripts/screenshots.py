"""Take the README's screenshots of the main pages: `python scripts/screenshots.py` (or
`make screenshots`).

What it does, in order (only 127.0.0.1 traffic; everything it starts it stops):

1. a fresh demo like `make run` makes it: a new SQLite database in a temporary folder (or
   `--database-url`), `samenspraak migrate` and `samenspraak demo`;
2. finds the pages to show in that demo (a running process, an input with the municipality's
   answer, an open ballot, a published result, a wijk) through the models and URL names;
3. serves it with gunicorn on a free port;
4. opens each page in Chromium (Playwright, /usr/bin/chromium unless `--chromium`) at 1280×900
   and some at 390×844, logs in as the demo's process manager (password + authenticator code)
   for the staff pages, and saves what the window shows (or the whole page with --full-page);
5. shrinks every PNG to a 256-colour palette (Pillow) and writes it to docs/screenshots/.

Re-run it after pages change; then look at every PNG before committing it.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import local_gunicorn  # scripts/, beside this file

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
DESKTOP = (1280, 900)
PHONE = (390, 844)


@dataclass(frozen=True)
class Shot:
    name: str
    path: str
    size: tuple[int, int] = DESKTOP
    staff: bool = False
    #: Signed in as the demo's verified resident (who may vote).
    resident: bool = False
    #: The whole page rather than the window (a page whose point is below the fold).
    full_page: bool = False


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="", help="default: SQLite in a temp folder")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--output", type=Path, default=OUT)
    parser.add_argument("--full-page", action="store_true", help="whole pages, not the window")
    parser.add_argument("--colours", type=int, default=256, help="palette size of the PNGs")
    return parser.parse_args(argv)


def environment(var_dir: Path, database_url: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        # Its own cache and queue: nothing shared with a developer's running instance.
        if key not in {"REDIS_URL", "DATABASE_URL", "SITE_URL"}
    }
    env.update(
        {
            "DATABASE_URL": database_url or f"sqlite:///{var_dir / 'demo.sqlite3'}",
            "SAMENSPRAAK_VAR_DIR": str(var_dir),
            "SAMENSPRAAK_RATE_LIMIT": "",
            "DJANGO_SETTINGS_MODULE": "samenspraak.conf.settings",
            "DJANGO_DEBUG": "0",
            "PYTHONPATH": str(ROOT / "src"),
        }
    )
    return env


def prepare_demo(env: dict[str, str]) -> None:
    samenspraak = str(BIN / "samenspraak")
    for command in (["migrate", "--no-input", "-v0"], ["demo", "--if-empty"]):
        subprocess.run([samenspraak, *command], env=env, check=True, cwd=ROOT)  # noqa: S603


def find_pages(env: dict[str, str]) -> tuple[list[Shot], dict[str, str]]:
    """The shots, with paths found in the demo's data, and the staff log-in (email, secret)."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.urls import reverse
    from django.utils import timezone, translation

    from samenspraak.accounts.models import Role, User
    from samenspraak.budgeting.models import Budget
    from samenspraak.consultation.models import Input, InputStatus
    from samenspraak.demo.generator import (
        STAFF_PASSWORD,
        VERIFIED_RESIDENT_EMAIL,
        demo_totp_secret,
    )
    from samenspraak.organisations.models import Area, AreaKind
    from samenspraak.processes.models import ProcessStatus

    now = timezone.now()
    published = {"process__status": ProcessStatus.PUBLISHED}
    answered = (
        Input.objects.filter(
            status=InputStatus.ANSWERED,
            answer__isnull=False,
            budget_project__isnull=True,
            **published,
        )
        .select_related("process")
        .order_by("-support_count", "pk")
        .first()
    )
    running = (
        Input.objects.filter(
            phase__kind="consultation.collect",
            phase__starts_at__lte=now,
            phase__ends_at__gte=now,
            **published,
        )
        .select_related("process")
        .order_by("-support_count")
        .first()
    )
    voting = (
        Budget.objects.filter(
            process__phases__kind="budgeting.vote",
            process__phases__starts_at__lte=now,
            process__phases__ends_at__gte=now,
            **published,
        )
        .select_related("process")
        .first()
    )
    with_result = (
        Budget.objects.filter(result__published_at__isnull=False, **published)
        .select_related("process")
        .first()
    )
    wijk = (
        Area.objects.filter(kind=AreaKind.DISTRICT, children__processes__isnull=False)
        .order_by("name")
        .first()
    )
    staff = User.objects.get(role=Role.PROCESS_MANAGER, email__startswith="procesbegeleider@")
    shots: list[Shot] = []
    with translation.override("nl"):
        shots.append(Shot("home", "/"))
        shots.append(Shot("home-phone", "/", PHONE))
        process = (running or answered).process
        shots.append(Shot("process", reverse("processes:process_detail", args=[process.slug])))
        shots.append(
            Shot("process-phone", reverse("processes:process_detail", args=[process.slug]), PHONE)
        )
        if answered is not None:
            url = reverse("consultation:input_detail", args=[answered.process.slug, answered.pk])
            shots.append(Shot("input-with-answer", url))
            shots.append(Shot("input-with-answer-phone", url, PHONE))
        if voting is not None:
            url = reverse("budgeting:ballot", args=[voting.pk])
            shots.append(Shot("budget-ballot", url, resident=True))
            shots.append(Shot("budget-ballot-phone", url, PHONE, resident=True))
        if with_result is not None:
            url = reverse("budgeting:results", args=[with_result.pk])
            shots.append(Shot("budget-results", url))
        if wijk is not None:
            url = reverse("organisations:area_detail", args=[wijk.slug])
            shots.append(Shot("area", url, full_page=True))
        shots.append(Shot("staff-dashboard", reverse("staff:index"), staff=True))
    login = {
        "email": staff.email,
        "password": STAFF_PASSWORD,
        "secret": demo_totp_secret(staff),
        "resident_session": resident_session(User.objects.get(email=VERIFIED_RESIDENT_EMAIL)),
    }
    return shots, login


def resident_session(user) -> str:
    """A signed-in session for a resident (who logs in by e-mail code, which a script cannot
    read): stored in the demo's database, handed to the browser as its cookie."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def start_server(env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    port = local_gunicorn.free_port()
    base = f"http://{HOST}:{port}"
    server, _port = local_gunicorn.start({**env, "SITE_URL": base}, workers=2, port=port)
    return server, base


stop_server = local_gunicorn.stop


def log_in(page, base: str, login: dict[str, str]) -> None:
    import pyotp

    page.goto(f"{base}/account/login/")
    page.get_by_label("E-mailadres").fill(login["email"])
    page.get_by_label("Wachtwoord", exact=False).fill(login["password"])
    page.get_by_role("button", name="Verder").click()
    page.get_by_role("textbox", name="Code").fill(pyotp.TOTP(login["secret"]).now())
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state("networkidle")


def shrink(png: bytes, colours: int) -> bytes:
    """A palette PNG: screenshots of flat UI lose nothing visible and a lot of bytes."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    small = image.quantize(
        colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=True)
    return out.getvalue()


def take(shots: list[Shot], base: str, login: dict[str, str], args) -> list[tuple[str, int]]:
    from playwright.sync_api import sync_playwright

    args.output.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium)
        try:
            contexts = {}
            for shot in shots:
                key = (shot.size, shot.staff, shot.resident)
                if key not in contexts:
                    context = browser.new_context(
                        viewport={"width": shot.size[0], "height": shot.size[1]},
                        locale="nl-NL",
                        extra_http_headers={"Accept-Language": "nl"},
                        reduced_motion="reduce",
                    )
                    if shot.staff:
                        log_in(context.new_page(), base, login)
                    if shot.resident:
                        from django.conf import settings

                        cookie = {"name": settings.SESSION_COOKIE_NAME, "url": base}
                        context.add_cookies([{**cookie, "value": login["resident_session"]}])
                    contexts[key] = context
                page = contexts[key].new_page()
                response = page.goto(f"{base}{shot.path}", wait_until="networkidle")
                if response is None or response.status != 200:
                    status = response.status if response else "no response"
                    raise SystemExit(f"{shot.name}: {shot.path} answered {status}")
                full = args.full_page or shot.full_page
                png = shrink(page.screenshot(full_page=full), args.colours)
                target = args.output / f"{shot.name}.png"
                target.write_bytes(png)
                written.append((target.name, len(png)))
                print(f"  {shot.name:<26} {shot.path:<55} {len(png) // 1024:>4} KB", flush=True)
                page.close()
        finally:
            browser.close()
    return written


def main(argv=None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="samenspraak-shots-") as folder:
        env = environment(Path(folder), args.database_url)
        print("Preparing the demo (migrate, demo) …", flush=True)
        prepare_demo(env)
        shots, login = find_pages(env)
        server, base = start_server(env)
        try:
            print(f"Taking {len(shots)} screenshots from {base} …", flush=True)
            written = take(shots, base, login, args)
        finally:
            stop_server(server)
    total = sum(size for _name, size in written)
    print(f"Wrote {len(written)} PNGs, {total // 1024} KB together, to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
