"""Administration of identities only. Police data (messages, records) is deliberately not in the admin:
every read of it must go through the access policy and the audit trail."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django_otp.admin import OTPAdminSite

from ncbnet.members.models import (
    AgencyAuthorisation,
    ApiToken,
    Country,
    Division,
    Organisation,
    RegionalGroup,
    User,
)

if settings.OTP_REQUIRED:
    # The admin login asks for the second factor too.
    admin.site.__class__ = OTPAdminSite


@admin.register(User)
class OfficerAdmin(UserAdmin):
    list_display = ("username", "organisation", "role", "clearance", "is_machine", "is_active", "locked_until")
    list_filter = ("role", "clearance", "is_machine", "is_active", "organisation__kind")
    search_fields = ("username", "first_name", "last_name", "email", "organisation__code")
    fieldsets = (*(UserAdmin.fieldsets or ()), ("ncbnet", {"fields": (
        "organisation", "role", "clearance", "nationality", "division", "is_machine", "preferred_language", "failed_logins",
        "locked_until")}))
    add_fieldsets = (*UserAdmin.add_fieldsets, ("ncbnet", {"fields": ("organisation", "role", "clearance", "nationality")}))


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("code", "kind", "name", "country", "parent", "language", "is_active")
    list_filter = ("kind", "language", "is_active")
    search_fields = ("code", "name")


@admin.register(AgencyAuthorisation)
class AgencyAuthorisationAdmin(admin.ModelAdmin):
    list_display = ("agency", "databases", "may_contribute", "valid_until", "revoked_at")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued with `ncbnet token create` (the secret is shown once); here they are only listed."""

    list_display = ("prefix", "user", "name", "created_at", "expires_at", "revoked_at", "last_used_at")
    readonly_fields = ("user", "name", "prefix", "digest", "created_at", "expires_at", "last_used_at")

    def has_add_permission(self, request):
        return False


admin.site.register(Country)
admin.site.register(RegionalGroup)
admin.site.register(Division)
