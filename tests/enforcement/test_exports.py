"""CSV and text exports stream their rows: right content, a fixed number of queries."""

import csv
import datetime as dt
import io
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clients.models import Membership
from clients.roles import Role
from enforcement import exports
from enforcement.models import Complaint, ComplaintLink
from tests.factories import ClientFactory, ComplaintFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_chunks(monkeypatch):
    """Two rows a chunk, so a handful of rows already crosses several chunk boundaries."""
    monkeypatch.setattr(exports, "CHUNK_ROWS", 2)


def filed(client, links, now, **extra):
    complaint = ComplaintFactory(client=client, links=links, **extra)
    Complaint.objects.filter(pk=complaint.pk).update(
        state="submitted", submitted_at=now, platform_reference=f"REF-{complaint.pk}"
    )
    complaint.refresh_from_db()
    return complaint


def download(client, url):
    """Request and read the whole body; returns (response, chunks, queries run)."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        chunks = list(response.streaming_content) if response.streaming else None
    return response, chunks, len(ctx.captured_queries)


@pytest.fixture
def person(client):
    def log_in_for(brand):
        user = UserFactory(role=Role.CLIENT)
        Membership.objects.create(user=user, client=brand)
        client.force_login(user)
        return user

    return log_in_for


def test_portal_listings_csv_streams_every_row_with_its_status_and_dates(
    client, person, now, small_chunks
):
    brand = ClientFactory()
    first, second = filed(brand, 3, now), filed(brand, 2, now)
    ComplaintLink.objects.filter(complaint=second, position=1).update(
        outcome="removed", outcome_at=now
    )
    filed(ClientFactory(), 2, now)  # another client's: never in this export
    ComplaintFactory(client=brand, links=2)  # a draft: the firm's own work, not shown
    reader = person(brand)

    response, chunks, _queries = download(client, reverse("portal:export"))

    assert response.streaming and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="listings-')
    assert len(chunks) > 2  # header, then rows in chunks of two
    rows = list(csv.reader(io.StringIO(b"".join(chunks).decode())))
    zone = zoneinfo.ZoneInfo(reader.time_zone)
    day = timezone.localtime(now, zone).date().isoformat()
    expected = [
        ["complaint", "platform", "listing", "status", f"reported ({zone})", f"decided ({zone})"]
    ]
    for complaint in (first, second):
        for link in complaint.links.select_related("listing").order_by("position"):
            decided = day if link.outcome == "removed" else ""
            status = "Removed" if link.outcome == "removed" else "Awaiting the platform"
            expected.append(
                [
                    str(complaint.pk),
                    complaint.platform.name,
                    link.listing.canonical_url,
                    status,
                    day,
                    decided,
                ]
            )
    assert rows == expected


def test_portal_listings_csv_runs_the_same_queries_for_few_rows_and_many(
    client, person, now, small_chunks
):
    brand = ClientFactory()
    filed(brand, 2, now)
    person(brand)
    _response, few_chunks, few = download(client, reverse("portal:export"))
    for _ in range(4):
        filed(brand, 10, now)
    _response, many_chunks, many = download(client, reverse("portal:export"))
    assert len(many_chunks) > len(few_chunks) + 10  # 42 rows in chunks of two
    assert many == few


def test_a_client_without_membership_gets_an_empty_export_not_someone_elses(client, now):
    filed(ClientFactory(), 2, now)
    client.force_login(UserFactory(role=Role.CLIENT))
    response, chunks, _queries = download(client, reverse("portal:export"))
    assert b"".join(chunks).decode().splitlines() == [
        "complaint,platform,listing,status,reported (Asia/Shanghai),decided (Asia/Shanghai)"
    ]


def test_portal_listings_csv_days_are_the_readers_local_days(client, person, now):
    """A removal at 18:30 UTC is the next day in Shanghai: the CSV says the Shanghai day,
    the day the portal's own page shows, not the UTC one."""
    brand = ClientFactory()
    evening = now.replace(hour=18, minute=30, second=0, microsecond=0)
    complaint = filed(brand, 1, evening)
    ComplaintLink.objects.filter(complaint=complaint).update(outcome="removed", outcome_at=evening)
    reader = person(brand)
    assert reader.time_zone == "Asia/Shanghai"
    _response, chunks, _queries = download(client, reverse("portal:export"))
    rows = list(csv.reader(io.StringIO(b"".join(chunks).decode())))
    shanghai_day = (evening + dt.timedelta(hours=8)).date().isoformat()
    assert shanghai_day != evening.date().isoformat()
    assert rows[1][4:] == [shanghai_day, shanghai_day]
    reader.time_zone = "Europe/Paris"
    reader.save()
    _response, chunks, _queries = download(client, reverse("portal:export"))
    rows = list(csv.reader(io.StringIO(b"".join(chunks).decode())))
    assert rows[0][4] == "reported (Europe/Paris)"
    assert rows[1][4] == evening.date().isoformat()


def batch(now, sizes):
    """A batch of complaint parts with the given numbers of links, in batch order."""
    brand = ClientFactory()
    parts = [filed(brand, size, now) for size in sizes]
    key = parts[0].batch_key
    for index, part in enumerate(parts, start=1):
        Complaint.objects.filter(pk=part.pk).update(
            batch_key=key, batch_index=index, batch_size=len(parts)
        )
        part.refresh_from_db()
    return parts


def export_url(complaint, fmt, scope="batch"):
    return reverse("enforcement:complaint_export", args=[complaint.pk, fmt]) + f"?scope={scope}"


def urls(part):
    links = part.links.select_related("listing").order_by("position")
    return [cl.listing.canonical_url for cl in links]


def test_complaint_csv_streams_every_part_line_by_line(client, paralegal, now, small_chunks):
    parts = batch(now, [3, 0, 2])
    client.force_login(paralegal)
    response, chunks, _queries = download(client, export_url(parts[0], "csv"))
    assert response.streaming
    rows = list(csv.reader(io.StringIO(b"".join(chunks).decode())))
    assert rows[0] == [
        "complaint", "part", "line", "platform", "kind", "canonical_id", "url", "outcome"
    ]  # fmt: skip
    expected = []
    for part in parts:
        for cl in part.links.select_related("listing").order_by("position"):
            expected.append([
                str(part.pk), str(part.batch_index), str(cl.position), "taobao",
                cl.listing.kind, cl.listing.canonical_id, cl.listing.canonical_url, "pending",
            ])  # fmt: skip
    assert rows[1:] == expected and len(expected) == 5


def test_complaint_text_keeps_one_block_per_part_even_an_empty_one(
    client, paralegal, now, small_chunks
):
    parts = batch(now, [3, 0, 5])
    client.force_login(paralegal)
    _response, chunks, _queries = download(client, export_url(parts[0], "txt"))
    blocks = ["\n".join(urls(part)) for part in parts]
    assert b"".join(chunks).decode() == "\n\n".join(blocks) + "\n"
    _response, chunks, _queries = download(client, export_url(parts[2], "txt", "complaint"))
    assert b"".join(chunks).decode() == "\n".join(urls(parts[2])) + "\n"


def test_complaint_exports_run_the_same_queries_for_few_rows_and_many(
    client, paralegal, now, small_chunks
):
    client.force_login(paralegal)
    small, large = batch(now, [1, 2]), batch(now, [20, 25, 15])
    for fmt in ("csv", "txt"):
        _response, _chunks, few = download(client, export_url(small[0], fmt))
        _response, _chunks, many = download(client, export_url(large[0], fmt))
        assert many == few, fmt


def test_a_refused_export_is_refused_before_anything_streams(client, now):
    (part,) = batch(now, [2])
    client.force_login(UserFactory(role=Role.CLIENT))
    response = client.get(export_url(part, "csv"))
    assert response.status_code == 403 and not response.streaming
    client.force_login(UserFactory(role=Role.PARALEGAL))
    response = client.get(reverse("portal:export"))
    assert response.status_code == 403 and not response.streaming


def test_a_cell_that_starts_like_a_formula_reaches_the_exports_as_text(client, person, now):
    brand = ClientFactory()
    complaint = filed(brand, 1, now)
    complaint.platform.name = '=HYPERLINK("http://evil.example","open")'
    complaint.platform.save()
    person(brand)
    _response, chunks, _ = download(client, reverse("portal:export"))
    rows = list(csv.reader(io.StringIO(b"".join(chunks).decode())))
    assert rows[1][1] == '\'=HYPERLINK("http://evil.example","open")'
    # Every export writes through the same lines: each kind of formula start is quoted.
    text = "".join(exports.csv_lines(["a"], [["=1+1"], ["+1"], ["-1"], ["@SUM(A1)"], [-1]]))
    assert text.splitlines() == ["a", "'=1+1", "'+1", "'-1", "'@SUM(A1)", "-1"]
