"""Events open deadlines on the platform's calendar; later events close them."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from clients.roles import Role
from enforcement.models import IPR, ComplaintLink, Deadline, Event, HolidayCalendar, WindowRule
from enforcement.services import deadlines as service
from enforcement.services import offenses, record_link_outcomes, record_verification_outcome
from enforcement.services.complaints import submit_complaint
from tests.factories import (
    ComplaintFactory,
    IPRFactory,
    IPRVerificationFactory,
    ListingFactory,
    PowerOfAttorneyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def attorney():
    return UserFactory(role=Role.ATTORNEY, username="supervisor")


def filed(paralegal, attorney, at="2025-09-30T18:00:00+08:00", **kwargs):
    complaint = ComplaintFactory(**kwargs)
    return _submit(complaint, paralegal, attorney, at)


def _submit(complaint, paralegal, attorney, at):
    complaint.client.supervising_attorney = attorney
    complaint.client.save()
    # The events below happen in 2025-2026, on the official calendars of those years: the
    # firm's authority, the right and its verification must date from before.
    complaint.client.powers_of_attorney.update(
        valid_from=dt.date(2024, 1, 1), signed_on=dt.date(2024, 1, 1)
    )
    IPR.objects.filter(pk=complaint.ipr_id).update(effective_from=dt.date(2020, 1, 1))
    complaint.ipr.verifications.update(
        submitted_on=dt.date(2024, 12, 1), decided_on=dt.date(2024, 12, 5)
    )
    complaint.ipr.refresh_from_db()
    return submit_complaint(
        complaint, reference="IPP-1", submitted_at=dt.datetime.fromisoformat(at), by=paralegal
    )


def seller_windows(complaint):
    return Deadline.objects.filter(event=Event.COMPLAINT_SUBMITTED, client=complaint.client)


def test_submission_opens_the_sellers_window_per_link_on_the_platform_calendar(paralegal, attorney):
    complaint = filed(paralegal, attorney)
    windows = list(seller_windows(complaint))
    assert len(windows) == 3
    for deadline in windows:
        assert deadline.due_on == dt.date(2025, 10, 11)  # National Day, adjusted Saturday
        assert deadline.jurisdiction == "CN" and deadline.time_zone == "Asia/Shanghai"
        assert deadline.owner == paralegal and deadline.escalate_to == attorney
        assert deadline.rule.offense == WindowRule.Offense.FIRST
        assert deadline.status == Deadline.Status.OPEN
    assert {d.subject for d in windows} == set(complaint.links.all())


def test_a_seller_with_a_removed_listing_faces_the_thirty_day_window(paralegal, attorney):
    earlier = filed(paralegal, attorney, at="2025-03-03T10:00:00+08:00")
    first_link = earlier.links.select_related("listing").first()
    seller = first_link.listing.seller or _give_seller(first_link.listing)
    record_link_outcomes(
        [first_link], outcome="removed", at=dt.datetime(2025, 3, 5, tzinfo=SHANGHAI), by=paralegal
    )
    later = ComplaintFactory(links=0)
    ComplaintLink.objects.create(complaint=later, listing=ListingFactory(seller=seller), position=1)
    ComplaintLink.objects.create(complaint=later, listing=ListingFactory(), position=2)
    _submit(later, paralegal, attorney, "2025-04-01T10:00:00+08:00")
    windows = {d.subject.listing.seller_id: d for d in seller_windows(later)}
    repeat = windows[seller.pk]
    assert repeat.rule.offense == WindowRule.Offense.REPEAT
    assert (repeat.length, repeat.unit, repeat.due_on) == (30, "calendar_days", dt.date(2025, 5, 1))
    first = windows[None]
    assert first.rule.offense == WindowRule.Offense.FIRST
    assert first.due_on == dt.date(2025, 4, 7)  # Qingming: 4-6 April off


def _give_seller(listing):
    from enforcement.models import Seller

    listing.seller = Seller.objects.create(platform=listing.platform, seller_id="repeat-1")
    listing.save()
    return listing.seller


def test_an_outcome_closes_the_window_met_in_time_and_missed_when_late(paralegal, attorney):
    complaint = filed(paralegal, attorney)
    on_time, late, _third = complaint.links.order_by("position")
    record_link_outcomes(
        [on_time], outcome="removed", at=dt.datetime(2025, 10, 9, 10, tzinfo=SHANGHAI),
        by=paralegal,
    )  # fmt: skip
    record_link_outcomes(
        [late], outcome="removed", at=dt.datetime(2025, 10, 13, 10, tzinfo=SHANGHAI),
        by=paralegal,
    )  # fmt: skip
    statuses = {d.subject_id: d.status for d in seller_windows(complaint)}
    assert statuses[on_time.pk] == Deadline.Status.MET
    assert statuses[late.pk] == Deadline.Status.MISSED
    assert statuses[_third.pk] == Deadline.Status.OPEN


def test_a_counter_notice_opens_the_firms_window_for_the_supervising_attorney(paralegal, attorney):
    from enforcement.services.counter_notices import decide_counter_notice, record_counter_notice

    complaint = filed(paralegal, attorney)
    link = complaint.links.first()
    record_link_outcomes(
        [link], outcome="removed", at=dt.datetime(2025, 10, 9, tzinfo=SHANGHAI), by=paralegal
    )
    # Monday 13 Oct 2025, 19:30 in Seattle = Tuesday 14 Oct 10:30 in Hangzhou.
    received = dt.datetime(2025, 10, 13, 19, 30, tzinfo=zoneinfo.ZoneInfo("America/Los_Angeles"))
    notice = record_counter_notice(
        complaint=complaint, links=[link], received_at=received, by=paralegal
    )
    answer = Deadline.objects.get(event=Event.COUNTER_NOTICE_RECEIVED)
    assert answer.subject == notice
    assert answer.owner == attorney
    assert answer.due_on == dt.date(2025, 10, 16)  # 2 working days from Wednesday 15 Oct
    assert notice.response_due_at == answer.due_at
    decide_counter_notice(
        notice, decision="lapse", reasons="", by=attorney,
        at=dt.datetime(2025, 10, 20, tzinfo=SHANGHAI),
    )  # fmt: skip
    answer.refresh_from_db()
    assert answer.status == Deadline.Status.MISSED
    link.refresh_from_db()
    assert link.outcome == "restored"


def test_editing_a_rule_moves_nothing_until_someone_recomputes(paralegal, attorney, firm_admin):
    complaint = filed(paralegal, attorney)
    deadline = seller_windows(complaint).first()
    rule = deadline.rule
    rule.length = 5
    rule.save()
    deadline.refresh_from_db()
    assert (deadline.length, deadline.due_on) == (3, dt.date(2025, 10, 11))
    service.recompute_deadline(deadline, by=paralegal)
    deadline.refresh_from_db()
    assert (deadline.length, deadline.due_on) == (5, dt.date(2025, 10, 14))
    assert deadline.history.first().history_change_reason == "Recomputed with the current rule"


def test_a_platform_rule_beats_the_default(paralegal, attorney):
    from tests.factories import platform

    WindowRule.objects.create(
        event=Event.COMPLAINT_SUBMITTED, slot="seller_window", name="Taobao: 27 business days",
        action="Confirm removal", platform=platform("taobao"), offense="first", length=27,
        unit="working_days", owner="actor",
    )  # fmt: skip
    complaint = filed(paralegal, attorney, at="2025-03-03T10:00:00+08:00")
    assert {d.length for d in seller_windows(complaint)} == {27}


def test_verification_opens_a_chase_and_the_decision_closes_it(paralegal):
    verification = IPRVerificationFactory(
        submitted_on=dt.date(2025, 1, 24), ipr__effective_from=dt.date(2020, 1, 1)
    )
    service.on_verification_changed(verification, by=paralegal)
    chase = Deadline.objects.get(event=Event.VERIFICATION_SUBMITTED)
    assert chase.due_on == dt.date(2025, 2, 5)  # across Spring Festival 2025
    record_verification_outcome(
        verification, status="verified", on=dt.date(2025, 2, 3), by=paralegal
    )
    chase.refresh_from_db()
    assert chase.status == Deadline.Status.MET


def test_poa_expiry_follows_the_record_as_it_changes(paralegal, today):
    expires = today + dt.timedelta(days=120)
    poa = PowerOfAttorneyFactory(valid_to=expires)
    (deadline,) = service.sync_expiry(poa, by=paralegal)
    assert deadline.due_on == expires  # calendar days: no holiday data needed
    assert deadline.reminder_lead_times == ["90d", "30d", "7d"]
    poa.valid_to = expires + dt.timedelta(days=91)
    poa.save()
    (moved,) = service.sync_expiry(poa, by=paralegal)
    deadline.refresh_from_db()
    assert deadline.status == Deadline.Status.CANCELLED
    assert moved.due_on == expires + dt.timedelta(days=91)
    poa.revoked_at = today
    poa.save()
    assert service.sync_expiry(poa, by=paralegal) == []
    moved.refresh_from_db()
    assert moved.status == Deadline.Status.CANCELLED


def test_the_sweep_repairs_expiries_nobody_synced(today):
    from enforcement.services.reminders import sweep

    PowerOfAttorneyFactory(valid_to=today + dt.timedelta(days=3 * 365))
    IPRFactory(effective_to=today + dt.timedelta(days=4 * 365))
    report = sweep(hand_to_workers=False)
    assert report.expiry_deadlines_opened == 2
    assert sweep(hand_to_workers=False).expiry_deadlines_opened == 0


def test_a_window_into_an_unconfirmed_year_gets_a_provisional_date_then_the_real_one(
    client, paralegal, attorney, firm_admin
):
    cn = HolidayCalendar.objects.get(code="CN")
    cn.confirmed_through = 2025  # as if the 2026 notice were not yet confirmed
    cn.save()
    complaint = filed(paralegal, attorney, at="2025-12-29T10:00:00+08:00")
    deadline = seller_windows(complaint).first()
    # 30 and 31 Dec count; 1 Jan 2026 is only an estimated holiday, so it counts too.
    assert deadline.due_on == dt.date(2026, 1, 1) and deadline.due_is_provisional
    assert "Provisional" in deadline.compute_error and "2026" in deadline.compute_error
    assert deadline.next_reminder_at is not None  # reminders run from the provisional date
    client.force_login(paralegal)
    listing = client.get(reverse("enforcement:deadline_list") + "?scope=all").content.decode()
    assert listing.count('class="badge text-bg-warning provisional"') == 3
    detail = client.get(deadline.get_absolute_url()).content.decode()
    assert "provisional" in detail and "estimated holiday" in detail
    client.force_login(firm_admin)
    home = client.get(reverse("home")).content.decode()
    assert "3 open deadline(s) carry a provisional due date" in home

    response = client.post(
        reverse("enforcement:holidaycalendar_update", args=[cn.pk]),
        {
            "code": "CN",
            "name": cn.name,
            "time_zone": cn.time_zone,
            "weekend_days": [5, 6],
            "confirmed_from": cn.confirmed_from,
            "confirmed_through": 2026,
            "categories": "public",
            "subdivision": "",
            "provisional_margin_days": 10,
            "next_year_warning_from": "11-01",
            "source_notes": cn.source_notes,
        },  # fmt: skip
        follow=True,
    )
    assert "3 open deadline(s) recomputed" in response.content.decode()
    deadline.refresh_from_db()
    # 1-3 Jan 2026 off (New Year); Sunday 4 Jan is an adjusted working day.
    assert deadline.due_on == dt.date(2026, 1, 4) and not deadline.due_is_provisional
    assert deadline.compute_error == ""
    reason = deadline.history.first().history_change_reason
    assert reason.startswith("Provisional 2026-01-01 replaced by 2026-01-04")


def test_recording_the_same_event_twice_opens_nothing_new(paralegal, attorney):
    complaint = filed(paralegal, attorney)
    assert offenses.on_complaint_submitted(complaint, by=paralegal) == []
    assert seller_windows(complaint).count() == 3


def test_closing_by_hand_needs_a_note_and_keeps_history(client, paralegal, attorney):
    complaint = filed(paralegal, attorney)
    deadline = seller_windows(complaint).first()
    client.force_login(paralegal)
    url = reverse("enforcement:deadline_cancel", args=[deadline.pk])
    response = client.post(url, {"note": ""}, follow=True)
    assert "Write a short note" in response.content.decode()
    deadline.refresh_from_db()
    assert deadline.status == Deadline.Status.OPEN
    client.post(url, {"note": "Platform removed the link itself"})
    deadline.refresh_from_db()
    assert deadline.status == Deadline.Status.CANCELLED
    assert deadline.closed_by == paralegal
    assert deadline.history.first().history_user == paralegal


def test_a_calendar_override_moves_the_open_windows_that_cross_it(
    client, paralegal, attorney, firm_admin
):
    complaint = filed(paralegal, attorney, at="2025-06-13T12:00:00+08:00")  # Fri → Wed 18th
    assert {d.due_on for d in seller_windows(complaint)} == {dt.date(2025, 6, 18)}
    client.force_login(firm_admin)
    cn = HolidayCalendar.objects.get(code="CN")
    response = client.post(
        reverse("enforcement:calendaroverride_create"),
        {
            "calendar": cn.pk,
            "date": "2025-06-17",
            "kind": "holiday",
            "name": "Typhoon closure",
            "source": "Hangzhou government notice",
        },  # fmt: skip
        follow=True,
    )
    assert "3 open deadline(s) crossing this day were recomputed" in response.content.decode()
    windows = list(seller_windows(complaint))
    assert {d.due_on for d in windows} == {dt.date(2025, 6, 19)}
    assert windows[0].history.first().history_change_reason == "Calendar CN corrected"


def test_every_platform_of_the_catalogue_counts_on_a_seeded_calendar():
    from enforcement.models import Platform

    calendars = set(HolidayCalendar.objects.values_list("code", flat=True))
    missing = {p.code: p.calendar for p in Platform.objects.all() if p.calendar not in calendars}
    assert missing == {}


def test_an_amazon_complaint_counts_its_window_on_us_federal_holidays(paralegal, attorney):
    from enforcement.models import Platform, PlatformGroup

    amazon = Platform.objects.get(code="amazon_us")
    complaint = ComplaintFactory(
        platform=amazon, account__group=PlatformGroup.objects.get(code="amazon")
    )
    complaint.client.powers_of_attorney.get().platforms.add(amazon)
    # Wednesday before Thanksgiving (Thursday 27 November 2025, a federal holiday), Seattle.
    _submit(complaint, paralegal, attorney, "2025-11-26T10:00:00-08:00")
    windows = list(seller_windows(complaint))
    assert windows and {d.jurisdiction for d in windows} == {"US"}
    assert {d.due_on for d in windows} == {dt.date(2025, 12, 2)}  # Fri 28, Mon 1, Tue 2
    assert {d.time_zone for d in windows} == {"America/Los_Angeles"}
