"""Build a believable demo firm: users for every role, clients, papers, POAs, rights."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.util import random_hex

from clients import two_factor
from clients.models import (
    Client,
    DocumentRequest,
    IdentityDocument,
    Membership,
    PowerOfAttorney,
    User,
)
from clients.roles import Role
from clients.scoping import unscoped
from enforcement.models import (
    IPR,
    CopyrightClaimStatement,
    EvidenceFile,
    IPRChange,
    IPRDocument,
    IPRVerification,
    Platform,
    PlatformAccount,
    PlatformGroup,
    ReasonCode,
    Seller,
)
from enforcement.services import (
    add_evidence,
    add_ipr_document,
    preview_links,
    record_link_outcomes,
    reminders,
    save_links,
    submit_complaint,
)
from enforcement.services.counter_notices import record_counter_notice
from enforcement.services.deadlines import (
    on_verification_changed,
    sync_all_expiries,
)

DEFAULT_PASSWORD = "demo-pass-2026"  # noqa: S105 (demo data only, printed on purpose)
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

USERS = [
    # username, first, last, role, time zone
    ("paralegal", "Li", "Wei", Role.PARALEGAL, "Asia/Shanghai"),
    ("attorney", "Grace", "Chen", Role.ATTORNEY, "America/Los_Angeles"),
    ("attorney2", "Daniel", "Tan", Role.ATTORNEY, "Asia/Singapore"),
    ("admin", "Morgan", "Lee", Role.FIRM_ADMIN, "Asia/Shanghai"),
    ("client", "Jane", "Miller", Role.CLIENT, "America/Denver"),
]


def pdf(name: str) -> ContentFile:
    return ContentFile(PDF, name=name)


# The demo's fixed dates (registrations, verifications) tell a story as of this day; they
# are moved by however long ago that was, so the demo firm looks the same on any day.
STORY_DAY = dt.date(2026, 11, 23)


class Command(BaseCommand):
    help = _("Create demo users, clients and case files (only into an empty database).")

    def add_arguments(self, parser):
        parser.add_argument("--password", default=DEFAULT_PASSWORD)
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=_("Do nothing (and succeed) when the database already has users or clients."),
        )

    @unscoped("the demo seed writes the whole firm")
    def handle(self, *args, password: str, if_empty: bool, **options):
        if User.objects.exists() or Client.objects.exists():
            if if_empty:
                self.stdout.write(_("Demo data already present; nothing to do."))
                return
            raise CommandError(
                _("The database already has data; seed_demo only fills an empty database.")
            )
        with transaction.atomic():
            users = self.create_users(password)
            self.create_case_files(users)
            # Expiry deadlines of every POA and right, then the reminders already due,
            # so the demo opens with deadlines and notifications in place.
            sync_all_expiries()
        reminders.sweep(hand_to_workers=False)
        self.report(password)

    def create_users(self, password: str) -> dict[str, User]:
        users = {}
        for username, first, last, role, zone in USERS:
            user = User(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@demo-firm.example",
                role=role,
                time_zone=zone,
                is_staff=role == Role.FIRM_ADMIN,
                is_superuser=role == Role.FIRM_ADMIN,
            )
            user.set_password(password)
            user.save()
            if two_factor.is_staff_user(user):
                # Enrolled with a random key: `manage.py demo_code USER` prints its code.
                two_factor.demo_device(user, random_hex(20))
            users[username] = user
        return users

    def create_case_files(self, users: dict[str, User]) -> None:
        today = timezone.localdate()
        day = dt.timedelta(days=1)

        def on(year: int, month: int, day_: int) -> dt.date:
            """A date of the demo's story, told as of STORY_DAY, moved to today."""
            return dt.date(year, month, day_) + (today - STORY_DAY)

        by = users["paralegal"]
        grace, daniel = users["attorney"], users["attorney2"]

        def save(obj):
            obj._history_user = by
            obj.save()
            return obj

        brightstar = save(Client(
            kind="enterprise", legal_name="Shenzhen Brightstar Technology Co., Ltd.",
            chinese_name="深圳明星科技有限公司", country="CN",
            registration_number="91440300MA5DXXXX7K",
            address="18F, Tower B, Nanshan Science Park, Shenzhen, Guangdong 518057",
            contact_name="Zhang Min", contact_email="legal@brightstar.example",
            contact_phone="+86 755 8888 0000", supervising_attorney=daniel,
        ))  # fmt: skip
        summit = save(Client(
            kind="enterprise", legal_name="Summit Ridge Outdoor Gear, Inc.", country="US",
            registration_number="DE-7712345", address="1200 Alpine Way, Boulder, CO 80301",
            contact_name="Jane Miller", contact_email="brand@summitridge.example",
            supervising_attorney=grace,
        ))  # fmt: skip
        maison = save(Client(
            kind="enterprise", legal_name="Maison Lefèvre SA", chinese_name="勒费夫尔之家",
            country="FR", registration_number="RCS Paris 552 120 222",
            address="24 rue du Faubourg Saint-Honoré, 75008 Paris",
            contact_name="Camille Roux", contact_email="ip@maisonlefevre.example",
            supervising_attorney=grace,
        ))  # fmt: skip
        lionpaw = save(Client(
            kind="enterprise", legal_name="Lionpaw Toys Pte. Ltd.", country="SG",
            registration_number="201912345K", address="10 Anson Road, #20-01, Singapore 079903",
            contact_name="Tan Wei Ling", contact_email="legal@lionpaw.example",
            supervising_attorney=daniel,
        ))  # fmt: skip
        artist = save(Client(
            kind="individual", legal_name="Eleanor Hart", country="GB",
            address="12 Harbour Street, Whitstable CT5 1AQ", contact_email="eleanor@hart.example",
            supervising_attorney=grace,
        ))  # fmt: skip

        for client, kind, number, translated in [
            (brightstar, "business_licence", "91440300MA5DXXXX7K", False),
            (summit, "incorporation", "DE-7712345", True),
            (maison, "incorporation", "552 120 222", True),
            (lionpaw, "incorporation", "201912345K", False),
            (artist, "passport", "533112345", True),
        ]:
            save(IdentityDocument(
                client=client, kind=kind, number=number, issuing_country=client.country,
                file=pdf(f"{kind}.pdf"),
                translation_file=pdf("translation.pdf") if translated else "",
                issued_on=on(2019, 4, 1),
                expires_on=on(2029, 4, 1) if kind == "passport" else None,
            ))  # fmt: skip

        alibaba = {p.code: p for p in Platform.objects.filter(group__code="alibaba")}
        ali_all = list(alibaba.values())

        def poa(client, start, end, *, signed=True, platforms=ali_all, **extra):
            obj = save(PowerOfAttorney(
                client=client, agent_name="EnforceDesk Demo Law Firm", valid_from=start,
                valid_to=end, signed_on=start if signed else None,
                signed_file=pdf("poa-signed.pdf") if signed else "",
                translation_file=pdf("poa-zh.pdf"),
                **{"notarised": signed, "legalised": signed, **extra},
            ))  # fmt: skip
            obj.platforms.set(platforms)
            return obj

        poa(brightstar, today - 200 * day, today + 530 * day, notarised=False)
        poa(summit, today - 340 * day, today + 20 * day)  # expiring soon
        poa(summit, today + 15 * day, today + 745 * day, signed=False)  # renewal draft
        poa(maison, today - 400 * day, today + 330 * day)
        poa(maison, today - 800 * day, today - 401 * day)  # expired
        poa(
            lionpaw, today - 90 * day, today + 640 * day,
            platforms=list(Platform.objects.filter(code__in=["lazada_sg", "lazada_my"])),
        )  # fmt: skip
        poa(lionpaw, today - 300 * day, today + 60 * day, revoked_at=today - 95 * day,
            revocation_reason="Replaced by the POA covering Lazada.")  # fmt: skip

        def right(client, kind, title, number, jurisdiction, status="registered", **extra):
            return save(IPR(
                client=client, kind=kind, title=title, registration_number=number,
                jurisdiction=jurisdiction, owner_name=client.legal_name, status=status, **extra,
            ))  # fmt: skip

        bs_tm = right(brightstar, "trademark", "BRIGHTSTAR 明星", "38123456", "CN",
                      effective_from=on(2020, 3, 7), effective_to=on(2030, 3, 6),
                      trademark_classes=[9, 35], brand="Brightstar")  # fmt: skip
        right(brightstar, "trademark", "STARPOD", "", "CN", status="pending",
                           trademark_classes=[9], brand="Brightstar")  # fmt: skip
        bs_design = right(brightstar, "patent", "Wireless earbud charging case (design)",
                          "ZL202230123456.7", "CN", effective_from=on(2022, 8, 2),
                          effective_to=on(2037, 8, 1))  # fmt: skip
        bs_utility = right(brightstar, "patent", "Magnetic hinge for charging case",
                           "ZL202120654321.0", "CN", effective_from=on(2021, 11, 5),
                           effective_to=on(2031, 11, 4))  # fmt: skip
        sr_cn = right(summit, "trademark", "SUMMIT RIDGE", "41234567", "CN",
                      effective_from=on(2021, 1, 14), effective_to=on(2031, 1, 13),
                      trademark_classes=[18, 25], brand="Summit Ridge")  # fmt: skip
        sr_us = right(summit, "trademark", "SUMMIT RIDGE", "5123456", "US",
                      effective_from=on(2017, 2, 21), effective_to=on(2027, 2, 21),
                      trademark_classes=[18, 25], brand="Summit Ridge")  # fmt: skip
        ml_eu = right(maison, "trademark", "LEFÈVRE", "018234567", "EU",
                      effective_from=on(2020, 5, 4), effective_to=on(2030, 5, 4),
                      trademark_classes=[3, 14, 18, 25], brand="Maison Lefèvre")  # fmt: skip
        ml_hk = right(maison, "trademark", "LEFÈVRE", "306123456", "HK",
                      effective_from=on(2019, 9, 9), effective_to=on(2029, 9, 8),
                      trademark_classes=[18, 25], brand="Maison Lefèvre")  # fmt: skip
        ml_cn = right(maison, "trademark", "勒费夫尔 LEFEVRE", "29876543", "CN",
                      effective_from=on(2016, 6, 28), effective_to=on(2026, 6, 27),
                      trademark_classes=[18], brand="Maison Lefèvre")  # fmt: skip
        ml_copyright = right(
            maison, "copyright", "Monogram canvas pattern", "国作登字-2021-F-00123456", "CN"
        )
        lp_sg = right(lionpaw, "trademark", "LIONPAW", "40201912345S", "SG",
                      effective_from=on(2019, 7, 1), effective_to=on(2029, 7, 1),
                      trademark_classes=[28], brand="Lionpaw")  # fmt: skip
        lp_judgment = right(lionpaw, "other", "Judgment: Lionpaw v. Happy Cub (unfair competition)",
                            "(2024) 粤0305民初12345号", "CN")  # fmt: skip
        eh_photo = right(artist, "copyright", "Dawn at Whitstable (photograph)", "", "GB",
                         status="unregistered")  # fmt: skip
        eh_print = right(artist, "copyright", "Harbour Gulls (illustration)", "", "GB",
                         status="unregistered")  # fmt: skip

        save(CopyrightClaimStatement(
            ipr=eh_photo, attests_unauthorised_use=True, owner_name="Eleanor Hart",
            creator_name="Eleanor Hart", created_on=on(2021, 5, 3),
            created_at_time=dt.time(5, 42), creation_place="Whitstable, Kent, United Kingdom",
            creation_method="Photographing (Nikon Z7, RAW)", first_published_on=on(2021, 6, 1),
            first_publication_url="https://eleanorhart.example/portfolio/dawn-at-whitstable",
            description="Sunrise over the harbour in blue and amber, a red buoy in the lower "
            "third, a wooden groyne leading from the left edge.",
        ))  # fmt: skip
        save(
            CopyrightClaimStatement(
                ipr=eh_print,
                attests_unauthorised_use=True,
                owner_name="Eleanor Hart",
                creator_name="Tom Hart",
                creation_method="Drawing (ink and watercolour)",
                description="Three gulls over a harbour wall in ink and watercolour.",
            )
        )  # fmt: skip  (incomplete: no assignment, dates or publication evidence)

        for ipr, kind in [(bs_design, "patent_certificate"), (bs_design, "evaluation_report"),
                          (bs_utility, "patent_certificate"), (bs_tm, "registration_certificate"),
                          (ml_copyright, "registration_certificate"),
                          (lp_judgment, "court_judgment")]:  # fmt: skip
            add_ipr_document(IPRDocument(ipr=ipr, kind=kind, file=pdf(f"{kind}.pdf")), by=by)
        save(IPRChange(
            ipr=ml_cn, kind="renewal", effective_on=on(2016, 6, 28),
            description="Renewed for ten years by CNIPA notice.", proof=pdf("renewal.pdf"),
        ))  # fmt: skip

        group = {g.code: g for g in PlatformGroup.objects.all()}
        firm_ipp = save(PlatformAccount(
            group=group["alibaba"], registrant_category="agent", identity="enterprise",
            registrant_name="EnforceDesk Demo Law Firm", login_email="ipp@demo-firm.example",
            verification_status="verified", verification_submitted_on=on(2023, 2, 1),
            verified_on=on(2023, 2, 3), good_faith_member=True,
            good_faith_since=on(2024, 1, 15),
        ))  # fmt: skip
        brightstar_ipp = save(PlatformAccount(
            group=group["alibaba"], client=brightstar, registrant_category="right_holder",
            identity="enterprise", registrant_name=brightstar.legal_name,
            login_email="ipp@brightstar.example", verification_status="verified",
            verification_submitted_on=on(2022, 9, 1), verified_on=on(2022, 9, 5),
        ))  # fmt: skip
        lazada = save(PlatformAccount(
            group=group["lazada"], registrant_category="agent", identity="enterprise",
            registrant_name="EnforceDesk Demo Law Firm", login_email="lazada@demo-firm.example",
            verification_status="submitted", verification_submitted_on=today - 2 * day,
        ))  # fmt: skip
        save(PlatformAccount(
            group=group["alibaba"], client=artist, registrant_category="right_holder",
            identity="individual", registrant_name="Eleanor Hart",
            login_email="eleanor.ipp@hart.example", verification_status="failed",
            verification_submitted_on=today - 20 * day,
            verification_failure_reason="Passport scan unreadable; upload a colour scan.",
        ))  # fmt: skip

        def verification(ipr, account, status, submitted, decided=None, reason=""):
            saved = save(IPRVerification(
                ipr=ipr, account=account, status=status, submitted_on=submitted,
                decided_on=decided, failure_reason=reason,
            ))  # fmt: skip
            on_verification_changed(saved, by=by)
            return saved

        verification(bs_tm, brightstar_ipp, "verified", on(2022, 9, 6), on(2022, 9, 8))
        verification(bs_design, brightstar_ipp, "verified", on(2023, 1, 9),
                     on(2023, 1, 12))  # fmt: skip
        verification(sr_cn, firm_ipp, "verified", on(2024, 3, 1), on(2024, 3, 4))
        verification(sr_us, firm_ipp, "submitted", today - 1 * day)
        verification(ml_hk, firm_ipp, "failed", today - 10 * day, today - 7 * day,
                     "Registrant name on the certificate differs from the owner on file; "
                     "upload the recordal of the name change.")  # fmt: skip
        verification(ml_eu, firm_ipp, "resubmitted", today - 3 * day)
        verification(eh_photo, firm_ipp, "verified", on(2024, 6, 3), on(2024, 6, 6))
        verification(lp_sg, lazada, "submitted", today - 2 * day)

        client_user = users["client"]
        Membership.objects.create(user=client_user, client=summit)
        DocumentRequest.objects.create(
            client=summit, title="Signed renewal of the power of attorney",
            details="The current POA ends soon. Please sign the attached renewal and upload "
            "a scan; the notarised original can follow by courier.",
            due_on=today + 14 * day, requested_by=by,
        )  # fmt: skip

        self.create_complaints(by, summit, sr_cn, firm_ipp, brightstar, bs_design, brightstar_ipp,
                               artist, eh_photo)  # fmt: skip

    def create_complaints(self, by, summit, sr_cn, firm_ipp, brightstar, bs_design,
                          brightstar_ipp, artist, eh_photo):  # fmt: skip
        """One filed complaint with outcomes, one ready draft, one draft that cannot be filed."""
        platforms = {p.code: p for p in Platform.objects.all()}
        reasons = {r.code: r for r in ReasonCode.objects.all()}

        def paste(client, platform, account, ipr, reason, lines, note):
            preview = preview_links(lines, platform=platforms[platform], target_kind="listing")
            return save_links(
                preview, client=client, account=account, ipr=ipr, reason_code=reasons[reason],
                supplementary_reasons=note, by=by,
            )[0]  # fmt: skip

        filed = paste(
            summit, "taobao", firm_ipp, sr_cn, "tm-counterfeit",
            [f"https://item.taobao.com/item.htm?spm=a1z10&id={712345678900 + n}" for n in range(5)]
            + ["https://s.taobao.com/search?q=summit+ridge"],
            "Counterfeit SUMMIT RIDGE backpacks: the mark is on the goods; test purchase "
            "shows wrong stitching and a fake hologram tag.",
        )  # fmt: skip
        links = list(filed.links.order_by("position"))
        # The first three listings come from one store, seen on their pages.
        store = Seller.objects.create(
            platform=platforms["taobao"], seller_id="2208765432101", name="Summit Outlet Store",
            url="https://shop2208765432101.taobao.com/",
        )  # fmt: skip
        for link in links[:3]:
            link.listing.seller = store
            link.listing.save(update_fields=["seller"])
        add_evidence(
            EvidenceFile(
                complaint=filed, kind=EvidenceFile.Kind.TEST_PURCHASE,
                file=pdf("test-purchase-photos.pdf"),
                captured_at=timezone.now() - dt.timedelta(days=6),
                description="Test purchase of 15 Nov: photos 1-6, hologram tag and stitching",
            ),
            by=by,
        )  # fmt: skip
        submitted_at = timezone.now() - dt.timedelta(days=4)
        submit_complaint(filed, reference="IPP-TB-20261118-0042", submitted_at=submitted_at, by=by)
        decided = timezone.now() - dt.timedelta(days=2)
        record_link_outcomes(links[:3], outcome="removed", at=decided, by=by)
        record_link_outcomes(
            links[3:4], outcome="rejected", at=decided, by=by,
            reason="Insufficient evidence that the goods bear the mark.",
        )  # fmt: skip
        # The seller of the third link counter-notified last night: the attorney's window.
        record_counter_notice(
            complaint=filed, links=links[2:3], received_at=timezone.now() - dt.timedelta(hours=10),
            by=by, platform_reference="CN-20261122-0917", claim_kind="trademark",
            claim_number="41299888", claim_owner="Yiwu Summit Trading Co.", claim_jurisdiction="CN",
            seller_statement="We registered SUMMIT PEAK in class 18; our goods do not use "
            "SUMMIT RIDGE.", draft_answer="The bag carries SUMMIT RIDGE on the front panel "
            "(photo 3 of the test purchase); the seller's mark is not what is on the goods.",
            evidence=[(pdf("summit-peak-registration.pdf"),
                       "The seller's registration certificate for SUMMIT PEAK")],
        )  # fmt: skip

        paste(
            brightstar, "tmall", brightstar_ipp, bs_design, "pt-design",
            [f"https://detail.tmall.com/item.htm?id={723456789000 + n}" for n in range(3)],
            "Charging case copies the registered design: compare views 1-4 of the certificate.",
        )  # fmt: skip
        paste(
            artist, "aliexpress", firm_ipp, eh_photo, "cr-image-theft",
            ["https://www.aliexpress.com/item/1005006123456789.html",
             "https://fr.aliexpress.com/item/1005006123456790.html?spm=x"],
            "Listings use the photograph 'Dawn at Whitstable' as the product picture.",
        )  # fmt: skip

    def report(self, password: str) -> None:
        out = self.stdout
        out.write(self.style.SUCCESS(_("Demo firm created.")))
        out.write(
            _("%(clients)d clients, %(poas)d powers of attorney, %(iprs)d IP rights, "
              "%(verifications)d verifications.")
            % {
                "clients": Client.objects.count(),
                "poas": PowerOfAttorney.objects.count(),
                "iprs": IPR.objects.count(),
                "verifications": IPRVerification.objects.count(),
            }
        )  # fmt: skip
        out.write("")
        out.write(_("Demo logins (password for all: %(password)s)") % {"password": password})
        for username, first, last, role, _zone in USERS:
            out.write(f"  {username:<11} {Role(role).label:<12} {first} {last}")
        out.write("")
        out.write(
            _("Staff sign in with a second factor: after the password, type the code that "
              "`.venv/bin/python manage.py demo_code paralegal` prints (or attorney, admin). "
              "The client user needs none.")
        )  # fmt: skip
