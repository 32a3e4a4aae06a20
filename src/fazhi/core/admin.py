"""The admin: every list scoped by core.access, every save and delete through the services, history from the
audit trail. Workstream admins subclass ScopedAdmin."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.template.response import TemplateResponse
from unfold.admin import ModelAdmin

from . import access, audit, ledgers, services
from .models import AuditEvent, CalendarDay, CalendarYear, LedgerJob, Organization, Person, Setting, User

admin.site.site_header = "法治 · 管理后台"
admin.site.site_title = "法治政府建设工作平台"
admin.site.index_title = "数据管理"


class ScopedAdmin(ModelAdmin):
    """A ModelAdmin whose reads go through core.access and whose writes go through core.services."""

    ledger_code: str | None = None
    actions = ["export_ledger"]

    def get_queryset(self, request):
        return access.scope(request.user, super().get_queryset(request))

    def has_module_permission(self, request):
        return access.policy_for(request.user) is not None

    def has_view_permission(self, request, obj=None):
        if access.policy_for(request.user) is None:
            return False
        return obj is None or access.can(request.user, obj, access.VIEW)

    def has_add_permission(self, request):
        # Users who see only records assigned to them (legal advisors) create nothing themselves.
        return access.scope_kind(request.user, self.model, access.CHANGE) not in (
            access.NONE,
            access.ASSIGNED,
        )

    def has_change_permission(self, request, obj=None):
        if access.scope_kind(request.user, self.model, access.CHANGE) == access.NONE:
            return False
        return obj is None or access.can(request.user, obj, access.CHANGE)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Organization:
            kwargs["queryset"] = access.organizations(request.user, access.CHANGE)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # Writes go through the services, so the rules and the audit trail hold on this path too.
    def save_model(self, request, obj, form, change):
        if change:
            services.update_record(actor=request.user, instance=obj, data={})
        else:
            services.create_record(actor=request.user, instance=obj)

    def delete_model(self, request, obj):
        services.delete_record(actor=request.user, instance=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.delete_record(actor=request.user, instance=obj)

    def changeform_view(self, request, *args, **kwargs):
        try:
            return super().changeform_view(request, *args, **kwargs)
        except (PermissionDenied, ValidationError) as exc:
            self.message_user(request, "；".join(getattr(exc, "messages", [str(exc)])), messages.ERROR)
            return TemplateResponse(
                request,
                "core/admin_refused.html",
                {"message": exc, **self.admin_site.each_context(request)},
                status=403 if isinstance(exc, PermissionDenied) else 400,
            )

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_permission(request, obj):
            raise PermissionDenied("您无权查看该记录。")
        context = {
            **self.admin_site.each_context(request),
            "title": f"{obj} 的修改记录",
            "object": obj,
            "opts": self.model._meta,
            "events": [(e, audit.masked_changes(e)) for e in audit.history(obj)],
        }
        return TemplateResponse(request, "core/record_history.html", context)

    @admin.action(description="导出所选为Excel台账")
    def export_ledger(self, request, queryset):
        if not self.ledger_code:
            self.message_user(request, "该列表没有对应的台账。", messages.WARNING)
            return None
        content = ledgers.export_xlsx(self.ledger_code, queryset)
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.ledger_code}.xlsx"'
        return response


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

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SharedDataAdmin(ScopedAdmin):
    """Installation-wide data (calendar, settings): readable by every role, changed by administrators."""

    actions = []


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


@admin.register(LedgerJob)
class LedgerJobAdmin(ScopedAdmin):
    list_display = ["created_at", "ledger", "filename", "user", "dry_run", "status", "total", "processed"]
    exclude = ["content"]
    actions = []

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin, ScopedAdmin):
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
            services.update_record(actor=request.user, instance=obj, data={})
        else:
            created = services.create_user(
                actor=request.user,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
                role=obj.role,
                person=obj.person,
            )
            obj.pk = created.pk
