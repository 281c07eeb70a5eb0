"""People, their roles and their verified attributes.

Privacy first: we keep an e-mail address, a public pseudonymous display name, roles and
verified claims ("lives in Voorbeeldstad", "16+") with their source and expiry. Never a
birth date, never a BSN.
"""

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESIDENT = "resident", _("Inwoner")
    MODERATOR = "moderator", _("Community manager")
    PROCESS_MANAGER = "process_manager", _("Procesbegeleider")
    COUNCIL_MEMBER = "council_member", _("Raadslid")
    CLERK = "clerk", _("Griffie")
    ADMINISTRATOR = "administrator", _("Beheerder")


#: Roles that act on behalf of the municipality: they log in with password plus a second factor.
STAFF_ROLES = frozenset(
    {Role.MODERATOR, Role.PROCESS_MANAGER, Role.COUNCIL_MEMBER, Role.CLERK, Role.ADMINISTRATOR}
)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("role", Role.ADMINISTRATOR)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mailadres"), unique=True)
    display_name = models.CharField(
        _("publieke naam"),
        max_length=60,
        help_text=_("Deze naam zien anderen bij uw bijdragen. Het mag een schuilnaam zijn."),
    )
    role = models.CharField(_("rol"), max_length=32, choices=Role.choices, default=Role.RESIDENT)
    is_staff = models.BooleanField(
        _("toegang tot Django-beheer"),
        default=False,
        help_text=_("Alleen voor technisch beheer."),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    date_joined = models.DateTimeField(_("lid sinds"), default=timezone.now)
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)
    language = models.CharField(
        _("taal"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("De taal van de e-mail die u van ons krijgt."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")

    def __str__(self) -> str:
        return self.display_name or self.email

    @property
    def is_staff_role(self) -> bool:
        """Acts for the municipality, so needs a password and a second factor."""
        return self.role in STAFF_ROLES or self.is_superuser

    def has_role(self, *roles: str) -> bool:
        return self.is_superuser or self.role in roles


class AttributeKind(models.TextChoices):
    """What a verified claim says. Never a birth date or BSN: only what a process needs."""

    RESIDENT_OF_MUNICIPALITY = "resident_of_municipality", _("Woont in de gemeente")
    RESIDENT_OF_AREA = "resident_of_area", _("Woont in gebied")
    AGE_16_PLUS = "age_16_plus", _("Is 16 jaar of ouder")
    AGE_18_PLUS = "age_18_plus", _("Is 18 jaar of ouder")


class AttributeSource(models.TextChoices):
    DEMO = "demo", _("Demo-controle (niet echt)")
    STAFF = "staff", _("Gecontroleerd door een medewerker")
    OIDC = "oidc", _("OpenID Connect")
    YIVI = "yivi", _("Yivi")
    DIGID = "digid", _("DigiD")


class VerifiedAttribute(models.Model):
    """One verified claim about a person, with where it came from and until when it holds."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="attributes", verbose_name=_("persoon")
    )
    kind = models.CharField(_("soort"), max_length=40, choices=AttributeKind.choices)
    area = models.ForeignKey(
        "organisations.Area",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebied"),
    )
    source = models.CharField(_("bron"), max_length=20, choices=AttributeSource.choices)
    verified_at = models.DateTimeField(_("gecontroleerd op"), default=timezone.now)
    expires_at = models.DateTimeField(_("geldig tot"), null=True, blank=True)

    class Meta:
        verbose_name = _("gecontroleerd kenmerk")
        verbose_name_plural = _("gecontroleerde kenmerken")
        ordering = ["kind", "-verified_at"]

    def __str__(self) -> str:
        return self.get_kind_display()

    def is_valid_at(self, moment) -> bool:
        return self.expires_at is None or self.expires_at > moment


class NotificationKind(models.TextChoices):
    PROCESS_UPDATES = "process_updates", _("Nieuws over processen die ik volg")
    ANSWERS = "answers", _("Antwoorden van de gemeente op mijn inbreng")
    NEW_IN_AREA = "new_in_area", _("Nieuwe processen in mijn gebied")


class NotificationConsent(models.Model):
    """Consent for e-mail per kind: absent means no e-mail of that kind (opt-in)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="consents", verbose_name=_("persoon")
    )
    kind = models.CharField(_("soort bericht"), max_length=40, choices=NotificationKind.choices)
    given_at = models.DateTimeField(_("toestemming gegeven op"), default=timezone.now)

    class Meta:
        verbose_name = _("toestemming voor e-mail")
        verbose_name_plural = _("toestemmingen voor e-mail")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="consent_unique_kind"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class LoginFailure(models.Model):
    """One failed log-in (password or second factor) for an e-mail address from one source.

    Counted per address *and* source IP (see accounts.selectors.lockout_until), so a stranger's
    failures never lock the owner out from elsewhere. Every typed address counts alike, known
    or not, so the answer never tells whether an account exists: the address itself is kept
    only as a keyed hash. Kept in the database (not the cache) so a delay survives restarts and
    holds across several web processes. Rows are deleted after a successful log-in from that
    source, and after a week.
    """

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="login_failures",
        verbose_name=_("persoon"),
    )
    login_key = models.CharField(
        _("e-mailadres (onherkenbaar gemaakt)"),
        max_length=64,
        blank=True,
        default="",
        db_index=True,
    )
    at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)

    class Meta:
        verbose_name = _("mislukte inlogpoging")
        verbose_name_plural = _("mislukte inlogpogingen")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user_id or '-'} {self.at:%Y-%m-%d %H:%M}"
