"""One record of every kind, for tests that walk every page."""

import datetime as dt
from dataclasses import dataclass

from clients.models import Client, IdentityDocument, Membership, PowerOfAttorney
from enforcement.models import (
    IPR,
    CalendarOverride,
    Complaint,
    CopyrightClaimStatement,
    CounterNotice,
    Deadline,
    HolidayCalendar,
    IPRDocument,
    IPRVerification,
    Listing,
    Platform,
    PlatformAccount,
    ReasonCode,
    ReasonTemplate,
    Seller,
    SellerNetwork,
    WindowRule,
)

from .factories import (
    ClaimStatementFactory,
    ComplaintFactory,
    IdentityDocumentFactory,
    IPRDocumentFactory,
    IPRFactory,
    IPRVerificationFactory,
    MembershipFactory,
    PlatformAccountFactory,
    PowerOfAttorneyFactory,
    platform,
)


@dataclass
class World:
    client: Client
    document: IdentityDocument
    poa: PowerOfAttorney
    membership: Membership
    platform: Platform
    account: PlatformAccount
    ipr: IPR
    ipr_document: IPRDocument
    statement: CopyrightClaimStatement
    verification: IPRVerification
    complaint: Complaint
    listing: Listing
    reason_code: ReasonCode
    seller: Seller
    deadline: Deadline
    window_rule: WindowRule
    calendar: HolidayCalendar
    calendar_override: CalendarOverride
    counter_notice: CounterNotice
    reason_template: ReasonTemplate
    seller_network: SellerNetwork


def build_world(client: Client) -> World:
    from enforcement.services.deadlines import sync_expiry

    ipr = IPRFactory(client=client)
    poa = PowerOfAttorneyFactory(client=client)
    calendar = HolidayCalendar.objects.get(code="CN")
    statement = ClaimStatementFactory(ipr__client=client)
    return World(
        client=client,
        document=IdentityDocumentFactory(client=client),
        poa=poa,
        membership=MembershipFactory(client=client),
        platform=platform("taobao"),
        account=PlatformAccountFactory(client=client, registrant_category="right_holder"),
        ipr=ipr,
        ipr_document=IPRDocumentFactory(ipr=ipr),
        statement=statement,
        verification=IPRVerificationFactory(ipr=ipr),
        complaint=(complaint := ComplaintFactory(client=client)),
        listing=complaint.links.first().listing,
        reason_code=complaint.reason_code,
        seller=Seller.objects.create(platform=platform("taobao"), seller_id=f"s-{client.pk}"),
        deadline=sync_expiry(poa)[0],
        window_rule=WindowRule.objects.get(slot="seller_window", offense="first"),
        calendar=calendar,
        calendar_override=CalendarOverride.objects.get_or_create(
            calendar=calendar,
            date=dt.date(2026, 12, 31),
            defaults={"kind": "holiday", "name": "Firm closure"},
        )[0],
        counter_notice=CounterNotice.objects.create(
            client=client,
            complaint=complaint,
            received_at=dt.datetime(2025, 10, 14, 10, tzinfo=dt.UTC),
            claim_kind="trademark",
            claim_number="TM-SELLER-1",
        ),
        reason_template=ReasonTemplate.objects.get_or_create(
            title="Counterfeit: seller's mark is not ours",
            defaults={"text_en": "The goods are counterfeits of the registered mark."},
        )[0],
        seller_network=SellerNetwork.objects.create(name=f"Network of {client.legal_name}"),
    )
