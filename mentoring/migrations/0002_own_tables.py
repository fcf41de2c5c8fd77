# The moved models take their own app's table names, and the content types their history
# (audit events) points to move with them: a workshop's history is still its own.

from django.db import migrations

MOVED = ["workshop", "workshopattendance"]


def move_content_types(apps, schema_editor):  # type: ignore[no-untyped-def]
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not content_type.objects.filter(app_label="mentoring", model=model).exists():
            content_type.objects.filter(app_label="masterplans", model=model).update(
                app_label="mentoring"
            )


def move_them_back(apps, schema_editor):  # type: ignore[no-untyped-def]
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not content_type.objects.filter(app_label="masterplans", model=model).exists():
            content_type.objects.filter(app_label="mentoring", model=model).update(
                app_label="masterplans"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("masterplans", "0008_workshops_move_to_mentoring"),
        ("mentoring", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelTable(name="workshop", table=None),
        migrations.AlterModelTable(name="workshopattendance", table=None),
        migrations.RunPython(move_content_types, move_them_back),
    ]
