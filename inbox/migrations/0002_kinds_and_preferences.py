import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("inbox", "0001_initial"),
        ("participation", "0003_notification_moves_to_inbox"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelTable(name="notification", table=None),
        migrations.CreateModel(
            name='Preference',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.CharField(choices=[('immediate', 'at once, one e-mail per notification'), ('digest', 'once a day, in one e-mail'), ('off', 'never: only in the app')], default='immediate', help_text='How the notifications reach your e-mail; they always stay in the app.', max_length=10, verbose_name='e-mail')),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name': 'notification preference',
                'verbose_name_plural': 'notification preferences',
            },
        ),
        migrations.AddField(
            model_name='notification',
            name='emailed_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='notification',
            name='key',
            field=models.CharField(blank=True, max_length=120),
        ),
        migrations.AddField(
            model_name='notification',
            name='kind',
            field=models.CharField(choices=[('submitted', 'masterplan submitted'), ('revision', 'revision requested'), ('approved', 'masterplan approved'), ('enacted', 'masterplan enacted'), ('comment', 'comment'), ('reply', 'reply'), ('settled', 'comment settled'), ('assigned', 'assignment'), ('report_due', 'progress report due'), ('report_late', 'progress report late'), ('score_verified', 'evaluation score verified'), ('award_confirmed', 'award confirmed'), ('other', 'other')], default='other', max_length=20, verbose_name='kind'),
        ),
        migrations.AddField(
            model_name='notification',
            name='params',
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AlterField(
            model_name='notification',
            name='text',
            field=models.CharField(blank=True, max_length=300, verbose_name='notification'),
        ),
        migrations.AddIndex(
            model_name='notification',
            index=models.Index(fields=['user', 'read_at'], name='inbox_notif_user_id_390f33_idx'),
        ),
        migrations.AddConstraint(
            model_name='notification',
            constraint=models.UniqueConstraint(condition=models.Q(('key', ''), _negated=True), fields=('user', 'key'), name='inbox_notification_once_per_key'),
        ),
        migrations.AddField(
            model_name='preference',
            name='user',
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='notification_preference', to=settings.AUTH_USER_MODEL),
        ),
    ]
