from typing import Any

from django.core.management.base import BaseCommand

from accounts.services import admin_ensure
from kotacerdas.env import env_str


class Command(BaseCommand):
    help = (
        "Create the first national administrator if there is none. Credentials come from "
        "KC_ADMIN_USERNAME, KC_ADMIN_EMAIL and KC_ADMIN_PASSWORD; a missing password is "
        "generated and printed once."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        given_password = env_str("KC_ADMIN_PASSWORD", "") or None
        created = admin_ensure(
            username=env_str("KC_ADMIN_USERNAME", "admin"),
            email=env_str("KC_ADMIN_EMAIL", ""),
            password=given_password,
        )
        if created is None:
            self.stdout.write("Admin nasional sudah ada; tidak ada yang diubah.")
        elif given_password:
            # The operator chose it: it stays out of the logs.
            self.stdout.write(
                self.style.SUCCESS(
                    f"Admin nasional dibuat: {created.username} "
                    "(kata sandi dari KC_ADMIN_PASSWORD)."
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Admin nasional dibuat: {created.username} / {created.password}\n"
                    "Simpan kata sandi ini sekarang: tidak akan ditampilkan lagi."
                )
            )
