"""The factors of a seller's risk score: data the firm edits, seeded with defaults."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clients.models import TimeStampedModel
from clients.scoping import ScopedManager


class SellerRiskFactor(TimeStampedModel):
    class Code(models.TextChoices):
        REMOVED_LINKS = "removed_links", _("Links removed after our complaints")
        LOST_COUNTER_NOTICES = "lost_counter_notices", _("Counter-notices the seller lost")
        STORES = "stores", _("Other stores of the same operator")
        PLATFORMS = "platforms", _("Other platforms the operator sells on")
        NETWORK_LISTINGS = "network_listings", _("Listings reported across its network")
        RELISTS = "relists", _("Removed listings reported again")

    code = models.CharField(_("factor"), max_length=30, choices=Code.choices, unique=True)
    points_each = models.PositiveSmallIntegerField(_("points for each"))
    cap = models.PositiveSmallIntegerField(_("at most"))
    window_days = models.PositiveSmallIntegerField(
        _("counted over the last … days"), null=True, blank=True,
        help_text=_("Empty: everything on file counts."),
    )  # fmt: skip
    is_active = models.BooleanField(_("counted"), default=True)

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_public = True

    class Meta:
        ordering = ["code"]
        verbose_name = _("seller risk factor")
        verbose_name_plural = _("seller risk factors")

    def __str__(self) -> str:
        return self.get_code_display()
