"""Monitoring vendors' exports: each line recognised, deduplicated against the listings on
file and kept as a suspected listing (``Detection``) in the review queue; from the queue,
complaint drafts grouped by client, platform, right and reason code.

``submit_detections`` is all-or-nothing: a per-line report like the bulk link entry's
(``services/imports.py``), and nothing written unless every line is a listing it can keep.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from clients.bounds import check_moment
from clients.models import Client
from clients.roles import Capability, has_capability
from clients.scoping import unscoped
from clients.services import save_record

from .. import lifecycle
from ..links import recognise
from ..models import Complaint, Detection, DetectionSource, Listing, Platform
from ..models.detections import DETECTION_FIELDS
from .imports import CHUNK, SAVABLE, LineReport, LineStatus, create_complaint_drafts

FOR_THE_FIRM = "an import matches a vendor's lines against every known listing"
BATCH = 500
# What may go into a complaint draft: suspected (unless the client must validate first),
# or validated by the client.
DRAFTABLE = (Detection.Status.SUSPECTED, Detection.Status.VALIDATED)


@dataclass
class DetectionLine(LineReport):
    values: dict = field(default_factory=dict)
    relist: bool = False
    platform: Platform | None = None


@dataclass
class DetectionReport:
    lines: list[DetectionLine]
    saved: bool = False
    import_key: uuid.UUID | None = None
    refusal: str = ""

    def counts(self) -> dict[str, int]:
        counts = {status.value: 0 for status in LineStatus}
        counts["relist"] = 0
        for line in self.lines:
            counts[line.status] += 1
            counts["relist"] += line.relist
        return counts

    @property
    def errors(self) -> list[DetectionLine]:
        return [line for line in self.lines if line.status not in SAVABLE | {LineStatus.DUPLICATE}]

    def as_dict(self) -> dict:
        """The report as plain data (the REST API answers with it)."""
        return {
            "saved": self.saved,
            "import": str(self.import_key) if self.import_key else None,
            "refusal": self.refusal,
            "counts": self.counts(),
            "lines": [
                {
                    "line": line.number,
                    "input": line.text,
                    "status": str(line.status),
                    "message": str(line.message),
                    "platform": line.result.platform,
                    "canonical_url": line.result.canonical_url,
                    "listing": line.listing.pk if line.listing else None,
                    "relist": line.relist,
                }
                for line in self.lines
            ],
        }


# --- Reading a vendor's export ----------------------------------------------------------


def read_export(upload, source: DetectionSource | None = None) -> Iterator[dict]:
    """The lines of a CSV or XLSX export as {field: value}, through the source's mapping."""
    name = (getattr(upload, "name", "") or "").lower()
    raw = _xlsx_rows(upload) if name.endswith(".xlsx") else _csv_rows(upload)
    header = None
    for row in raw:
        if header is None:
            header = [str(h or "").strip() for h in row]
            continue
        yield dict(zip(header, row, strict=False))


def _csv_rows(upload) -> Iterator[list]:
    upload.seek(0)
    text = io.TextIOWrapper(upload, encoding="utf-8-sig", newline="")
    try:
        yield from csv.reader(text)
    finally:
        text.detach()


def _xlsx_rows(upload) -> Iterator[tuple]:
    from openpyxl import load_workbook

    upload.seek(0)
    book = load_workbook(upload, read_only=True, data_only=True)
    try:
        yield from book.active.iter_rows(values_only=True)
    finally:
        book.close()


def mapped(row: dict, source: DetectionSource | None) -> dict:
    """A vendor's row as the detection fields (a missing column is an empty value)."""
    if source is None:
        return {f: row.get(f) for f in DETECTION_FIELDS}
    return {f: row.get(source.column_for(f)) for f in DETECTION_FIELDS}


# --- Checking one line --------------------------------------------------------------------


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _price(value) -> Decimal | None:
    text = _text(value).replace(",", "").lstrip("¥$€£ ").removeprefix("CNY").strip()
    if not text:
        return None
    try:
        price = Decimal(text).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise ValueError(_("The price “%(value)s” is not a number.") % {"value": value}) from None
    if price < 0 or price >= Decimal("1e10"):
        raise ValueError(_("The price “%(value)s” is out of range.") % {"value": value})
    return price


def _score(value) -> float | None:
    text = _text(value).rstrip("%")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise ValueError(_("The score “%(value)s” is not a number.") % {"value": value}) from None


def _moment(value) -> dt.datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time())
    else:
        text = _text(value)
        moment = parse_datetime(text.replace("/", "-"))
        if moment is None:
            try:
                day = dt.date.fromisoformat(text.replace("/", "-"))
                moment = dt.datetime.combine(day, dt.time())
            except ValueError:
                raise ValueError(
                    _("“%(value)s” is not a date and time.") % {"value": value}
                ) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, dt.UTC)
    try:
        check_moment(moment, past_only=True)
    except ValidationError as error:
        raise ValueError(" ".join(error.messages)) from None
    return moment


def _check(number: int, values: dict, platforms: dict[str, Platform]) -> DetectionLine:
    url = _text(values.get("url"))
    result = recognise(url)
    line = DetectionLine(
        number=number, text=url, result=result, status=LineStatus.NEW, values=values
    )
    if not url:
        line.status, line.message = LineStatus.INVALID, _("The line has no listing address.")
        return line
    if not result.ok:
        line.status = LineStatus.NOT_A_LISTING if result.platform else LineStatus.INVALID
        line.message = result.error
        return line
    line.platform = platforms.get(result.platform)
    if line.platform is None:
        line.status = LineStatus.WRONG_PLATFORM
        line.message = _("This platform is not in the firm's catalogue.")
        return line
    try:
        values["price"] = _price(values.get("price"))
        values["score"] = _score(values.get("score"))
        values["detected_at"] = _moment(values.get("detected_at"))
    except ValueError as error:
        line.status, line.message = LineStatus.INVALID, str(error)
        return line
    for name, size in (("title", 500), ("seller", 255), ("shop", 255), ("image_url", 1000)):
        values[name] = _text(values.get(name))[:size]
    return line


# --- The import ---------------------------------------------------------------------------


@unscoped(FOR_THE_FIRM)
def submit_detections(user, client, rows: Iterable[dict], source=None, *, dry_run=False):
    """Import a vendor's lines for ``client``: a ``DetectionReport`` with one line each.

    ``rows`` are dicts keyed by the vendor's column names (mapped through ``source``'s
    column mapping) or, without a source, by the field names (``DETECTION_FIELDS``). Every
    line must be a recognised listing of a platform on file with readable values, or
    nothing is saved (``report.saved`` is False and ``report.refusal`` says why). A line
    repeating an earlier one is reported and skipped; a line of a listing on file is
    attached to it, and flagged as a relist when that listing had been removed.
    """
    if not has_capability(user, Capability.EDIT_CASE_FILE):
        raise PermissionDenied
    platforms = {p.code: p for p in Platform.objects.all()}
    lines: list[DetectionLine] = []
    seen: dict[tuple, int] = {}
    for number, row in enumerate(rows, start=1):
        values = mapped(row, source)
        if not any(_text(v) for v in values.values()):
            continue  # a blank line in a spreadsheet is not worth a report row
        line = _check(number, values, platforms)
        if line.status == LineStatus.NEW:
            key = (line.platform.pk, line.result.kind, line.result.canonical_id)
            if key in seen:
                line.status = LineStatus.DUPLICATE
                line.message = _("Same listing as line %(line)d.") % {"line": seen[key]}
            else:
                seen[key] = number
        lines.append(line)
    _mark_known(lines)
    report = DetectionReport(lines=lines)
    if report.errors:
        report.refusal = _(
            "%(n)d line(s) cannot be read as listings; nothing was imported. "
            "Correct them and import the file again."
        ) % {"n": len(report.errors)}
    elif not any(line.status in SAVABLE for line in lines):
        report.refusal = _("The file has no listing to import.")
    if report.refusal or dry_run:
        return report
    _save(report, client=client, source=source, by=user)
    return report


def _mark_known(lines: list[DetectionLine]) -> None:
    by_platform: dict[tuple, dict[str, DetectionLine]] = {}
    for line in lines:
        if line.status == LineStatus.NEW:
            by_platform.setdefault((line.platform.pk, line.result.kind), {})[
                line.result.canonical_id
            ] = line
    for (platform_id, kind), new in by_platform.items():
        ids = list(new)
        for start in range(0, len(ids), CHUNK):
            for listing in Listing.objects.filter(
                platform_id=platform_id, kind=kind, canonical_id__in=ids[start : start + CHUNK]
            ).only("id", "canonical_id", "status", "platform_id", "kind"):
                line = new[listing.canonical_id]
                line.status = LineStatus.KNOWN
                line.listing = listing
                line.relist = listing.status == Listing.Status.REMOVED


@transaction.atomic
def _save(report: DetectionReport, *, client, source, by) -> None:
    now = timezone.now()
    keep = [line for line in report.lines if line.status in SAVABLE]
    fresh = [
        Listing(
            platform=line.platform,
            kind=line.result.kind,
            canonical_id=line.result.canonical_id,
            canonical_url=line.result.canonical_url,
            entered_url=line.text[:2000],
            title=line.values["title"],
            price=line.values["price"],
            last_seen_at=line.values["detected_at"] or now,
        )
        for line in keep
        if line.listing is None
    ]
    if fresh:
        bulk_create_with_history(fresh, Listing, batch_size=BATCH, default_user=by)
        _attach_fresh([line for line in keep if line.listing is None])
    report.import_key = uuid.uuid4()
    detections = (
        Detection(
            client=client,
            source=source,
            platform=line.platform,
            listing=line.listing,
            import_key=report.import_key,
            line=line.number,
            title=line.values["title"],
            price=line.values["price"],
            seller_name=line.values["seller"],
            shop=line.values["shop"],
            image_url=line.values["image_url"],
            score=line.values["score"],
            detected_at=line.values["detected_at"],
            is_relist=line.relist,
            imported_by=by,
        )
        for line in keep
    )
    batch = []
    for detection in detections:
        batch.append(detection)
        if len(batch) == BATCH:
            Detection.objects.bulk_create(batch)
            batch = []
    if batch:
        Detection.objects.bulk_create(batch)
    report.saved = True


def _attach_fresh(lines: list[DetectionLine]) -> None:
    groups: dict[tuple, dict[str, DetectionLine]] = {}
    for line in lines:
        groups.setdefault((line.platform.pk, line.result.kind), {})[line.result.canonical_id] = line
    for (platform_id, kind), wanted in groups.items():
        ids = list(wanted)
        for start in range(0, len(ids), CHUNK):
            for listing in Listing.objects.filter(
                platform_id=platform_id, kind=kind, canonical_id__in=ids[start : start + CHUNK]
            ).only("id", "canonical_id"):
                wanted[listing.canonical_id].listing = listing


# --- From the queue to complaint drafts ---------------------------------------------------


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def draft_complaints_from_detections(
    detections: Iterable[Detection], *, by, ipr=None, reason_code=None, account=None,
    supplementary_reasons: str = "",
) -> list[Complaint]:  # fmt: skip
    """Turn suspected detections into complaint drafts: one batch per client, platform,
    kind, right and reason code, each split at the platform's limit. A listing found twice
    for one client is reported once."""
    if not has_capability(by, Capability.EDIT_CASE_FILE):
        raise PermissionDenied
    ids = [d.pk for d in detections]
    rows = list(
        Detection.objects.select_for_update()
        .filter(pk__in=ids, status__in=DRAFTABLE)
        .select_related("client", "platform", "listing")
        .order_by("client_id", "platform_id", "line", "id")
    )
    if not rows:
        raise ValidationError(_("None of the selected detections is still to review."))
    waiting = [
        row for row in rows
        if row.status == Detection.Status.SUSPECTED
        and row.client.detection_validation == Client.Validation.REQUIRED
    ]  # fmt: skip
    if waiting:
        names = sorted({row.client.legal_name for row in waiting})
        raise ValidationError(
            _(
                "%(clients)s validate(s) suspected listings before they are reported: ask "
                "the client first (%(n)d selected detection(s) not validated yet). Nothing "
                "was drafted."
            )
            % {"clients": ", ".join(names), "n": len(waiting)}
        )
    groups: dict[tuple, list[Detection]] = {}
    for row in rows:
        key = (row.client_id, row.platform_id, row.listing.kind,
               ipr.pk if ipr else None, reason_code.pk if reason_code else None)  # fmt: skip
        groups.setdefault(key, []).append(row)
    complaints: list[Complaint] = []
    for group in groups.values():
        first = group[0]
        listings, seen = [], set()
        for row in group:
            if row.listing_id not in seen:
                seen.add(row.listing_id)
                listings.append(row.listing)
        made = create_complaint_drafts(
            listings,
            client=first.client,
            platform=first.platform,
            target_kind=first.listing.kind,
            account=account if account and account.platform_id == first.platform_id else None,
            ipr=ipr,
            reason_code=reason_code,
            supplementary_reasons=supplementary_reasons,
            by=by,
            internal_notes=_("Drafted from monitoring detections."),
        )
        size = first.platform.max_links_per_complaint
        part_of = {lid: made[i // size] for i, lid in enumerate(x.pk for x in listings)}
        for row in group:
            row.status, row.updated_at = Detection.Status.DRAFTED, timezone.now()
            row.complaint = part_of[row.listing_id]
        Detection.objects.bulk_update(
            group, ["status", "complaint", "updated_at"], batch_size=BATCH
        )
        complaints.extend(made)
    return complaints


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def dismiss_detections(detections: Iterable[Detection], *, by) -> int:
    if not has_capability(by, Capability.EDIT_CASE_FILE):
        raise PermissionDenied
    return Detection.objects.filter(
        pk__in=[d.pk for d in detections],
        status__in=[Detection.Status.SUSPECTED, Detection.Status.AWAITING_CLIENT,
                    Detection.Status.VALIDATED],
    ).update(status=Detection.Status.DISMISSED, updated_at=timezone.now())  # fmt: skip


@transaction.atomic
def ask_client_to_validate(detections: Iterable[Detection], *, by, note: str = "") -> int:
    """Send suspected detections to their client's portal for its decision, with the
    firm's note. A client that does not validate (``off``) is refused, naming it."""
    if not has_capability(by, Capability.EDIT_CASE_FILE):
        raise PermissionDenied
    rows = list(
        Detection.objects.visible_to(by)
        .select_for_update(of=("self",))
        .filter(pk__in=[d.pk for d in detections], status=Detection.Status.SUSPECTED)
        .select_related("client")
    )
    if not rows:
        raise ValidationError(_("None of the selected detections is still to review."))
    off = sorted(
        {
            r.client.legal_name
            for r in rows
            if r.client.detection_validation == Client.Validation.OFF
        }
    )
    if off:
        raise ValidationError(
            _(
                "%(clients)s do(es) not validate suspected listings (see the client's "
                "settings): draft or dismiss them instead. Nothing was sent."
            )
            % {"clients": ", ".join(off)}
        )
    now = timezone.now()
    for row in rows:
        lifecycle.check(lifecycle.DETECTION, row.status, Detection.Status.AWAITING_CLIENT,
                        what=str(row))  # fmt: skip
        row.status = Detection.Status.AWAITING_CLIENT
        row.sent_to_client_at, row.firm_note = now, note.strip()
        row._history_user = by
        row.save(update_fields=["status", "sent_to_client_at", "firm_note", "updated_at"])
    return len(rows)


@transaction.atomic
def client_decides(detections: Iterable[Detection], *, by, validate: bool, note: str = "") -> int:
    """The client's person validates the waiting detections, or rejects them with a note;
    who and when stay on each detection's history. Only what waits in the person's own
    portal is touched (the caller passes the portal's scope)."""
    note = note.strip()
    if not validate and not note:
        raise ValidationError(
            _("Say why these listings should not be reported (the firm reads your note).")
        )
    rows = list(
        Detection.objects.visible_to(by)
        .select_for_update(of=("self",))
        .filter(pk__in=[d.pk for d in detections], status=Detection.Status.AWAITING_CLIENT)
    )
    if not rows:
        raise ValidationError(_("None of the selected listings is waiting for your decision."))
    status = Detection.Status.VALIDATED if validate else Detection.Status.REJECTED_BY_CLIENT
    now = timezone.now()
    for row in rows:
        lifecycle.check(lifecycle.DETECTION, row.status, status, what=str(row))
        row.status, row.client_decided_at, row.client_decided_by = status, now, by
        row.client_note = note
        row._history_user = by
        row.save(
            update_fields=["status", "client_decided_at", "client_decided_by", "client_note",
                           "updated_at"]
        )  # fmt: skip
    return len(rows)


def save_detection_source(form, *, by, capability: Capability = Capability.EDIT_CASE_FILE):
    """A vendor and its column mapping, read from the form's one field per column."""
    form.instance.column_mapping = form.column_mapping()
    return save_record(form, by=by, capability=capability)
