"""Owner restrictions carried by every piece of police data, as an abstract model and plain values."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models

from ncbnet.access.levels import Classification, RestrictionMode


def encode_countries(codes: list[str] | tuple[str, ...] | set[str]) -> str:
    """Store a country list as ',FR,DE,' so that one LIKE test answers 'is FR listed' in any database."""
    clean = sorted({c.strip().upper() for c in codes if c.strip()})
    return "," + ",".join(clean) + "," if clean else ""


def decode_countries(stored: str) -> list[str]:
    return [c for c in stored.split(",") if c]


@dataclass(frozen=True)
class Restrictions:
    """What the owner of a piece of data says about who may see it."""

    mode: str = RestrictionMode.NONE
    countries: tuple[str, ...] = field(default_factory=tuple)
    agencies_may_view: bool = True
    classification: int = Classification.OFFICIAL_USE

    def as_columns(self) -> dict[str, object]:
        """The OwnerRestricted columns holding these restrictions (for model instances and bulk writes alike)."""
        return {"restriction_mode": self.mode, "restricted_countries": encode_countries(self.countries),
                "agencies_may_view": self.agencies_may_view, "classification": self.classification}

    def admits_country(self, country: str | None, owner_country: str | None) -> bool:
        """The same rule as access.policy.restriction_q, for one value (used when addressing)."""
        if country is None or country == owner_country:
            return True
        if self.mode == RestrictionMode.ALLOW:
            return country in self.countries
        if self.mode == RestrictionMode.DENY:
            return country not in self.countries
        return True


class OwnerRestricted(models.Model):
    """Fields every model of police data carries; access.policy turns them into a query filter."""

    owner_country = models.ForeignKey(
        "members.Country", null=True, on_delete=models.PROTECT, related_name="+",
        help_text="the country whose data this is (empty for the General Secretariat's own)",
    )
    restriction_mode = models.CharField(max_length=5, choices=RestrictionMode.choices, default=RestrictionMode.NONE)
    restricted_countries = models.CharField(max_length=1200, blank=True, default="")
    agencies_may_view = models.BooleanField(default=True)
    classification = models.PositiveSmallIntegerField(
        choices=Classification.choices, default=Classification.OFFICIAL_USE
    )

    class Meta:
        abstract = True

    @property
    def restrictions(self) -> Restrictions:
        return Restrictions(
            self.restriction_mode,
            tuple(decode_countries(self.restricted_countries)),
            self.agencies_may_view,
            self.classification,
        )

    def set_restrictions(self, r: Restrictions) -> None:
        for column, value in r.as_columns().items():
            setattr(self, column, value)
