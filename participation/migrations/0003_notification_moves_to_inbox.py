from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0002_public_comment_version"),
        ("inbox", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Notification")],
            database_operations=[],
        ),
    ]
