"""Second factor (TOTP, django-otp) for the roles that administer the platform: 系统管理员 and 司法局管理员.

With `settings.FAZHI_OTP_REQUIRED` on (production's default), a signed-in administrator reaches nothing but the
enrolment and verification pages, logout and the public pages until the session is verified with a code from the
authenticator app (RFC 6238: 6 digits, 30 s). Enrolment shows the QR code as an inline SVG drawn here (segno) and
the otpauth URI as text: no outside service. A lost device is reset by a system administrator with
`fazhi otp reset USERNAME` (audited); the holder enrols again at the next login.
"""

from __future__ import annotations

from urllib.parse import quote

import django_otp
import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django_otp.plugins.otp_totp.models import TOTPDevice
from drf_spectacular.authentication import BasicScheme
from rest_framework.authentication import BasicAuthentication
from rest_framework.exceptions import AuthenticationFailed

from fazhi.core import access, audit
from fazhi.core.models import AuditEvent

from . import pages

DEVICE_NAME = "动态口令"
# What an unverified administrator may still open.
OPEN_PREFIXES = ("/accounts/second-factor/", "/accounts/logout/", "/accounts/login/", "/static/", "/public/")


def required() -> bool:
    return bool(getattr(settings, "FAZHI_OTP_REQUIRED", False))


def needs_second_factor(user) -> bool:
    """Whether `user` must prove a second factor: an administrator of the platform while enforcement is on."""
    return required() and access.administers_platform(user)


def is_verified(user) -> bool:
    return bool(getattr(user, "is_verified", lambda: False)())


class SecondFactorMiddleware:
    """After django_otp's OTPMiddleware: sends an unverified administrator to verification (or enrolment)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and needs_second_factor(user)
            and not is_verified(user)
            and not request.path_info.startswith(OPEN_PREFIXES)
        ):
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": "管理员须先完成动态口令验证。"}, status=403)
            return redirect(f"{reverse('core:otp_verify')}?next={quote(request.get_full_path())}")
        return self.get_response(request)


class PasswordOnlyRefusedForAdmins(BasicAuthentication):
    """HTTP Basic for the API, refused to administrators while the second factor is enforced (a password alone
    must not open what the pages keep behind a code)."""

    def authenticate_credentials(self, userid, password, request=None):
        user, auth = super().authenticate_credentials(userid, password, request)
        if needs_second_factor(user):
            raise AuthenticationFailed(
                "管理员账号须经网页登录并完成动态口令验证，不能以用户名密码直接调用接口。"
            )
        return user, auth


class TokenForm(forms.Form):
    token = forms.RegexField(
        label="动态口令",
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": "请输入验证器应用显示的6位数字。", "required": "请输入动态口令。"},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self):
        return self.cleaned_data["token"].strip()


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("core:workbench")


def _confirmed(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True)


@login_required
def verify(request):
    if not access.administers_platform(request.user):
        return redirect(_next(request))
    if not _confirmed(request.user).exists():
        return redirect(f"{reverse('core:otp_setup')}?next={quote(_next(request))}")
    form = TokenForm(**pages.posted(request))
    if request.method == "POST" and form.is_valid():
        device = django_otp.match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            django_otp.login(request, device)
            return redirect(_next(request))
        form.add_error("token", "动态口令不正确或已过期，请重新输入（连续错误会暂时延长等待时间）。")
    return render(request, "core/otp_verify.html", {"form": form, "next": _next(request)})


@login_required
def setup(request):
    user = request.user
    if not access.administers_platform(user):
        return HttpResponseForbidden("只有系统管理员和司法局管理员需要绑定动态口令。")
    if _confirmed(user).exists():
        if not is_verified(user):
            return redirect(f"{reverse('core:otp_verify')}?next={quote(_next(request))}")
        return render(request, "core/otp_setup.html", {"enrolled": True})
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = TokenForm(**pages.posted(request))
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            audit.record(
                actor=user,
                action=AuditEvent.Action.UPDATE,
                instance=user,
                note="绑定动态口令（双因素认证）设备",
            )
            django_otp.login(request, device)
            return redirect(_next(request))
        form.add_error("token", "动态口令不正确，请确认手机时间准确后重新输入。")
    uri = device.config_url
    qr = segno.make(uri, error="m").svg_inline(scale=4, title="动态口令绑定二维码")
    return render(
        request,
        "core/otp_setup.html",
        {
            "form": form,
            "qr": mark_safe(qr),  # noqa: S308  (SVG drawn by segno from our own URI)
            "uri": uri,
            "secret": uri.split("secret=")[1].split("&")[0],
            "next": _next(request),
        },
    )


class PasswordOnlyRefusedForAdminsScheme(BasicScheme):
    """The API schema describes it as HTTP Basic (drf-spectacular)."""

    target_class = PasswordOnlyRefusedForAdmins
    name = "basicAuth"
