import pytest


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and other cached state must not leak from one test into the next, nor the
    municipality a request kept (organisations.selectors): a test client's request whose
    streamed answer is never read does not reach request_finished, which forgets it."""
    from django.core.cache import cache

    from samenspraak.organisations import selectors

    cache.clear()
    selectors._end_request_memo()
    yield
    cache.clear()
    selectors._end_request_memo()


@pytest.fixture(autouse=True)
def _one_rate_limit_window(monkeypatch):
    """Limits count in fixed windows (core.ratelimit). A test whose requests straddle the end
    of a minute would see its count start again ([200, 200] where [200, 429] is right), so
    every test runs in the middle of one window. Tests of the windows pass `now=` to hit()."""
    from samenspraak.core import ratelimit

    monkeypatch.setattr(ratelimit, "clock", lambda: 1_800_000_030.0)


@pytest.fixture(autouse=True)
def _dutch_by_default():
    """Every test starts in the default language. A request to /en/... leaves English active
    in the thread, which would make the next test's reverse() and messages English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


IMMEDIATE_TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def tasks_immediate(request, settings):
    """Background tasks run inline (e-mail lands in mail.outbox at once), unless the test is
    marked `@pytest.mark.real_queue`: then they go to the database queue and the test runs
    the worker itself. Overriding TASKS resets django_tasks' cached backends (setting_changed).
    """
    if request.node.get_closest_marker("real_queue"):
        settings.TASKS = DATABASE_TASKS
    else:
        settings.TASKS = IMMEDIATE_TASKS
    yield


@pytest.fixture(autouse=True)
def _force_login_includes_second_factor(request, monkeypatch):
    """`client.force_login(user)` stands for a finished log-in, second factor included: staff
    sessions must have passed it (accounts.middleware). A test marked `forged_session` gets
    Django's plain force_login, a session that never passed the second factor."""
    if request.node.get_closest_marker("forged_session"):
        return
    from django.test import Client

    plain = Client.force_login

    def force_login(self, user, backend=None):
        from samenspraak.accounts.selectors import SECOND_FACTOR_SESSION_KEY

        plain(self, user, backend)
        session = self.session
        session[SECOND_FACTOR_SESSION_KEY] = str(user.pk)
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login)
