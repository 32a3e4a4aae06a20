"""Forms of the staff pages of the lists: they parse what was typed; the rules live in rules/lists.py and come back
onto these forms as the services' ValidationErrors."""

from __future__ import annotations

from django import forms

from fazhi.core import access
from fazhi.core.web import units
from fazhi.core.web.pages import Form, date_field

from ..models import CATALOG_CONTENT, VERIFICATION_METHODS, HandlingMode
from ..rules import lists as rules

# Offered: the units the user may change that can implement an item; any other of them sent is refused by the rule
# (rules.lists), with its message.
IMPLEMENTING_UNITS = units.source(
    "implementing-units",
    lambda user: (
        access.organizations(user, access.CHANGE).filter(kind__in=rules.IMPLEMENTING_KINDS).order_by("path")
    ),
)


class _UnitForm(Form):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].for_user(user, accept=access.organizations(user, access.CHANGE))


class ListItemForm(_UnitForm):
    """列入 an item of the 证明事项清单 or the 告知承诺制事项清单."""

    code = forms.CharField(label="事项编码", max_length=40)
    name = forms.CharField(label="事项名称", max_length=200)
    basis = forms.CharField(label="设定依据", widget=forms.Textarea(attrs={"rows": 2}))
    organization = units.UnitChoiceField(IMPLEMENTING_UNITS, label="实施单位")
    issuer = forms.CharField(label="开具单位", max_length=120, required=False, help_text="证明事项填写")
    verification = forms.MultipleChoiceField(
        label="核查方式",
        required=False,
        choices=[(m, m) for m in VERIFICATION_METHODS],
        widget=forms.CheckboxSelectMultiple,
        help_text="告知承诺制事项填写",
    )
    false_commitment = forms.CharField(
        label="不实承诺的处理", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    added_on = date_field("列入日期")

    def __init__(self, *args, catalog: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        content = CATALOG_CONTENT.get(catalog, CATALOG_CONTENT["commitment"])
        for name in ("issuer", "verification", "false_commitment"):
            if name not in content:
                del self.fields[name]

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        if "verification" in data:
            data["verification"] = "、".join(data["verification"])
        return data


class ServiceItemForm(_UnitForm):
    code = forms.CharField(label="事项编码", max_length=40)
    name = forms.CharField(label="事项名称", max_length=200)
    organization = units.UnitChoiceField(IMPLEMENTING_UNITS, label="实施单位")
    mode = forms.ChoiceField(label="办理方式", choices=HandlingMode.choices)
    time_limit_days = forms.IntegerField(label="承诺办结时限（工作日）", min_value=1, required=False)
    added_on = date_field("列入日期")

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


def revise_form(base: type[Form]) -> type[Form]:
    """变更 (the correction of a listed item): `base`'s content fields without the code and the 列入日期, with the day
    from which the new version is listed (the old one is removed that day, services.revise) and why."""

    class ReviseForm(base):
        on = date_field(
            "变更日期", help_text="原版本于该日移出，同日列入变更后的版本；此前各日的清单保持原样"
        )
        reason = forms.CharField(
            label="变更原因", max_length=200, required=False, help_text="如 更正事项名称"
        )

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for name in ("code", "added_on"):
                del self.fields[name]

        def service_data(self) -> dict:
            data = super().service_data()
            return {k: v for k, v in data.items() if k not in ("code", "added_on", "on", "reason")}

    ReviseForm.__name__ = f"Revise{base.__name__}"
    return ReviseForm


ReviseListItemForm = revise_form(ListItemForm)
ReviseServiceItemForm = revise_form(ServiceItemForm)


class RemoveForm(Form):
    """移出: from which day the item is no longer in the list, and why."""

    field_aliases = {"removal_reason": "reason"}

    # Not required here: the removal rule answers a missing date or reason with its own message.
    removed_on = date_field("移出日期", required=False)
    reason = forms.CharField(label="移出原因", max_length=200, required=False)
