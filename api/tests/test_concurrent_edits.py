"""Two clients save the same profile at the same moment: one wins, the other is told."""

import json
import threading

from django.db import connection
from django.test import Client

from accounts.models import ApiToken, Membership, Role, User
from regions.models import Region


def test_two_concurrent_clients_lose_no_update(registry_committed: None) -> None:
    bandung = Region.objects.get(code="32.73")
    headers = []
    for name in ("pertama", "kedua"):
        user = User.objects.create_user(name)
        Membership.objects.create(user=user, role=Role.REGIONAL_EDITOR, region=bandung)
        headers.append({"Authorization": f"Bearer {ApiToken.issue(user=user, name='t')[1]}"})

    barrier = threading.Barrier(2)
    results: dict[str, int] = {}

    def save(text: str, header: dict[str, str]) -> None:
        try:
            barrier.wait(timeout=10)
            response = Client().patch(
                "/api/v1/regions/32.73",
                json.dumps({"description": text, "version": 1}),
                content_type="application/json",
                headers=header,
            )
            results[text] = response.status_code
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(text, header))
        for text, header in zip(["dari pertama", "dari kedua"], headers, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(results.values()) == [200, 412]
    winner = next(text for text, status in results.items() if status == 200)
    region = Region.objects.get(code="32.73")
    assert region.description == winner
    assert region.version == 2
