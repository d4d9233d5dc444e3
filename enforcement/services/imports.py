"""Bulk link entry: a per-line report first, then an all-or-nothing save.

``preview_links`` reads nothing but the lines and the listings already on file (one query
per chunk of ids); ``save_links`` writes the listings and the complaint(s) in one
transaction, split into parts of at most the platform's limit.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from clients.roles import Capability, has_capability
from clients.scoping import unscoped

from ..links import LinkResult, recognise
from ..models import Complaint, ComplaintLink, Listing

FOR_THE_FIRM = "an import matches links against every known listing"

CHUNK = 900  # stays under SQLite's limit of variables in one statement


class LineStatus(models.TextChoices):
    NEW = "new", gettext_lazy("New")
    KNOWN = "known", gettext_lazy("Already known")
    DUPLICATE = "duplicate", gettext_lazy("Duplicate within this paste")
    WRONG_PLATFORM = "wrong_platform", gettext_lazy("Another platform")
    NOT_A_LISTING = "not_a_listing", gettext_lazy("Not a listing of this kind")
    INVALID = "invalid", gettext_lazy("Invalid")


SAVABLE = frozenset({LineStatus.NEW, LineStatus.KNOWN})


@dataclass
class LineReport:
    number: int
    text: str
    result: LinkResult
    status: LineStatus
    message: str = ""
    listing: Listing | None = None
    complaint_ids: list[int] = field(default_factory=list)


@dataclass
class ImportPreview:
    platform: object
    target_kind: str
    lines: list[LineReport]
    # Cells of an uploaded CSV or Excel list that were not read as links (uploads.SkipReport).
    skipped: object = None

    def counts(self) -> dict[str, int]:
        counts = {status.value: 0 for status in LineStatus}
        for line in self.lines:
            counts[line.status] += 1
        return counts

    @property
    def savable(self) -> list[LineReport]:
        return [line for line in self.lines if line.status in SAVABLE]

    @property
    def left_out(self) -> list[LineReport]:
        return [line for line in self.lines if line.status not in SAVABLE]

    def parts(self) -> int:
        size = self.platform.max_links_per_complaint
        return max(1, -(-len(self.savable) // size))


@unscoped(FOR_THE_FIRM)
def preview_links(
    lines: Iterable[str], *, platform, target_kind: str, skipped=None
) -> ImportPreview:
    reports: list[LineReport] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue  # blank lines in a paste are not worth a report row
        result = recognise(raw, expected_platform=platform.code)
        report = LineReport(number=number, text=raw.strip(), result=result, status=LineStatus.NEW)
        if result.platform and result.platform != platform.code:
            report.status = LineStatus.WRONG_PLATFORM
            report.message = result.error or _("This link is from another platform.")
        elif not result.ok:
            report.status = LineStatus.NOT_A_LISTING if result.platform else LineStatus.INVALID
            report.message = result.error
        elif result.kind != target_kind:
            report.status = LineStatus.NOT_A_LISTING
            report.message = _(
                "This is a %(kind)s address; this complaint targets %(target)ss."
            ) % {
                "kind": result.kind,
                "target": target_kind,
            }
        elif result.canonical_id in seen:
            report.status = LineStatus.DUPLICATE
            report.message = _("Same listing as line %(line)d.") % {
                "line": seen[result.canonical_id]
            }
        else:
            seen[result.canonical_id] = number
        reports.append(report)
    _mark_known(reports, platform, target_kind)
    return ImportPreview(platform=platform, target_kind=target_kind, lines=reports, skipped=skipped)


def _mark_known(reports: list[LineReport], platform, target_kind: str) -> None:
    new = {r.result.canonical_id: r for r in reports if r.status == LineStatus.NEW}
    ids = list(new)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        known = Listing.objects.filter(
            platform=platform, kind=target_kind, canonical_id__in=chunk
        ).prefetch_related(
            models.Prefetch(
                "complaint_links", ComplaintLink.objects.only("id", "complaint_id", "listing_id")
            )
        )
        for listing in known:
            report = new[listing.canonical_id]
            report.status = LineStatus.KNOWN
            report.listing = listing
            report.complaint_ids = sorted({cl.complaint_id for cl in listing.complaint_links.all()})


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def save_links(
    preview: ImportPreview,
    *,
    client,
    account,
    ipr,
    reason_code,
    supplementary_reasons: str,
    by,
    internal_notes: str = "",
) -> list[Complaint]:
    """Create the listings and the complaint(s) for every savable line, or nothing at all."""
    if not has_capability(by, Capability.EDIT_CASE_FILE):
        raise PermissionDenied
    savable = preview.savable
    if not savable:
        raise ValidationError(_("None of the lines is a link that can be reported here."))
    platform, kind = preview.platform, preview.target_kind
    now = timezone.now()

    fresh = [
        Listing(
            platform=platform,
            kind=kind,
            canonical_id=line.result.canonical_id,
            canonical_url=line.result.canonical_url,
            entered_url=line.text[:2000],
            last_seen_at=now,
        )
        for line in savable
        if line.listing is None
    ]
    if fresh:
        bulk_create_with_history(fresh, Listing, batch_size=500, default_user=by)
    listings = {}
    ids = [line.result.canonical_id for line in savable]
    for start in range(0, len(ids), CHUNK):
        for listing in Listing.objects.filter(
            platform=platform, kind=kind, canonical_id__in=ids[start : start + CHUNK]
        ).only("id", "canonical_id"):
            listings[listing.canonical_id] = listing

    return create_complaint_drafts(
        [listings[line.result.canonical_id] for line in savable],
        client=client,
        platform=platform,
        target_kind=kind,
        account=account,
        ipr=ipr,
        reason_code=reason_code,
        supplementary_reasons=supplementary_reasons,
        by=by,
        internal_notes=internal_notes,
    )


def create_complaint_drafts(
    listings: list[Listing],
    *,
    client,
    platform,
    target_kind: str,
    account,
    ipr,
    reason_code,
    supplementary_reasons: str,
    by,
    internal_notes: str = "",
) -> list[Complaint]:
    """Draft complaint(s) reporting ``listings`` in order, split into parts of at most the
    platform's limit (one batch); inside the caller's transaction."""
    size = platform.max_links_per_complaint
    batches = [listings[i : i + size] for i in range(0, len(listings), size)]
    batch_key = uuid.uuid4()
    complaints = [
        Complaint(
            client=client,
            platform=platform,
            account=account,
            ipr=ipr,
            target_kind=target_kind,
            reason_code=reason_code,
            supplementary_reasons=supplementary_reasons,
            internal_notes=internal_notes,
            batch_key=batch_key,
            batch_index=index,
            batch_size=len(batches),
            created_by=by,
        )
        for index in range(1, len(batches) + 1)
    ]
    complaints = bulk_create_with_history(complaints, Complaint, default_user=by)
    if not all(c.pk for c in complaints):  # backends that do not return ids on bulk insert
        complaints = list(Complaint.objects.filter(batch_key=batch_key).order_by("batch_index"))
    links = [
        ComplaintLink(complaint=complaint, listing=listing, position=position)
        for complaint, batch in zip(complaints, batches, strict=True)
        for position, listing in enumerate(batch, start=1)
    ]
    bulk_create_with_history(links, ComplaintLink, batch_size=500, default_user=by)
    return complaints
