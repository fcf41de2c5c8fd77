"""A region's autonomy: DKI Jakarta's administrative cities and regency (UU 29/2007) are
parts of the province, never candidates. An existing registry is marked here; a load from
data/regions.csv keeps it."""

from django.db import migrations, models


ADMINISTRATIVE = ["31.01", "31.71", "31.72", "31.73", "31.74", "31.75"]


def mark_administrative(apps, schema_editor):  # type: ignore[no-untyped-def]
    Region = apps.get_model("regions", "Region")
    Region.objects.filter(code__in=ADMINISTRATIVE).update(autonomous=False)


class Migration(migrations.Migration):

    dependencies = [
        ("regions", "0002_region_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="region",
            name="autonomous",
            field=models.BooleanField(default=True, verbose_name="autonomous region"),
        ),
        migrations.RunPython(mark_administrative, migrations.RunPython.noop),
    ]
