"""The people pages (人员名册): the people of the units a user may see, with their ID numbers masked, and a correction
page (更正) for a person's name, ID number, unit and post through services.update_person. The ID number is shown
masked on the form; sent back unchanged it keeps the stored number (core.web.masking, as in the admin and the API)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode

from fazhi.core import access, clock, selectors, services
from fazhi.core.models import Person, User

from . import lists, masking, pages, units


class PersonForm(pages.Form):
    """更正人员信息: what the admin's and the API's person form hold; the rules are the model's and the service's."""

    name = forms.CharField(label="姓名", max_length=60)
    id_number = forms.CharField(label="居民身份证号", max_length=18)
    organization = units.UnitChoiceField(label="所在单位")
    position = forms.CharField(label="职务", max_length=80, required=False)
    is_principal_leader = forms.BooleanField(label="主要负责人", required=False)
    has_legal_qualification = forms.BooleanField(label="具有法律职业资格", required=False)
    legal_qualification_year = forms.IntegerField(
        label="取得法律职业资格年份", required=False, min_value=1949, max_value=2100, help_text="不清楚可留空"
    )
    is_active = forms.BooleanField(label="在职", required=False)

    def __init__(self, *args, user: User, instance: Person, **kwargs):
        self.instance = instance  # read by masking.masked_form: the ID number is shown masked
        super().__init__(*args, **kwargs)
        self.fields["organization"].for_user(user)


MaskedPersonForm = masking.masked_form(PersonForm, Person, view_only=False)


def people_spec(rows) -> lists.ListSpec:
    return lists.ListSpec(
        title="人员名册",
        columns=[
            lists.Column("name", "姓名", lambda p: p.name, order_by=("name",)),
            lists.Column("id_number", "身份证号", lambda p: p.masked_id_number, sortable=False),
            lists.Column(
                "unit", "所在单位", lambda p: p.organization.name, order_by=("organization__path", "name")
            ),
            lists.Column("position", "职务", lambda p: p.position, order_by=("position",)),
            lists.Column(
                "leader", "主要负责人", lambda p: "是" if p.is_principal_leader else "否", sortable=False
            ),
            lists.Column(
                "qualified",
                "法律职业资格",
                lambda p: "有" if p.has_legal_qualification else "无",
                order_by=("has_legal_qualification",),
            ),
            lists.Column("active", "在职", lambda p: "是" if p.is_active else "否", order_by=("is_active",)),
        ],
        filters=[
            lists.unit_filter(rows, label="所在单位"),
            lists.Filter("inactive", "含不在职人员", lambda qs, v: qs, kind=lists.CHECK),
        ],
        search_fields=("name", "position", "organization__name"),
        search_placeholder="姓名、职务、单位",
        default_sort="unit",
    )


@login_required
def person_list(request):
    user = request.user
    rows = selectors.people_for(user)
    if not request.GET.get("inactive"):
        rows = rows.filter(is_active=True)
    listing = lists.listing(request, rows, people_spec(rows))
    if listing.wants_export:
        return listing.export(f"人员名册_{clock.today().isoformat()}.xlsx")
    people = listing.page_rows
    pages.mark_correctable(people, selectors.people_for(user, access.CHANGE))
    return render(request, "core/people.html", {"people": people, "list": listing}, status=listing.status)


@login_required
def edit_person(request, pk):
    """更正 a person, through services.update_person (access to the person's unit, and to the new one on a move)."""
    person = get_object_or_404(selectors.people_for(request.user), pk=pk)
    form = MaskedPersonForm(
        **pages.posted(request),
        user=request.user,
        instance=person,
        initial=pages.initial_of(person, PersonForm),
    )
    return pages.correct(
        request,
        form,
        lambda data: services.update_person(actor=request.user, person=person, **data),
        may_change=access.can(request.user, person, access.CHANGE),
        title=f"更正人员信息：{person.name}",
        back=f"{reverse('core:people')}?{urlencode({'q': person.name})}",
        success="人员信息已更正。",
    )
