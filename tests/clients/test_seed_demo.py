import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from clients.authority import PoaStatus
from clients.models import Client, PowerOfAttorney, User
from enforcement.models import IPR, CounterNotice, IPRDocument, IPRVerification


def seed(*args):
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_demo_firm_has_every_role_status_and_kind():
    output = seed()
    for username, role in [("paralegal", "paralegal"), ("attorney", "attorney"),
                           ("admin", "firm_admin"), ("client", "client")]:  # fmt: skip
        assert username in output
        user = authenticate(username=username, password="demo-pass-2026")
        assert user is not None and user.role == role
    assert User.objects.get(username="admin").is_superuser
    assert {"CN", "US", "FR", "SG"} <= set(Client.objects.values_list("country", flat=True))
    statuses = {poa.status for poa in PowerOfAttorney.objects.all()}
    assert statuses >= {PoaStatus.DRAFT, PoaStatus.ACTIVE, PoaStatus.EXPIRING,
                        PoaStatus.EXPIRED, PoaStatus.REVOKED}  # fmt: skip
    assert set(IPR.objects.values_list("kind", flat=True)) == {
        "trademark",
        "copyright",
        "patent",
        "other",
    }
    assert IPR.objects.filter(kind="trademark", status="pending").exists()
    assert set(IPRVerification.objects.values_list("status", flat=True)) == {
        "submitted",
        "verified",
        "failed",
        "resubmitted",
    }
    assert all(len(d.sha256) == 64 for d in IPRDocument.objects.all())
    assert User.objects.get(username="client").memberships.count() == 1
    (notice,) = CounterNotice.objects.all()  # the attorney's window, with both sides' evidence
    assert notice.status == "awaiting_review" and notice.response_due_at is not None
    assert notice.seller.name == "Summit Outlet Store"  # inferred from the links' listings
    assert notice.evidence.count() == 1 and notice.complaint.evidence.count() == 1


@pytest.mark.django_db
def test_seed_only_fills_an_empty_database():
    seed()
    counts = (Client.objects.count(), IPR.objects.count())
    assert "already present" in seed("--if-empty")
    assert (Client.objects.count(), IPR.objects.count()) == counts
    with pytest.raises(CommandError, match="already has data"):
        seed()
