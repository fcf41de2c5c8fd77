"""Three demo masterplans of the 2017 cohort, complete and walked through the real workflow.

Kota Tangerang Selatan (a large kota in Jawa, enacted), Kabupaten Siak (a kabupaten in Sumatra,
approved) and Kota Tomohon (a small kota in Sulawesi, in revision). The regions' character is
general public knowledge; every amount, KPI value, regulation number and date is illustrative,
and every masterplan, user and organisation is labelled demo.
"""

from masterplans.demo.loader import SEED, DemoError, PlanResult, masterplan_demo_load
from masterplans.demo.siak import PLAN as SIAK
from masterplans.demo.spec import PlanSpec
from masterplans.demo.tangerang_selatan import PLAN as TANGERANG_SELATAN
from masterplans.demo.tomohon import PLAN as TOMOHON

DEMO_PLANS: list[PlanSpec] = [TANGERANG_SELATAN, SIAK, TOMOHON]

__all__ = ["DEMO_PLANS", "SEED", "DemoError", "PlanResult", "masterplan_demo_load"]
