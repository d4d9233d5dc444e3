"""Factories that build valid records by default; a test states only what matters to it."""

import datetime as dt

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from clients.models import Client, IdentityDocument, Membership, PowerOfAttorney, User
from clients.roles import Role
from enforcement.models import (
    IPR,
    Complaint,
    ComplaintLink,
    CopyrightClaimStatement,
    IPRDocument,
    IPRVerification,
    Listing,
    Platform,
    PlatformAccount,
    PlatformGroup,
    ReasonCode,
)


def days_ago(days: int):
    """A date relative to the moment the test runs (moved with ENFORCEDESK_TEST_CLOCK)."""
    return factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=days))


def days_ahead(days: int):
    return factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=days))


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# The 8-byte signature and an IHDR chunk: enough for a detector to call it a PNG.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
PASSWORD = "correct-horse-battery"


def pdf(name="document.pdf"):
    return ContentFile(PDF, name=name)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    role = Role.PARALEGAL
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    kind = Client.Kind.ENTERPRISE
    legal_name = factory.Sequence(lambda n: f"Brand Holdings {n} Ltd")
    country = "US"
    registration_number = factory.Sequence(lambda n: f"REG-{n:06d}")


class IdentityDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IdentityDocument

    client = factory.SubFactory(ClientFactory)
    kind = IdentityDocument.Kind.CERTIFICATE_OF_INCORPORATION
    number = factory.Sequence(lambda n: f"C{n:07d}")
    file = factory.LazyFunction(pdf)
    issued_on = days_ago(5 * 365)


def platform(code: str) -> Platform:
    return Platform.objects.get(code=code)


class PlatformGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlatformGroup
        django_get_or_create = ("code",)

    code = "alibaba"
    name = "Alibaba IP Protection Platform (IPP)"


class PlatformAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlatformAccount

    group = factory.LazyFunction(lambda: PlatformGroup.objects.get(code="alibaba"))
    client = None
    registrant_category = PlatformAccount.Registrant.AUTHORISED_AGENT
    identity = PlatformAccount.Identity.ENTERPRISE
    registrant_name = "Demo Law Firm"
    login_email = factory.Sequence(lambda n: f"ipp{n}@firm.example")
    verification_status = "verified"
    verified_on = days_ago(300)


class IPRFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IPR

    client = factory.SubFactory(ClientFactory)
    kind = IPR.Kind.TRADEMARK
    title = factory.Sequence(lambda n: f"MARK{n}")
    registration_number = factory.Sequence(lambda n: f"{30000000 + n}")
    jurisdiction = "CN"
    owner_name = factory.LazyAttribute(lambda o: o.client.legal_name)
    status = IPR.Status.REGISTERED
    effective_from = days_ago(5 * 365)
    effective_to = days_ahead(5 * 365)
    trademark_classes = factory.LazyAttribute(lambda o: [9, 25] if o.kind == "trademark" else [])


class IPRDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IPRDocument

    ipr = factory.SubFactory(IPRFactory)
    kind = IPRDocument.Kind.REGISTRATION_CERTIFICATE
    file = factory.LazyFunction(pdf)


class ClaimStatementFactory(factory.django.DjangoModelFactory):
    """A complete statement: all eight items present."""

    class Meta:
        model = CopyrightClaimStatement

    ipr = factory.SubFactory(
        IPRFactory, kind=IPR.Kind.COPYRIGHT, status=IPR.Status.UNREGISTERED, registration_number=""
    )
    attests_unauthorised_use = True
    owner_name = "Jane Artist"
    creator_name = "Jane Artist"
    created_on = days_ago(4 * 365)
    created_at_time = dt.time(14, 30)
    creation_place = "London"
    creation_method = "Photographing"
    first_published_on = days_ago(4 * 365 - 30)
    first_publication_url = "https://janeartist.example/portfolio/dawn"
    description = "A dawn seascape in blue tones with a red buoy in the lower third."


class PowerOfAttorneyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PowerOfAttorney
        skip_postgeneration_save = True

    client = factory.SubFactory(ClientFactory)
    agent_name = "Demo Law Firm"
    covers_all_rights = True
    valid_from = days_ago(100)
    valid_to = days_ahead(365)
    signed_on = days_ago(100)
    signed_file = factory.LazyFunction(lambda: pdf("poa.pdf"))

    @factory.post_generation
    def platforms(obj, create, extracted, **kwargs):
        if create:
            obj.platforms.set(extracted or Platform.objects.filter(code__in=["taobao", "tmall"]))


class IPRVerificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IPRVerification

    ipr = factory.SubFactory(IPRFactory)
    account = factory.SubFactory(PlatformAccountFactory)
    status = "submitted"
    submitted_on = days_ago(270)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory, role=Role.CLIENT)
    client = factory.SubFactory(ClientFactory)


class ListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Listing

    platform = factory.LazyFunction(lambda: Platform.objects.get(code="taobao"))
    kind = "listing"
    canonical_id = factory.Sequence(lambda n: str(600000000000 + n))
    canonical_url = factory.LazyAttribute(
        lambda o: f"https://item.taobao.com/item.htm?id={o.canonical_id}"
    )


class ComplaintFactory(factory.django.DjangoModelFactory):
    """A draft that passes every eligibility rule (agent account, POA, verified right)."""

    class Meta:
        model = Complaint
        skip_postgeneration_save = True

    client = factory.SubFactory(ClientFactory)
    platform = factory.LazyFunction(lambda: Platform.objects.get(code="taobao"))
    account = factory.SubFactory(PlatformAccountFactory)
    ipr = factory.SubFactory(IPRFactory, client=factory.SelfAttribute("..client"))
    target_kind = "listing"
    reason_code = factory.LazyFunction(lambda: ReasonCode.objects.get(code="tm-counterfeit"))
    supplementary_reasons = "Counterfeit sneakers; test purchase attached."

    @factory.post_generation
    def eligible(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        IPRVerificationFactory(
            ipr=obj.ipr, account=obj.account, status="verified",
            submitted_on=timezone.localdate() - dt.timedelta(days=300),
            decided_on=timezone.localdate() - dt.timedelta(days=296),
        )  # fmt: skip
        PowerOfAttorneyFactory(client=obj.client)

    @factory.post_generation
    def links(obj, create, extracted, **kwargs):
        if not create:
            return
        count = 3 if extracted is None else extracted
        for position in range(1, count + 1):
            ComplaintLink.objects.create(
                complaint=obj, listing=ListingFactory(platform=obj.platform), position=position
            )
