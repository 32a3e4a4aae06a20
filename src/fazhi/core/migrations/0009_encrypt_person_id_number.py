"""Person.id_number encrypted at rest (core.crypto), found and kept unique through its blind index; two audit
actions: 查看完整个人信息 (an unmasking) and 数据密钥轮换."""

import fazhi.core.crypto.fields
from django.db import migrations, models

from fazhi.core.crypto.rotation import decrypt_existing, encrypt_existing

ID_NUMBER_TAKEN = "该居民身份证号无法在本单位登记，请核对号码；如确属本单位人员，请联系司法局管理员办理。"


class Migration(migrations.Migration):
    # Not one transaction: on PostgreSQL the rows updated by RunPython leave pending trigger events that refuse the
    # ALTER TABLE adding the unique index after them. The data step commits batch by batch on its own.
    atomic = False

    dependencies = [
        ("core", "0008_api_token"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("create", "新建"),
                    ("update", "修改"),
                    ("delete", "删除"),
                    ("transition", "流程流转"),
                    ("import", "导入"),
                    ("export", "导出"),
                    ("key", "审计密钥轮换"),
                    ("api_call", "接口调用"),
                    ("unmask", "查看完整个人信息"),
                    ("data_key", "数据密钥轮换"),
                ],
                max_length=16,
                verbose_name="操作",
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="id_number_hash",
            field=fazhi.core.crypto.fields.BlindIndexField(
                source="id_number", default="", verbose_name="身份证号检索索引"
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="person",
            name="id_number",
            field=fazhi.core.crypto.fields.EncryptedCharField(max_length=18, verbose_name="居民身份证号"),
        ),
        migrations.RunPython(encrypt_existing("core", "person"), decrypt_existing("core", "person")),
        migrations.AlterField(
            model_name="person",
            name="id_number_hash",
            field=fazhi.core.crypto.fields.BlindIndexField(
                error_messages={"unique": ID_NUMBER_TAKEN},
                source="id_number",
                unique=True,
                verbose_name="身份证号检索索引",
            ),
        ),
    ]
