"""Windows as data, and the deadlines that events open (their reminders: models/outbox.py)."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clients.bounds import BoundedDateField, BoundedMomentField, dates_in_range, moments_in_range
from clients.models import Client, TimeStampedModel
from clients.scoping import ScopedManager, ScopedQuerySet

from ..rules.workdays import Unit
from .platforms import Platform

LEAD_TIME = re.compile(r"^(\d{1,4})([dh])$")


def validate_lead_times(value) -> None:
    if not isinstance(value, list) or not all(
        isinstance(v, str) and LEAD_TIME.match(v) for v in value
    ):
        raise ValidationError(
            _(
                'List reminder lead times like ["90d", "30d", "7d"] or ["1d", "4h"]: '
                "a number followed by d (days) or h (hours) before the due moment."
            )
        )


class Event(models.TextChoices):
    COMPLAINT_SUBMITTED = "complaint_submitted", _("Complaint submitted (seller's window)")
    COUNTER_NOTICE_RECEIVED = "counter_notice_received", _("Counter-notification received")
    REMOVAL_UPHELD = (
        "removal_upheld",
        _("Removal upheld after a counter-notice (the seller may counter again)"),
    )
    DECLARATION_FORWARDED = (
        "declaration_forwarded",
        _("Seller's declaration of non-infringement forwarded"),
    )
    DISPUTE_OPENED = "dispute_opened", _("Dispute opened")
    VERIFICATION_SUBMITTED = "verification_submitted", _("Verification submitted")
    POA_EXPIRY = "poa_expiry", _("Power of attorney expires")
    IPR_EXPIRY = "ipr_expiry", _("IP right registration expires")


class WindowRule(TimeStampedModel):
    """How long the firm has after an event, counted how, and who is reminded when.

    Rules sharing a ``slot`` compete: the most specific one (platform, then offense) wins.
    A deadline copies what it was computed with, so editing a rule moves nothing until
    someone recomputes on purpose.
    """

    class Offense(models.TextChoices):
        ANY = "any", _("Any")
        FIRST = "first", _("First offense")
        REPEAT = "repeat", _("Repeat offense")

    class Owner(models.TextChoices):
        ACTOR = "actor", _("Who recorded the event")
        SUPERVISOR = "supervisor", _("The client's supervising attorney")

    class Recipients(models.TextChoices):
        OWNER = "owner", _("The owner")
        OWNER_AND_SUPERVISOR = "owner_supervisor", _("The owner and the supervising attorney")

    event = models.CharField(_("event"), max_length=40, choices=Event.choices)
    slot = models.SlugField(
        _("slot"),
        max_length=40,
        help_text=_("Rules in one slot replace each other; e.g. seller_window, dispute_check."),
    )
    name = models.CharField(_("name"), max_length=160)
    action = models.CharField(_("what the firm does by then"), max_length=255)
    platform = models.ForeignKey(
        Platform,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="window_rules",
        verbose_name=_("platform"),
        help_text=_("Blank: every platform."),
    )
    offense = models.CharField(
        _("offense"), max_length=10, choices=Offense.choices, default=Offense.ANY
    )
    attempt = models.PositiveSmallIntegerField(
        _("counter-notice round"),
        default=0,
        db_default=0,
        help_text=_(
            "For counter-notice events: the seller's attempt this rule is for (1, 2, 3); "
            "0: every attempt. A rule for the attempt beats one for every attempt."
        ),
    )
    applies_from = BoundedDateField(
        _("applies to events from"),
        default=dt.date(1970, 1, 1),
        db_default=dt.date(1970, 1, 1),
        help_text=_(
            "The rule counts for events on or after this day; a later rule of the same slot "
            "replaces it from its own day (e.g. 27 business days from 2022-01-20)."
        ),
    )
    length = models.PositiveSmallIntegerField(_("length"))
    unit = models.CharField(
        _("unit"),
        max_length=20,
        choices=[
            (Unit.WORKING_DAYS.value, _("working days")),
            (Unit.CALENDAR_DAYS.value, _("calendar days")),
        ],
    )
    reminder_lead_times = models.JSONField(
        _("remind before due"),
        default=list,
        blank=True,
        validators=[validate_lead_times],
        help_text=_('e.g. ["1d", "4h"]; [] for no advance reminder.'),
    )
    owner = models.CharField(_("owner"), max_length=20, choices=Owner.choices)
    recipients = models.CharField(
        _("reminded"), max_length=20, choices=Recipients.choices, default=Recipients.OWNER
    )
    escalate_when_overdue = models.BooleanField(
        _("escalate to the supervising attorney when overdue"), default=True
    )
    is_active = models.BooleanField(_("in use"), default=True)
    notes = models.TextField(_("source and notes"), blank=True)

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_public = True

    class Meta:
        ordering = ["event", "slot", "platform__name", "offense"]
        verbose_name = _("window rule")
        verbose_name_plural = _("window rules")
        constraints = [
            *dates_in_range("window_rule", "applies_from"),
            models.UniqueConstraint(
                fields=["slot", "platform", "offense", "attempt", "applies_from"],
                condition=Q(is_active=True) & Q(platform__isnull=False),
                name="window_rule_one_active_per_platform",
                violation_error_message=_(
                    "An active rule for this slot, platform, offense and round already exists."
                ),
            ),
            models.UniqueConstraint(
                fields=["slot", "offense", "attempt", "applies_from"],
                condition=Q(is_active=True) & Q(platform__isnull=True),
                name="window_rule_one_active_default",
                violation_error_message=_(
                    "An active all-platform rule for this slot, offense and round already exists."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(unit="working_days") | Q(length__gte=1),
                name="window_rule_working_days_positive",
                violation_error_message=_("A working-day window lasts at least one day."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enforcement:windowrule_detail", args=[self.pk])

    @property
    def length_display(self) -> str:
        return f"{self.length} {self.get_unit_display()}"


class DeadlineQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(status=Deadline.Status.OPEN)

    def overdue(self, now=None):
        return self.open().filter(due_at__lt=now or timezone.now())


class ScopedDeadlineManager(ScopedManager.from_queryset(DeadlineQuerySet)):
    pass


class Deadline(TimeStampedModel):
    """A moment by which the firm must act, opened by an event on a case record."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        MET = "met", _("Met")
        MISSED = "missed", _("Missed")
        CANCELLED = "cancelled", _("Cancelled")

    client = models.ForeignKey(
        Client,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deadlines",
        verbose_name=_("client"),
    )
    platform = models.ForeignKey(
        Platform,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deadlines",
        verbose_name=_("platform"),
    )
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    subject_label = models.CharField(_("about"), max_length=255)

    event = models.CharField(_("event"), max_length=40, choices=Event.choices)
    event_at = BoundedMomentField(_("event at"))
    rule = models.ForeignKey(
        WindowRule, on_delete=models.PROTECT, related_name="deadlines", verbose_name=_("rule")
    )
    # What the count used, copied from the rule so a later edit does not move the deadline.
    title = models.CharField(_("deadline"), max_length=255)
    length = models.SmallIntegerField(_("length"))
    unit = models.CharField(_("unit"), max_length=20)
    jurisdiction = models.CharField(_("calendar"), max_length=8)
    time_zone = models.CharField(_("time zone"), max_length=64)
    reminder_lead_times = models.JSONField(_("remind before due"), default=list)
    escalate_when_overdue = models.BooleanField(_("escalate when overdue"), default=True)
    remind_supervisor = models.BooleanField(_("remind the supervising attorney"), default=False)

    due_on = BoundedDateField(_("due on"), null=True, blank=True)
    due_at = BoundedMomentField(_("due at"), null=True, blank=True)
    # A window running into a year without confirmed official data gets the earliest date
    # it could close on (see rules.workdays.PROVISIONAL_RULE), replaced once confirmed.
    due_is_provisional = models.BooleanField(_("provisional due date"), default=False)
    compute_error = models.TextField(_("why no due date, or why it is provisional"), blank=True)

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deadlines",
        verbose_name=_("owner"),
    )
    escalate_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("escalates to"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    close_note = models.CharField(_("how it closed"), max_length=255, blank=True)
    # The sweep's pointer: the next moment a reminder of this deadline falls due.
    next_reminder_at = models.DateTimeField(null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["next_reminder_at"])
    objects = ScopedDeadlineManager()
    scope_client_path = "client"

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        indexes = [
            models.Index(
                fields=["next_reminder_at"],
                condition=Q(status="open"),
                name="deadline_sweep_idx",
            ),
            models.Index(fields=["status", "due_at"], name="deadline_status_due_idx"),
            models.Index(fields=["owner", "status", "due_at"], name="deadline_owner_idx"),
            models.Index(fields=["subject_type", "subject_id"], name="deadline_subject_idx"),
            # "My deadlines" and everyone's: open ones by due moment (ASC NULLS LAST, id).
            models.Index(
                fields=["owner", "due_at", "id"],
                condition=Q(status="open"),
                name="deadline_open_owner_idx",
            ),
            models.Index(
                fields=["due_at", "id"], condition=Q(status="open"), name="deadline_open_idx"
            ),
            # The calendar's month: each day's open ones by due moment.
            models.Index(
                fields=["due_on", "due_at", "id"],
                condition=Q(status="open"),
                name="deadline_open_day_idx",
            ),
            # The dashboard's calendar warnings count these per jurisdiction (few or none).
            models.Index(
                fields=["jurisdiction"],
                condition=Q(status="open", due_is_provisional=True),
                name="deadline_provisional_idx",
            ),
        ]
        constraints = [
            *moments_in_range("deadline", "event_at", "due_at"),
            *dates_in_range("deadline", "due_on"),
            models.UniqueConstraint(
                fields=["subject_type", "subject_id", "rule", "event_at"],
                name="deadline_once_per_event_and_rule",
                violation_error_message=_("This event already opened this deadline."),
            ),
            models.CheckConstraint(
                condition=Q(status="open") | Q(closed_at__isnull=False),
                name="deadline_closed_has_moment",
                violation_error_message=_("A closed deadline records when it closed."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} – {self.subject_label}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:deadline_detail", args=[self.pk])

    @property
    def is_overdue(self) -> bool:
        return (
            self.status == self.Status.OPEN
            and self.due_at is not None
            and self.due_at < timezone.now()
        )
