"""The admin base of this app: core's ServiceAdmin, answering a form refused by the rules with 400 and the rules'
Chinese messages at the top of the page, like every other way in.

(Belongs in core.web.admin.ServiceAdmin: there a form refused by the model's rules re-renders with 200, and the
admin theme does not show every field's error.)"""

from __future__ import annotations

from django.contrib import messages

from fazhi.core.web.admin import ServiceAdmin


class RefusingServiceAdmin(ServiceAdmin):
    def render_change_form(self, request, context, *args, **kwargs):
        form = getattr(context.get("adminform"), "form", None)
        if request.method == "POST" and form is not None and form.errors:
            reasons = [m for errors in form.errors.values() for m in errors]
            self.message_user(request, "；".join(reasons), messages.ERROR)
            response = super().render_change_form(request, context, *args, **kwargs)
            response.status_code = 400
            return response
        return super().render_change_form(request, context, *args, **kwargs)
