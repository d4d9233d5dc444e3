"""The figures the pages show, kept as they change instead of counted from every link.

Each row counts, for one client, platform, platform account and reason code, the reported
links of filed complaints (submitted or withdrawn; drafts are not the client's case yet) by
their current outcome, the counter-notices received, and the counter-notices settled. The
services that move an outcome or settle a notice change these counts in their own
transaction (``services/summaries.py``); ``manage.py rebuild_outcome_summary`` recomputes
them from the raw rows and reports any difference.

``OutcomeHour`` keeps them per UTC hour: a day in any time zone whose offset is a whole
number of hours (the firm's, UTC, Europe's, the Americas') begins on an hour, so a period
of the reader's days is a range of whole hours; the pages read the few minutes a
half-hour zone leaves at its edges from the raw rows. A link with no outcome moment
(awaiting the platform) counts at ``UNDATED``. A dispute decision is known by its date
only (``Dispute.decided_on``, compared with the period's dates in every zone), so it counts
at that date's midnight UTC. ``OutcomeTotal`` is the same without the hour, for the
figures of all time (the reason codes' rates, the portal's totals).
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from clients.models import Client
from clients.scoping import ScopedManager

from .platforms import Platform

UNDATED = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

# One column per link outcome (ComplaintLink.Outcome), named as the outcome.
OUTCOME_COLUMNS = ("pending", "removed", "rejected", "countered", "restored", "withdrawn")
# Counter-notices received; settled by the firm (accepted, withdrawn or lapsed: the seller
# won); settled by the platform's dispute decision (reversed: the seller won; upheld: lost).
NOTICE_COLUMNS = ("notices", "conceded", "reversed", "upheld")
COUNT_COLUMNS = OUTCOME_COLUMNS + NOTICE_COLUMNS
KEY_COLUMNS = ("client_id", "platform_id", "account_key", "reason_key")


class OutcomeCounts(models.Model):
    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="+", verbose_name=_("client")
    )
    platform = models.ForeignKey(
        Platform, on_delete=models.PROTECT, related_name="+", verbose_name=_("platform")
    )
    # Ids rather than nullable foreign keys: a complaint may have no account or reason code
    # yet, and a unique key with NULLs in it would not stop a second row (0 = none).
    account_key = models.PositiveBigIntegerField(_("platform account"), default=0)
    reason_key = models.PositiveBigIntegerField(_("reason code"), default=0)

    pending = models.IntegerField(_("awaiting the platform"), default=0)
    removed = models.IntegerField(_("removed"), default=0)
    rejected = models.IntegerField(_("rejected"), default=0)
    countered = models.IntegerField(_("countered"), default=0)
    restored = models.IntegerField(_("restored"), default=0)
    withdrawn = models.IntegerField(_("withdrawn"), default=0)
    notices = models.IntegerField(_("counter-notices received"), default=0)
    conceded = models.IntegerField(_("counter-notices the firm settled"), default=0)
    reversed = models.IntegerField(_("disputes reversed"), default=0)
    upheld = models.IntegerField(_("disputes upheld"), default=0)

    objects = ScopedManager()
    scope_client_path = "client"

    class Meta:
        abstract = True

    def counts(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in COUNT_COLUMNS}


class OutcomeHour(OutcomeCounts):
    hour = models.DateTimeField(_("hour (UTC)"))

    class Meta:
        verbose_name = _("outcome summary per hour")
        verbose_name_plural = _("outcome summaries per hour")
        constraints = [
            models.UniqueConstraint(
                fields=["client", "hour", "platform", "account_key", "reason_key"],
                name="outcome_hour_unique",
            )
        ]
        indexes = [models.Index(fields=["hour"], name="outcome_hour_hour_idx")]

    def __str__(self) -> str:
        return f"{self.hour:%Y-%m-%d %H}:00 UTC · client {self.client_id}"


class OutcomeTotal(OutcomeCounts):
    class Meta:
        verbose_name = _("outcome summary")
        verbose_name_plural = _("outcome summaries")
        constraints = [
            models.UniqueConstraint(
                fields=["client", "platform", "account_key", "reason_key"],
                name="outcome_total_unique",
            )
        ]
        indexes = [models.Index(fields=["reason_key"], name="outcome_total_reason_idx")]

    def __str__(self) -> str:
        return f"client {self.client_id} · reason {self.reason_key}"
