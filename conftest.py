import pytest


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and other cached state must not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


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
