"""A legal advisor's contact (phone) encrypted at rest (core.crypto)."""

import fazhi.core.crypto.fields
from django.db import migrations

from fazhi.core.crypto.rotation import decrypt_existing, encrypt_existing


class Migration(migrations.Migration):
    atomic = (
        False  # PostgreSQL "pending trigger events" (see disputes 0002): the data step commits on its own
    )

    dependencies = [
        ("decisions", "0003_document_original_name"),
        ("core", "0009_encrypt_person_id_number"),
    ]

    operations = [
        migrations.AlterField(
            model_name="legaladvisor",
            name="contact",
            field=fazhi.core.crypto.fields.EncryptedCharField(
                blank=True, mask="contact", max_length=60, verbose_name="联系方式"
            ),
        ),
        migrations.RunPython(
            encrypt_existing("decisions", "legaladvisor"), decrypt_existing("decisions", "legaladvisor")
        ),
    ]
