"""Staff (the admin site) only for the roles that administer the platform: existing users of every other role lose
is_staff, and only system administrators keep is_superuser. Superusers made with createsuperuser keep both."""

from django.db import migrations

ADMIN_ROLES = ("system_admin", "justice_admin")


def forward(apps, schema_editor):
    User = apps.get_model("core", "User")
    User.objects.exclude(role__in=ADMIN_ROLES).exclude(is_superuser=True, role="unit_clerk").update(
        is_staff=False, is_superuser=False
    )
    User.objects.filter(role__in=ADMIN_ROLES).update(is_staff=True)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_job")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
