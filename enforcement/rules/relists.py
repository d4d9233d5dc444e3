"""Is a removed listing online again? The verdict on one fetched page, by its family's rule
(the statuses and texts meaning gone are data: enforcement.models.LiveCheckRule)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

GONE, LIVE, ERROR = "gone", "live", "error"


@dataclass(frozen=True)
class Verdict:
    verdict: str
    note: str = ""


def verdict_for(
    status: int | None, text: str, *, gone_statuses: Iterable[int], gone_markers: Iterable[str]
) -> Verdict:
    """Gone on a status or a text the rule names; live on any other success; otherwise the
    page says nothing either way (an error page, a login wall) and the check is an error."""
    if status is None:
        return Verdict(ERROR, _("No answer from the platform."))
    if status in {int(s) for s in gone_statuses}:
        return Verdict(GONE, _("HTTP %(status)d") % {"status": status})
    if 200 <= status < 300:
        for marker in gone_markers:
            if marker and marker.casefold() in text.casefold():
                return Verdict(GONE, _("The page says “%(marker)s”.") % {"marker": marker})
        return Verdict(LIVE, _("The listing's page answers without any removal text."))
    return Verdict(ERROR, _("HTTP %(status)d says neither live nor gone.") % {"status": status})
