"""The applicant's ID code and address/contact encrypted at rest (core.crypto); the ID code found through its blind
index."""

import fazhi.core.crypto.fields
from django.db import migrations

from fazhi.core.crypto.rotation import decrypt_existing, encrypt_existing


class Migration(migrations.Migration):
    # Not one transaction (PostgreSQL "pending trigger events", as in 0002): the data step commits on its own.
    atomic = False

    dependencies = [
        ("disputes", "0004_outcomes_and_deciding_body"),
        ("core", "0009_encrypt_person_id_number"),
    ]

    operations = [
        migrations.AddField(
            model_name="reconsiderationcase",
            name="applicant_id_code_hash",
            field=fazhi.core.crypto.fields.BlindIndexField(
                db_index=True, source="applicant_id_code", verbose_name="申请人证件号码检索索引"
            ),
        ),
        migrations.AlterField(
            model_name="reconsiderationcase",
            name="applicant_contact",
            field=fazhi.core.crypto.fields.EncryptedCharField(
                blank=True, mask="contact", max_length=200, verbose_name="申请人住址及联系方式"
            ),
        ),
        migrations.AlterField(
            model_name="reconsiderationcase",
            name="applicant_id_code",
            field=fazhi.core.crypto.fields.EncryptedCharField(
                help_text="自然人填身份证号，法人或其他组织填统一社会信用代码",
                max_length=18,
                verbose_name="申请人证件号码",
            ),
        ),
        migrations.RunPython(
            encrypt_existing("disputes", "reconsiderationcase"),
            decrypt_existing("disputes", "reconsiderationcase"),
        ),
    ]
