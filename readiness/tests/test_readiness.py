from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.models import Role, User
from conftest import make_user
from readiness.defaults import DEFAULT_ITEMS, questionnaire_for
from readiness.models import Answer, Assessment
from readiness.profile import readiness_gaps, readiness_profile
from regions.models import Region
from selection.models import SelectionRound

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(db) -> SelectionRound:  # type: ignore[no-untyped-def]
    call_command("load_history", verbosity=0)
    return SelectionRound.objects.get(year=2017)


@pytest.fixture
def assessor(bandung: Region) -> User:
    return make_user("assessor.bandung", Role.ASSESSOR, bandung)


def url(cohort: SelectionRound, code: str = "32.73") -> str:
    return f"/kesiapan/{cohort.pk}/wilayah/{code}/"


def test_the_profile_is_the_weighted_mean_per_part_and_gaps_are_under_two(cohort, bandung) -> None:  # type: ignore[no-untyped-def]
    questionnaire = questionnaire_for(cohort)
    assert questionnaire.items.count() == len(DEFAULT_ITEMS)
    record = Assessment.objects.create(region=bandung, questionnaire=questionnaire)
    people = list(questionnaire.items.filter(part="struktur").order_by("position"))[:3]
    people[0].weight = 2
    people[0].save()
    # By hand: (2*4 + 1*1 + 1*3) / 4 = 12 / 4 = 3.00 for struktur; the assessor's 1 beats the
    # region's own 3 on the second item.
    Answer.objects.create(assessment=record, item=people[0], self_score=4)
    Answer.objects.create(assessment=record, item=people[1], self_score=3, assessor_score=1)
    Answer.objects.create(assessment=record, item=people[2], self_score=3)
    profile = {p.part: p for p in readiness_profile(record)}
    assert profile["struktur"].score == Decimal("3.00") and profile["struktur"].percent == 75
    assert profile["struktur"].scored == 3 and not profile["struktur"].assessed
    assert profile["infrastruktur"].score is None
    gaps = readiness_gaps(record)
    assert [g.answer.item for g in gaps] == [people[1]] and gaps[0].gap == 3


def test_the_team_answers_and_the_assigned_assessor_scores(login, cohort, owner, assessor) -> None:  # type: ignore[no-untyped-def]
    questionnaire = questionnaire_for(cohort)
    item = questionnaire.items.first()
    team = login(owner)
    page = team.get(url(cohort))
    version = page.context["assessment"].version
    response = team.post(
        url(cohort),
        {
            "version": version,
            f"self_{item.pk}": "3",
            f"answer_{item.pk}": "SK No. 12/2017",
            f"evidence_{item.pk}": "https://bandung.go.id/sk",
        },
    )
    assert response.status_code == 302
    answer = Answer.objects.get(item=item)
    assert (answer.self_score, answer.evidence) == (3, "https://bandung.go.id/sk")
    scorer = login(assessor)
    version = scorer.get(url(cohort)).context["assessment"].version
    scorer.post(
        url(cohort),
        {"version": version, f"score_{item.pk}": "1", f"note_{item.pk}": "SK belum ada"},
    )
    answer.refresh_from_db()
    assert (answer.assessor_score, answer.assessor, answer.self_score) == (1, assessor, 3)


def test_a_stale_save_is_refused_and_nothing_is_lost(login, cohort, owner, colleague) -> None:  # type: ignore[no-untyped-def]
    item = questionnaire_for(cohort).items.first()
    first, second = login(owner), login(colleague)
    version = first.get(url(cohort)).context["assessment"].version
    second.post(url(cohort), {"version": version, f"self_{item.pk}": "2"})
    response = first.post(url(cohort), {"version": version, f"self_{item.pk}": "4"})
    assert response.status_code == 409 and 'id="conflict"' in response.content.decode()
    assert Answer.objects.get(item=item).self_score == 2
    # What the first person chose is still there, to save again knowingly.
    assert response.context["form"][f"self_{item.pk}"].value() == "4"


def test_a_score_out_of_range_names_the_item(login, cohort, owner) -> None:  # type: ignore[no-untyped-def]
    item = questionnaire_for(cohort).items.first()
    client = login(owner)
    version = client.get(url(cohort)).context["assessment"].version
    response = client.post(url(cohort), {"version": version, f"self_{item.pk}": "7"}, follow=True)
    assert item.text in response.content.decode()
    assert not Answer.objects.exists()


def test_assessors_score_only_assigned_regions(login, cohort, bekasi, outsider, viewer) -> None:  # type: ignore[no-untyped-def]
    item = questionnaire_for(cohort).items.first()
    other = make_user("assessor.bekasi", Role.ASSESSOR, bekasi)
    national = make_user("assessor.national", Role.ASSESSOR)
    mentor = make_user("mentor.bandung", Role.MENTOR, Region.objects.get(code="32.73"))
    for user, status in (
        (other, 404),
        (outsider, 404),
        (national, 403),
        (viewer, 403),
        (mentor, 403),
    ):
        client = login(user)
        response = client.post(url(cohort), {"version": "1", f"score_{item.pk}": "4"})
        assert response.status_code in (status, 403, 404), user
    assert not Answer.objects.exists()
    assert Client().get(url(cohort)).status_code in (302, 403, 404)


def test_submission_needs_every_self_score(login, cohort, owner) -> None:  # type: ignore[no-untyped-def]
    questionnaire = questionnaire_for(cohort)
    client = login(owner)
    client.post(f"/kesiapan/{cohort.pk}/wilayah/32.73/ajukan/")
    record = Assessment.objects.get()
    assert record.submitted_at is None
    version = client.get(url(cohort)).context["assessment"].version
    client.post(
        url(cohort),
        {"version": version, **{f"self_{i.pk}": "2" for i in questionnaire.items.all()}},
    )
    client.post(f"/kesiapan/{cohort.pk}/wilayah/32.73/ajukan/")
    record.refresh_from_db()
    assert record.submitted_at is not None


def test_the_national_team_edits_the_cohorts_items(login, cohort, officer, owner) -> None:  # type: ignore[no-untyped-def]
    questionnaire = questionnaire_for(cohort)
    before = questionnaire.items.count()
    data = {
        "part": "infrastruktur",
        "subpart": "digital",
        "text": "Ada aplikasi pengaduan warga",
        "weight": "1",
    }
    assert login(owner).post(f"/kesiapan/{cohort.pk}/butir/", data).status_code == 403
    login(officer).post(f"/kesiapan/{cohort.pk}/butir/", data)
    assert questionnaire.items.count() == before + 1


def test_a_gap_becomes_a_challenge_in_the_masterplan_analysis(
    login, cohort, owner, bandung
) -> None:  # type: ignore[no-untyped-def]
    from masterplans.tests.factories import make_masterplan

    questionnaire = questionnaire_for(cohort)
    item = questionnaire.items.first()
    record = Assessment.objects.create(region=bandung, questionnaire=questionnaire)
    Answer.objects.create(assessment=record, item=item, self_score=1)
    masterplan = make_masterplan()
    client = login(owner)
    gaps = client.get(f"/masterplan/{masterplan.pk}/ubah/").context["readiness_gaps"]
    assert [g.answer.item for g in gaps] == [item]
    client.post(
        f"/masterplan/{masterplan.pk}/analisis/",
        {
            "kind": "challenge",
            "dimension": "governance",
            "text": item.text,
            "readiness_ref": item.pk,
        },
    )
    assert masterplan.analysis.filter(readiness_ref=str(item.pk)).exists()
    assert client.get(f"/masterplan/{masterplan.pk}/ubah/").context["readiness_gaps"] == []


def test_the_profile_and_gaps_over_the_api(client, cohort, bandung, owner, token_for) -> None:  # type: ignore[no-untyped-def]
    questionnaire = questionnaire_for(cohort)
    record = Assessment.objects.create(region=bandung, questionnaire=questionnaire)
    item = questionnaire.items.filter(part="suprastruktur").first()
    Answer.objects.create(assessment=record, item=item, self_score=3, assessor_score=1)
    api = f"/api/v1/readiness/{cohort.pk}/regions/32.73"
    assert client.get(api).status_code == 401  # anonymous: log in first
    body = client.get(api, headers={"Authorization": token_for(owner)}).json()
    supra = next(p for p in body["profile"] if p["part"] == "suprastruktur")
    assert (supra["score"], supra["percent"], supra["assessed"]) == ("1.00", 25, True)
    assert body["gaps"] == [
        {"item": item.pk, "part": "suprastruktur", "question": item.text, "score": 1}
    ]
