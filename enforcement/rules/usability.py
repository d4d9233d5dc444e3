"""Can this right back a complaint on a given day? Reasons in words a paralegal can act on.

Platform-specific eligibility (jurisdictions, accounts, POAs) builds on this; these are the
rules that hold whatever the platform.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Problem:
    """Why something cannot be used or filed: a stable code and words a person can act on."""

    code: str
    message: str

    def __str__(self) -> str:
        return self.message


def ipr_problems(ipr, on: dt.date) -> list[str]:
    return [p.message for p in ipr_issues(ipr, on)]


def ipr_issues(ipr, on: dt.date) -> list[Problem]:
    problems: list[Problem] = []
    kind, status = ipr.kind, ipr.status
    if ipr.archived_at is not None:
        problems.append(
            Problem("ipr_archived", _("This right is archived; restore it before using it."))
        )
    if status == "pending":
        if kind == "trademark":
            problems.append(
                Problem(
                    "trademark_not_registered",
                    _(
                        "A pending trademark cannot be used for complaints: platforms accept only "
                        "registered marks. Wait for registration and enter its number."
                    ),
                )
            )
        else:
            problems.append(
                Problem(
                    "ipr_pending",
                    _("This right is still pending; platforms accept it only once it is granted."),
                )
            )
    if ipr.effective_from and on < ipr.effective_from:
        problems.append(
            Problem(
                "ipr_not_yet_effective",
                _("The registration only takes effect on %(date)s.")
                % {"date": date_format(ipr.effective_from)},
            )
        )
    if ipr.effective_to and on > ipr.effective_to:
        problems.append(
            Problem(
                "ipr_expired",
                _("The registration expired on %(date)s; record its renewal first.")
                % {"date": date_format(ipr.effective_to)},
            )
        )
    if kind == "copyright" and status == "unregistered":
        statement = getattr(ipr, "claim_statement", None)
        if statement is None:
            problems.append(
                Problem(
                    "claim_statement_missing",
                    _("An unregistered copyright needs a copyright claim statement; add one."),
                )
            )
        else:
            missing = statement.missing_items()
            if missing:
                problems.append(
                    Problem(
                        "claim_statement_incomplete",
                        _("The copyright claim statement is missing: %(items)s.")
                        % {"items": "; ".join(missing)},
                    )
                )
    if kind == "patent":
        kinds = {d.kind for d in ipr.documents.all() if d.archived_at is None}
        if "evaluation_report" not in kinds:
            problems.append(
                Problem(
                    "patent_without_evaluation_report",
                    _("A patent needs its evaluation report on file; upload it under Documents."),
                )
            )
        if "patent_certificate" not in kinds:
            problems.append(
                Problem(
                    "patent_without_certificate",
                    _("A patent needs its certificate on file; upload it under Documents."),
                )
            )
    return problems
