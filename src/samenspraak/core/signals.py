"""Audit hooks, connected in CoreConfig.ready(). Core never imports accounts: the user model is
looked up through get_user_model(), and "staff" means the user says ``is_staff_role``."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save, pre_save

from samenspraak.core.audit import Action, record, record_admin_entry


def _is_staff(user) -> bool:
    return bool(user is not None and getattr(user, "is_staff_role", False))


def on_admin_log_entry_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        record_admin_entry(instance)


def remember_old_role(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and "role" not in update_fields):
        return  # e.g. last_login updates: no query for them
    old = None
    if instance.pk is not None:
        old = sender._default_manager.filter(pk=instance.pk).values_list("role", flat=True).first()
    instance._audit_old_role = old


def on_user_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not hasattr(instance, "_audit_old_role"):
        return
    old = instance._audit_old_role
    del instance._audit_old_role
    new = instance.role
    if old == new:
        return
    # A new account with the default (resident) role is no role change worth logging.
    default = sender._meta.get_field("role").get_default()
    if old is None and new == default:
        return
    record(None, Action.ROLE_CHANGED, target=instance, changes={"role": [old, new]})


def on_logged_in(sender, request, user, **kwargs):
    if _is_staff(user):
        record(user, Action.STAFF_LOGGED_IN, target=user, request=request)


def on_logged_out(sender, request, user, **kwargs):
    if _is_staff(user):
        record(user, Action.STAFF_LOGGED_OUT, target=user, request=request)


def on_login_failed(sender, credentials, request=None, **kwargs):
    """Failed log-ins for staff accounts (guessing at an administrator is worth knowing)."""
    User = get_user_model()
    identifier = None
    for name in (User.USERNAME_FIELD, "email", "username", "login"):
        value = credentials.get(name)
        if isinstance(value, str) and value:
            identifier = value
            break
    if identifier is None:
        return
    lookup = {f"{User.USERNAME_FIELD}__iexact": identifier}
    user = User._default_manager.filter(**lookup).first()
    if _is_staff(user):
        record(None, Action.STAFF_LOGIN_FAILED, target=user, request=request)


def connect() -> None:
    from django.contrib.admin.models import LogEntry

    User = get_user_model()
    post_save.connect(on_admin_log_entry_saved, sender=LogEntry, dispatch_uid="audit_admin_log")
    if any(field.name == "role" for field in User._meta.get_fields()):
        pre_save.connect(remember_old_role, sender=User, dispatch_uid="audit_role_pre")
        post_save.connect(on_user_saved, sender=User, dispatch_uid="audit_role_post")
    user_logged_in.connect(on_logged_in, dispatch_uid="audit_logged_in")
    user_logged_out.connect(on_logged_out, dispatch_uid="audit_logged_out")
    user_login_failed.connect(on_login_failed, dispatch_uid="audit_login_failed")
