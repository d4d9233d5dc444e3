"""Every legal date and moment has a range, kept three times: the form, the model's
validators and a database check. Things that have happened cannot be in the future."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from clients.bounds import (
    EARLIEST_DATE,
    EARLIEST_MOMENT,
    LATEST_DATE,
    LATEST_MOMENT,
    BoundedDateField,
    BoundedDateFormField,
    BoundedMomentField,
    BoundedMomentFormField,
    check_date,
    check_moment,
)
from clients.models import IdentityDocument, PowerOfAttorney
from enforcement import integrity
from enforcement.models import EvidenceFile, IPRVerification

from .factories import ComplaintFactory, IdentityDocumentFactory, IPRVerificationFactory

# Fields a person never types: the server sets them from its clock.
SERVER_CLOCK_FIELDS = {
    "created_at", "updated_at", "archived_at", "withdrawn_at", "decided_at", "closed_at",
    "next_reminder_at", "first_seen_at", "at", "hour", "due_at", "next_attempt_at",
    "leased_at", "enqueued_at", "sent_at", "read_at", "last_login", "date_joined",
    "last_used_at", "revoked_at", "risk_scored_at", "last_checked_at", "relisted_at",
    "checked_at", "sent_to_client_at", "client_decided_at",
}  # fmt: skip


@pytest.mark.parametrize(
    "value, past_only, ok",
    [
        (EARLIEST_DATE, False, True),
        (LATEST_DATE, False, True),
        (EARLIEST_DATE - dt.timedelta(days=1), False, False),
        (LATEST_DATE + dt.timedelta(days=1), False, False),
        (dt.date(1, 1, 1), False, False),
        (dt.date(9999, 12, 31), False, False),
        ("tomorrow+2", True, False),
        ("tomorrow+2", False, True),
        ("today", True, True),
    ],
)
def test_date_range_and_future(value, past_only, ok):
    today = timezone.localdate()
    value = {"today": today, "tomorrow+2": today + dt.timedelta(days=2)}.get(value, value)
    if ok:
        check_date(value, past_only=past_only)
    else:
        with pytest.raises(ValidationError):
            check_date(value, past_only=past_only)


@pytest.mark.parametrize(
    "value, ok",
    [
        (EARLIEST_MOMENT, True),
        (LATEST_MOMENT, True),
        (EARLIEST_MOMENT - dt.timedelta(seconds=1), False),
        (dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14))), False),  # overflows
        (dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-12))), False),
    ],
)
def test_moment_range(value, ok):
    if ok:
        check_moment(value)
    else:
        with pytest.raises(ValidationError):
            check_moment(value)


def test_a_moment_in_the_future_is_refused_when_it_has_happened():
    later = timezone.now() + dt.timedelta(hours=1)
    check_moment(later)
    with pytest.raises(ValidationError, match="already happened"):
        check_moment(later, past_only=True)
    check_moment(timezone.now() + dt.timedelta(minutes=2), past_only=True)  # a fast clock


@pytest.mark.parametrize(
    "text, message",
    [
        ("0001-01-01", "1900-01-01 to 2199-12-31"),
        ("9999-12-31", "1900-01-01 to 2199-12-31"),
        ("10000-01-01", "Enter a valid date"),
        ("2026-02-30", "Enter a valid date"),
    ],
)
def test_the_date_form_field_names_the_range(text, message):
    field = BoundedDateFormField()
    with pytest.raises(ValidationError, match=message):
        field.clean(text)


def test_the_moment_form_field_refuses_year_one_and_the_future():
    field = BoundedMomentFormField(past_only=True)
    with pytest.raises(ValidationError, match="1990-01-01 to 2199-12-31"):
        field.clean("0001-01-01T00:00")
    with pytest.raises(ValidationError, match="already happened"):
        field.clean((timezone.localtime() + dt.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M"))
    assert field.clean("2020-05-01T10:00").year == 2020


def test_the_widgets_carry_the_range():
    html = BoundedDateFormField().widget.render("d", None, attrs={"min": "x"})
    attrs = BoundedDateFormField().widget_attrs(BoundedDateFormField().widget)
    assert attrs["min"] == "1900-01-01" and attrs["max"] == "2199-12-31"
    assert 'type="date"' in html


def test_every_date_a_person_enters_is_bounded_and_checked_by_the_database():
    from django.apps import apps

    unbounded, unchecked = [], []
    for model in apps.get_models():
        if model._meta.app_label not in ("clients", "enforcement"):
            continue
        if model.__name__.startswith("Historical"):
            continue
        names = {c.name for c in model._meta.constraints}
        prefixes = {n.rsplit("_in_range", 1)[0] for n in names if n.endswith("_in_range")}
        for field in model._meta.concrete_fields:
            if field.get_internal_type() not in ("DateField", "DateTimeField"):
                continue
            if isinstance(field, BoundedDateField | BoundedMomentField):
                if not any(p.endswith(field.name) for p in prefixes):
                    unchecked.append(f"{model.__name__}.{field.name}")
            elif field.name not in SERVER_CLOCK_FIELDS:
                unbounded.append(f"{model.__name__}.{field.name}")
    assert unbounded == []
    assert unchecked == []


@pytest.mark.django_db
def test_the_model_refuses_a_date_out_of_range_and_in_the_future(client_a):
    document = IdentityDocumentFactory.build(client=client_a, issued_on=dt.date(1, 1, 1))
    with pytest.raises(ValidationError) as refused:
        document.full_clean()
    assert "issued_on" in refused.value.message_dict
    document.issued_on = timezone.localdate() + dt.timedelta(days=3)
    with pytest.raises(ValidationError, match="already happened"):
        document.full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model, field, value",
    [
        (IdentityDocument, "expires_on", dt.date(9999, 12, 31)),
        (PowerOfAttorney, "valid_from", dt.date(1, 1, 1)),
        (IPRVerification, "submitted_on", dt.date(1899, 12, 31)),
        (EvidenceFile, "captured_at", dt.datetime(1, 1, 2, tzinfo=dt.UTC)),
    ],
)
def test_the_database_refuses_a_date_out_of_range(model, field, value, client_a):
    from .factories import PowerOfAttorneyFactory
    from .world import _evidence

    row = {
        IdentityDocument: lambda: IdentityDocumentFactory(client=client_a),
        PowerOfAttorney: lambda: PowerOfAttorneyFactory(client=client_a),
        IPRVerification: lambda: IPRVerificationFactory(),
        EvidenceFile: lambda: _evidence(ComplaintFactory(client=client_a)),
    }[model]()
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=row.pk).update(**{field: value})


@pytest.mark.django_db
def test_evidence_from_year_one_or_next_year_is_refused_on_the_page(client, paralegal):
    complaint = ComplaintFactory()
    client.force_login(paralegal)
    url = reverse("enforcement:complaint_evidence", args=[complaint.pk])
    for moment, message in [
        ("0001-01-01T00:00", "Enter a moment from 1990-01-01 to 2199-12-31"),
        ((timezone.localtime() + dt.timedelta(days=365)).strftime("%Y-%m-%dT%H:%M"), "already"),
    ]:
        from django.core.files.uploadedfile import SimpleUploadedFile

        from .factories import PDF

        response = client.post(
            url,
            {
                "kind": EvidenceFile.Kind.choices[0][0],
                "captured_at": moment,
                "file": SimpleUploadedFile("p.pdf", PDF, content_type="application/pdf"),
            },
            follow=True,
        )
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not EvidenceFile.objects.filter(complaint=complaint).exists()
    assert client.get(complaint.get_absolute_url()).status_code == 200
    assert integrity.impossible_rows() == []
