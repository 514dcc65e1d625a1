"""Who the actors are: member countries, their NCBs, the General Secretariat, agencies, users, tokens."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone

from ncbnet.access.levels import Classification, Role


class Country(models.Model):
    code = models.CharField(max_length=2, primary_key=True, help_text="ISO 3166-1 alpha-2 (XK for Kosovo)")
    alpha3 = models.CharField(max_length=3, unique=True)
    name = models.CharField(max_length=100)
    names = models.JSONField(default=dict, help_text="name in Arabic, French and Spanish")
    is_member = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "countries"

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


@cache
def country_names(lang: str) -> dict[str, str]:
    """Member countries, code to name in ``lang`` (the stored English name where no translation is held), sorted
    by name. Reference data that the migrations create and a release changes: kept for the process's life."""
    names = {code: (names or {}).get(lang) or name for code, name, names in
             Country.objects.values_list("code", "name", "names")}
    return dict(sorted(names.items(), key=lambda kv: kv[1]))


class RegionalGroup(models.Model):
    code = models.SlugField(max_length=32, primary_key=True)
    name = models.CharField(max_length=100)
    countries = models.ManyToManyField(Country, related_name="regional_groups")

    def __str__(self) -> str:
        return self.name


class OrgKind(models.TextChoices):
    NCB = "ncb", "National Central Bureau"
    GENERAL_SECRETARIAT = "gs", "General Secretariat"
    AGENCY = "agency", "National agency"
    # An authorised international body (the UN Security Council, an international criminal tribunal) may request
    # notices; it is no member country and has no police databases of its own.
    INTERNATIONAL_BODY = "intl", "Authorised international body"


class Organisation(models.Model):
    code = models.SlugField(max_length=40, unique=True, help_text="NCB-FR, GS, FR-PAF for an agency, UN-SC for a body")
    kind = models.CharField(max_length=10, choices=OrgKind.choices)
    name = models.CharField(max_length=200)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.PROTECT, related_name="organisations")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="agencies",
        help_text="for a national agency: the NCB that authorised it",
    )
    is_active = models.BooleanField(default=True)
    language = models.CharField(
        max_length=2, default="en", choices=settings.LANGUAGES,
        help_text="working language: what the service writes to this organisation (a hit on its data...) is in it",
    )

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["country"], condition=Q(kind="ncb"), name="one_ncb_per_country"),
            models.CheckConstraint(
                condition=(Q(kind__in=["gs", "intl"], country__isnull=True)
                           | Q(~Q(kind__in=["gs", "intl"]), country__isnull=False)),
                name="org_country_matches_kind",
            ),
            models.CheckConstraint(
                condition=Q(kind="agency", parent__isnull=False) | Q(~Q(kind="agency"), parent__isnull=True),
                name="agency_has_parent_ncb",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def ncb_id(self) -> int | None:
        if self.kind == OrgKind.NCB:
            return self.pk
        if self.kind == OrgKind.AGENCY:
            return self.parent_id
        return None


class AgencyAuthorisation(models.Model):
    """What an NCB lets one of its national agencies do, and until when."""

    agency = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="authorisation")
    granted_by = models.ForeignKey("members.User", null=True, on_delete=models.SET_NULL, related_name="+")
    databases = models.JSONField(default=list, help_text="databases it may search: persons, travel_documents, ...")
    may_contribute = models.BooleanField(default=False)
    valid_until = models.DateField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def is_valid(self, today=None) -> bool:
        today = today or timezone.now().date()
        return self.revoked_at is None and (self.valid_until is None or self.valid_until >= today)


class Division(models.Model):
    """A part of an NCB that handles some crime areas; its inbox is the NCB's inbox filtered to them."""

    ncb = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="divisions")
    name = models.CharField(max_length=100)
    crime_areas = models.JSONField(default=list)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ncb", "name"], name="division_name_unique_in_ncb")]

    def __str__(self) -> str:
        return f"{self.ncb.code}/{self.name}"


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    role = models.CharField(max_length=24, choices=Role.choices, blank=True)
    clearance = models.PositiveSmallIntegerField(choices=Classification.choices, default=Classification.RESTRICTED)
    division = models.ForeignKey(Division, null=True, blank=True, on_delete=models.SET_NULL, related_name="users")
    is_machine = models.BooleanField(default=False, help_text="a border or front-line system, not a person")
    preferred_language = models.CharField(max_length=2, default="en")
    nationality = models.CharField(
        max_length=2, blank=True,
        help_text="ISO code; a General Secretariat reviewer never reviews a notice requested by this country",
    )
    failed_logins = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)

    objects = UserManager()  # type: ignore[misc]

    def __str__(self) -> str:
        return self.username


class ApiToken(models.Model):
    """A bearer token for a machine client or an officer's script. Only its SHA-256 is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.prefix} ({self.user})"
