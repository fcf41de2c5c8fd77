"""DKI Jakarta's administrative cities and regency have no budget and no government of their
own (UU 29/2007): no fiscal capacity and no government performance value. Demo values made for
them before are removed; published values never existed."""

from django.db import migrations

ADMINISTRATIVE = ["31.01", "31.71", "31.72", "31.73", "31.74", "31.75"]
PROVINCE_LEVEL = ["kkd", "kinerja"]


def remove(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("selection", "IndicatorValue").objects.filter(
        region__code__in=ADMINISTRATIVE, indicator__code__in=PROVINCE_LEVEL, source="demo"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("selection", "0006_published_cohort"), ("regions", "0003_region_autonomy")]
    operations = [migrations.RunPython(remove, migrations.RunPython.noop)]
