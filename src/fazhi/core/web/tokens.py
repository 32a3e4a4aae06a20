"""Token authentication for machine clients (接口令牌): `Authorization: Token <令牌>`.

The client acts as the login the token was issued to (core.services.issue_token), so core.access scopes every read
and write by that login's unit and role. Every call made with a token is an audit event (接口调用) naming the token,
the method and the path."""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .. import audit, clock
from ..models import ApiToken, AuditEvent
from ..services import token_digest

KEYWORD = "Token"


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("接口令牌格式不正确：应为“Authorization: Token 令牌”。")
        try:
            raw = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed("接口令牌含有无效字符。") from None
        token = ApiToken.objects.select_related("user__person").filter(key_hash=token_digest(raw)).first()
        if token is None:
            raise exceptions.AuthenticationFailed("接口令牌无效。")
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed("接口令牌已吊销。")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("接口令牌所代表的账号已停用。")
        with transaction.atomic():
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=clock.now())
            audit.record(
                actor=token.user,
                action=AuditEvent.Action.API_CALL,
                instance=token,
                note=f"{request.method} {request.path}"[:500],
            )
        return token.user, token

    def authenticate_header(self, request):
        return KEYWORD


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """The token as a security scheme of the OpenAPI schema."""

    target_class = "fazhi.core.web.tokens.ApiTokenAuthentication"
    name = "接口令牌"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "机器客户端的接口令牌：请求头 `Authorization: Token <令牌>`（由系统管理员签发）。",
        }
