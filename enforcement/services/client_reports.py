"""Client reports on demand (a file to download) and by e-mail each month, through the
outbox: one message per client, period and opted-in person (the key says so), whatever the
sweeps do; the PDF is built when the message is sent, not stored."""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
import zoneinfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from clients.models import Client, Membership
from clients.scoping import unscoped

from ..models import OutboxMessage
from ..reports.data import build_report, previous_month
from ..reports.pdf import write_pdf
from ..reports.xlsx import write_xlsx
from .reminders import ATTACHMENTS, write_messages

log = logging.getLogger(__name__)

FORMATS = {
    "pdf": (write_pdf, "application/pdf"),
    "xlsx": (write_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
SPOOL_BYTES = 4 * 1024 * 1024  # larger reports go to a temporary file, not memory


def render(report, fmt: str):
    """The report written in ``fmt`` to a temporary file, rewound; the caller closes it."""
    writer, _content_type = FORMATS[fmt]
    out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (handed on)
    writer(report, out)
    out.seek(0)
    return out


def filename(client, start: dt.date, end: dt.date, fmt: str) -> str:
    name = slugify(client.legal_name)[:40] or "client"
    return f"report-{name}-{start:%Y%m%d}-{end:%Y%m%d}.{fmt}"


def report_key(client_id: int, start: dt.date, user_id: int) -> str:
    return f"report:c{client_id}:{start:%Y-%m}:u{user_id}"


def _period_of_key(key: str) -> tuple[int, dt.date, dt.date]:
    _kind, client, month, _user = key.split(":")
    first = dt.date.fromisoformat(f"{month}-01")
    return int(client[1:]), *previous_month(first + dt.timedelta(days=40))


@unscoped("the monthly sweep finds every client's opted-in people")
def queue_monthly_reports(now: dt.datetime | None = None) -> int:
    """Queue last month's report for every opted-in person of every active client.

    Runs as often as beat likes: a key already written is skipped, and two sweeps racing
    each other meet the unique key (the loser's transaction writes nothing)."""
    now = now or timezone.now()
    firm_zone = zoneinfo.ZoneInfo(settings.FIRM_TIME_ZONE)
    start, end = previous_month(timezone.localtime(now, firm_zone).date())
    people = list(
        Membership.objects.filter(
            monthly_report=True, is_active=True, client__archived_at__isnull=True,
            user__is_active=True,
        ).exclude(user__email="").select_related("client", "user")
    )  # fmt: skip
    wanted = {report_key(m.client_id, start, m.user_id): m for m in people}
    have = set(OutboxMessage.objects.filter(key__in=list(wanted)).values_list("key", flat=True))
    messages = []
    for key, membership in wanted.items():
        if key in have:
            continue
        client = membership.client
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("%(client)s: enforcement report for %(month)s") % {
                "client": client.legal_name, "month": f"{start:%Y-%m}"}  # fmt: skip
            url = settings.SITE_URL.rstrip("/") + reverse("portal:report", args=[client.pk])
            body = _(
                "The enforcement report of %(client)s for %(start)s to %(end)s is attached "
                "(PDF). The figures of any period are in the portal: %(url)s"
            ) % {"client": client.legal_name, "start": start, "end": end, "url": url}
        messages.append(
            OutboxMessage(
                key=key,
                kind=OutboxMessage.Kind.MONTHLY_REPORT,
                recipient=membership.user,
                due_at=now,
                subject=subject[:255],
                body=body,
            )  # fmt: skip
        )
    if not messages:
        return 0
    try:
        with transaction.atomic():
            write_messages(messages, notify=False, now=now)
    except IntegrityError:  # a concurrent sweep wrote them first
        log.info("monthly reports for %s already queued by another sweep", start)
        return 0
    return len(messages)


@unscoped("the outbox builds the report its row names, for that row's recipient")
def attachments_for(message: OutboxMessage) -> list[tuple[str, bytes, str]]:
    """The PDF of a monthly report message, built now in its reader's zone."""
    client_id, start, end = _period_of_key(message.key)
    client = Client.objects.get(pk=client_id)
    reader = message.recipient
    zone = zoneinfo.ZoneInfo(reader.time_zone or settings.FIRM_TIME_ZONE)
    with translation.override(settings.LANGUAGE_CODE), timezone.override(zone):
        report = build_report(reader, client, start, end, zone=zone)
        with render(report, "pdf") as out:
            data = out.read()
    return [(filename(client, start, end, "pdf"), data, "application/pdf")]


ATTACHMENTS[OutboxMessage.Kind.MONTHLY_REPORT] = attachments_for
