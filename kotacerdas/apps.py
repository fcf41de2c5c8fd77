from django.apps import AppConfig


class KotaCerdasConfig(AppConfig):
    name = "kotacerdas"
    verbose_name = "Kota Cerdas"

    def ready(self) -> None:
        from kotacerdas import checks  # noqa: F401  (registers the deployment checks)
        from kotacerdas.data_versions import connect

        connect()
