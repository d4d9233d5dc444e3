"""Every list page stays the same size of work whatever the table holds.

The lists are read from the URLconf (every ``*_list`` name, the portal's included), so a new
list is covered the day it is added: it needs a maker below. For each: the query count is
the same with few rows and with many; the first and the second page (reached by following
the page's own Next link) run no ``OFFSET`` and no ``COUNT(*)`` without a ``LIMIT``; a
cursor that is not the list's own gives the first page.
"""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from clients.models import Client, DocumentRequest, Membership
from clients.pagination import encode_cursor, sort_keys
from clients.roles import Role
from enforcement.models import (
    CalendarOverride,
    Complaint,
    CounterNotice,
    DetectionSource,
    HolidayCalendar,
    Notification,
    OutboxMessage,
    ReasonTemplate,
    Seller,
    SellerNetwork,
)

from .factories import (
    ClientFactory,
    ComplaintFactory,
    IdentityDocumentFactory,
    IPRFactory,
    IPRVerificationFactory,
    ListingFactory,
    MembershipFactory,
    PlatformAccountFactory,
    PowerOfAttorneyFactory,
    UserFactory,
)
from .test_query_budget import _deadlines, _notices


def list_url_names() -> list[str]:
    """Every ``namespace:*_list`` URL name, read from the URLconf."""
    names = []

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif (
                isinstance(pattern, URLPattern)
                and (pattern.name or "").endswith("_list")
                # The REST API's lists: tests/api/test_api_scope.py holds their budget.
                and namespace not in (None, "admin", "api")
            ):
                names.append(f"{namespace}:{pattern.name}")

    walk(get_resolver().url_patterns, None)
    return sorted(set(names))


# --- Rows for each list, visible to the person who opens it -------------------------------


def _clients(viewer, n):
    ClientFactory.create_batch(n)


def _document_requests(viewer, n):
    client = ClientFactory()
    DocumentRequest.objects.bulk_create(
        DocumentRequest(
            client=client, title=f"Signed POA {i}", due_on=timezone.localdate() + dt.timedelta(i)
        )
        for i in range(n)
    )


def _sellers(viewer, n, platform_code="taobao"):
    from enforcement.models import Platform

    platform = Platform.objects.get(code=platform_code)
    start = Seller.objects.count()
    return Seller.objects.bulk_create(
        Seller(platform=platform, seller_id=f"s{start + i}", name=f"Store {(start + i) % 4}")
        for i in range(n)
    )


def _sellers_with_listings(viewer, n):
    for seller in _sellers(viewer, n):
        ListingFactory(seller=seller)


def _risky_sellers(viewer, n):
    sellers = _sellers(viewer, n)
    Seller.objects.filter(pk__in=[s.pk for s in sellers]).update(risk_score=80)


def _networks(viewer, n):
    SellerNetwork.objects.bulk_create(SellerNetwork(name=f"Network {i}") for i in range(n))


def _sources(viewer, n):
    base = DetectionSource.objects.count()
    DetectionSource.objects.bulk_create(
        DetectionSource(name=f"Vendor {base + i}", column_mapping={"url": "URL"}) for i in range(n)
    )


def _templates(viewer, n):
    ReasonTemplate.objects.bulk_create(
        ReasonTemplate(title=f"Template {i}", text_en=f"Reason {i}") for i in range(n)
    )


def _overrides(viewer, n):
    calendar = HolidayCalendar.objects.get(code="CN")
    start = dt.date(2040, 1, 1) + dt.timedelta(days=CalendarOverride.objects.count())
    CalendarOverride.objects.bulk_create(
        CalendarOverride(
            calendar=calendar, date=start + dt.timedelta(days=i), kind="holiday", name=f"C{i}"
        )
        for i in range(n)
    )


def _notifications(viewer, n):
    now = timezone.now()
    start = OutboxMessage.objects.count()
    messages = OutboxMessage.objects.bulk_create(
        OutboxMessage(
            key=f"test-{start + i}",
            kind="lead",
            recipient=viewer,
            due_at=now,
            subject=f"Reminder {i}",
            body="…",
        )  # fmt: skip
        for i in range(n)
    )
    Notification.objects.bulk_create(
        Notification(message=m, recipient=viewer, title=m.subject, created_at=now) for m in messages
    )


def _deadlines_of(viewer, n):
    from enforcement.services.deadlines import sync_expiry

    first = (timezone.localdate().replace(day=1) + dt.timedelta(days=62)).replace(day=1)
    for i in range(n):
        poa = PowerOfAttorneyFactory(valid_to=first + dt.timedelta(days=i % 25))
        poa.client.supervising_attorney = viewer
        poa.client.save()
        sync_expiry(poa)


def _submitted_complaints(viewer, n):
    """Filed complaints of the portal user's client, with links, sharing one moment."""
    client = Membership.objects.get(user=viewer).client
    complaints = [ComplaintFactory(client=client, eligible=False, links=2) for _ in range(n)]
    Complaint.objects.filter(pk__in=[c.pk for c in complaints]).update(
        state="submitted", submitted_at=timezone.now(), platform_reference="REF"
    )


MAKERS = {
    "clients:client_list": _clients,
    "clients:identitydocument_list": lambda v, n: IdentityDocumentFactory.create_batch(n),
    "clients:powerofattorney_list": lambda v, n: PowerOfAttorneyFactory.create_batch(n),
    "clients:membership_list": lambda v, n: MembershipFactory.create_batch(n),
    "clients:documentrequest_list": _document_requests,
    "enforcement:platform_list": None,  # the seeded catalogue
    "enforcement:platformaccount_list": lambda v, n: PlatformAccountFactory.create_batch(n),
    "enforcement:ipr_list": lambda v, n: IPRFactory.create_batch(n),
    "enforcement:iprverification_list": lambda v, n: IPRVerificationFactory.create_batch(n),
    "enforcement:complaint_list": lambda v, n: ComplaintFactory.create_batch(n, eligible=False),
    "enforcement:listing_list": lambda v, n: [ListingFactory(seller=s) for s in _sellers(v, n)],
    "enforcement:seller_list": _sellers_with_listings,
    "enforcement:seller_risk_list": _risky_sellers,
    "enforcement:reasoncode_list": None,  # the seeded reason codes
    "enforcement:deadline_list": _deadlines_of,
    "enforcement:notification_list": _notifications,
    "enforcement:windowrule_list": None,  # the seeded window rules
    "enforcement:holidaycalendar_list": None,  # the seeded calendars
    "enforcement:calendaroverride_list": _overrides,
    "enforcement:counternotice_list": lambda v, n: _notices(2 * n),
    "enforcement:reasontemplate_list": _templates,
    "enforcement:sellernetwork_list": _networks,
    "enforcement:detectionsource_list": _sources,
    "portal:complaint_list": _submitted_complaints,
}
# The list's own filters that show every row the makers made.
QUERY = {"enforcement:counternotice_list": {"status": ""}}
# session, user, capped count, page rows, per-row figures, filter-form choices, navigation
BUDGET = 14


@pytest.fixture
def viewer_for(db, client_a):
    def viewer(name):
        if name.startswith("portal:"):
            return MembershipFactory(client=client_a, user__role=Role.CLIENT).user
        return UserFactory(role=Role.ATTORNEY)

    return viewer


def test_every_list_in_the_urlconf_has_a_maker():
    assert set(list_url_names()) == set(MAKERS), "add a maker for the new list"


def _get(client, name, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name), {**QUERY.get(name, {}), **(params or {})})
    assert response.status_code == 200, name
    return response, [q["sql"] for q in queries.captured_queries]


def _rows(response) -> list:
    return [row.pk for row in response.context["page_obj"].object_list]


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(MAKERS))
def test_list_query_count_is_the_same_with_few_and_many_rows(client, viewer_for, name, settings):
    settings.PAGE_SIZE = 100  # every row on one page, so a query per row would show
    viewer = viewer_for(name)
    client.force_login(viewer)
    make = MAKERS[name]
    if make:
        make(viewer, 2)
    few_response, few = _get(client, name)
    if make:
        make(viewer, 12)
    many_response, many = _get(client, name)
    if make:
        assert len(_rows(many_response)) > len(_rows(few_response))
    assert len(many) == len(few), "\n".join(many)
    assert len(many) <= BUDGET


def _assert_no_offset_nor_full_count(sqls: list[str], name: str) -> None:
    for sql in sqls:
        upper = sql.upper()
        assert not re.search(r"\bOFFSET\b", upper), f"{name}: {sql}"
        if "COUNT(" in upper and "FROM" in upper:
            # A row count is capped; per-row figures are grouped over the page's ids only.
            capped = re.search(r"\bLIMIT\b", upper)
            page_only = "GROUP BY" in upper and re.search(r'_ID"? IN \(\d', upper)
            assert capped or page_only, f"{name} counts without a cap: {sql}"


def _link(response, rel: str) -> str | None:
    found = re.search(rf'rel="{rel}" href="([^"]+)"', response.content.decode())
    return html.unescape(found.group(1)) if found else None


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(MAKERS))
def test_first_and_second_page_run_no_offset_and_no_uncapped_count(
    client, viewer_for, name, settings
):
    settings.PAGE_SIZE = 2
    viewer = viewer_for(name)
    client.force_login(viewer)
    if MAKERS[name]:
        MAKERS[name](viewer, 5)
    first, sqls = _get(client, name)
    _assert_no_offset_nor_full_count(sqls, name)
    following = _link(first, "next")
    assert following and following.startswith("?"), f"{name}: no Next link"
    assert "cursor=" in following and not following.startswith("??")
    with CaptureQueriesContext(connection) as queries:
        second = client.get(reverse(name) + following)
    assert second.status_code == 200
    _assert_no_offset_nor_full_count([q["sql"] for q in queries.captured_queries], name)
    assert _rows(second) and not set(_rows(second)) & set(_rows(first))
    assert _link(second, "prev")


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(MAKERS))
def test_a_cursor_that_is_not_the_lists_own_gives_the_first_page(
    client, viewer_for, name, settings
):
    settings.PAGE_SIZE = 2
    viewer = viewer_for(name)
    client.force_login(viewer)
    if MAKERS[name]:
        MAKERS[name](viewer, 3)
    first, _ = _get(client, name)
    good = _link(first, "next").split("cursor=", 1)[1].split("&", 1)[0]
    clients = Client.objects.all()
    row = ClientFactory()
    foreign = encode_cursor(clients, sort_keys(clients), [row.legal_name, row.pk], False)
    bad = [
        "garbage", "", "%00", "x" * 5000, good[:-3] + "abc", good.replace(":", ":x", 1),
        "eyJiIjowLCJ2IjpbXX0:AAAA", foreign,
    ]  # fmt: skip
    for cursor in bad:
        response, _ = _get(client, name, {"cursor": cursor})
        assert _rows(response) == _rows(first), (name, cursor)
        assert not response.context["page_obj"].has_previous


# --- Walking through a list ---------------------------------------------------------------


def _walk(client, url, params=None) -> list[list[int]]:
    """Every page from the first, by the Next links, then back by the Previous links."""
    pages = []
    response = client.get(url, params or {})
    forward = [_rows(response)]
    while following := _link(response, "next"):
        response = client.get(url + following)
        forward.append(_rows(response))
        assert len(forward) < 100
    backward = [_rows(response)]
    while previous := _link(response, "prev"):
        response = client.get(url + previous)
        backward.append(_rows(response))
        assert len(backward) < 100
    pages.extend(forward)
    assert list(reversed(backward)) == forward
    return pages


@pytest.mark.django_db
def test_complaints_sharing_a_moment_each_appear_once_across_pages(client, attorney, settings, now):
    settings.PAGE_SIZE = 4
    complaints = ComplaintFactory.create_batch(11, eligible=False, links=0)
    Complaint.objects.filter(pk__in=[c.pk for c in complaints[:6]]).update(created_at=now)
    client.force_login(attorney)
    pages = _walk(client, reverse("enforcement:complaint_list"))
    rows = [pk for page in pages for pk in page]
    assert sorted(rows) == sorted(c.pk for c in complaints)
    assert [len(p) for p in pages] == [4, 4, 3]
    expected = Complaint.objects.order_by("-created_at", "-pk").values_list("pk", flat=True)
    assert rows == list(expected)


@pytest.mark.django_db
def test_undated_deadlines_come_last_and_every_one_is_listed_once(client, attorney, settings):
    from enforcement.models import Deadline

    settings.PAGE_SIZE = 3
    _deadlines(attorney, 7)
    undated = list(Deadline.objects.filter(owner=attorney).order_by("pk")[:3])
    Deadline.objects.filter(pk__in=[d.pk for d in undated]).update(due_at=None, due_on=None)
    client.force_login(attorney)
    pages = _walk(client, reverse("enforcement:deadline_list"))
    rows = [pk for page in pages for pk in page]
    assert len(rows) == len(set(rows)) == 7
    assert rows[-3:] == [d.pk for d in undated]


@pytest.mark.django_db
def test_counter_notices_without_a_due_moment_come_after_the_dated_ones(client, attorney, settings):
    settings.PAGE_SIZE = 2
    _notices(10)
    waiting = list(CounterNotice.objects.filter(status="awaiting_review").order_by("pk"))
    CounterNotice.objects.filter(pk__in=[n.pk for n in waiting[:2]]).update(response_due_at=None)
    client.force_login(attorney)
    pages = _walk(client, reverse("enforcement:counternotice_list"))
    rows = [pk for page in pages for pk in page]
    assert sorted(rows) == sorted(n.pk for n in waiting)
    assert rows[-2:] == [n.pk for n in waiting[:2]]


@pytest.mark.django_db
def test_filters_and_search_stay_with_the_cursor(client, attorney, settings):
    settings.PAGE_SIZE = 2
    ClientFactory.create_batch(5, legal_name="Alpha Shoes Ltd")
    ClientFactory.create_batch(4, legal_name="Beta Bags Ltd")
    client.force_login(attorney)
    pages = _walk(client, reverse("clients:client_list"), {"q": "alpha"})
    assert [len(p) for p in pages] == [2, 2, 1]
    response = client.get(reverse("clients:client_list"), {"q": "alpha"})
    assert "q=alpha" in _link(response, "next")


@pytest.mark.django_db
def test_the_count_stops_at_the_cap(client, attorney, settings):
    settings.PAGE_SIZE = 2
    settings.LIST_COUNT_CAP = 4
    ClientFactory.create_batch(6)
    client.force_login(attorney)
    response = client.get(reverse("clients:client_list"))
    assert response.context["paginator"].capped
    assert "more than 4 records" in response.content.decode()
    settings.LIST_COUNT_CAP = 100
    response = client.get(reverse("clients:client_list"))
    assert "6 records" in response.content.decode()


@pytest.mark.django_db
def test_per_row_figures_are_those_of_each_row(client, attorney, client_user):
    complaint = ComplaintFactory(eligible=False, links=3)
    complaint.links.filter(position=1).update(outcome="removed", outcome_at=timezone.now())
    ComplaintFactory(eligible=False, links=1)
    client.force_login(attorney)
    response = client.get(reverse("enforcement:complaint_list"))
    shown = {c.pk: (c.link_count, c.removed_count) for c in response.context["object_list"]}
    assert shown[complaint.pk] == (3, 1)
    assert sorted(shown.values()) == [(1, 0), (3, 1)]


# --- Record pages show the first rows of each child list ----------------------------------


def _detail(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries.captured_queries)


def _follow_more(client, response, children: str) -> list:
    """The rows of the filtered list that a capped child list links to (every page)."""
    url = response.context[children].list_url
    assert html.escape(url) in response.content.decode()
    path, _, query = url.partition("?")
    rows = []
    for page in _walk(client, path, dict(p.split("=", 1) for p in query.split("&"))):
        rows += page
    return rows


@pytest.mark.django_db
def test_client_page_shows_the_first_rows_of_each_list_and_links_to_the_rest(
    client, attorney, settings
):
    settings.DETAIL_CHILD_ROWS = 3
    settings.PAGE_SIZE = 4
    target = ClientFactory()
    for _ in range(2):
        IdentityDocumentFactory(client=target)
        PowerOfAttorneyFactory(client=target)
        IPRFactory(client=target)
        MembershipFactory(client=target)
        PlatformAccountFactory(client=target)
    client.force_login(attorney)
    few, few_queries = _detail(client, target.get_absolute_url())
    for name in ("identity_documents", "powers_of_attorney", "iprs", "memberships"):
        assert not few.context[name].more and len(few.context[name].rows) == 2
    for _ in range(8):
        IdentityDocumentFactory(client=target)
        PowerOfAttorneyFactory(client=target)
        IPRFactory(client=target)
        MembershipFactory(client=target)
        PlatformAccountFactory(client=target)
    many, many_queries = _detail(client, target.get_absolute_url())
    assert many_queries == few_queries
    for name in (
        "identity_documents", "powers_of_attorney", "iprs", "memberships", "platform_accounts"
    ):  # fmt: skip
        assert many.context[name].more and len(many.context[name].rows) == 3, name
    assert len(_follow_more(client, many, "iprs")) == 10
    assert len(_follow_more(client, many, "powers_of_attorney")) == 10


@pytest.mark.django_db
def test_account_page_shows_the_first_verifications_and_links_to_the_rest(
    client, attorney, settings
):
    settings.DETAIL_CHILD_ROWS = 5
    settings.PAGE_SIZE = 4
    account = PlatformAccountFactory()
    IPRVerificationFactory.create_batch(2, account=account)
    client.force_login(attorney)
    _few, few_queries = _detail(client, account.get_absolute_url())
    mine = IPRVerificationFactory.create_batch(12, account=account)
    IPRVerificationFactory.create_batch(3)  # another account's
    response, many_queries = _detail(client, account.get_absolute_url())
    assert many_queries == few_queries
    assert len(response.context["verifications"].rows) == 5
    assert sorted(_follow_more(client, response, "verifications")) == sorted(
        [v.pk for v in mine] + [v.pk for v in account.verifications.all() if v not in mine]
    )


@pytest.mark.django_db
def test_seller_and_right_pages_cap_their_child_lists(client, attorney, settings):
    settings.DETAIL_CHILD_ROWS = 4
    settings.PAGE_SIZE = 3
    (seller,) = _sellers(None, 1)
    listings = [ListingFactory(seller=seller) for _ in range(9)]
    ListingFactory()  # no seller
    right = IPRFactory()
    verifications = IPRVerificationFactory.create_batch(6, ipr=right)
    client.force_login(attorney)
    response, _ = _detail(client, seller.get_absolute_url())
    assert len(response.context["listings"].rows) == 4
    assert sorted(_follow_more(client, response, "listings")) == sorted(x.pk for x in listings)
    response, _ = _detail(client, right.get_absolute_url())
    assert len(response.context["verifications"].rows) == 4
    assert sorted(_follow_more(client, response, "verifications")) == sorted(
        v.pk for v in verifications
    )


@pytest.mark.django_db
def test_portal_rights_are_paged(client, client_user, settings):
    settings.PAGE_SIZE = 3
    rights = IPRFactory.create_batch(7, client=Membership.objects.get(user=client_user).client)
    IPRFactory.create_batch(2)  # another client's
    client.force_login(client_user)
    pages = _walk(client, reverse("portal:rights"))
    assert sorted(pk for page in pages for pk in page) == sorted(r.pk for r in rights)


# The notifications list is a person's own inbox, with no search box.
UNSEARCHED = {"enforcement:notification_list"}


@pytest.mark.django_db
def test_the_lists_without_search_have_no_search_box(client, viewer_for):
    for name in UNSEARCHED:
        client.force_login(viewer_for(name))
        response, _ = _get(client, name)
        assert response.status_code == 200 and 'name="q"' not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", [n for n in MAKERS if not n.startswith("portal:") and n not in UNSEARCHED]
)
def test_search_narrows_every_list(client, viewer_for, name):
    viewer = viewer_for(name)
    client.force_login(viewer)
    if MAKERS[name]:
        MAKERS[name](viewer, 2)
    response, _ = _get(client, name)
    assert "q" in response.context["filter"].form.fields
    assert _rows(response)
    response, _ = _get(client, name, {"q": "no-such-thing-anywhere"})
    assert _rows(response) == []


@pytest.mark.django_db
def test_search_finds_rows_by_their_own_and_related_fields(client, attorney):
    mine = ComplaintFactory(client=ClientFactory(legal_name="Zebra Footwear"), eligible=False)
    other = ComplaintFactory(eligible=False)
    Complaint.objects.filter(pk=other.pk).update(platform_reference="TB-ZEBRA-1")
    ComplaintFactory(eligible=False)
    client.force_login(attorney)
    response, _ = _get(client, "enforcement:complaint_list", {"q": "zebra"})
    assert sorted(_rows(response)) == sorted([mine.pk, other.pk])
    response, _ = _get(client, "enforcement:complaint_list", {"q": "zebra footwear"})
    assert _rows(response) == [mine.pk]
