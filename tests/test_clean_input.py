"""What a person types is checked in one place (``clients.input``) for every form: control
characters are refused, ids must be plain numbers, every length limit is said."""

import datetime as dt
import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.urls import reverse

import clients
import enforcement
from clients.crud import ScopedModelForm
from clients.forms import InviteForm
from clients.input import CleanInputMixin, Form, first_control_character
from clients.models import User
from enforcement.forms import CalculatorForm, DecisionForm, DisputeDecisionForm, SellerForm


def project_forms():
    found = {}
    for package in (clients, enforcement):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if ".migrations" in info.name or ".management" in info.name:
                continue
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                if (
                    inspect.isclass(value)
                    and issubclass(value, forms.BaseForm)
                    and value.__module__ == module.__name__
                ):
                    found[f"{module.__name__}.{name}"] = value
    return found


def test_every_form_of_the_project_checks_its_input_in_one_place():
    found = project_forms()
    assert len(found) > 40
    assert [name for name, form in found.items() if not issubclass(form, CleanInputMixin)] == []
    assert issubclass(ScopedModelForm, CleanInputMixin) and issubclass(Form, CleanInputMixin)


@pytest.mark.parametrize(
    "text, multi_line, found",
    [
        ("plain text", False, None),
        ("a\x00b", False, (2, "\x00")),
        ("\x1b[31m", True, (1, "\x1b")),
        ("tab\there", False, (4, "\t")),
        ("tab\there\nand lines\r\n", True, None),
        ("中文 – ok", False, None),
        ("del\x7f", True, (4, "\x7f")),
        ("c1\x85", True, (3, "\x85")),
    ],
)
def test_control_characters(text, multi_line, found):
    assert first_control_character(text, multi_line=multi_line) == found


@pytest.mark.django_db
def test_a_nul_byte_is_refused_with_where_it_is():
    form = DecisionForm({"decision": "reject", "reasons": "Counter\x00feit", "version": "v"})
    assert not form.is_valid()
    assert "U+0000 (character 8)" in form.errors["reasons"][0]


@pytest.mark.django_db
def test_a_multi_line_field_keeps_its_lines_and_tabs():
    form = DisputeDecisionForm(
        {"outcome": "upheld", "decided_on": dt.date.today().isoformat(), "notes": "a\n\tb"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["notes"] == "a\n\tb"


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["²", "٣", "9" * 40, "1\x00", "-1", "1.0", "abc"])
def test_a_choice_by_id_must_be_a_plain_number(value):
    form = SellerForm({"platform": value, "seller_id": "s1", "name": "n"})
    assert not form.is_valid()
    assert "platform" in form.errors


@pytest.mark.django_db
def test_a_choice_by_code_refuses_a_nul_byte():
    form = CalculatorForm(
        {"jurisdiction": "CN\x00", "start": "2026-03-02T10:00", "number": 3, "unit": "working_days"}
    )
    assert not form.is_valid()
    assert "U+0000" in form.errors["jurisdiction"][0]


@pytest.mark.django_db
def test_every_length_limit_is_shown_and_said_never_cut():
    form = SellerForm()
    field = form.fields["seller_id"]
    limit = field.max_length
    assert f"At most {limit} characters." in str(field.help_text)
    assert f'maxlength="{limit}"' in str(form["seller_id"])
    bound = SellerForm({"platform": "", "seller_id": "x" * (limit + 5), "name": "n"})
    assert not bound.is_valid()
    assert (
        f"at most {limit} characters (it has {limit + 5}); nothing was cut"
        in (bound.errors["seller_id"][0])
    )


def test_the_invitation_e_mail_fits_the_user_name():
    limit = User._meta.get_field("username").max_length
    too_long = "a" * (limit - len("@example.com") + 1) + "@example.com"
    form = InviteForm({"email": too_long})
    assert not form.is_valid()
    assert f"at most {limit} characters" in form.errors["email"][0]
    assert InviteForm({"email": "a" * 20 + "@example.com"}).is_valid()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "month, message",
    [
        ("99999-99", "is not a month"),
        ("2026-13", "There is no month 13"),
        ("0001-01", "The calendar shows the years 1900 to 2199"),
        ("9999-12", "The calendar shows the years 1900 to 2199"),
        ("２０２６-01", "is not a month"),
        ("2026-99999999999999999999", "is not a month"),
    ],
)
def test_the_deadline_calendar_explains_a_month_it_cannot_show(client, paralegal, month, message):
    client.force_login(paralegal)
    response = client.get(reverse("enforcement:deadline_calendar"), {"month": month})
    assert response.status_code == 200
    assert message in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("year", ["99999999999999999999", "0", "²", "10000"])
def test_a_holiday_calendar_page_explains_a_year_it_cannot_show(client, paralegal, year):
    from enforcement.models import HolidayCalendar

    calendar = HolidayCalendar.objects.get(code="CN")
    client.force_login(paralegal)
    response = client.get(calendar.get_absolute_url(), {"year": year})
    assert response.status_code == 200
    assert "Year" in response.content.decode() or "year" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("start", ["0001-01-01T00:00", "9999-12-31T23:59", "2199-12-31T10:00"])
def test_the_calculator_answers_every_moment(client, paralegal, start):
    client.force_login(paralegal)
    response = client.get(
        reverse("enforcement:deadline_calculator"),
        {"jurisdiction": "CN", "start": start, "number": "366", "unit": "calendar_days"},
    )
    assert response.status_code == 200
