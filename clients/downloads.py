"""Every case file is served here, after the same scope check as its record's page.

There is no public media URL: a file is reachable only through a record the user may see,
and only for the fields listed below.
"""

from __future__ import annotations

from pathlib import PurePath

from django.apps import apps
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.text import slugify

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
    obj = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
    stored = getattr(obj, field)
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    suffix = PurePath(stored.name).suffix
    filename = f"{slugify(str(obj))[:80] or kind}-{field.replace('_', '-')}{suffix}"
    return FileResponse(handle, as_attachment=True, filename=filename)
