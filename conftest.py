import pytest


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and other cached state must not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


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
