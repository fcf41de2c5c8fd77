"""Nothing irreversible on a single click: publishing a round, approving and enacting a
masterplan, removing a program, a member of a region's Dewan or Tim Pelaksana or a contact
person, publishing an evaluation and confirming an award first answer with a page that says
what will happen; a POST without the confirmation changes nothing, and the page's own form,
posted, does the action."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from accounts.models import User
from evaluation.models import Award, Rubric, RubricStatus
from masterplans.models import Masterplan, Program, Status
from masterplans.tests.factories import make_masterplan
from masterplans.workflow import transition
from selection.models import SelectionRound
from selection.rounds import round_compute
from selection.tests.factories import make_round

pytestmark = pytest.mark.django_db
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


@dataclass
class Action:
    """Sets the world up; returns (URL, the form's data, "is it done?")."""

    make: Callable[[dict[str, User]], tuple[str, dict[str, str], Callable[[], bool]]]
    who: str
    says: str  # a phrase of the consequence as the page states it


def _round(users: dict[str, User]) -> tuple[str, dict[str, str], Callable[[], bool]]:
    computed = round_compute(selection_round=make_round(sensitivity_draws=0))
    done = SelectionRound.objects.filter(pk=computed.pk, status="published").exists
    return f"/seleksi/putaran/{computed.pk}/terbitkan/", {}, done


def _approve(users: dict[str, User]) -> tuple[str, dict[str, str], Callable[[], bool]]:
    masterplan = transition(make_masterplan(), "submit", users["lead"])
    done = Masterplan.objects.filter(pk=masterplan.pk, status=Status.APPROVED).exists
    return f"/masterplan/{masterplan.pk}/langkah/approve/", {"note": "Lengkap."}, done


def _enact(users: dict[str, User]) -> tuple[str, dict[str, str], Callable[[], bool]]:
    masterplan = transition(make_masterplan(), "submit", users["lead"])
    masterplan = transition(masterplan, "approve", users["officer"])
    done = Masterplan.objects.filter(pk=masterplan.pk, status=Status.ENACTED).exists
    data = {"regulation_number": "Perwali No. 12 Tahun 2027", "regulation_date": "2027-03-01"}
    return f"/masterplan/{masterplan.pk}/langkah/enact/", data, done


def _program(users: dict[str, User]) -> tuple[str, dict[str, str], Callable[[], bool]]:
    masterplan = make_masterplan()
    program = masterplan.programs.first()
    assert program is not None

    def done() -> bool:
        return not Program.objects.filter(pk=program.pk).exists()

    return f"/masterplan/{masterplan.pk}/program/{program.pk}/hapus/", {}, done


def _member(users: dict[str, User]) -> tuple[str, dict[str, str], Callable[[], bool]]:
    from commitments.models import Body, Member
    from commitments.tests.factories import body_post, make_commitments

    council = Body.objects.get(region=make_commitments("32.73"), kind="council")
    member = council.members.get(name="Kepala Diskominfo")

    def done() -> bool:
        return not Member.objects.filter(pk=member.pk).exists()

    return "/wilayah/32.73/komitmen/dewan/", body_post(council, cleared=(member.name,)), done


def _contact(users: dict[str, User]) -> tuple[str, dict[str, str], Callable[[], bool]]:
    from commitments.models import Contact
    from commitments.tests.factories import contacts_post, make_commitments

    region = make_commitments("32.73")
    Contact.objects.create(region=region, name="Budi", email="budi@contoh.go.id", order=1)

    def done() -> bool:
        return not Contact.objects.filter(name="Budi").exists()

    return "/wilayah/32.73/komitmen/narahubung/", contacts_post(region, cleared=("Budi",)), done


def _evaluation(users: dict[str, User]) -> tuple[str, dict[str, str], Callable[[], bool]]:
    Rubric.objects.create(year=2027, title="Evaluasi 2027")
    done = Rubric.objects.filter(year=2027, status=RubricStatus.PUBLISHED).exists
    return "/evaluasi/2027/terbitkan/", {}, done


def _award(users: dict[str, User]) -> tuple[str, dict[str, str], Callable[[], bool]]:
    rubric = Rubric.objects.create(year=2027, title="Evaluasi 2027")
    award = Award.objects.create(rubric=rubric, category="overall")
    done = Award.objects.filter(pk=award.pk, region__code="32.75").exists
    data = {"region": "32.75", "reason": "Indeks tertinggi"}
    return f"/evaluasi/penghargaan/{award.pk}/putuskan/", data, done


ACTIONS = {
    "publish a round": Action(_round, "officer", "tidak dapat berubah lagi"),
    "approve a masterplan": Action(_approve, "officer", "Masterplan menjadi publik"),
    "enact a masterplan": Action(_enact, "lead", "Perwali/Perbup"),
    "remove a program": Action(_program, "lead", "beserta KPI"),
    "remove a member of the Dewan": Action(_member, "lead", "Kepala Diskominfo"),
    "remove a contact person": Action(_contact, "lead", "Budi"),
    "publish an evaluation": Action(_evaluation, "officer", "menjadi publik"),
    "confirm an award": Action(_award, "officer", "Kota Bekasi"),
}


@pytest.fixture
def users(officer: User, colleague: User) -> dict[str, User]:
    return {"officer": officer, "lead": colleague}


@pytest.mark.parametrize("name", ACTIONS)
def test_an_irreversible_action_asks_first_and_a_post_without_the_confirmation_changes_nothing(
    client: Client, users: dict[str, User], indicator_values: Any, name: str
) -> None:
    action = ACTIONS[name]
    url, data, done = action.make(users)
    client.force_login(users[action.who])

    asked = client.post(url, data)

    page = asked.content.decode()
    assert asked.status_code == 200 and 'data-testid="confirm"' in page
    assert action.says in page, page[page.find("<main") :][:2000]
    assert not done()
    form = page[page.index('data-testid="confirm"') : page.index("</article>")]
    reposted = {k: v for k, v in HIDDEN.findall(form) if k != "csrfmiddlewaretoken"}
    assert reposted == {**data, "confirmed": "1"}  # the same request, confirmed

    client.post(url, reposted)

    assert done()


def test_the_cancel_link_only_goes_back_within_the_site(client: Client, users) -> None:  # type: ignore[no-untyped-def]
    url, data, _done = _program(users)
    client.force_login(users["lead"])

    here = client.post(url, data, headers={"Referer": "http://testserver/masterplan/"})
    elsewhere = client.post(url, data, headers={"Referer": "https://evil.example/"})

    assert 'href="http://testserver/masterplan/"' in here.content.decode()
    assert "evil.example" not in elsewhere.content.decode()
