"""CSV cells starting like a formula are neutralised (OWASP CSV injection)."""

import csv
import io

import pytest
from django.core.management import call_command

from clients.csv_safe import safe_cell, writer


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Taobao", "Taobao"),
        ("https://item.taobao.com/item.htm?id=1", "https://item.taobao.com/item.htm?id=1"),
        ("", ""),
        (-5, -5),
        (None, None),
    ],
)
def test_safe_cell(value, written):
    assert safe_cell(value) == written


def test_the_writer_neutralises_every_cell():
    out = io.StringIO()
    writer(out).writerow(["=1+1", "ok", "@x"])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["'=1+1", "ok", "'@x"]


@pytest.mark.django_db
def test_classify_links_does_not_echo_a_formula(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO('=HYPERLINK("http://evil","x")\n'))
    out = io.StringIO()
    call_command("classify_links", stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[1][0] == '\'=HYPERLINK("http://evil","x")'
