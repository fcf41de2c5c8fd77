"""Three demo masterplans of the 2017 cohort, complete and walked through the real workflow.

Kota Tangerang Selatan (a large kota in Jawa, enacted), Kabupaten Siak (a kabupaten in Sumatra,
approved) and Kota Tomohon (a small kota in Sulawesi, in revision). The regions' character is
general public knowledge; every amount, KPI value, regulation number and date is illustrative,
and every masterplan, user and organisation is labelled demo.
"""

from demo.masterplans.loader import SEED, DemoError, PlanResult, masterplan_demo_load
from demo.masterplans.siak import PLAN as SIAK
from demo.masterplans.spec import PlanSpec
from demo.masterplans.tangerang_selatan import PLAN as TANGERANG_SELATAN
from demo.masterplans.tomohon import PLAN as TOMOHON

DEMO_PLANS: list[PlanSpec] = [TANGERANG_SELATAN, SIAK, TOMOHON]

__all__ = ["DEMO_PLANS", "SEED", "DemoError", "PlanResult", "masterplan_demo_load"]
