"""The route-table tests share one world (``world.py``)."""

from kotacerdas.tests.world import personas  # noqa: F401 (a fixture)
