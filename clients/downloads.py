"""Every case file is served here, after the same scope check as its record's page.

There is no public media URL: a file is reachable only through a record the user may see,
and only for the fields listed below. A client's person may open only what the portal
shows it (``PORTAL_FILES``: the files its own people sent in answer to the firm's requests);
everything else, the seller's evidence and the firm's working files included, is a 404.
Every file opened is logged (who, when, which file) for the firm admin.
"""

from __future__ import annotations

from pathlib import PurePath

from django.apps import apps
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.text import slugify

from .roles import STAFF_ROLES
from .services import record_download

DOWNLOADABLE: dict[str, tuple[str, frozenset[str]]] = {
    "identity-document": ("clients.IdentityDocument", frozenset({"file", "translation_file"})),
    "poa": ("clients.PowerOfAttorney", frozenset({"signed_file", "translation_file"})),
    "evidence": ("enforcement.EvidenceFile", frozenset({"file"})),
    "client-upload": ("clients.RequestUpload", frozenset({"file"})),
    "ipr-document": ("enforcement.IPRDocument", frozenset({"file"})),
    "seller-evidence": ("enforcement.CounterNoticeEvidence", frozenset({"file"})),
    "ipr-change": ("enforcement.IPRChange", frozenset({"proof"})),
    "claim-statement": (
        "enforcement.CopyrightClaimStatement",
        frozenset({"assignment_proof", "first_publication_evidence"}),
    ),
}


# What the portal shows a client's person, by kind: the rows of that kind it lists.
PORTAL_FILES = {
    "client-upload": lambda rows: rows.filter(request__client__archived_at__isnull=True),
}


def download(request, kind: str, pk: int, field: str):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        label, fields = DOWNLOADABLE[kind]
    except KeyError:
        raise Http404 from None
    if field not in fields:
        raise Http404
    model = apps.get_model(label)
    rows = model.objects.visible_to(request.user)
    if request.user.role not in STAFF_ROLES:
        if kind not in PORTAL_FILES:
            raise Http404
        rows = PORTAL_FILES[kind](rows)
    obj = get_object_or_404(rows, pk=pk)
    stored = getattr(obj, field)
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    suffix = PurePath(stored.name).suffix
    filename = f"{slugify(str(obj))[:80] or kind}-{field.replace('_', '-')}{suffix}"
    record_download(request.user, obj, kind=kind, field=field, filename=filename)
    return FileResponse(handle, as_attachment=True, filename=filename)
