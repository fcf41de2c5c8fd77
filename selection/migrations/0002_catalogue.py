"""The program's selection parameters (Kominfo's published selection criteria, 2017 onwards)."""

from django.db import migrations

CATALOGUE = [
    {
        "code": "kkd", "position": 1, "unit": "indeks", "direction": "benefit",
        "applies_to": "both", "scale": "≥ 0 (1 = rata-rata nasional)", "minimum": 0,
        "name_id": "Kemampuan keuangan daerah (indeks kapasitas fiskal)",
        "name_en": "Regional fiscal capacity (fiscal capacity index)",
        "source": "Kementerian Keuangan (peta kapasitas fiskal daerah)",
    },
    {
        "code": "kinerja", "position": 2, "unit": "skor", "direction": "benefit",
        "applies_to": "both", "scale": "0-4", "minimum": 0, "maximum": 4,
        "name_id": "Kinerja penyelenggaraan pemerintahan daerah (EKPPD)",
        "name_en": "Local government performance (EKPPD)",
        "source": "Kementerian Dalam Negeri",
    },
    {
        "code": "ikb", "position": 3, "unit": "indeks", "direction": "benefit",
        "applies_to": "kota", "scale": "0-100", "minimum": 0, "maximum": 100,
        "name_id": "Indeks Kota Berkelanjutan", "name_en": "Sustainable City Index",
        "source": "Bappenas",
    },
    {
        "code": "ikh", "position": 4, "unit": "indeks", "direction": "benefit",
        "applies_to": "both", "scale": "0-100", "minimum": 0, "maximum": 100,
        "name_id": "Indeks Kota Hijau", "name_en": "Green City Index",
        "source": "Kementerian PUPR",
    },
    {
        "code": "sektor_unggulan", "position": 5, "unit": "skor", "direction": "benefit",
        "applies_to": "both", "scale": "0-100", "minimum": 0, "maximum": 100,
        "name_id": "Pengembangan sektor unggulan", "name_en": "Leading-sector development",
        "source": "Bappenas / BPS",
    },
    {
        "code": "daerah_tertinggal", "position": 6, "unit": "ya/tidak", "direction": "benefit",
        "applies_to": "both", "scale": "0 atau 1", "minimum": 0, "maximum": 1, "is_flag": True,
        "name_id": "Daerah tertinggal (prioritas Nawa Cita)",
        "name_en": "Underdeveloped region (Nawa Cita priority)",
        "source": "Perpres daerah tertinggal",
    },
    {
        "code": "perbatasan", "position": 7, "unit": "ya/tidak", "direction": "benefit",
        "applies_to": "both", "scale": "0 atau 1", "minimum": 0, "maximum": 1, "is_flag": True,
        "name_id": "Kawasan perbatasan negara", "name_en": "Border region",
        "source": "BNPP",
    },
    {
        "code": "pulau_terluar", "position": 8, "unit": "pulau", "direction": "benefit",
        "applies_to": "both", "scale": "≥ 0", "minimum": 0,
        "name_id": "Pulau-pulau kecil terluar", "name_en": "Outermost small islands",
        "source": "idn-area-data 4.0.1 (Kepmendagri 300.2.2-2138/2025)",
    },
]


def load(apps, schema_editor):  # type: ignore[no-untyped-def]
    indicator = apps.get_model("selection", "Indicator")
    for entry in CATALOGUE:
        indicator.objects.update_or_create(code=entry["code"], defaults=entry)


def unload(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("selection", "Indicator").objects.filter(
        code__in=[e["code"] for e in CATALOGUE]).delete()


class Migration(migrations.Migration):
    dependencies = [("selection", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
