"""Admin of core's own records: units, people, users, the audit trail, the calendar, settings, background jobs."""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import access, audit, rules, services
from .models import ApiToken, AuditEvent, CalendarDay, CalendarYear, Job, Organization, Person, Setting, User
from .web.admin import ScopedAdmin, SharedDataAdmin


@admin.register(Organization)
class OrganizationAdmin(ScopedAdmin):
    ledger_code = "organizations"
    list_display = ["name", "code", "kind", "parent", "credit_code", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code", "credit_code"]
    fields = ["code", "name", "short_name", "kind", "parent", "credit_code", "sort_order", "is_active"]

    def save_model(self, request, obj, form, change):
        if change:
            services.update_organization(actor=request.user, organization=obj)
        else:
            obj.path = services.organization_path(code=obj.code, parent=obj.parent)
            services.create_record(actor=request.user, instance=obj)


@admin.register(Person)
class PersonAdmin(ScopedAdmin):
    ledger_code = "people"
    list_display = [
        "name",
        "masked_id",
        "organization",
        "position",
        "is_principal_leader",
        "has_legal_qualification",
        "is_active",
    ]
    list_filter = ["has_legal_qualification", "is_principal_leader", "is_active", "organization__kind"]
    search_fields = ["name", "position", "organization__name"]
    list_select_related = ["organization"]

    @admin.display(description="身份证号")
    def masked_id(self, obj):
        return obj.masked_id_number

    def save_model(self, request, obj, form, change):
        # A change goes through the service the correction page and the API call (services.update_person).
        if change:
            services.update_person(actor=request.user, person=obj)
        else:
            super().save_model(request, obj, form, change)


@admin.register(AuditEvent)
class AuditEventAdmin(ScopedAdmin):
    list_display = [
        "seq",
        "occurred_at",
        "actor_name",
        "source_ip",
        "action",
        "model_label",
        "object_repr",
        "transition",
    ]
    list_filter = ["action", "model_label", "occurred_at"]
    search_fields = ["actor_name", "object_repr", "object_id", "note"]
    date_hierarchy = "occurred_at"
    actions = []
    # The stored changes are shown through audit.masked_changes: events written before personal fields were masked
    # in the trail still hold them in full (the chain cannot be rewritten), and are masked on display.
    exclude = ["changes"]
    readonly_fields = ["shown_changes"]

    @admin.display(description="变更内容")
    def shown_changes(self, obj):
        return json.dumps(audit.masked_changes(obj), ensure_ascii=False, default=str)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CalendarDay)
class CalendarDayAdmin(SharedDataAdmin):
    list_display = ["date", "region", "kind", "name", "source"]
    list_filter = ["kind", "region"]
    date_hierarchy = "date"


@admin.register(CalendarYear)
class CalendarYearAdmin(SharedDataAdmin):
    list_display = ["year", "region", "source", "entered_at"]


@admin.register(Setting)
class SettingAdmin(SharedDataAdmin):
    list_display = ["key", "value", "updated_at"]


@admin.register(Job)
class JobAdmin(ScopedAdmin):
    """Background jobs are read-only: the worker writes them; nobody edits or deletes a job's record."""

    list_display = [
        "created_at",
        "kind",
        "name",
        "filename",
        "user",
        "status",
        "done",
        "total",
        "finished_at",
    ]
    list_filter = ["kind", "status"]
    exclude = ["content", "output"]
    readonly_fields = [
        "kind",
        "name",
        "params",
        "user",
        "organization",
        "status",
        "done",
        "total",
        "message",
        "filename",
        "result",
        "task_id",
        "run_key",
        "created_at",
        "started_at",
        "finished_at",
    ]
    actions = []

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin, ScopedAdmin):
    """Logins: only system administrators change them; role changes and password resets are audit events."""

    list_display = ["username", "person", "role", "is_active", "last_login"]
    list_filter = ["role", "is_active"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("人员与角色", {"fields": ["person", "role", "is_active"]}),
        ("登录记录", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["username", "person", "role", "password1", "password2"]})
    ]
    readonly_fields = ["last_login", "date_joined"]
    actions = []

    def save_model(self, request, obj, form, change):
        if change:
            fields = {name: getattr(obj, name) for name in form.changed_data if name in USER_FIELDS}
            services.update_user(actor=request.user, user=obj, **fields)
        else:
            created = services.create_user(
                actor=request.user,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
                role=obj.role,
                person=obj.person,
            )
            obj.pk = created.pk

    def user_change_password(self, request, id, form_url=""):
        """The admin's password reset, through services.reset_password (system administrators, audited)."""
        user = self.get_object(request, unquote(id))
        if user is None or not access.is_system_admin(request.user):
            raise PermissionDenied("只有系统管理员可以重置密码。")
        if request.method == "POST":
            form = self.change_password_form(user, request.POST)
            if form.is_valid():
                usable = form.cleaned_data.get("usable_password", "true") not in (False, "false")
                password = form.cleaned_data.get("password1") if usable else None
                services.reset_password(actor=request.user, user=user, password=password)
                messages.success(request, f"已重置{user}的密码。")
                return HttpResponseRedirect(reverse("admin:core_user_change", args=[user.pk]))
        return super().user_change_password(request, id, form_url)


USER_FIELDS = {"person", "role", "is_active", "username"}


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name", "user"]

    def clean(self):
        data = super().clean()
        if data.get("user") is not None:
            rules.validate_token_user(
                data["user"]
            )  # the same rule and message as the service and the command
        return data


@admin.register(ApiToken)
class ApiTokenAdmin(ScopedAdmin):
    """接口令牌: issued and revoked by system administrators through core.services; the token is shown once."""

    form = ApiTokenForm
    list_display = ["name", "prefix", "user", "created_at", "revoked_at", "last_used_at"]
    list_filter = ["revoked_at"]
    readonly_fields = ["prefix", "created_at", "created_by", "revoked_at", "revoked_by", "last_used_at"]
    actions = ["revoke"]

    def get_fields(self, request, obj=None):
        return ["name", "user"] if obj is None else ["name", "user", *self.readonly_fields]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        token, raw = services.issue_token(actor=request.user, user=obj.user, name=obj.name)
        obj.pk = token.pk
        self.message_user(request, f"已签发令牌“{token.name}”。令牌只显示这一次，请立即复制保存：{raw}")

    @admin.action(description="吊销所选令牌")
    def revoke(self, request, queryset):
        done, refused = 0, []
        for token in queryset:
            try:
                services.revoke_token(actor=request.user, token=token)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                refused.append(f"{token}：{'；'.join(getattr(error, 'messages', [str(error)]))}")
        if done:
            self.message_user(request, f"已吊销{done}个令牌。")
        for line in refused:
            self.message_user(request, line, messages.ERROR)


# Administrators' TOTP devices hold their secrets: no admin page shows or edits them (`fazhi otp reset` instead).
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)
