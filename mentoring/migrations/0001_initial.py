# Workshops and their attendance move here from masterplans: the tables stay as they are
# (renamed in 0002), only Django's idea of where the models live changes.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('masterplans', '0007_invariants'),
        ('regions', '0002_region_version'),
        ('selection', '0005_invariants'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Workshop',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('number', models.PositiveSmallIntegerField(choices=[(1, 'I: readiness and SWOT/gap analysis'), (2, "II: mapping programs against the RPJMD and each OPD's Renstra"), (3, 'III: innovations (technology and policy)'), (4, 'IV: choosing years 1-2 and the quick wins')], verbose_name='workshop')),
                        ('start_date', models.DateField(verbose_name='start date')),
                        ('end_date', models.DateField(verbose_name='end date')),
                        ('place', models.CharField(max_length=200, verbose_name='place')),
                        ('outputs', models.TextField(blank=True, help_text='What each region brings home.', verbose_name='expected outputs')),
                        ('is_demo', models.BooleanField(default=False, verbose_name='demo')),
                        ('cohort', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='workshops', to='selection.selectionround', verbose_name='cohort')),
                    ],
                    options={
                        'verbose_name': 'workshop',
                        'verbose_name_plural': 'workshops',
                        'ordering': ['cohort', 'number'],
                        'db_table': 'masterplans_workshop',
                    },
                ),
                migrations.CreateModel(
                    name='WorkshopAttendance',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('present', models.BooleanField(default=True, verbose_name='present')),
                        ('attendees', models.PositiveSmallIntegerField(default=0, verbose_name='attendees')),
                        ('names', models.TextField(blank=True, help_text='One per line.', verbose_name='names and OPD')),
                        ('region', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='workshop_attendance', to='regions.region', verbose_name='region')),
                        ('workshop', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attendance', to='mentoring.workshop', verbose_name='workshop')),
                    ],
                    options={
                        'verbose_name': 'workshop attendance',
                        'verbose_name_plural': 'workshop attendance',
                        'ordering': ['workshop', 'region__code'],
                        'db_table': 'masterplans_workshopattendance',
                    },
                ),
                migrations.AddConstraint(
                    model_name='workshop',
                    constraint=models.UniqueConstraint(fields=('cohort', 'number'), name='workshop_number_unique'),
                ),
                migrations.AddConstraint(
                    model_name='workshop',
                    constraint=models.CheckConstraint(condition=models.Q(('end_date__gte', models.F('start_date'))), name='workshop_ends_after_start'),
                ),
                migrations.AddConstraint(
                    model_name='workshopattendance',
                    constraint=models.UniqueConstraint(fields=('workshop', 'region'), name='workshop_attendance_unique'),
                ),
                migrations.AddConstraint(
                    model_name='workshopattendance',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('attendees', 0), ('present', False)), ('present', True), _connector='OR'), name='workshop_absent_has_no_attendees'),
                ),
                migrations.AddConstraint(
                    model_name='workshopattendance',
                    constraint=models.CheckConstraint(condition=models.Q(('attendees__gte', 0), ('attendees__lte', 99)), name='workshop_attendance_attendees_range'),
                ),
            ],
        ),
    ]
