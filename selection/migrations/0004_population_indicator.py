"""Residents per region: the program's reach is counted in them (dashboard, evaluation)."""

from django.db import migrations

POPULATION = {
    "code": "penduduk", "position": 9, "unit": "jiwa", "direction": "benefit",
    "applies_to": "both", "scale": "≥ 0", "minimum": 0,
    "name_id": "Jumlah penduduk", "name_en": "Population",
    "source": "Dukcapil, Kementerian Dalam Negeri",
    "description": (
        "Penduduk menurut administrasi kependudukan per tahun. Dipakai untuk menghitung warga "
        "yang dijangkau program; bukan parameter seleksi kecuali diberi bobot."
    ),
}


def load(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("selection", "Indicator").objects.update_or_create(
        code=POPULATION["code"], defaults=POPULATION
    )


def unload(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("selection", "Indicator").objects.filter(code=POPULATION["code"]).delete()


class Migration(migrations.Migration):
    dependencies = [("selection", "0003_rounds")]
    operations = [migrations.RunPython(load, unload)]
