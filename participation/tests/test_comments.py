import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from accounts.models import Role, User
from conftest import make_user
from masterplans.models import Masterplan
from masterplans.tests.factories import make_masterplan
from masterplans.workflow import WorkflowError, require_editable
from participation.models import Comment
from participation.services import ParticipationError, comment_add, comment_settle
from regions.models import Region

pytestmark = pytest.mark.django_db


def test_a_mentor_comments_on_a_program_and_the_team_replies_in_the_thread(
    masterplan: Masterplan, mentor: User, owner: User
) -> None:
    program = masterplan.programs.get(code="LIV-01")
    comment = comment_add(
        masterplan=masterplan,
        user=mentor,
        text="KPI terlalu umum.",
        section="programs",
        program=program,
    )
    reply = comment_add(masterplan=masterplan, user=owner, text="Akan kami rinci.", parent=comment)
    assert reply.parent == comment
    assert (reply.section, reply.program) == ("programs", program)  # the thread's target
    assert list(comment.replies.all()) == [reply]


def test_a_reply_to_a_reply_is_refused(masterplan: Masterplan, mentor: User, owner: User) -> None:
    comment = comment_add(
        masterplan=masterplan, user=mentor, text="Perjelas visi.", section="vision"
    )
    reply = comment_add(masterplan=masterplan, user=owner, text="Sudah.", parent=comment)
    with pytest.raises(ParticipationError):
        comment_add(masterplan=masterplan, user=mentor, text="Terima kasih.", parent=reply)


def test_a_program_of_another_masterplan_is_refused(
    masterplan: Masterplan, mentor: User, bekasi: Region
) -> None:
    other = make_masterplan(bekasi.code)
    with pytest.raises(ParticipationError):
        comment_add(masterplan=masterplan, user=mentor, text="x", program=other.programs.first())


def test_the_team_resolves_a_comment_with_who_and_when(
    masterplan: Masterplan, mentor: User, colleague: User
) -> None:
    comment = comment_add(masterplan=masterplan, user=mentor, text="Tambahkan baseline.")
    comment_settle(
        comment=comment, user=colleague, status="resolved", note="Baseline 2025 ditambahkan"
    )
    comment.refresh_from_db()
    assert (comment.status, comment.resolution) == ("resolved", "Baseline 2025 ditambahkan")
    assert comment.resolved_by == colleague and comment.resolved_at is not None


def test_accepting_a_comment_without_change_needs_a_reason(
    masterplan: Masterplan, mentor: User, owner: User
) -> None:
    comment = comment_add(masterplan=masterplan, user=mentor, text="Ganti nama program.")
    with pytest.raises(ParticipationError, match="Sebutkan alasan"):
        comment_settle(comment=comment, user=owner, status="accepted", note="  ")
    comment_settle(comment=comment, user=owner, status="accepted", note="Nama mengikuti RPJMD")
    comment.refresh_from_db()
    assert (comment.status, comment.resolved_by) == ("accepted", owner)


def test_only_a_threads_first_comment_is_settled(
    masterplan: Masterplan, mentor: User, owner: User
) -> None:
    comment = comment_add(masterplan=masterplan, user=mentor, text="Perjelas.")
    reply = comment_add(masterplan=masterplan, user=owner, text="Baik.", parent=comment)
    with pytest.raises(ParticipationError):
        comment_settle(comment=reply, user=owner, status="resolved", note="")


def test_national_staff_and_technology_advisors_comment(
    masterplan: Masterplan, officer: User, bandung: Region
) -> None:
    advisor = make_user("advisor.bandung", Role.TECH_ADVISOR, bandung)
    comment_add(masterplan=masterplan, user=officer, text="Selaraskan dengan SPBE.")
    comment_add(masterplan=masterplan, user=advisor, text="Pertimbangkan jaringan 5G.")
    assert Comment.objects.count() == 2


def test_mentors_of_other_regions_cannot_comment(
    masterplan: Masterplan, bekasi: Region, login
) -> None:  # type: ignore[no-untyped-def]
    other = make_user("mentor.bekasi", Role.MENTOR, bekasi)
    with pytest.raises(PermissionDenied):
        comment_add(masterplan=masterplan, user=other, text="Komentar")
    response = login(other).post(
        f"/partisipasi/masterplan/{masterplan.pk}/komentar/", {"section": "whole", "text": "x"}
    )
    assert response.status_code == 404  # a draft of another region does not exist for them
    assert not Comment.objects.exists()


def test_mentors_neither_edit_the_masterplan_nor_settle_comments(
    masterplan: Masterplan, mentor: User, login
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        require_editable(masterplan, mentor)
    client = login(mentor)
    assert client.get(f"/masterplan/{masterplan.pk}/ubah/").status_code == 403
    comment = comment_add(masterplan=masterplan, user=mentor, text="Komentar")
    with pytest.raises(PermissionDenied):
        comment_settle(comment=comment, user=mentor, status="resolved", note="")
    assert (
        client.post(
            f"/partisipasi/komentar/{comment.pk}/tandai/", {"status": "resolved"}
        ).status_code
        == 403
    )


def test_an_enacted_masterplan_is_still_commented_but_never_edited(mentor: User) -> None:
    masterplan = make_masterplan(status="enacted")
    comment_add(masterplan=masterplan, user=mentor, text="Catatan untuk edisi berikut")
    with pytest.raises((PermissionDenied, WorkflowError)):
        require_editable(masterplan, mentor)
    assert Comment.objects.count() == 1


def test_the_comments_page_posts_replies_and_filters_by_status_and_part(
    masterplan: Masterplan, mentor: User, owner: User, login
) -> None:  # type: ignore[no-untyped-def]
    url = f"/partisipasi/masterplan/{masterplan.pk}/komentar/"
    client = login(mentor)
    assert client.post(url, {"section": "budget", "text": "Anggaran 2028?"}).status_code == 302
    first = Comment.objects.get()
    client.post(url, {"section": "vision", "text": "Visi terlalu panjang"})
    login(owner).post(f"/partisipasi/komentar/{first.pk}/balas/", {"text": "Sudah direvisi"})
    login(owner).post(
        f"/partisipasi/komentar/{first.pk}/tandai/", {"status": "resolved", "note": "Direvisi"}
    )
    page = client.get(url).content.decode()
    assert "Sudah direvisi" in page and f'id="comment-{first.pk}"' in page
    resolved = client.get(url, {"status": "resolved"}).context["page"]
    assert [c.text for c in resolved] == ["Anggaran 2028?"]
    vision = client.get(url, {"section": "vision"}).context["page"]
    assert [c.text for c in vision] == ["Visi terlalu panjang"]


def test_an_outsider_sees_no_comments(
    masterplan: Masterplan, outsider: User, client: Client, login
) -> None:  # type: ignore[no-untyped-def]
    url = f"/partisipasi/masterplan/{masterplan.pk}/komentar/"
    assert login(outsider).get(url).status_code == 404
    assert client.get(url).status_code == 302  # to the login page


def test_a_notifications_link_opens_the_page_that_holds_its_thread(
    masterplan: Masterplan, mentor: User, owner: User, login
) -> None:  # type: ignore[no-untyped-def]
    oldest = comment_add(masterplan=masterplan, user=mentor, text="Komentar pertama.")
    for number in range(30):
        comment_add(masterplan=masterplan, user=mentor, text=f"Komentar {number + 2}.")
    note = owner.notifications.get(url__endswith=f"#comment-{oldest.pk}")
    page = login(owner).get(note.url.split("#")[0])
    assert page.context["page"].number == 2
    assert f'id="comment-{oldest.pk}"' in page.content.decode()
    newest = Comment.objects.filter(masterplan=masterplan).latest("created_at", "pk")
    first = login(owner).get(f"/partisipasi/masterplan/{masterplan.pk}/komentar/?utas={newest.pk}")
    assert first.context["page"].number == 1
    # An explicit page wins; an unknown or foreign thread opens the first page.
    explicit = f"/partisipasi/masterplan/{masterplan.pk}/komentar/?utas={oldest.pk}&page=1"
    assert login(owner).get(explicit).context["page"].number == 1
    bekasi = Region.objects.get(code="32.75")
    other = comment_add(
        masterplan=make_masterplan("32.75"), user=make_user("m2", Role.MENTOR, bekasi), text="x"
    )
    foreign = f"/partisipasi/masterplan/{masterplan.pk}/komentar/?utas={other.pk}"
    assert login(owner).get(foreign).context["page"].number == 1
