import datetime as dt

import pytest

from clients.authority import PoaStatus, poa_status
from tests.factories import IPRFactory, PowerOfAttorneyFactory, platform

TODAY = dt.date(2026, 6, 15)


@pytest.mark.parametrize(
    ("signed", "revoked", "start", "end", "expected"),
    [
        (False, False, dt.date(2026, 1, 1), dt.date(2027, 1, 1), PoaStatus.DRAFT),
        (True, False, dt.date(2026, 7, 1), dt.date(2027, 1, 1), PoaStatus.SCHEDULED),
        (True, False, dt.date(2026, 1, 1), dt.date(2027, 1, 1), PoaStatus.ACTIVE),
        (True, False, dt.date(2026, 1, 1), dt.date(2026, 7, 15), PoaStatus.EXPIRING),
        (True, False, dt.date(2026, 1, 1), TODAY, PoaStatus.EXPIRING),
        (True, False, dt.date(2025, 1, 1), dt.date(2026, 6, 14), PoaStatus.EXPIRED),
        (True, True, dt.date(2026, 1, 1), dt.date(2027, 1, 1), PoaStatus.REVOKED),
        (False, True, dt.date(2026, 1, 1), dt.date(2027, 1, 1), PoaStatus.REVOKED),
        (True, False, dt.date(2026, 1, 1), dt.date(2026, 7, 16), PoaStatus.ACTIVE),
    ],
)
def test_poa_status(signed, revoked, start, end, expected):
    status = poa_status(
        signed=signed, revoked=revoked, valid_from=start, valid_to=end, today=TODAY,
        expiring_days=30,
    )  # fmt: skip
    assert status == expected


@pytest.mark.django_db
@pytest.mark.parametrize("status", list(PoaStatus))
def test_status_filter_in_the_database_agrees_with_the_rule(status, settings, today):
    from clients.models import PowerOfAttorney

    day = dt.timedelta(days=1)
    PowerOfAttorneyFactory(signed_file="")  # draft
    PowerOfAttorneyFactory(valid_from=today + 5 * day)  # scheduled
    PowerOfAttorneyFactory()  # active
    PowerOfAttorneyFactory(valid_to=today + 3 * day)  # expiring
    PowerOfAttorneyFactory(valid_from=today - 400 * day, valid_to=today - day)  # expired
    PowerOfAttorneyFactory(revoked_at=today, revocation_reason="Client changed firms")
    matched = PowerOfAttorney.objects.with_status(status, today, settings.EXPIRING_SOON_DAYS)
    assert [p.status_on(today) for p in matched] == [status]


@pytest.mark.django_db
def test_poa_covers_only_its_rights_platforms_and_dates(today):
    poa = PowerOfAttorneyFactory(covers_all_rights=False)
    chosen = IPRFactory(client=poa.client)
    other = IPRFactory(client=poa.client)
    poa.rights.set([chosen])
    assert poa.covers(chosen, platform("taobao"), on=today)
    assert not poa.covers(other, platform("taobao"), on=today)
    assert not poa.covers(chosen, platform("aliexpress"), on=today)
    assert not poa.covers(chosen, platform("taobao"), on=poa.valid_to + dt.timedelta(days=1))
    assert not poa.covers(IPRFactory(), platform("taobao"), on=today)  # another client's right
