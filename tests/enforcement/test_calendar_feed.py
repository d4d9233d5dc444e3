"""Calendar feeds: a secret iCalendar address per user (and per client for attorneys)
holding exactly the open deadlines its owner owns or supervises, in the platform's zone."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from icalendar import Calendar

from clients.roles import Role
from enforcement.models import CalendarFeed
from enforcement.models.access import digest

from ..api.conftest import make_deadline
from ..factories import ClientFactory

FEED_URL = re.compile(r"https?://[^\s<\"]+/calendar/(edk_[A-Za-z0-9_-]+)\.ics")


def make_feed(client, user, of=None) -> str:
    """The feed's secret, made on the calendar feeds page as ``user`` (``of``: a client)."""
    client.force_login(user)
    response = client.post(reverse("calendar:regenerate"), {"client": of.pk} if of else {})
    assert response.status_code == 200, response.status_code
    return FEED_URL.search(response.content.decode()).group(1)


def read_feed(client, secret):
    client.logout()  # calendar apps send no session
    return client.get(reverse("calendar:feed", args=[secret]))


def uids(calendar) -> set[str]:
    return {str(e["UID"]) for e in calendar.walk("VEVENT")}


def uid(deadline) -> str:
    return f"deadline-{deadline.pk}@enforcedesk.local"


@pytest.fixture
def desk(paralegal, attorney, client_a, client_b, now):
    client_a.supervising_attorney = attorney
    client_a.save()
    return {
        "mine": make_deadline(client_b, owner=paralegal, due_at=now + dt.timedelta(days=2)),
        "provisional": make_deadline(
            client_a, owner=paralegal, due_at=now + dt.timedelta(days=40), provisional=True,
            time_zone="Asia/Jakarta",
        ),
        "escalating": make_deadline(
            client_b, owner=None, escalate_to=paralegal, due_at=now + dt.timedelta(days=5)
        ),
        "colleague": make_deadline(client_b, owner=attorney, due_at=now + dt.timedelta(days=1)),
        "closed": make_deadline(
            client_b, owner=paralegal, due_at=now - dt.timedelta(days=1), status="met"
        ),
        "supervised": make_deadline(client_a, owner=None, due_at=now + dt.timedelta(days=3)),
    }  # fmt: skip


@pytest.mark.django_db
def test_the_feed_parses_and_holds_exactly_the_users_deadlines(client, paralegal, desk):
    secret = make_feed(client, paralegal)
    assert CalendarFeed.objects.get(user=paralegal).key_hash == digest(secret)
    response = read_feed(client, secret)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert uids(calendar) == {uid(desk["mine"]), uid(desk["provisional"]), uid(desk["escalating"])}
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    provisional = events[uid(desk["provisional"])]
    assert str(provisional["SUMMARY"]).startswith("[provisional]")
    assert "Alpha Outdoor Inc" in str(provisional["SUMMARY"])
    assert "Complaint #9" in str(provisional["DESCRIPTION"])
    start = provisional.decoded("DTSTART")
    assert str(start.tzinfo) == "Asia/Jakarta"
    assert start == desk["provisional"].due_at.replace(microsecond=0)  # iCalendar: seconds
    assert b"TZID=Asia/Jakarta" in response.content and b"BEGIN:VTIMEZONE" in response.content
    assert str(provisional["URL"]).endswith(f"/deadlines/{desk['provisional'].pk}/")
    assert "provisional" not in str(events[uid(desk["mine"])]["SUMMARY"])


@pytest.mark.django_db
def test_the_supervising_attorney_sees_the_clients_deadlines(client, attorney, desk):
    calendar = Calendar.from_ical(read_feed(client, make_feed(client, attorney)).content)
    assert uids(calendar) == {
        uid(desk["colleague"]),
        uid(desk["provisional"]),
        uid(desk["supervised"]),
    }


@pytest.mark.django_db
def test_an_attorneys_client_feed_holds_that_clients_open_deadlines(
    client, attorney, client_a, desk
):
    secret = make_feed(client, attorney, of=client_a)
    calendar = Calendar.from_ical(read_feed(client, secret).content)
    assert uids(calendar) == {uid(desk["provisional"]), uid(desk["supervised"])}


@pytest.mark.django_db
def test_a_paralegal_has_no_client_feed(client, paralegal, client_a):
    client.force_login(paralegal)
    response = client.post(reverse("calendar:regenerate"), {"client": client_a.pk})
    assert response.status_code == 403
    assert not CalendarFeed.objects.exists()


@pytest.mark.django_db
def test_a_new_address_invalidates_the_old_one_and_revoking_ends_it(client, paralegal, desk):
    old = make_feed(client, paralegal)
    new = make_feed(client, paralegal)
    assert read_feed(client, old).status_code == 404
    assert read_feed(client, new).status_code == 200
    client.force_login(paralegal)
    feed = CalendarFeed.objects.get(user=paralegal, revoked_at__isnull=True)
    assert client.post(reverse("calendar:revoke", args=[feed.pk])).status_code == 302
    assert read_feed(client, new).status_code == 404


@pytest.mark.django_db
def test_a_feed_whose_owner_lost_access_answers_404(client, attorney, client_a, desk):
    own = make_feed(client, attorney)
    of_client = make_feed(client, attorney, of=client_a)
    attorney.role = Role.PARALEGAL  # no longer may hold a client's feed
    attorney.save()
    assert read_feed(client, of_client).status_code == 404
    assert read_feed(client, own).status_code == 200
    attorney.role = Role.CLIENT  # a staff member turned client user sees no firm deadlines
    attorney.save()
    assert read_feed(client, own).status_code == 404
    attorney.role, attorney.is_active = Role.ATTORNEY, False
    attorney.save()
    assert read_feed(client, own).status_code == 404


@pytest.mark.django_db
def test_an_archived_clients_feed_stops(client, attorney, client_a, desk, now):
    secret = make_feed(client, attorney, of=client_a)
    client_a.archived_at = now
    client_a.save()
    assert read_feed(client, secret).status_code == 404


@pytest.mark.django_db
def test_feeds_are_personal_and_the_page_is_for_staff(client, paralegal, attorney, client_user):
    make_feed(client, paralegal)
    client.force_login(attorney)
    theirs = CalendarFeed.objects.get(user=paralegal)
    assert client.post(reverse("calendar:revoke", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("calendar:feeds")).status_code == 200
    client.force_login(client_user)
    assert client.get(reverse("calendar:feeds")).status_code == 403
    for bogus in ("edk_nope", "nothing", digest("x")):
        assert read_feed(client, bogus).status_code == 404


@pytest.mark.django_db
def test_the_feed_is_capped_and_reads_a_fixed_number_of_queries(
    client, paralegal, now, settings, django_assert_max_num_queries
):
    settings.CALENDAR_FEED_MAX_EVENTS = 5
    secret = make_feed(client, paralegal)
    other = ClientFactory()
    for days in range(8):
        make_deadline(other, owner=paralegal, due_at=now + dt.timedelta(days=days, hours=1))
    client.logout()
    with django_assert_max_num_queries(3):
        response = client.get(reverse("calendar:feed", args=[secret]))
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 5
