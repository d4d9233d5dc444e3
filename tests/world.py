"""One record of every kind, for tests that walk every page."""

from dataclasses import dataclass

from clients.models import Client, IdentityDocument, Membership, PowerOfAttorney
from enforcement.models import (
    IPR,
    Complaint,
    CopyrightClaimStatement,
    IPRDocument,
    IPRVerification,
    Listing,
    Platform,
    PlatformAccount,
    ReasonCode,
    Seller,
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


def build_world(client: Client) -> World:
    ipr = IPRFactory(client=client)
    statement = ClaimStatementFactory(ipr__client=client)
    return World(
        client=client,
        document=IdentityDocumentFactory(client=client),
        poa=PowerOfAttorneyFactory(client=client),
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
    )
