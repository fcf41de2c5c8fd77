from selection.models import SelectionRound


def make_round(**overrides: object) -> SelectionRound:
    fields = {
        "name": "Tahap uji",
        "year": 2025,
        "total": 50,
        "indicator_year": 2024,
        "weights": {"kkd": 0.5, "kinerja": 0.3, "ikb": 0.2},
        "quotas": {
            "group_min": {"papua": 2, "maluku": 2},
            "group_max": {"jawa": 15},
            "province_max": 4,
        },
        "eligibility": {},
        "sensitivity_draws": 200,
    }
    fields.update(overrides)
    return SelectionRound.objects.create(**fields)
