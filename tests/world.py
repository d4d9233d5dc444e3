"""One record of every kind, for tests that walk every page."""

import datetime as dt
from dataclasses import dataclass

from django.core.files.base import ContentFile

from clients.models import (
    Client,
    DocumentRequest,
    IdentityDocument,
    Membership,
    PowerOfAttorney,
    RequestUpload,
)
from enforcement.models import (
    IPR,
    ApiToken,
    CalendarFeed,
    CalendarOverride,
    Complaint,
    CopyrightClaimStatement,
    CounterNotice,
    CounterNoticeEvidence,
    Deadline,
    DetectionSource,
    HolidayCalendar,
    IPRChange,
    IPRDocument,
    IPRVerification,
    Listing,
    OfficialNotice,
    Platform,
    PlatformAccount,
    ReasonCode,
    ReasonTemplate,
    Seller,
    SellerNetwork,
    WindowRule,
)

from .factories import (
    PDF,
    ClaimStatementFactory,
    ComplaintFactory,
    IdentityDocumentFactory,
    IPRDocumentFactory,
    IPRFactory,
    IPRVerificationFactory,
    MembershipFactory,
    PlatformAccountFactory,
    PowerOfAttorneyFactory,
    UserFactory,
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
    official_notice: OfficialNotice
    counter_notice: CounterNotice
    reason_template: ReasonTemplate
    seller_network: SellerNetwork
    detection_source: DetectionSource
    filed: Complaint
    document_request: DocumentRequest
    request_upload: RequestUpload
    evidence: object
    ipr_change: IPRChange
    seller_evidence: object
    api_token: ApiToken
    calendar_feed: CalendarFeed


def build_world(client: Client) -> World:
    from enforcement.services.deadlines import sync_expiry
    from enforcement.services.summaries import rebuild_summary

    ipr = IPRFactory(client=client)
    poa = PowerOfAttorneyFactory(client=client)
    calendar = HolidayCalendar.objects.get(code="CN")
    statement = ClaimStatementFactory(ipr__client=client)
    world = World(
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
        official_notice=OfficialNotice.objects.get_or_create(
            calendar=calendar,
            year=2090,
            defaults={
                "title": "Notice on the 2090 holidays",
                "holidays_text": "New Year's Day: 2090-01-02",
                "entered_by": UserFactory(role="firm_admin"),
            },
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
        detection_source=DetectionSource.objects.get_or_create(name="WatchCo")[0],
        filed=_filed(client),
        document_request=(request := DocumentRequest.objects.create(
            client=client, title=f"Signed POA for {client.legal_name}", due_on=dt.date(2027, 1, 31)
        )),
        request_upload=RequestUpload.objects.create(
            request=request, file=ContentFile(PDF, name="signed.pdf"), note="signed copy",
            sha256="0" * 64,
        ),
        evidence=_evidence(complaint),
        ipr_change=IPRChange.objects.create(
            ipr=ipr, kind=IPRChange.Kind.choices[0][0], effective_on=dt.date(2025, 1, 1),
            description="Renewed", proof=ContentFile(PDF, name="renewal.pdf"),
        ),
        seller_evidence=CounterNoticeEvidence.objects.create(
            notice=CounterNotice.objects.filter(client=client).first(),
            file=ContentFile(PDF, name="seller.pdf"), description="Seller's licence",
            sha256="1" * 64,
        ),
        api_token=ApiToken.objects.create(
            user=(person := Membership.objects.filter(client=client).first().user),
            name=f"Token of {person}", prefix="edk_x", key_hash=f"{client.pk:064d}",
        ),
        calendar_feed=CalendarFeed.objects.create(
            user=UserFactory(role="attorney"), client=client, key_hash=f"{client.pk:063d}f",
        ),
    )  # fmt: skip
    rebuild_summary()  # the rows above are written directly: count them as the services do
    return world


def _evidence(complaint):
    from django.utils import timezone

    from enforcement.models import EvidenceFile

    return EvidenceFile.objects.create(
        complaint=complaint, kind=EvidenceFile.Kind.choices[0][0], description="Test purchase",
        file=ContentFile(PDF, name="purchase.pdf"), sha256="2" * 64, captured_at=timezone.now(),
        uploaded_by=UserFactory(role="paralegal"),
    )  # fmt: skip


def _filed(client: Client) -> Complaint:
    """A submitted complaint, as the portal shows them (drafts are the firm's own)."""
    from django.utils import timezone

    complaint = ComplaintFactory(client=client, internal_notes=f"Internal: {client.legal_name}")
    Complaint.objects.filter(pk=complaint.pk).update(
        state="submitted", submitted_at=timezone.now(), platform_reference=f"REF-{client.pk}"
    )
    complaint.refresh_from_db()
    return complaint
