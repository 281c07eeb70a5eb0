import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.accounts.tests.conftest import log_in_staff  # noqa: F401
from samenspraak.consultation.models import COLLECT
from samenspraak.organisations.factories import AreaFactory
from samenspraak.processes.factories import PhaseFactory, ProcessFactory

INSIDE = (52.085, 5.11)  # lat, lon inside organisations.factories.SQUARE
OUTSIDE = (51.5, 4.0)


@pytest.fixture(autouse=True)
def _fast_hashing(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def area(db):
    return AreaFactory(with_shape=True)


@pytest.fixture
def process(db, area):
    return ProcessFactory()


@pytest.fixture
def phase(process):
    return PhaseFactory(process=process, kind=COLLECT)


def phase_at(process, when: str):
    """A collect phase that is before / during / after now."""
    now = timezone.now()
    day = datetime.timedelta(days=1)
    spans = {
        "before": (now + day, now + 5 * day),
        "during": (now - day, now + 5 * day),
        "after": (now - 5 * day, now - day),
    }
    starts, ends = spans[when]
    return PhaseFactory(process=process, kind=COLLECT, starts_at=starts, ends_at=ends)


def user_with_role(role):
    if role == Role.RESIDENT:
        return UserFactory()
    return StaffUserFactory(role=role)


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, "PNG")
    return buffer.getvalue()


def png_upload(name="plein.png"):
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


@pytest.fixture
def resident(db):
    return UserFactory()


@pytest.fixture
def manager(db):
    return StaffUserFactory(role=Role.PROCESS_MANAGER)
