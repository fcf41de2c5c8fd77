# Workshops and their attendance now live in the mentoring app (mentoring/0001): their tables
# stay, only the models leave this app's state.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('masterplans', '0007_invariants'),
        ('mentoring', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='workshopattendance',
                    name='workshop',
                ),
                migrations.RemoveField(
                    model_name='workshopattendance',
                    name='region',
                ),
                migrations.DeleteModel(
                    name='Workshop',
                ),
                migrations.DeleteModel(
                    name='WorkshopAttendance',
                ),
            ],
        ),
    ]
