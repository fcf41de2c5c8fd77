"""Telling people: ``notify`` for every step of the program, ``digest_send`` once a day for
those who chose a digest, and ``reminders_send`` for progress reports due and late."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from accounts.models import User
from inbox.models import Delivery, Kind, Notification, Preference, period_code
from jobs.services import mail_send

# A report-due reminder goes this many days before the quarter's deadline.
DUE_NOTICE_DAYS = 7
# A digest holds what was not e-mailed yet, at most this many days old.
DIGEST_DAYS = 7


def _recipients(users: Iterable[User | None]) -> list[User]:
    """Each active user once, in a stable order."""
    unique = {u.pk: u for u in users if u is not None and u.is_active}
    return [unique[pk] for pk in sorted(unique)]


def _delivery(users: list[User]) -> dict[int, tuple[str, str]]:
    """Each user's choice: how their e-mails come, and in which language."""
    chosen = {
        user_id: (email, language)
        for user_id, email, language in Preference.objects.filter(user__in=users).values_list(
            "user_id", "email", "language"
        )
    }
    return {u.pk: chosen.get(u.pk, (Delivery.IMMEDIATE, settings.LANGUAGE_CODE)) for u in users}


def _mail(subject: str, lines: list[str], email: str) -> tuple[str, str, str | None, list[str]]:
    # A subject is one line: a reviewer's note may hold line breaks, which a mail header refuses.
    subject = " ".join(subject.split())[:120]
    return (f"[Kota Cerdas] {subject}", "\n\n".join(lines), None, [email])


def _text(value: Any) -> str:
    """A param as a notification keeps it: a person's name, a date as ``2027-03-01``, a
    choice as its code (its label is read in the reader's language: ``VALUES``)."""
    if value is None:
        return ""
    if isinstance(value, User):
        return value.get_full_name() or value.get_username()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def notify(
    users: Iterable[User | None],
    kind: str,
    url: str,
    *,
    params: dict[str, Any] | None = None,
    text: str = "",
    key: str = "",
) -> list[Notification]:
    """A notification of ``kind`` for each user, and an e-mail now to those who want it at once.

    One message per recipient, so nobody learns the others' addresses; sent once the
    transaction commits, so a mail server that is down never loses the step itself. With a
    ``key``, a user already told under that key is not told again."""
    people = _recipients(users)
    if not people:
        return []
    # Words of the platform (a role, a status, a date) are passed as codes, read in each
    # reader's language when shown: on the page in the page's, by e-mail in the one each
    # person chose. The text kept for a kind without a message of its own is in the platform's
    # language, so the actor's own must not leak into it.
    with translation.override(settings.LANGUAGE_CODE):
        values = {k: _text(v) for k, v in (params or {}).items()}
        written = Notification(kind=kind, params=values, text=text[:300]).message[:300]
    if key:
        told = set(
            Notification.objects.filter(user__in=people, key=key).values_list("user_id", flat=True)
        )
        people = [u for u in people if u.pk not in told]
    notes = [
        Notification(user=u, kind=kind, params=values, text=written, url=url[:300], key=key)
        for u in people
    ]
    try:
        with transaction.atomic():
            Notification.objects.bulk_create(notes)
    except IntegrityError:  # told by a run at the same moment: the constraint keeps it once
        return []
    delivery = _delivery(people)
    now = timezone.now()
    mails, sent = [], []
    for note in notes:
        how, language = delivery[note.user.pk]
        if note.user.email and how == Delivery.IMMEDIATE:
            with translation.override(language):
                said = note.message
            mails.append(_mail(said, [said, f"{settings.KC_SITE_URL}{url}"], note.user.email))
            sent.append(note.pk)
    if sent:
        Notification.objects.filter(pk__in=sent).update(emailed_at=now)
        mail_send(messages=mails)
    return notes


def digest_send(*, now: datetime | None = None) -> int:
    """One e-mail to each person with a daily digest, listing what they were told in the last
    day and not yet e-mailed; returns the number of e-mails."""
    now = now or timezone.now()
    waiting = (
        Notification.objects.filter(
            emailed_at=None,
            # A week back: a digest that did not run one day sends what it missed the next.
            created_at__gt=now - timedelta(days=DIGEST_DAYS),
            created_at__lte=now,
            user__notification_preference__email=Delivery.DIGEST,
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id", "created_at", "pk")
    )
    per_user: dict[int, list[Notification]] = defaultdict(list)
    for note in waiting:
        per_user[note.user_id].append(note)
    mails = []
    languages = dict(
        Preference.objects.filter(user_id__in=per_user).values_list("user_id", "language")
    )
    for user_id, notes in per_user.items():
        with translation.override(languages.get(user_id, settings.LANGUAGE_CODE)):
            subject = ngettext(
                "%(count)d notification today", "%(count)d notifications today", len(notes)
            ) % {"count": len(notes)}
            lines = [f"- {n.message}\n  {settings.KC_SITE_URL}{n.url}" for n in notes]
            inbox = f"{settings.KC_SITE_URL}{reverse('inbox:home')}"
            mails.append(_mail(subject, [subject, *lines, inbox], notes[0].user.email))
    with transaction.atomic():
        Notification.objects.filter(pk__in=[n.pk for ns in per_user.values() for n in ns]).update(
            emailed_at=now
        )
        mail_send(messages=mails)
    return len(mails)


def reminders_send(*, today: date) -> int:
    """Tell each followed program's region team, once per region and quarter, that the
    quarter's progress report is due within a week, and that the last quarter's is late.
    Returns the number of notifications written."""
    from masterplans.models import Masterplan
    from monitoring.progress import (
        due_date,
        followed_programs,
        last_due_quarter,
        late_reports,
        previous_quarter,
        quarter_of,
    )

    # The editions each region follows: a superseded one is reported on no more.
    programs = list(followed_programs().filter(masterplan__in=Masterplan.objects.in_force()))
    teams = _region_teams({p.masterplan.region_id for p in programs})
    written = 0
    # The report of a quarter is due some days after it ends: the one due soon is last quarter's.
    year, quarter = previous_quarter(*quarter_of(today))
    due = due_date(year, quarter)
    if due - timedelta(days=DUE_NOTICE_DAYS) <= today <= due:
        owing: dict[int, list[Any]] = defaultdict(list)
        for program in programs:
            reported = {(r.year, r.quarter) for r in program.progress_reports.all()}
            if program.start_year <= year <= program.end_year and (year, quarter) not in reported:
                owing[program.masterplan.region_id].append(program)
        for region_id, rows in owing.items():
            written += _tell_team(
                teams.get(region_id, []),
                Kind.REPORT_DUE,
                rows[0].masterplan,
                {"period": period_code(year, quarter), "due": due},
                f"report_due:{region_id}:{year}Q{quarter}",
            )
    late: dict[int, list[Any]] = defaultdict(list)
    last = last_due_quarter(today)
    for row in late_reports(programs, today, since=last):
        late[row.program.masterplan.region_id].append(row)
    for region_id, rows in late.items():
        written += _tell_team(
            teams.get(region_id, []),
            Kind.REPORT_LATE,
            rows[0].program.masterplan,
            {"period": period_code(last[0], last[1]), "count": len(rows)},
            f"report_late:{region_id}:{last[0]}Q{last[1]}",
        )
    return written


def _region_teams(region_ids: set[int]) -> dict[int, list[User]]:
    from accounts.models import Membership, Role

    teams: dict[int, list[User]] = defaultdict(list)
    for m in Membership.objects.filter(
        role__in=(Role.REGIONAL_LEAD, Role.REGIONAL_EDITOR), region__in=region_ids
    ).select_related("user"):
        teams[m.region_id or 0].append(m.user)
    return teams


def _tell_team(
    team: list[User], kind: str, masterplan: Any, params: dict[str, Any], key: str
) -> int:
    url = reverse("monitoring:masterplan", args=[masterplan.pk])
    return len(
        notify(team, kind, url, params={"region": masterplan.region.name, **params}, key=key)
    )


def mark_read(*, user: User, pk: int | None = None, kind: str = "") -> int:
    """Mark one of ``user``'s notifications read, or all of them (of ``kind`` if given);
    returns how many changed."""
    unread = Notification.objects.filter(user=user, read_at=None)
    if pk is not None:
        unread = unread.filter(pk=pk)
    if kind:
        unread = unread.filter(kind=kind)
    return unread.update(read_at=timezone.now())


def preference_of(user: User) -> Preference:
    return Preference.objects.filter(user=user).first() or Preference(user=user)


def unread_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at=None).count()
