"""The vocabulary of the access policy: roles and classification levels."""

from django.db import models


class Role(models.TextChoices):
    NCB_OFFICER = "ncb_officer", "NCB officer"
    NCB_SUPERVISOR = "ncb_supervisor", "NCB supervisor"
    AGENCY_OFFICER = "agency_officer", "National agency officer"
    FRONTLINE_SYSTEM = "frontline_system", "Border / front-line system"
    GS_REVIEWER = "gs_reviewer", "General Secretariat reviewer"
    CCC_OFFICER = "ccc_officer", "Command and Coordination Centre duty officer"
    AUDITOR = "auditor", "Data-protection auditor"
    INTL_BODY_OFFICER = "intl_body_officer", "Officer of an authorised international body"


class Classification(models.IntegerChoices):
    OFFICIAL_USE = 1, "official use only"
    RESTRICTED = 2, "restricted"
    CONFIDENTIAL = 3, "confidential"


class RestrictionMode(models.TextChoices):
    NONE = "none", "all members"
    ALLOW = "allow", "only the listed countries"
    DENY = "deny", "all members but the listed countries"
