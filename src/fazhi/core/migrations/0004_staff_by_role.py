"""Staff (the admin site) only for the roles that enter records: leaders lose is_staff, and only system
administrators keep is_superuser. Superusers made with createsuperuser keep both."""

from django.db import migrations

ADMIN_ROLES = (
    "system_admin",
    "justice_admin",
    "unit_clerk",
    "legal_advisor",
    "reconsideration_staff",
    "enforcement_supervisor",
)


def forward(apps, schema_editor):
    User = apps.get_model("core", "User")
    createsuperuser = User.objects.filter(is_superuser=True, role="unit_clerk", person__isnull=True)
    User.objects.exclude(role__in=ADMIN_ROLES).update(is_staff=False, is_superuser=False)
    User.objects.exclude(role="system_admin").exclude(pk__in=createsuperuser.values("pk")).update(is_superuser=False)
    User.objects.filter(role__in=ADMIN_ROLES).update(is_staff=True)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_job")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
