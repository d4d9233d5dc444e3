"""The complaint page's table of links: what each row says, in the reader's language."""

import html
import re
import zoneinfo

import pytest
from django.utils import formats, timezone, translation

from enforcement.models import Complaint, ComplaintLink

from ..factories import ComplaintFactory


def _rows(response):
    body = response.content.decode()
    table = body[body.index("<tbody>") : body.index("</tbody>")]
    return re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)


@pytest.fixture
def submitted(now):
    complaint = ComplaintFactory(links=4)
    Complaint.objects.filter(pk=complaint.pk).update(
        state=Complaint.State.SUBMITTED, platform_reference="TB-1", submitted_at=now
    )
    first, repeat, removed, countered = complaint.links.order_by("position")
    ComplaintLink.objects.filter(pk=first.pk).update(offense="first")
    ComplaintLink.objects.filter(pk=repeat.pk).update(
        offense="repeat", offense_count=2, offense_override_reason="Same operator <b>again</b>"
    )
    ComplaintLink.objects.filter(pk=removed.pk).update(
        outcome="removed", outcome_at=now, outcome_reason="Taken down & logged"
    )
    ComplaintLink.objects.filter(pk=countered.pk).update(outcome="countered", outcome_at=now)
    return complaint


@pytest.mark.django_db
def test_each_row_says_its_offense_and_outcome(client, paralegal, submitted):
    client.force_login(paralegal)
    rows = _rows(client.get(submitted.get_absolute_url()))
    assert len(rows) == 4
    first, repeat, removed, countered = rows
    links = list(submitted.links.order_by("position").select_related("listing"))
    # A pending link can be ticked for the platform's answer; a decided one cannot.
    assert f'name="links" value="{links[0].pk}"' in first
    assert f'name="links" value="{links[1].pk}"' in repeat
    assert 'name="links"' not in removed
    assert "Settled by the decision on its counter-notification" in countered
    assert 'class="badge text-bg-secondary">first<' in first
    assert 'title="2 earlier removals">repeat<' in repeat
    # The override's reason is the reader's text, escaped.
    assert 'title="Same operator &lt;b&gt;again&lt;/b&gt;"' in repeat
    assert "Removed<br><small" in removed and "Taken down &amp; logged" in removed
    assert "Countered by the seller" in countered and "Awaiting the platform" in first
    assert html.escape(links[2].listing.canonical_url) in removed
    assert links[2].listing.get_absolute_url() in removed
    wall = timezone.localtime(links[2].outcome_at, zoneinfo.ZoneInfo(paralegal.time_zone))
    moment = formats.date_format(wall, "DATETIME_FORMAT")  # in the reader's time zone
    assert moment in removed and moment not in first


@pytest.mark.django_db
def test_the_rows_speak_chinese(client, paralegal, submitted):
    paralegal.language = "zh-hans"
    paralegal.save()
    client.force_login(paralegal)
    rows = _rows(client.get(submitted.get_absolute_url()))
    with translation.override("zh-hans"):
        assert translation.gettext("Removed") in rows[2]
        assert translation.gettext("repeat") in rows[1]
    assert "Removed<br>" not in rows[2]


@pytest.mark.django_db
def test_a_draft_has_no_tick_boxes(client, paralegal):
    complaint = ComplaintFactory(links=2)
    client.force_login(paralegal)
    rows = _rows(client.get(complaint.get_absolute_url()))
    assert len(rows) == 2 and all('type="checkbox"' not in row for row in rows)
