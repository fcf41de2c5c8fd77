"""Indicators that do not vary by year: the outermost small islands (one published count, the
registry's of 2025) and the border regions serve a round of any year."""
from django.db import migrations, models


# Border regions: a region's border does not move with the years.
STATIC = ["pulau_terluar", "perbatasan"]


def static(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("selection", "Indicator").objects.filter(code__in=STATIC).update(
        varies_by_year=False
    )


class Migration(migrations.Migration):

    dependencies = [
        ('selection', '0007_no_fiscal_values_for_administrative_regions'),
    ]

    operations = [
        migrations.AddField(
            model_name='indicator',
            name='varies_by_year',
            field=models.BooleanField(default=True, verbose_name='varies by year'),
        ),
        migrations.RunPython(static, migrations.RunPython.noop),
    ]
