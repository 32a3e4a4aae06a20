"""The admin base every app's admin subclasses: every list scoped by core.access, every save and delete through the
services, history from the audit trail."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from unfold.admin import ModelAdmin

from fazhi.core import access, audit, crypto, services
from fazhi.core.io import ledgers
from fazhi.core.models import Organization, Person, User
from fazhi.core.web import masking, otp

admin.site.site_header = "法治 · 管理后台"
admin.site.site_title = "法治政府建设工作平台"
admin.site.index_title = "数据管理"


def _admin_site_permission(request) -> bool:
    """Only the platform's administrators reach /admin/ (access.PLATFORM_ADMIN_ROLES), whatever a stale is_staff flag
    says; and only once the session has passed the second factor, where it is enforced (core.web.otp)."""
    user = request.user
    if otp.needs_second_factor(user) and not otp.is_verified(user):
        return False
    return user.is_active and user.is_staff and access.administers_platform(user)


admin.site.has_permission = _admin_site_permission

ADMIN_REFUSED = "数据管理仅供系统管理员和司法局管理员使用，您的工作请在各业务页面办理。"
_admin_login = admin.site.login


def _login_or_refuse(request, extra_context=None):
    """The admin sends every user it does not admit to its login page; a signed-in user who does not administer the
    platform is told there, in Chinese, that data management is not theirs (403) instead of being asked to sign in
    again."""
    user = request.user
    if user.is_authenticated and not access.administers_platform(user):
        raise PermissionDenied(ADMIN_REFUSED)
    return _admin_login(request, extra_context)


admin.site.login = _login_or_refuse


# Units and people are chosen in the admin by searching (its autocomplete, over OrganizationAdmin's and PersonAdmin's
# search_fields and scoped queryset), never from a <select> of the whole table: a province has 1,000 units and
# 60,000 people (issue 19). What a form accepts stays its field's queryset.
SEARCHED_MODELS = (Organization, Person)


def searched(model: type, *, multiple: bool = False):
    """An autocomplete widget over `model` (a unit or a person) for a form field the admin did not make from a model
    field (e.g. an inspection's 被督察单位): the widget needs a model field pointing at `model` on a registered admin's
    model to find its search (a person's unit, a login's person)."""
    field = (
        Person._meta.get_field("organization") if model is Organization else User._meta.get_field("person")
    )
    widget = AutocompleteSelectMultiple if multiple else AutocompleteSelect
    return widget(field, admin.site)


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

    # Personal data (encrypted fields, core.crypto): masked in lists and forms; the full value one record at a time
    # through the reveal page, which writes an audit event (services.reveal).
    def get_list_display(self, request):
        return masking.masked_list_display(self.model, super().get_list_display(request))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        view_only = obj is not None and not self.has_change_permission(request, obj)
        may_reveal = obj is not None and not view_only
        return masking.masked_form(
            form, self.model, view_only=view_only, reveal_url=self._reveal_url if may_reveal else None
        )

    def _reveal_url(self, obj, field: str) -> str:
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_reveal", args=[obj.pk, field])

    def get_urls(self):
        opts = self.model._meta
        extra = []
        if crypto.encrypted_fields(self.model):
            extra.append(
                path(
                    "<path:object_id>/reveal/<str:field>/",
                    self.admin_site.admin_view(self.reveal_view),
                    name=f"{opts.app_label}_{opts.model_name}_reveal",
                )
            )
        return extra + super().get_urls()

    def reveal_view(self, request, object_id, field):
        """GET asks for confirmation; POST shows the full value and writes the audit event."""
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_permission(request, obj):
            raise PermissionDenied("您无权查看该记录。")
        secret = {f.name: f for f in crypto.encrypted_fields(self.model)}
        if field not in secret:
            raise Http404("该字段不是加密存储的个人信息。")
        label = secret[field].verbose_name
        value = None
        if request.method == "POST":
            value = services.reveal(actor=request.user, instance=obj, field=field)
        context = {
            **self.admin_site.each_context(request),
            "title": f"{obj} 的{label}",
            "object": obj,
            "label": label,
            "value": value,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "core/admin_reveal.html", context)

    def get_autocomplete_fields(self, request):
        fields = list(super().get_autocomplete_fields(request))
        for f in self.model._meta.get_fields():
            if (f.many_to_one or f.one_to_one or f.many_to_many) and not f.auto_created and f.concrete:
                if f.related_model in SEARCHED_MODELS and f.name not in fields:
                    fields.append(f.name)
        return fields

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


class SharedDataAdmin(ScopedAdmin):
    """Installation-wide data (calendar, settings): readable by every role, changed by administrators."""

    actions = []


class ServiceAdmin(ScopedAdmin):
    """The admin base for workstream records: every add, change and delete calls the app's own service.

    A subclass names its services; the generic create/update/delete of core.services is never used, so the rules
    and the audit event are the service's, with the same Chinese message as on the page, the ledger and the API.
    - `create_service(actor=..., obj=..., form=...)` saves a new record (obj holds the form's values, unsaved);
    - `update_service(actor=..., obj=..., form=..., changed=[...])` saves a change;
    - `delete_service(actor=..., obj=...)`, where the app's rules allow deleting at all. Without it, nothing is
      deleted here: `has_delete_permission` asks `may_delete(user, obj)` (from the app's rules) when given one.
    Without create_service the add page is not offered; without update_service every field is read-only."""

    create_service = None
    update_service = None
    delete_service = None
    may_delete = None  # rules.may_delete_<record>(user, obj) -> bool
    may_change = None  # rules.may_change_<record>(user, obj) -> bool; False shows the record read-only

    def has_add_permission(self, request):
        return self.create_service is not None and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        if obj is not None and self.update_service is None:
            return False
        if obj is not None and self.may_change is not None and not type(self).may_change(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self.delete_service is None or not super().has_delete_permission(request, obj):
            return False
        return obj is None or self.may_delete is None or type(self).may_delete(request.user, obj)

    def render_change_form(self, request, context, *args, **kwargs):
        # A form refused by the rules answers 400 with the rules' Chinese messages at the top of the page, like every
        # other way in (Django re-renders it with 200, and the admin theme does not show every field's error).
        form = getattr(context.get("adminform"), "form", None)
        refused = request.method == "POST" and form is not None and bool(form.errors)
        if refused:
            self.message_user(
                request, "；".join(m for errors in form.errors.values() for m in errors), messages.ERROR
            )
        response = super().render_change_form(request, context, *args, **kwargs)
        if refused:
            response.status_code = 400
        return response

    def save_model(self, request, obj, form, change):
        if change:
            type(self).update_service(actor=request.user, obj=obj, form=form, changed=list(form.changed_data))
        else:
            type(self).create_service(actor=request.user, obj=obj, form=form)

    def delete_model(self, request, obj):
        type(self).delete_service(actor=request.user, obj=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            type(self).delete_service(actor=request.user, obj=obj)
