"""Staff (the admin site, 数据管理) only for the platform's administrators: the system administrator and the Justice
Bureau's administrator (core.access.PLATFORM_ADMIN_ROLES). Unit clerks, legal advisors, reconsideration staff and
enforcement supervisors lose is_staff: everything they do is a page. Superusers made with createsuperuser keep both
flags; superuser stays with system administrators only (0004)."""

from django.db import migrations

PLATFORM_ADMIN_ROLES = ("system_admin", "justice_admin")


def forward(apps, schema_editor):
    User = apps.get_model("core", "User")
    User.objects.exclude(role__in=PLATFORM_ADMIN_ROLES).exclude(is_superuser=True).update(is_staff=False)
    User.objects.filter(role__in=PLATFORM_ADMIN_ROLES).update(is_staff=True)


class Migration(migrations.Migration):
    dependencies = [("core", "0009_encrypt_person_id_number")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
