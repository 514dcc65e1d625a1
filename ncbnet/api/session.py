"""/api/v1/session: the portal's login (password, then the second factor) and logout."""

from __future__ import annotations

from django.contrib.auth import login as django_login
from django.contrib.auth import logout as django_logout
from django.middleware.csrf import get_token
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from ninja import Router

from ncbnet.api.schemas import LoginIn, WhoAmI
from ncbnet.members import services

router = Router(tags=["session"])


@router.post("", auth=None, response=WhoAmI, summary="Log in: password and, outside demo mode, the TOTP code")
def login(request, payload: LoginIn):
    user = services.login(payload.username, payload.password, payload.otp)
    django_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if payload.otp:
        for device in TOTPDevice.objects.devices_for_user(user, confirmed=True):
            if device.verify_is_allowed()[0]:
                otp_login(request, device)
                break
    get_token(request)
    org = user.organisation
    return {"username": user.username, "organisation": org.code if org else "", "role": user.role,
            "clearance": user.clearance, "country": org.country_id if org else None}


@router.delete("", summary="Log out")
def logout(request):
    django_logout(request)
    return {"ok": True}
