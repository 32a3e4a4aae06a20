"""The plaintiff's ID number encrypted at rest (core.crypto)."""

import fazhi.core.crypto.fields
from django.db import migrations

from fazhi.core.crypto.rotation import decrypt_existing, encrypt_existing


class Migration(migrations.Migration):
    atomic = (
        False  # PostgreSQL "pending trigger events" (see disputes 0002): the data step commits on its own
    )

    dependencies = [
        ("litigation", "0005_effective_result"),
        ("core", "0009_encrypt_person_id_number"),
    ]

    operations = [
        migrations.AlterField(
            model_name="lawsuit",
            name="plaintiff_id_number",
            field=fazhi.core.crypto.fields.EncryptedCharField(
                help_text="自然人填居民身份证号，法人或其他组织填统一社会信用代码",
                max_length=18,
                verbose_name="原告证件号码",
            ),
        ),
        migrations.RunPython(
            encrypt_existing("litigation", "lawsuit"), decrypt_existing("litigation", "lawsuit")
        ),
    ]
