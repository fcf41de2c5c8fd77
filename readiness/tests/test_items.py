import pytest

from readiness.defaults import questionnaire_for
from readiness.models import Answer

pytestmark = pytest.mark.django_db


def items_url(cohort) -> str:  # type: ignore[no-untyped-def]
    return f"/kesiapan/{cohort.pk}/butir/"


def test_the_national_team_edits_an_item_from_its_version(login, cohort, officer) -> None:  # type: ignore[no-untyped-def]
    item = questionnaire_for(cohort).items.first()
    client = login(officer)
    url = f"/kesiapan/{cohort.pk}/butir/{item.pk}/ubah/"
    data = {"part": item.part, "subpart": item.subpart, "text": "Baru", "guidance": "", "weight": 3}
    assert client.post(url, {**data, "version": 1}).status_code == 302
    item.refresh_from_db()
    assert (item.text, item.weight, item.version) == ("Baru", 3, 2)
    stale = client.post(url, {**data, "text": "Lama", "version": 1})
    assert stale.status_code == 409 and "officer" in stale.content.decode()
    item.refresh_from_db()
    assert item.text == "Baru"


def test_an_aspect_of_another_part_or_a_weight_off_range_is_refused(login, cohort, officer) -> None:  # type: ignore[no-untyped-def]
    item = questionnaire_for(cohort).items.filter(part="struktur").first()
    url = f"/kesiapan/{cohort.pk}/butir/{item.pk}/ubah/"
    client = login(officer)
    base = {"part": "struktur", "text": "x", "version": 1}
    assert client.post(url, {**base, "subpart": "digital", "weight": 1}).status_code == 400
    assert client.post(url, {**base, "subpart": "people", "weight": 11}).status_code == 400
    before = questionnaire_for(cohort).items.count()
    client.post(items_url(cohort), {"part": "struktur", "subpart": "digital", "text": "x"})
    assert questionnaire_for(cohort).items.count() == before


def test_an_item_moves_up_within_its_part(login, cohort, officer) -> None:  # type: ignore[no-untyped-def]
    questionnaire = questionnaire_for(cohort)
    first, second = questionnaire.items.filter(part="suprastruktur")[:2]
    login(officer).post(items_url(cohort), {"move": second.pk, "to": "up"})
    assert list(questionnaire.items.filter(part="suprastruktur")[:2]) == [second, first]


def test_an_answered_item_is_not_removed(login, cohort, officer, record) -> None:  # type: ignore[no-untyped-def]
    item = record.questionnaire.items.first()
    Answer.objects.create(assessment=record, item=item, self_score=1)
    login(officer).post(items_url(cohort), {"delete": item.pk})
    assert record.questionnaire.items.filter(pk=item.pk).exists()


def test_a_regional_editor_cannot_edit_items(login, cohort, owner) -> None:  # type: ignore[no-untyped-def]
    item = questionnaire_for(cohort).items.first()
    client = login(owner)
    assert client.get(f"/kesiapan/{cohort.pk}/butir/{item.pk}/ubah/").status_code == 403
    assert client.post(items_url(cohort), {"move": item.pk, "to": "down"}).status_code == 403
