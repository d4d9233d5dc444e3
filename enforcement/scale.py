"""The reference data set of a busy practice, at any fraction of its size.

At fraction 1.0: 2,000 clients, 50,000 IP rights, 100,000 sellers, 2,000,000 listings,
200,000 complaints with 1,970,000 reported links, 100,000 counter-notices and 1,180,000
deadlines (311,000 open), with the skew of a real firm: the top 1 % of clients hold about
30 % of the work, the biggest about 220,000 listings.

Everything is planned in memory first (compact arrays, in chronological order), then
written table by table: PostgreSQL through COPY, SQLite (the test suite) through plain
``executemany``. Records are written as the services would have left them: states move
only along ``lifecycle`` tables, listings carry the status of their latest link, each link
its first or repeat offense, each deadline the due date the calendars give and the moment
its next reminder falls due. History tables are not filled for bulk rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import random
import time
import uuid
import zoneinfo
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import accumulate

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.models import (
    Client,
    DocumentRequest,
    IdentityDocument,
    Membership,
    PowerOfAttorney,
    User,
)
from clients.roles import Role

from .links import recognise
from .models import (
    IPR,
    Complaint,
    ComplaintLink,
    CounterNotice,
    CounterNoticeEvidence,
    Deadline,
    Dispute,
    Event,
    EvidenceFile,
    HolidayCalendar,
    IPRDocument,
    IPRVerification,
    Listing,
    Platform,
    PlatformAccount,
    PlatformGroup,
    ReasonCode,
    ReasonTemplate,
    Seller,
    SellerNetwork,
    WindowRule,
)
from .rules.outcomes import listing_status_for
from .rules.reminders import plan
from .rules.workdays import noon_on
from .services.calendars import calendars_for
from .services.deadlines import compute, rules_for
from .services.summaries import rebuild_summary

# The reference practice at fraction 1.0.
REFERENCE = {
    "clients": 2_000,
    "iprs": 50_000,
    "sellers": 100_000,
    "listings": 2_000_000,
    "complaints": 200_000,
    "links": 1_970_000,
    "counter_notices": 100_000,
    "deadlines": 1_180_000,
    "open_deadlines": 311_000,
    "due_reminders": 1_000,
}

# Client weights: rank r weighs 1 / (r + 10); the biggest client eight times that. At 2,000
# clients the biggest holds ~12 % of the complaints, the top 1 % ~29 %.
ZIPF_OFFSET, BIGGEST_BOOST = 10, 8
YEAR = dt.timedelta(days=365)
DAY, HOUR, MINUTE = dt.timedelta(days=1), dt.timedelta(hours=1), dt.timedelta(minutes=1)
HISTORY = 3 * YEAR  # complaints were filed over the last three years

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PDF_SHA256 = hashlib.sha256(PDF).hexdigest()

# The big clients carry the demo firm's names; the biggest is the portal demo client
# (seed_demo's client user follows Summit Ridge).
BIG_CLIENTS = [
    ("enterprise", "Summit Ridge Outdoor Gear, Inc.", "", "US", "Summit Ridge"),
    ("enterprise", "Shenzhen Brightstar Technology Co., Ltd.", "深圳明星科技有限公司", "CN",
     "Brightstar"),
    ("enterprise", "Maison Lefèvre SA", "勒费夫尔之家", "FR", "Lefèvre"),
    ("enterprise", "Lionpaw Toys Pte. Ltd.", "", "SG", "Lionpaw"),
]  # fmt: skip
PORTAL_CLIENT = BIG_CLIENTS[0][1]

# How the work spreads over the platforms (only those whose calendar has data are used).
PLATFORM_WEIGHTS = {
    "taobao": 30, "tmall": 14, "1688": 8, "tmall_global": 3, "aliexpress": 12,
    "alibaba_com": 5, "jd": 9, "pinduoduo": 8, "lazada_sg": 1.5, "lazada_my": 1.5,
    "lazada_th": 1, "lazada_id": 1, "lazada_ph": 0.7, "lazada_vn": 0.7, "shopee_sg": 1,
    "made_in_china": 1, "amazon_us": 3, "ebay_us": 1,
}  # fmt: skip
CURRENCY = {"lazada_sg": "SGD", "lazada_my": "MYR", "lazada_th": "THB", "lazada_id": "IDR",
            "lazada_ph": "PHP", "lazada_vn": "VND", "shopee_sg": "SGD", "aliexpress": "USD",
            "alibaba_com": "USD", "made_in_china": "USD", "amazon_us": "USD",
            "ebay_us": "USD"}  # fmt: skip
# A sample address per platform: recognising it gives the canonical form to fill with ids.
SAMPLE_URLS = {
    "taobao": "https://item.taobao.com/item.htm?id=710000000001",
    "tmall": "https://detail.tmall.com/item.htm?id=710000000001",
    "tmall_global": "https://detail.tmall.hk/hk/item.htm?id=710000000001",
    "1688": "https://detail.1688.com/offer/710000000001.html",
    "aliexpress": "https://www.aliexpress.com/item/1005710000000001.html",
    "alibaba_com": "https://www.alibaba.com/product-detail/_1600710000000001.html",
    "jd": "https://item.jd.com/710000000001.html",
    "pinduoduo": "https://mobile.yangkeduo.com/goods.html?goods_id=710000000001",
    "lazada_sg": "https://www.lazada.sg/products/pdp-i710000000001.html",
    "lazada_my": "https://www.lazada.com.my/products/pdp-i710000000001.html",
    "lazada_th": "https://www.lazada.co.th/products/pdp-i710000000001.html",
    "lazada_id": "https://www.lazada.co.id/products/pdp-i710000000001.html",
    "lazada_ph": "https://www.lazada.com.ph/products/pdp-i710000000001.html",
    "lazada_vn": "https://www.lazada.vn/products/pdp-i710000000001.html",
    "shopee_sg": "https://shopee.sg/product/710000000001/710000000001",
    "ebay_us": "https://www.ebay.com/itm/710000000001",
}
SAMPLE_ID = "710000000001"
COUNTRIES = ["CN"] * 7 + ["US"] * 4 + ["FR", "DE", "IT", "GB", "JP", "KR", "SG", "HK", "ES",
                                        "CH", "NL", "SE", "AU", "MY", "TH"]  # fmt: skip
SYLLABLES = ["ar", "bel", "cor", "dan", "el", "fen", "gal", "hal", "ion", "jas", "kor", "lum",
             "mar", "nov", "or", "pel", "quin", "ros", "sol", "tar", "ul", "vex", "wen", "xan",
             "yor", "zen", "bri", "cal", "dor", "ev", "fal", "gor", "lin", "mon", "nor", "pra",
             "ril", "sen", "tor", "val"]  # fmt: skip
INDUSTRIES = [
    "Outdoor",
    "Apparel",
    "Electronics",
    "Cosmetics",
    "Toys",
    "Audio",
    "Home",
    "Sports",
    "Leather Goods",
    "Optics",
    "Footwear",
    "Watches",
    "Tools",
    "Pet Care",
]
SUFFIX = {"CN": "Co., Ltd.", "US": "Inc.", "FR": "SA", "DE": "GmbH", "IT": "S.p.A.", "GB": "Ltd",
          "JP": "K.K.", "KR": "Co., Ltd.", "SG": "Pte. Ltd.", "HK": "Limited", "ES": "S.L.",
          "CH": "AG", "NL": "B.V.", "SE": "AB", "AU": "Pty Ltd", "MY": "Sdn. Bhd.",
          "TH": "Co., Ltd."}  # fmt: skip
PRODUCTS = ["backpack", "hiking boots", "wireless earbuds", "charging case", "handbag", "wallet",
            "sunglasses", "plush toy", "face cream", "smart watch", "jacket", "phone case",
            "sneakers", "water bottle", "power bank", "scarf"]  # fmt: skip
HOOKS = ["2025 new original", "factory direct", "free shipping", "top quality", "same as store",
         "genuine guaranteed", "wholesale price", "limited edition"]  # fmt: skip
REJECTION_REASONS = [
    "Insufficient evidence that the goods bear the mark.",
    "The listing was changed before review; the mark no longer appears.",
    "The right is not registered for these goods.",
    "Please provide a side-by-side comparison.",
]
SELLER_STATEMENTS = [
    "We bought the goods from an authorised distributor; invoice attached.",
    "Our product uses our own registered mark, not the complainant's.",
    "The photograph is our own work, taken in our studio.",
    "The design differs from the registered design in its proportions.",
]
DISPUTE_NOTES = ["The platform found the goods infringing.",
                 "The platform accepted the seller's licence.",
                 "Decided on the test-purchase photos."]  # fmt: skip
SHOP_WORDS = ["Store", "Shop", "Outlet", "Trading", "Mall", "Direct"]
REASON_CODE_WEIGHTS = {"tm-counterfeit": 6, "tm-unauthorised-use": 2.5, "tm-similar-mark": 1.5,
                       "cr-pirated-goods": 1, "cr-image-theft": 2}  # fmt: skip

# Outcome codes of the compact plan (index into OUTCOMES).
OUTCOMES = ["pending", "removed", "rejected", "countered", "restored", "withdrawn"]
PENDING, REMOVED, REJECTED, COUNTERED, RESTORED, WITHDRAWN = range(6)
# Complaint states of the plan.
STATES = ["draft", "ready", "submitted", "withdrawn"]
DRAFT, READY, SUBMITTED, WITHDRAWN_STATE = range(4)


def targets(fraction: float) -> dict[str, int]:
    """Row counts at ``fraction`` of the reference practice, at least one of each."""
    if fraction <= 0:
        raise ValueError("the fraction must be positive")
    return {name: max(1, round(count * fraction)) for name, count in REFERENCE.items()}


def client_weights(count: int) -> list[float]:
    """Each client's share of the work, biggest first (sums to 1)."""
    weights = [1 / (rank + ZIPF_OFFSET) for rank in range(1, count + 1)]
    weights[0] *= BIGGEST_BOOST
    total = sum(weights)
    return [w / total for w in weights]


def apportion(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """``total`` split by ``weights`` (largest remainders), each part at least ``minimum``
    while the total allows."""
    floor_each = minimum if total >= minimum * len(weights) else 0
    rest = total - floor_each * len(weights)
    whole = sum(weights) or 1
    raw = [rest * w / whole for w in weights]
    parts = [math.floor(r) for r in raw]
    left = rest - sum(parts)
    for i in sorted(range(len(raw)), key=lambda i: parts[i] - raw[i])[:left]:
        parts[i] += 1
    return [p + floor_each for p in parts]


# --- Writing rows -----------------------------------------------------------------------

_MISSING = object()


class Rows:
    """Builds one model's rows as tuples in column order, with the model's own defaults."""

    def __init__(self, model, now: dt.datetime, *, with_id: bool = True):
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields if with_id or not f.primary_key]
        self.names = [f.attname for f in self.fields]
        base = {}
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                base[f.attname] = now
            elif f.has_default():
                value = f.get_default()
                base[f.attname] = value if not callable(f.default) or isinstance(
                    value, list | dict) else _MISSING  # fmt: skip
            elif f.null:
                base[f.attname] = None
            elif isinstance(f, models.CharField | models.TextField | models.FileField):
                base[f.attname] = ""
            else:
                base[f.attname] = _MISSING
        self.base = base

    def __call__(self, **values) -> tuple:
        row = self.base.copy()
        row.update(values)
        out = tuple(row[name] for name in self.names)
        if _MISSING in out:
            missing = [n for n, v in zip(self.names, out, strict=True) if v is _MISSING]
            raise ValueError(f"{self.model.__name__}: no value for {missing}")
        return out


@dataclass
class Timing:
    table: str
    rows: int
    seconds: float


class Loader:
    """PostgreSQL: COPY from generated rows. SQLite: executemany in batches."""

    def __init__(self, connection):
        self.connection = connection
        self.postgres = connection.vendor == "postgresql"
        self.timings: list[Timing] = []
        self.tables: list[str] = []

    def load(self, rows: Rows, values: Iterable[tuple], label: str = "") -> int:
        model = rows.model
        table = model._meta.db_table
        started = time.perf_counter()
        if self.postgres:
            count = self._copy(table, rows.fields, values)
        else:
            count = self._insert(table, rows.fields, values)
        name = f"{table} ({label})" if label else table
        self.timings.append(Timing(name, count, time.perf_counter() - started))
        if table not in self.tables:
            self.tables.append(table)
        return count

    def _copy(self, table, fields, values) -> int:
        quote = self.connection.ops.quote_name
        json_columns = [i for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
        columns = ", ".join(quote(f.column) for f in fields)
        count = 0
        sql = f"COPY {quote(table)} ({columns}) FROM STDIN"

        def refuse(execute, sql, params, many, context):
            # The rows are generated while COPY holds the connection: a query there would
            # wait for the COPY forever, and the COPY for it.
            raise RuntimeError(f"query during COPY into {table}: {sql[:80]}")

        with (
            self.connection.cursor() as cursor,
            cursor.cursor.copy(sql) as copy,
            self.connection.execute_wrapper(refuse),
        ):
            for row in values:
                if json_columns:
                    row = list(row)
                    for i in json_columns:
                        row[i] = json.dumps(row[i])
                copy.write_row(row)
                count += 1
        return count

    def _insert(self, table, fields, values, batch: int = 500) -> int:
        quote = self.connection.ops.quote_name
        sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 (names from the models)
            quote(table),
            ", ".join(quote(f.column) for f in fields),
            ", ".join(["%s"] * len(fields)),
        )
        connection, count, chunk = self.connection, 0, []
        plain = (models.CharField, models.TextField, models.IntegerField, models.BooleanField,
                 models.ForeignKey, models.FileField)  # fmt: skip
        convert = [(i, f) for i, f in enumerate(fields) if not isinstance(f, plain)]
        with connection.cursor() as cursor:
            for row in values:
                if convert:
                    row = list(row)
                    for i, f in convert:
                        row[i] = f.get_db_prep_save(row[i], connection)
                chunk.append(row)
                if len(chunk) >= batch:
                    cursor.executemany(sql, chunk)
                    count += len(chunk)
                    chunk = []
            if chunk:
                cursor.executemany(sql, chunk)
                count += len(chunk)
        return count

    def finish(self) -> list[Timing]:
        """PostgreSQL: sequences past the explicit ids, then fresh statistics."""
        if not self.postgres:
            return []
        out = []
        with self.connection.cursor() as cursor:
            started = time.perf_counter()
            for table in self.tables:
                quoted = self.connection.ops.quote_name(table)  # a model's own table
                sql = f"SELECT setval(pg_get_serial_sequence(%s, 'id'), COALESCE((SELECT MAX(id) FROM {quoted}), 1))"  # noqa: E501, S608
                cursor.execute(sql, [table])
            out.append(
                Timing("sequences (setval)", len(self.tables), time.perf_counter() - started)
            )
        return out

    def vacuum_analyze(self) -> Timing | None:
        """Leave the tables as a live database's autovacuum would: planner statistics, and
        the visibility map that lets an index-only scan skip the table. VACUUM cannot run
        in a transaction: inside one (a test's) the statistics only."""
        if not self.postgres:
            return None
        started = time.perf_counter()
        statement = "ANALYZE" if self.connection.in_atomic_block else "VACUUM ANALYZE"
        with self.connection.cursor() as cursor:
            cursor.execute(statement)
        return Timing(statement, 0, time.perf_counter() - started)


# --- The plan -----------------------------------------------------------------------------


@dataclass
class PlatformInfo:
    pk: int
    code: str
    group_id: int
    time_zone: str
    calendar: str
    accepted: list[str]
    template: str  # canonical address with {id}
    weight: float


@dataclass
class ClientPlan:
    pk: int
    name: str
    brand: str
    country: str
    kind: str
    supervisor: int
    own_account: int | None = None
    core_iprs: list[int] = field(default_factory=list)


@dataclass
class IprPlan:
    pk: int
    client: int
    kind: str
    jurisdiction: str
    label: str
    platforms: list[int]  # platforms it can be filed on (core rights only)


class ScaleSeed:
    """Plans and writes the data set; ``run`` returns the timings per table."""

    def __init__(self, *, fraction: float, password_hash: str, demo_users: dict[str, User],
                 connection, seed: int = 2026, log: Callable[[str], None] = print):  # fmt: skip
        self.fraction = fraction
        self.counts = targets(fraction)
        self.hash = password_hash
        self.demo = demo_users
        self.loader = Loader(connection)
        self.random = random.Random(seed)
        self.log = log
        self.now = timezone.now().replace(microsecond=0)
        self.today = timezone.localdate(self.now)
        self.epoch = self.now.timestamp()
        self.firm_zone = settings.FIRM_TIME_ZONE
        self.own_group: int | None = None
        self.written: dict[str, int] = {}

    # -- helpers ---------------------------------------------------------------------------

    def moment(self, seconds: float) -> dt.datetime:
        return dt.datetime.fromtimestamp(round(seconds), tz=dt.UTC)

    def rows(self, model, **options) -> Rows:
        return Rows(model, self.now, **options)

    def load(self, model, values: Iterable[tuple], label: str = "") -> int:
        rows = model if isinstance(model, Rows) else self.rows(model)
        count = self.loader.load(rows, values, label)
        name = (model.model if isinstance(model, Rows) else model)._meta.db_table
        self.written[name] = self.written.get(name, 0) + count
        return count

    def next_id(self, model) -> int:
        last = model._base_manager.aggregate(m=models.Max("pk"))["m"]
        return (last or 0) + 1

    def pick(self, cumulative: list[float]) -> int:
        return bisect_right(cumulative, self.random.random() * cumulative[-1])

    # -- run -------------------------------------------------------------------------------

    def run(self) -> list[Timing]:
        started = time.perf_counter()
        if self.loader.postgres:
            # Parents are written before their children, so foreign keys can be checked row
            # by row instead of queueing millions of deferred checks until the commit.
            with self.loader.connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        self.catalogue()
        self.media()
        self.users()
        self.clients()
        self.accounts()
        self.iprs()
        self.sellers()
        self.plan_complaints()
        self.plan_outcomes()
        self.plan_counter_notices()
        self.plan_listings()
        self.log(_("planned in %(s).1f s") % {"s": time.perf_counter() - started})
        self.write_listings()
        self.write_complaints()
        self.write_links()
        self.write_counter_notices()
        self.write_deadlines()
        timings = self.loader.timings + self.loader.finish()
        # The rows went in beside the services: the outcome summary is counted from them.
        started = time.perf_counter()
        rebuild_summary()
        timings.append(Timing("outcome summary (rebuilt)", 0, time.perf_counter() - started))
        return timings

    # -- catalogue -------------------------------------------------------------------------

    def catalogue(self) -> None:
        with_data = set(HolidayCalendar.objects.values_list("code", flat=True))
        self.platforms: dict[int, PlatformInfo] = {}
        for p in Platform.objects.filter(archived_at__isnull=True).order_by("pk"):
            if p.code not in SAMPLE_URLS or p.calendar not in with_data:
                continue  # no known address form, or no working days to count windows on
            result = recognise(SAMPLE_URLS[p.code], expected_platform=p.code)
            if not result.ok or result.platform != p.code:
                continue
            template = result.canonical_url.replace(
                result.canonical_id.split(".")[-1], "{id}"
            ).replace(SAMPLE_ID, "{id}")
            self.platforms[p.pk] = PlatformInfo(
                p.pk, p.code, p.group_id, p.time_zone, p.calendar, list(p.accepted_jurisdictions),
                template, PLATFORM_WEIGHTS.get(p.code, 1),
            )  # fmt: skip
        if not self.platforms:
            raise RuntimeError("no platform of the catalogue can take complaints")
        self.platform_list = list(self.platforms.values())
        self.platform_cum = list(accumulate(p.weight for p in self.platform_list))
        self.groups = {g.pk: g for g in PlatformGroup.objects.all()}
        self.reasons: dict[tuple[int, str], list[tuple[int, float]]] = {}
        for reason in ReasonCode.objects.filter(is_active=True, target_kind="listing"):
            for platform_id in reason.platforms.values_list("pk", flat=True):
                self.reasons.setdefault((platform_id, reason.ipr_kind), []).append(
                    (reason.pk, REASON_CODE_WEIGHTS.get(reason.code, 1))
                )
        self.templates = [t.text_en for t in ReasonTemplate.objects.filter(archived_at=None)] or [
            "The seller's claimed right does not cover the goods."
        ]
        self.calendars = calendars_for({p.calendar for p in self.platform_list} |
                                       {settings.FIRM_CALENDAR})  # fmt: skip
        # The rules each event opens, chosen as the deadline service chooses them, read now:
        # rows are generated while COPY holds the connection.
        self.rule_cache: dict[tuple, list[WindowRule]] = {}
        by_pk = {p.pk: p for p in Platform.objects.filter(pk__in=self.platforms)}
        for event in Event.values:
            for platform_id in [None, *self.platforms]:
                for offense in WindowRule.Offense.values:
                    self.rule_cache[(event, platform_id, offense)] = rules_for(
                        event, by_pk.get(platform_id), offense
                    )
        self.due_cache: dict[tuple, tuple] = {}
        self.types = {
            model: ContentType.objects.get_for_model(model).pk
            for model in (
                ComplaintLink,
                CounterNotice,
                Dispute,
                IPRVerification,
                IPR,
                PowerOfAttorney,
            )  # fmt: skip
        }

    def media(self) -> None:
        """A few shared files on storage, so downloads of seeded records work."""
        self.files = {}
        for name in ("identity", "poa-signed", "poa-zh", "ipr-certificate", "evaluation-report",
                     "evidence", "seller-evidence"):  # fmt: skip
            path = f"case-files/scale/{name}.pdf"
            if not default_storage.exists(path):
                path = default_storage.save(path, ContentFile(PDF))
            self.files[name] = path

    # -- people ----------------------------------------------------------------------------

    def users(self) -> None:
        rows = self.rows(User)
        counts = self.counts
        extra_paralegals = round(36 * self.fraction)
        extra_attorneys = round(10 * self.fraction)
        next_id = self.next_id(User)
        self.paralegals = [self.demo["paralegal"].pk]
        self.attorneys = [self.demo["attorney"].pk, self.demo["attorney2"].pk]
        self.admins = [self.demo["admin"].pk]
        out = []

        def add(username, first, last, role, zone="Asia/Shanghai"):
            nonlocal next_id
            out.append(rows(
                id=next_id, password=self.hash, username=username, first_name=first,
                last_name=last, email=f"{username}@scale-firm.example", role=role,
                time_zone=zone, date_joined=self.now - 3 * YEAR, is_active=True,
            ))  # fmt: skip
            next_id += 1
            return next_id - 1

        for n in range(extra_paralegals):
            self.paralegals.append(add(f"paralegal{n + 2}", "Para", f"Legal {n + 2}",
                                       Role.PARALEGAL))  # fmt: skip
        for n in range(extra_attorneys):
            self.attorneys.append(add(f"attorney{n + 3}", "Atty", f"Counsel {n + 3}",
                                      Role.ATTORNEY, "Asia/Singapore"))  # fmt: skip
        # The demo paralegal carries a big share of the desk.
        self.paralegal_cum = list(accumulate([4] + [1] * extra_paralegals))
        self.attorney_cum = list(accumulate([3, 2] + [1] * extra_attorneys))
        # Client people: one for about a quarter of the clients (after the clients exist).
        self.portal_user_rows, self.next_user_id = out, next_id
        self.client_users_wanted = max(0, counts["clients"] // 4)

    def clients(self) -> None:
        n = self.counts["clients"]
        rng = self.random
        next_id = self.next_id(Client)
        self.weights = client_weights(n)
        self.client_plans: list[ClientPlan] = []
        rows = self.rows(Client)
        client_rows, seen = [], set()
        for rank in range(n):
            pk = next_id + rank
            if rank < len(BIG_CLIENTS):
                kind, name, chinese, country, brand = BIG_CLIENTS[rank]
            else:
                country = rng.choice(COUNTRIES)
                kind = "individual" if rng.random() < 0.08 else "enterprise"
                stem = ""
                while not stem or stem in seen:
                    stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice([2, 2, 3])))
                    stem = stem.capitalize() if len(seen) < 40 * 40 * 20 else f"{stem}{rank}"
                seen.add(stem)
                brand, chinese = stem, ""
                if kind == "individual":
                    name = f"{stem} {rng.choice(['Studio', 'Design', 'Art'])}"
                    brand = stem
                else:
                    name = f"{stem} {rng.choice(INDUSTRIES)} {SUFFIX.get(country, 'Ltd.')}"
            supervisor = (
                self.demo["attorney"].pk
                if rank == 0
                else self.attorneys[self.pick(self.attorney_cum)]
            )
            plan = ClientPlan(pk, name, brand, country, kind, supervisor)
            self.client_plans.append(plan)
            client_rows.append(rows(
                id=pk, created_at=self.now - HISTORY - rng.uniform(30, 400) * DAY,
                kind=kind, legal_name=name, chinese_name=chinese, country=country,
                registration_number="" if kind == "individual" else f"{country}-{pk:08d}",
                address=f"{rng.randint(1, 999)} {brand} Road, {country}",
                contact_name=f"{brand} Legal", contact_email=f"legal@{brand.lower()}.example",
                supervising_attorney_id=supervisor,
            ))  # fmt: skip
        self.load(User, self.portal_user_rows)
        self.load(Client, client_rows)
        self.client_cum = list(accumulate(self.weights))
        self.identity_documents()
        self.memberships()
        self.powers_of_attorney()

    def identity_documents(self) -> None:
        rows = self.rows(IdentityDocument)
        next_id = self.next_id(IdentityDocument)

        def gen():
            for i, c in enumerate(self.client_plans):
                kind = ("passport" if c.kind == "individual" else
                        "business_licence" if c.country == "CN" else "incorporation")  # fmt: skip
                issued = self.today - (4 * YEAR + i % 700 * DAY)
                yield rows(
                    id=next_id + i, client_id=c.pk, kind=kind, number=f"D{c.pk:09d}",
                    issuing_country=c.country, file=self.files["identity"],
                    translation_file=self.files["identity"] if c.country != "CN" else "",
                    issued_on=issued, expires_on=issued + 10 * YEAR if kind == "passport" else None,
                    created_at=self.now - HISTORY,
                )  # fmt: skip

        self.load(rows, gen())

    def memberships(self) -> None:
        rng = self.random
        users, memberships = self.rows(User), self.rows(Membership)
        member_rows = [
            memberships(
                id=self.next_id(Membership),
                user_id=self.demo["client"].pk,
                client_id=self.client_plans[0].pk,
            )
        ]
        user_rows = []
        others = self.client_plans[1:]
        chosen = rng.sample(others, min(len(others), self.client_users_wanted))
        next_user, next_member = self.next_user_id, member_rows[0][0] + 1
        for c in sorted(chosen, key=lambda c: c.pk):
            user_rows.append(users(
                id=next_user, password=self.hash, username=f"portal{c.pk}",
                first_name=c.brand, last_name="Brand team", email=f"brand{c.pk}@client.example",
                role=Role.CLIENT, time_zone="Europe/Paris", date_joined=self.now - YEAR,
            ))  # fmt: skip
            member_rows.append(memberships(id=next_member, user_id=next_user, client_id=c.pk,
                                           can_upload=rng.random() < 0.8))  # fmt: skip
            next_user += 1
            next_member += 1
        self.load(User, user_rows)
        self.load(memberships, member_rows)
        requests = self.rows(DocumentRequest)
        next_request = self.next_id(DocumentRequest)
        request_rows = []
        for i, c in enumerate(self.client_plans[:: max(1, 5)]):
            status = (
                "open" if i == 0 or rng.random() < 0.5 else rng.choice(["received", "cancelled"])
            )
            request_rows.append(requests(
                id=next_request + i, client_id=c.pk, status=status,
                title=_("Signed renewal of the power of attorney") if i % 2 == 0
                else _("Test-purchase receipt"),
                due_on=self.today + (14 if status == "open" else -30) * DAY,
                requested_by_id=self.paralegals[0], created_at=self.now - 20 * DAY,
            ))  # fmt: skip
        self.load(requests, request_rows)

    def powers_of_attorney(self) -> None:
        rng = self.random
        rows = self.rows(PowerOfAttorney)
        through = PowerOfAttorney.platforms.through
        links = self.rows(through, with_id=False)
        next_id = self.next_id(PowerOfAttorney)
        poa_rows, platform_rows = [], []
        self.expiries: list[tuple] = []  # (content type, pk, expires, client, label)
        platform_ids = [p.pk for p in self.platform_list]
        agent = settings.FIRM_NAME

        def add(client, start, end, *, signed=True, revoked=None):
            nonlocal next_id
            pk = next_id
            next_id += 1
            poa_rows.append(rows(
                id=pk, client_id=client.pk, agent_name=agent, covers_all_rights=True,
                valid_from=start, valid_to=end, signed_on=start - 7 * DAY if signed else None,
                signed_file=self.files["poa-signed"] if signed else "",
                translation_file=self.files["poa-zh"], notarised=signed, legalised=signed,
                revoked_at=revoked, revocation_reason=_("Replaced by a new power of attorney.")
                if revoked else "", created_at=dt.datetime.combine(start - 10 * DAY, dt.time(9),
                                                                   dt.UTC),
            ))  # fmt: skip
            platform_rows.extend(links(powerofattorney_id=pk, platform_id=p) for p in platform_ids)
            if revoked is None and end >= self.today:
                label = _("POA %(client)s → %(agent)s (%(start)s – %(end)s)") % {
                    "client": client.name,
                    "agent": agent,
                    "start": start,
                    "end": end,
                }
                self.expiries.append((PowerOfAttorney, pk, end, client, label))

        for client in self.client_plans:
            first_from = self.today - HISTORY - rng.randint(100, 300) * DAY
            first_to = self.today - YEAR - rng.randint(0, 120) * DAY
            add(client, first_from, first_to)
            roll = rng.random()
            ends = self.today + (rng.randint(1, 30) if roll < 0.06 else rng.randint(31, 1000)) * DAY
            add(client, first_to + DAY, ends)
            if ends < self.today + 60 * DAY:
                add(client, ends - 14 * DAY, ends + 2 * YEAR, signed=False)  # renewal draft
            if rng.random() < 0.04:
                add(client, self.today - 2 * YEAR, self.today + 100 * DAY,
                    revoked=self.today - 500 * DAY)  # fmt: skip
        self.load(rows, poa_rows)
        self.load(links, platform_rows)

    # -- accounts, rights, verifications -------------------------------------------------

    def accounts(self) -> None:
        rows = self.rows(PlatformAccount)
        next_id = self.next_id(PlatformAccount)
        self.firm_account: dict[int, int] = {}
        out = []
        for group_id in sorted({p.group_id for p in self.platform_list}):
            code = self.groups[group_id].code
            out.append(rows(
                id=next_id, group_id=group_id, registrant_category="agent", identity="enterprise",
                registrant_name=settings.FIRM_NAME, login_email=f"{code}@scale-firm.example",
                verification_status="verified", verification_submitted_on=self.today - 5 * YEAR,
                verified_on=self.today - 5 * YEAR + 3 * DAY, good_faith_member=code == "alibaba",
                good_faith_since=self.today - 4 * YEAR if code == "alibaba" else None,
                created_at=self.now - 5 * YEAR,
            ))  # fmt: skip
            self.firm_account[group_id] = next_id
            next_id += 1
        alibaba = next((g for g in self.groups.values() if g.code == "alibaba"), None)
        top = max(1, round(len(self.client_plans) * 0.01))
        if alibaba is not None and alibaba.pk in self.firm_account:
            for c in self.client_plans[:top]:
                out.append(rows(
                    id=next_id, group_id=alibaba.pk, client_id=c.pk,
                    registrant_category="right_holder", identity=c.kind,
                    registrant_name=c.name, login_email=f"ipp{c.pk}@{c.brand.lower()}.example",
                    verification_status="verified",
                    verification_submitted_on=self.today - 4 * YEAR,
                    verified_on=self.today - 4 * YEAR + 4 * DAY, created_at=self.now - 4 * YEAR,
                ))  # fmt: skip
                c.own_account = next_id
                next_id += 1
            self.own_group = alibaba.pk
        self.load(rows, out)

    def iprs(self) -> None:
        rng = self.random
        n = self.counts["iprs"]
        soft = [math.sqrt(w) for w in self.weights]
        per_client = apportion(n, soft, minimum=1)
        rows, documents = self.rows(IPR), self.rows(IPRDocument)
        verifications = self.rows(IPRVerification)
        next_id, next_doc = self.next_id(IPR), self.next_id(IPRDocument)
        next_verification = self.next_id(IPRVerification)
        ipr_rows, doc_rows, verification_rows = [], [], []
        self.ipr_plans: dict[int, IprPlan] = {}
        self.verifications: list[tuple] = []  # for the chase deadlines
        by_jurisdiction: dict[str, list[int]] = {}
        for p in self.platform_list:
            for code in p.accepted:
                by_jurisdiction.setdefault(code, []).append(p.pk)
        anywhere = by_jurisdiction.get("*", [])
        kind_names = dict(IPR.Kind.choices)
        pk = next_id
        for client, count in zip(self.client_plans, per_client, strict=True):
            for j in range(count):
                core = j == 0 or rng.random() < 0.88
                roll = rng.random()
                kind = ("trademark" if roll < 0.80 else "copyright" if roll < 0.90 else
                        "patent" if roll < 0.97 else "other")  # fmt: skip
                jurisdiction = (
                    "CN" if rng.random() < 0.55 else
                    client.country if client.country in by_jurisdiction or rng.random() < 0.5
                    else rng.choice(["US", "EU", "HK", "GB", "JP", "SG", "MY", "TH"])
                )  # fmt: skip
                number = f"{kind[:2].upper()}{jurisdiction}{pk:09d}"
                status, start, end = "registered", None, None
                title = client.brand.upper() if j == 0 else f"{client.brand.upper()} {j}"
                classes = []
                if kind == "trademark":
                    classes = sorted(rng.sample([3, 9, 14, 18, 25, 28, 35], rng.randint(1, 3)))
                    if not core and rng.random() < 0.4:
                        status, number = "pending", ""
                elif kind == "copyright":
                    title = f"{client.brand} product photographs, series {j + 1}"
                elif kind == "patent":
                    title = f"{client.brand} {rng.choice(PRODUCTS)} (design {j + 1})"
                else:
                    title = f"Judgment: {client.brand} v. counterfeiter {j + 1}"
                if status == "registered" and kind in ("trademark", "patent"):
                    life = (10 if kind == "trademark" else 15) * YEAR
                    if core:
                        start = self.today - HISTORY - rng.randint(180, 3000) * DAY
                        end = start + life
                        while end < self.today + DAY:  # renewed
                            end += life
                        if rng.random() < 0.03:
                            end = self.today + rng.randint(1, 95) * DAY
                    else:
                        start = self.today - rng.randint(20, 300) * DAY
                        end = start + life
                if not core and status == "registered" and rng.random() < 0.3 and start:
                    end = self.today - rng.randint(1, 400) * DAY  # lapsed, kept on file
                    start = min(start, end - YEAR)
                platforms = []
                if core:
                    platforms = by_jurisdiction.get(jurisdiction, []) + anywhere
                    if not platforms:  # no platform takes rights from there: register in CN
                        jurisdiction = next(iter(by_jurisdiction))
                        platforms = by_jurisdiction[jurisdiction]
                        number = f"{kind[:2].upper()}{jurisdiction}{pk:09d}" if number else ""
                    client.core_iprs.append(pk)
                shown = f" {number}" if number else ""
                label = f"{kind_names[kind]} “{title}”{shown} ({jurisdiction})"
                self.ipr_plans[pk] = IprPlan(pk, client.pk, kind, jurisdiction, label, platforms)
                ipr_rows.append(rows(
                    id=pk, client_id=client.pk, kind=kind, title=title, registration_number=number,
                    jurisdiction=jurisdiction, owner_name=client.name, status=status,
                    effective_from=start, effective_to=end, trademark_classes=classes,
                    brand=client.brand, created_at=self.now - HISTORY - 200 * DAY,
                ))  # fmt: skip
                if status == "registered" and end is not None and end >= self.today:
                    self.expiries.append((IPR, pk, end, client, label))
                doc_kinds = (
                    ["patent_certificate", "evaluation_report"]
                    if kind == "patent"
                    else ["registration_certificate"]
                    if rng.random() < 0.3
                    else []
                )
                for doc_kind in doc_kinds:
                    doc_rows.append(documents(
                        id=next_doc, ipr_id=pk, kind=doc_kind, sha256=PDF_SHA256,
                        file=self.files["evaluation-report" if doc_kind == "evaluation_report"
                                        else "ipr-certificate"],
                    ))  # fmt: skip
                    next_doc += 1
                # Verified on every account it is filed from; the others still in review.
                accounts = sorted(
                    {self.firm_account[self.platforms[p].group_id] for p in platforms}
                )
                if core and client.own_account:
                    accounts.append(client.own_account)
                if not core and status == "registered":
                    accounts = [self.firm_account[min(self.firm_account)]]
                for account in accounts:
                    if core:
                        submitted = self.today - HISTORY - rng.randint(20, 150) * DAY
                        state, decided, reason = "verified", submitted + rng.randint(1, 5) * DAY, ""
                    else:
                        submitted = self.today - rng.randint(0, 12) * DAY
                        state = rng.choice(["submitted", "submitted", "failed", "resubmitted"])
                        decided = submitted + 2 * DAY if state == "failed" else None
                        if decided and decided > self.today:
                            decided = self.today
                        reason = (_("Registrant name on the certificate differs from the owner "
                                    "on file.") if state == "failed" else "")  # fmt: skip
                    verification_rows.append(verifications(
                        id=next_verification, ipr_id=pk, account_id=account, status=state,
                        submitted_on=submitted, decided_on=decided, failure_reason=reason,
                        platform_reference=f"V{next_verification:08d}",
                        created_at=dt.datetime.combine(submitted, dt.time(10), dt.UTC),
                    ))  # fmt: skip
                    self.verifications.append((next_verification, account, state, submitted,
                                               decided, client, label))  # fmt: skip
                    next_verification += 1
                pk += 1
        self.load(rows, ipr_rows)
        self.load(documents, doc_rows)
        self.load(verifications, verification_rows)

    # -- sellers -------------------------------------------------------------------------------

    def sellers(self) -> None:
        rng = self.random
        n = self.counts["sellers"]
        per_platform = apportion(n, [p.weight for p in self.platform_list])
        networks, sellers = self.rows(SellerNetwork), self.rows(Seller)
        next_network, next_id = self.next_id(SellerNetwork), self.next_id(Seller)
        network_count = max(1, n // 400)
        network_rows = [
            networks(id=next_network + i, name=_("Operator network %(n)d") % {"n": i + 1},
                     notes=_("Same return address and bank account across the stores."))
            for i in range(network_count)
        ]  # fmt: skip
        self.platform_sellers: dict[int, list[int]] = {}
        self.platform_seller_cum: dict[int, list[float]] = {}
        seller_rows = []
        pk = next_id
        for platform, count in zip(self.platform_list, per_platform, strict=True):
            ids = list(range(pk, pk + count))
            self.platform_sellers[platform.pk] = ids
            # A few sellers carry most listings, as on the real marketplaces.
            self.platform_seller_cum[platform.pk] = list(
                accumulate(1 / (r + 3) ** 0.8 for r in range(count))
            )
            for seller_pk in ids:
                seller_id = str(2_200_000_000_000 + seller_pk)
                url = f"https://shop{seller_id}.taobao.com/" if platform.code == "taobao" else ""
                shop = f"{rng.choice(SYLLABLES).capitalize()} {rng.choice(SHOP_WORDS)}"
                seller_rows.append(sellers(
                    id=seller_pk, platform_id=platform.pk, seller_id=seller_id,
                    name=f"{shop} {seller_pk}",
                    url=url, network_id=next_network + rng.randrange(network_count)
                    if rng.random() < 0.05 else None, created_at=self.now - HISTORY,
                ))  # fmt: skip
            pk += count
        self.load(networks, network_rows)
        self.load(sellers, seller_rows)

    # -- complaints: the plan ----------------------------------------------------------------

    def plan_complaints(self) -> None:
        """Each complaint's client, platform, right, size, state and moments, oldest first."""
        rng = self.random
        n, total_links = self.counts["complaints"], self.counts["links"]
        total_links = max(total_links, n)
        # Sizes: many small complaints, a long tail up to the platform's limit of 300.
        sizes = [min(300, max(1, int(rng.paretovariate(1.15) * 2.2))) for _ in range(n)]
        self._fit(sizes, total_links, 300)
        if n >= 20:  # a few full pastes, so the biggest complaints have 300 links
            for i in rng.sample(range(n), max(1, n // 2000)):
                sizes[i] = 300
            self._fit(sizes, total_links, 300)
        per_client = apportion(n, self.weights)
        owners = [i for i, count in enumerate(per_client) for _ in range(count)]
        rng.shuffle(owners)
        # Filing moments: the practice grew over three years (density rises 1:3).
        span = HISTORY.total_seconds()
        moments = sorted(
            self.epoch - 600 - span * (1 - (math.sqrt(1 + 8 * rng.random()) - 1) / 2)
            for _ in range(n)
        )
        plans = []
        drafts = max(0, round(n * 0.03)) if n >= 10 else 0
        for i in range(n):
            client = self.client_plans[owners[i]]
            ipr = self.ipr_plans[rng.choice(client.core_iprs)]
            choices = [p for p in ipr.platforms if p in self.platforms]
            platform = self.platforms[max(choices, key=lambda p: self.platforms[p].weight *
                                          rng.random())]  # fmt: skip
            reasons = self.reasons.get((platform.pk, ipr.kind)) or []
            reason = max(reasons, key=lambda r: r[1] * rng.random())[0] if reasons else None
            account = (client.own_account if client.own_account and platform.group_id ==
                       self.own_group and rng.random() < 0.5 else
                       self.firm_account[platform.group_id])  # fmt: skip
            plans.append([client.pk, platform.pk, ipr.pk, reason, account, sizes[i], moments[i]])
        # The newest complaints are still drafts (or ready); a few filed ones were withdrawn.
        self.complaint_by = array("q", (self.paralegals[self.pick(self.paralegal_cum)]
                                        for _ in range(n)))  # fmt: skip
        self.complaint_client = array("q", (p[0] for p in plans))
        self.complaint_platform = array("q", (p[1] for p in plans))
        self.complaint_ipr = array("q", (p[2] for p in plans))
        self.complaint_reason = array("q", (p[3] or 0 for p in plans))
        self.complaint_account = array("q", (p[4] for p in plans))
        self.complaint_size = array("q", (p[5] for p in plans))
        self.complaint_at = array("d", (p[6] for p in plans))  # submitted (or created) at
        state = array("b", [SUBMITTED]) * n
        for i in range(n - drafts, n):
            state[i] = READY if rng.random() < 0.2 else DRAFT
            self.complaint_at[i] = self.epoch - rng.uniform(0.1, 14) * 86400
        for i in range(n - drafts):
            if rng.random() < 0.03 and self.complaint_at[i] < self.epoch - 20 * 86400:
                state[i] = WITHDRAWN_STATE
        self.complaint_state = state
        self.complaint_id0 = self.next_id(Complaint)
        # Batches: a full complaint and the next one of the same client came from one paste.
        self.complaint_batch = array("q", range(n))  # index of the batch's first part
        for i in range(n - 1):
            if sizes[i] == 300 and state[i] == state[i + 1] == SUBMITTED and rng.random() < 0.5:
                head = self.complaint_batch[i]
                self.complaint_batch[i + 1] = head
                for arr in (self.complaint_client, self.complaint_platform, self.complaint_ipr,
                            self.complaint_reason, self.complaint_account,
                            self.complaint_by):  # fmt: skip
                    arr[i + 1] = arr[head]
                self.complaint_at[i + 1] = self.complaint_at[head]
        self.link_first_of = array("q", accumulate([0] + list(self.complaint_size[:-1])))
        self.n_links = sum(self.complaint_size)

    def _fit(self, sizes: list[int], total: int, cap: int) -> None:
        """Nudge sizes (within 1..cap) until they add up to ``total``."""
        rng = self.random
        diff = total - sum(sizes)
        n = len(sizes)
        while diff:
            i = rng.randrange(n)
            if diff > 0 and sizes[i] < cap:
                step = min(diff, cap - sizes[i], max(1, diff // n))
                sizes[i] += step
                diff -= step
            elif diff < 0 and sizes[i] > 1:
                step = min(-diff, sizes[i] - 1, max(1, -diff // n))
                sizes[i] -= step
                diff += step

    def plan_outcomes(self) -> None:
        """The platform's answer per link: still pending for the newest, else removed or
        rejected (withdrawn complaints: withdrawn)."""
        rng = self.random
        n = self.n_links
        first = array("b", [PENDING]) * n
        first_at = array("d", [0.0]) * n
        # How many links may still be pending: the open deadlines left over once the other
        # open windows (expiries, verifications, notices, disputes) are counted.
        counts = self.counts
        self.awaiting = max(0, min(round(counts["counter_notices"] * 0.01),
                                   counts["counter_notices"]))  # fmt: skip
        self.declared_awaiting = round(self.awaiting * 0.2)
        self.rejected_notices = round(counts["counter_notices"] * 0.45)
        self.open_disputes = round(self.rejected_notices * 0.05)
        open_chases = sum(1 for v in self.verifications if v[2] in ("submitted", "resubmitted"))
        other_open = (len(self.expiries) + open_chases + self.awaiting + self.declared_awaiting
                      + 2 * self.open_disputes)  # fmt: skip
        pending_target = max(0, counts["open_deadlines"] - other_open)
        state, at, first_of, size = (self.complaint_state, self.complaint_at, self.link_first_of,
                                     self.complaint_size)  # fmt: skip
        candidates = []
        for c in range(len(state)):
            if state[c] == SUBMITTED:
                age = (self.epoch - at[c]) / 86400
                for link in range(first_of[c], first_of[c] + size[c]):
                    candidates.append((age * rng.lognormvariate(0, 0.5), link))
        candidates.sort()
        pending = {link for _key, link in candidates[:pending_target]}
        del candidates
        for c in range(len(state)):
            if state[c] in (DRAFT, READY):
                continue
            withdrawn = at[c] + rng.uniform(3, 15) * 86400
            for link in range(first_of[c], first_of[c] + size[c]):
                if link in pending:
                    continue
                answer = at[c] + min(rng.lognormvariate(math.log(36 * 3600), 0.7), 12 * 86400)
                if state[c] == WITHDRAWN_STATE:
                    rejected = rng.random() < 0.2 and answer < withdrawn
                    first[link] = REJECTED if rejected else WITHDRAWN
                    first_at[link] = answer if rejected else withdrawn
                else:
                    first[link] = REMOVED if rng.random() < 0.88 else REJECTED
                    first_at[link] = min(answer, self.epoch - 600)
        self.link_first, self.link_first_at = first, first_at
        self.link_final, self.link_final_at = array("b", first), array("d", first_at)

    def plan_counter_notices(self) -> None:
        """Sellers answer some removals; each notice's fate settles its links."""
        rng = self.random
        wanted = self.counts["counter_notices"]
        first, first_at = self.link_first, self.link_first_at
        state, first_of, size = self.complaint_state, self.link_first_of, self.complaint_size
        removed_complaints = [
            c for c in range(len(state)) if state[c] == SUBMITTED
            and any(first[i] == REMOVED for i in range(first_of[c], first_of[c] + size[c]))
        ]  # fmt: skip
        notices = []  # (received, complaint, [links])
        taken = set()
        tries = 0
        while len(notices) < wanted and removed_complaints and tries < wanted * 20:
            tries += 1
            c = rng.choice(removed_complaints)
            removed = [i for i in range(first_of[c], first_of[c] + size[c])
                       if first[i] == REMOVED and i not in taken]  # fmt: skip
            if not removed:
                continue
            start = rng.randrange(len(removed))
            chosen = removed[start : start + min(len(removed) - start, rng.choice([1, 1, 1, 2, 3]))]
            received = max(first_at[i] for i in chosen) + rng.uniform(0.3, 6) * 86400
            if received > self.epoch - 1800:
                continue
            taken.update(chosen)
            notices.append((received, c, chosen))
        notices.sort()
        total = len(notices)
        statuses = ["accepted"] * total
        newest = total - min(self.awaiting, total)
        for i in range(newest, total):
            statuses[i] = "awaiting_review"
        older = list(range(newest))
        rng.shuffle(older)
        k = min(self.rejected_notices, len(older))
        rejected = sorted(older[:k])
        for i in rejected:
            statuses[i] = "rejected"
        for i in older[k:]:
            roll = rng.random()
            statuses[i] = ("accepted" if roll < 0.45 else "withdrawn" if roll < 0.7 else
                           "lapsed")  # fmt: skip
        open_disputes = set(rejected[-self.open_disputes :]) if self.open_disputes else set()
        final, final_at = self.link_final, self.link_final_at
        self.notices = []
        declared_left = self.declared_awaiting
        for i, (received, c, links) in enumerate(notices):
            status = statuses[i]
            decided = dispute = None
            if status == "awaiting_review":
                outcome, outcome_at = COUNTERED, received
                declaration = received + 3600 * rng.uniform(1, 20) if declared_left > 0 else None
                declared_left -= declaration is not None
            else:
                decided = min(received + rng.uniform(0.2, 3) * 86400, self.epoch - 900)
                declaration = (received + 3600 * rng.uniform(1, 20) if rng.random() < 0.2 and
                               received + 72000 < decided else None)  # fmt: skip
                if status == "rejected":
                    if i in open_disputes:
                        dispute = ("open", decided, None)
                        outcome, outcome_at = COUNTERED, received
                    else:
                        opened = dt.datetime.fromtimestamp(decided, dt.UTC)
                        day = opened.date() + rng.randint(2, 7) * DAY
                        if day > self.today:
                            day = self.today
                        upheld = rng.random() < 0.72
                        dispute = ("upheld" if upheld else "reversed", decided, day)
                        tz = self.platforms[self.complaint_platform[c]].time_zone
                        outcome = REMOVED if upheld else RESTORED
                        outcome_at = min(noon_on(day, tz).timestamp(), self.epoch - 60)
                elif status == "withdrawn":
                    outcome, outcome_at = WITHDRAWN, decided
                else:  # accepted, lapsed: the seller keeps the listing
                    outcome, outcome_at = RESTORED, decided
            for link in links:
                final[link], final_at[link] = outcome, outcome_at
            self.notices.append((received, c, links, status, decided, declaration, dispute))

    def plan_listings(self) -> None:
        """Listings in filing order: new ones, and some reported again once they came back
        (rejected, restored, withdrawn); each link's first or repeat offense."""
        rng = self.random
        n_links, wanted = self.n_links, self.counts["listings"]
        listing_id0 = self.next_id(Listing)
        link_listing = array("q", [0]) * n_links
        offense = array("b", [0]) * n_links  # 0 blank, 1 first, 2 repeat
        offense_count = array("q", [0]) * n_links
        l_platform, l_seller, l_first_seen = array("q"), array("q"), array("d")
        l_status, l_client = array("b"), array("q")
        pools: dict[tuple[int, int], list[tuple[float, int]]] = {}
        removed_by_seller: dict[int, int] = {}
        removed_by_listing: dict[int, int] = {}
        spare = wanted - n_links  # listings never reported, before re-reports add to them
        reuse_rate = 0.12 if spare >= 0 else 0.5
        final, final_at = self.link_final, self.link_final_at
        state = self.complaint_state
        for c in range(len(state)):
            platform = self.complaint_platform[c]
            client = self.complaint_client[c]
            at = self.complaint_at[c]
            pool = pools.setdefault((client, platform), [])
            submitted = state[c] in (SUBMITTED, WITHDRAWN_STATE)
            first_link = self.link_first_of[c]
            sellers = self.platform_sellers.get(platform) or []
            cum = self.platform_seller_cum.get(platform)
            # A paste mostly reports one seller's listings, with some from others.
            main_seller = sellers[self.pick(cum)] if sellers else 0
            links = range(first_link, first_link + self.complaint_size[c])
            for link in links:
                listing = 0
                if submitted and pool and rng.random() < reuse_rate:
                    k = rng.randrange(len(pool))
                    if pool[k][0] <= at:
                        listing = pool[k][1]
                        pool[k] = pool[-1]
                        pool.pop()
                if not listing:
                    listing = listing_id0 + len(l_platform)
                    seller = (
                        (main_seller if rng.random() < 0.6 else sellers[self.pick(cum)])
                        if sellers and rng.random() < 0.92
                        else 0
                    )
                    l_platform.append(platform)
                    l_seller.append(seller)
                    l_first_seen.append(at - rng.uniform(0.05, 3) * 86400)
                    l_status.append(0)
                    l_client.append(client)
                link_listing[link] = listing
                index = listing - listing_id0
                if submitted:
                    seller = l_seller[index]
                    count = (removed_by_seller.get(seller, 0) if seller else
                             removed_by_listing.get(listing, 0))  # fmt: skip
                    offense[link] = 2 if count else 1
                    offense_count[link] = count
                    l_status[index] = final[link] + 1  # 1 + outcome code
                    if final[link] in (REJECTED, RESTORED, WITHDRAWN):
                        pool.append((final_at[link] + 86400, listing))
                else:
                    l_status[index] = 0  # a draft's new listing: known, not reported
            if submitted:
                for link in links:
                    if final[link] == REMOVED:
                        seller = l_seller[link_listing[link] - listing_id0]
                        if seller:
                            removed_by_seller[seller] = removed_by_seller.get(seller, 0) + 1
                        else:
                            key = link_listing[link]
                            removed_by_listing[key] = removed_by_listing.get(key, 0) + 1
        # Listings the firm found while monitoring and has not reported (yet).
        while len(l_platform) < wanted:
            platform = self.platform_list[self.pick(self.platform_cum)].pk
            sellers = self.platform_sellers.get(platform) or []
            l_platform.append(platform)
            l_seller.append(sellers[self.pick(self.platform_seller_cum[platform])]
                            if sellers else 0)  # fmt: skip
            l_first_seen.append(self.epoch - rng.uniform(0.1, 60) * 86400)
            l_status.append(0)
            l_client.append(0)
        self.listing_id0 = listing_id0
        self.link_listing, self.link_offense, self.link_offense_count = (
            link_listing, offense, offense_count)  # fmt: skip
        self.l_platform, self.l_seller, self.l_first_seen = l_platform, l_seller, l_first_seen
        self.l_status, self.l_client = l_status, l_client

    # -- writing -------------------------------------------------------------------------------

    def canonical(self, platform: PlatformInfo, listing_pk: int) -> tuple[str, str]:
        item = str(700_000_000_000 + listing_pk)
        if platform.code == "aliexpress":
            item = f"1005{item}"
        elif platform.code == "alibaba_com":
            item = f"1600{item}"
        url = platform.template.replace("{id}", item)
        if platform.code == "shopee_sg":
            return f"{item}.{item}", url
        return item, url

    def write_listings(self) -> None:
        rows = self.rows(Listing)
        rng = random.Random(7)
        brands = {c.pk: c.brand for c in self.client_plans}
        statuses = ["known"] + [listing_status_for(o) for o in OUTCOMES]

        def gen():
            for index in range(len(self.l_platform)):
                pk = self.listing_id0 + index
                platform = self.platforms[self.l_platform[index]]
                canonical_id, url = self.canonical(platform, pk)
                brand = brands.get(self.l_client[index], "Brand")
                seen = self.moment(self.l_first_seen[index])
                yield rows(
                    id=pk, created_at=seen, updated_at=seen, first_seen_at=seen,
                    last_seen_at=seen + rng.uniform(0, 5) * DAY, platform_id=platform.pk,
                    kind="listing", canonical_id=canonical_id, canonical_url=url,
                    entered_url=url, title=f"{brand} {PRODUCTS[pk % len(PRODUCTS)]} "
                    f"{HOOKS[pk % len(HOOKS)]}",
                    price=f"{rng.uniform(3, 400):.2f}", currency=CURRENCY.get(platform.code, "CNY"),
                    seller_id=self.l_seller[index] or None, status=statuses[self.l_status[index]],
                )  # fmt: skip

        self.load(rows, gen())

    def complaint_label(self, c: int) -> str:
        label = _("Complaint #%(pk)s") % {"pk": self.complaint_id0 + c}
        head = self.complaint_batch[c]
        parts = 2 if head != c or (c + 1 < len(self.complaint_batch) and
                                   self.complaint_batch[c + 1] == c) else 1  # fmt: skip
        if parts > 1:
            label += f" ({1 if head == c else 2}/2)"
        return label

    def write_complaints(self) -> None:
        rows, evidence = self.rows(Complaint), self.rows(EvidenceFile)
        rng = random.Random(11)
        import uuid

        batch_keys: dict[int, uuid.UUID] = {}
        withdrawal = _("The client settled with the seller.")
        evidence_rows = []
        next_evidence = self.next_id(EvidenceFile)

        def gen():
            nonlocal next_evidence
            for c in range(len(self.complaint_state)):
                pk = self.complaint_id0 + c
                state = self.complaint_state[c]
                platform = self.platforms[self.complaint_platform[c]]
                at = self.moment(self.complaint_at[c])
                created = at - rng.uniform(0.2, 48) * HOUR
                by = self.complaint_by[c]
                head = self.complaint_batch[c]
                key = batch_keys.setdefault(head, uuid.UUID(int=rng.getrandbits(128), version=4))
                is_batch = head != c or (c + 1 < len(self.complaint_batch) and
                                         self.complaint_batch[c + 1] == c)  # fmt: skip
                filed = state in (SUBMITTED, WITHDRAWN_STATE)
                withdrawn_at = None
                if state == WITHDRAWN_STATE:
                    first_link = self.link_first_of[c]
                    links = range(first_link, first_link + self.complaint_size[c])
                    withdrawn_at = self.moment(max(self.link_first_at[i] for i in links))
                yield rows(
                    id=pk, created_at=created, updated_at=withdrawn_at or at,
                    client_id=self.complaint_client[c],
                    platform_id=platform.pk, account_id=self.complaint_account[c],
                    ipr_id=self.complaint_ipr[c], target_kind="listing",
                    reason_code_id=self.complaint_reason[c] or None,
                    supplementary_reasons=_("Counterfeit goods bearing the mark; test purchase "
                                            "and comparison attached."),
                    state=STATES[state],
                    platform_reference=f"{platform.code.upper()}-{at:%Y%m%d}-{pk}" if filed else "",
                    submitted_at=at if filed else None, submitted_by_id=by if filed else None,
                    withdrawn_at=withdrawn_at, withdrawal_reason=withdrawal if withdrawn_at else "",
                    batch_key=key, batch_index=1 if head == c else 2,
                    batch_size=2 if is_batch else 1, created_by_id=by,
                )  # fmt: skip
                if filed and rng.random() < 0.25:
                    evidence_rows.append(evidence(
                        id=next_evidence, complaint_id=pk, kind="test_purchase",
                        file=self.files["evidence"], sha256=PDF_SHA256,
                        description=_("Test purchase: photos of the goods and packaging"),
                        captured_at=created - rng.uniform(1, 6) * DAY, uploaded_by_id=by,
                        created_at=created,
                    ))  # fmt: skip
                    next_evidence += 1

        self.load(rows, gen())
        self.load(evidence, evidence_rows)

    def write_links(self) -> None:
        rows = self.rows(ComplaintLink)
        self.link_id0 = self.next_id(ComplaintLink)
        offense_names = ["", "first", "repeat"]

        def gen():
            for c in range(len(self.complaint_state)):
                created = self.moment(self.complaint_at[c]) - HOUR
                by = self.complaint_by[c]
                first_link = self.link_first_of[c]
                last_link = first_link + self.complaint_size[c]
                for position, link in enumerate(range(first_link, last_link), start=1):
                    outcome = self.link_final[link]
                    at = self.link_final_at[link]
                    reason = ""
                    if outcome == REJECTED or self.link_first[link] == REJECTED:
                        reason = REJECTION_REASONS[link % len(REJECTION_REASONS)]
                    elif outcome == WITHDRAWN:
                        reason = _("The client settled with the seller.")
                    yield rows(
                        id=self.link_id0 + link, created_at=created,
                        updated_at=self.moment(at) if at else created,
                        complaint_id=self.complaint_id0 + c,
                        listing_id=self.link_listing[link], position=position,
                        outcome=OUTCOMES[outcome], outcome_reason=reason,
                        outcome_at=self.moment(at) if outcome != PENDING else None,
                        recorded_by_id=by if outcome != PENDING else None,
                        offense=offense_names[self.link_offense[link]],
                        offense_count=self.link_offense_count[link],
                    )  # fmt: skip

        self.load(rows, gen())

    def write_counter_notices(self) -> None:
        rng = random.Random(13)
        rows, evidence, disputes = (self.rows(CounterNotice), self.rows(CounterNoticeEvidence),
                                    self.rows(Dispute))  # fmt: skip
        through = self.rows(CounterNotice.links.through, with_id=False)
        self.notice_id0, dispute_id = self.next_id(CounterNotice), self.next_id(Dispute)
        evidence_id = self.next_id(CounterNoticeEvidence)
        supervisors = {c.pk: c.supervisor for c in self.client_plans}
        notice_rows, link_rows, evidence_rows, dispute_rows = [], [], [], []
        self.notice_deadlines = []
        for i, (received, c, links, status, decided, declaration, dispute) in enumerate(
            self.notices
        ):
            pk = self.notice_id0 + i
            client = self.complaint_client[c]
            sellers = {self.l_seller[self.link_listing[link] - self.listing_id0] for link in links}
            seller = sellers.pop() if len(sellers) == 1 else 0
            attorney = supervisors[client]
            reasons = ""
            if status == "rejected":
                reasons = self.templates[i % len(self.templates)]
            elif status == "withdrawn":
                reasons = _("The client settled with the seller.")
            notice_rows.append(
                [
                    pk,
                    received,
                    c,
                    seller,
                    status,
                    decided,
                    declaration,
                    attorney,
                    reasons,
                ]
            )
            link_rows.extend(through(counternotice_id=pk, complaintlink_id=self.link_id0 + link)
                             for link in links)  # fmt: skip
            if rng.random() < 0.3:
                evidence_rows.append(evidence(
                    id=evidence_id, notice_id=pk, file=self.files["seller-evidence"],
                    description=_("The seller's registration certificate"), sha256=PDF_SHA256,
                    uploaded_by_id=self.complaint_by[c], created_at=self.moment(received),
                ))  # fmt: skip
                evidence_id += 1
            if dispute is not None:
                d_status, opened, day = dispute
                dispute_rows.append(disputes(
                    id=dispute_id, notice_id=pk, opened_at=self.moment(opened), status=d_status,
                    decided_on=day, decision_notes=DISPUTE_NOTES[i % 3] if day else "",
                    recorded_by_id=self.complaint_by[c] if day else None,
                    created_at=self.moment(opened),
                ))  # fmt: skip
                self.notice_deadlines.append(("dispute", dispute_id, pk, c, opened, d_status, day,
                                              attorney))  # fmt: skip
                dispute_id += 1
        # Each notice shows its answer window's due moment: compute those windows first.
        answer_due = {}
        for pk, received, c, *_rest in notice_rows:
            platform = self.platforms[self.complaint_platform[c]]
            rule = self.rule(Event.COUNTER_NOTICE_RECEIVED, platform.pk)[0]
            due = self.due(rule, self.moment(received), platform)
            answer_due[pk] = due

        def gen():
            for (
                pk,
                received,
                c,
                seller,
                status,
                decided,
                declaration,
                attorney,
                reasons,
            ) in notice_rows:
                due_on, due_at, provisional, _error = answer_due[pk]
                decided_at = self.moment(decided) if decided else None
                claim = rng.random() < 0.6
                yield rows(
                    id=pk, created_at=self.moment(received), updated_at=decided_at or
                    self.moment(received), client_id=self.complaint_client[c],
                    complaint_id=self.complaint_id0 + c, seller_id=seller or None,
                    received_at=self.moment(received), platform_reference=f"CN-{pk:09d}",
                    claim_kind="trademark" if claim else "", claim_number=f"5{pk:08d}" if claim
                    else "", claim_owner=_("Yiwu Trading Co.") if claim else "",
                    claim_jurisdiction="CN" if claim else "",
                    seller_statement=SELLER_STATEMENTS[pk % len(SELLER_STATEMENTS)],
                    declaration_forwarded_at=self.moment(declaration) if declaration else None,
                    status=status, response_due_at=due_at, response_due_is_provisional=provisional,
                    draft_answer=_("The goods carry the mark; see the test purchase.")
                    if status == "awaiting_review" and pk % 2 else "",
                    decision_reasons=reasons, decided_by_id=attorney if decided else None,
                    decided_at=decided_at, recorded_by_id=self.complaint_by[c],
                )  # fmt: skip

        self.load(rows, gen())
        self.load(through, link_rows)
        self.load(evidence, evidence_rows)
        self.load(disputes, dispute_rows)
        self.notice_rows = notice_rows

    # -- deadlines ---------------------------------------------------------------------------

    def rule(self, event: str, platform_id: int | None, offense: str = "any") -> list[WindowRule]:
        return self.rule_cache[(event, platform_id, offense)]  # read in ``catalogue``

    def due(self, rule: WindowRule, event_at: dt.datetime, platform: PlatformInfo | None):
        """(due_on, due_at, provisional, error), computed by the deadline service itself."""
        code = platform.calendar if platform else settings.FIRM_CALENDAR
        zone = platform.time_zone if platform else self.firm_zone
        local = event_at.astimezone(zoneinfo.ZoneInfo(zone)).date()
        key = (code, zone, local, rule.length, rule.unit)
        if key not in self.due_cache:
            probe = Deadline(event_at=event_at, jurisdiction=code, time_zone=zone,
                             length=rule.length, unit=rule.unit, reminder_lead_times=[],
                             status=Deadline.Status.OPEN)  # fmt: skip
            compute(probe, self.calendars)
            self.due_cache[key] = (probe.due_on, probe.due_at, probe.due_is_provisional,
                                   probe.compute_error)  # fmt: skip
        return self.due_cache[key]

    def write_deadlines(self) -> None:
        """Every window the events opened: closed ones streamed, open ones held back to
        choose which reminders are due now (the ones whose moment passed most recently)."""
        rows = self.rows(Deadline)
        self.deadline_id = self.next_id(Deadline)
        self.open_rows: list[list] = []
        self.budget = self.counts["deadlines"]
        supervisors = {c.pk: c.supervisor for c in self.client_plans}
        self.supervisors = supervisors
        self.deadline_rows = rows
        names = rows.names
        self.col = {name: names.index(name) for name in names}
        fixed = (
            list(self.expiry_deadlines())
            + list(self.verification_deadlines())
            + list(self.notice_windows())
        )
        link_budget = max(0, self.budget - len(fixed))
        self.load(rows, self.stream(fixed, self.link_deadlines(link_budget)), _("closed"))
        self.load(rows, self.open_with_reminders(), _("open"))

    def stream(self, fixed, links):
        for row in fixed:
            if row is not None:
                yield row
        for row in links:
            if row is not None:
                yield row

    def deadline(self, *, rule: WindowRule, subject_type: int, subject_id: int, label: str,
                 event_at: dt.datetime, platform: PlatformInfo | None, client: int | None,
                 owner: int | None, closed_at: dt.datetime | None = None, closed_by=None,
                 cancel: bool = False, note: str = ""):  # fmt: skip
        """One deadline row; None for an open one (kept for the reminder choice)."""
        due_on, due_at, provisional, error = self.due(rule, event_at, platform)
        pk = self.deadline_id
        self.deadline_id += 1
        if closed_at is None:
            status = "open"
        elif cancel:
            status = "cancelled"
        else:
            status = "missed" if due_at is not None and closed_at > due_at else "met"
        values = dict(
            id=pk, created_at=min(event_at, self.now),
            updated_at=closed_at or min(event_at, self.now),
            client_id=client, platform_id=platform.pk if platform else None,
            subject_type_id=subject_type, subject_id=subject_id, subject_label=label[:255],
            event=rule.event, event_at=event_at, rule_id=rule.pk, title=rule.name,
            length=rule.length, unit=rule.unit,
            jurisdiction=platform.calendar if platform else settings.FIRM_CALENDAR,
            time_zone=platform.time_zone if platform else self.firm_zone,
            reminder_lead_times=list(rule.reminder_lead_times),
            escalate_when_overdue=rule.escalate_when_overdue,
            remind_supervisor=rule.recipients == WindowRule.Recipients.OWNER_AND_SUPERVISOR,
            due_on=due_on, due_at=due_at, due_is_provisional=provisional, compute_error=error,
            owner_id=owner, escalate_to_id=self.supervisors.get(client),
            status=status, closed_at=closed_at, closed_by_id=closed_by if closed_at else None,
            close_note=note[:255] if closed_at else "", next_reminder_at=None,
        )  # fmt: skip
        row = self.deadline_rows(**values)
        if status == "open":
            self.open_rows.append(list(row))
            return None
        return row

    def owner_for(self, rule: WindowRule, actor: int | None, client: int | None) -> int | None:
        supervisor = self.supervisors.get(client)
        if rule.owner == WindowRule.Owner.SUPERVISOR and supervisor is not None:
            return supervisor
        return actor or supervisor

    def expiry_deadlines(self):
        for model, pk, expires, client, label in self.expiries:
            event = Event.POA_EXPIRY if model is PowerOfAttorney else Event.IPR_EXPIRY
            for rule in self.rule(event, None):
                yield self.deadline(
                    rule=rule, subject_type=self.types[model], subject_id=pk, label=label,
                    event_at=noon_on(expires, self.firm_zone), platform=None, client=client.pk,
                    owner=self.owner_for(rule, None, client.pk),
                )  # fmt: skip

    def verification_deadlines(self):
        first_platform = {}
        for p in self.platform_list:
            first_platform.setdefault(p.group_id, p)
        account_group = {}
        for group_id, account in self.firm_account.items():
            account_group[account] = group_id
        for c in self.client_plans:
            if c.own_account:
                account_group[c.own_account] = self.own_group
        recent = self.today - 2 * YEAR
        for pk, account, state, submitted, decided, client, label in self.verifications:
            if submitted < recent:
                continue  # before the firm kept its deadlines here
            platform = first_platform[account_group[account]]
            group = self.groups[platform.group_id].name
            event_at = noon_on(submitted, platform.time_zone)
            closed = noon_on(decided, platform.time_zone) if decided else None
            for rule in self.rule(Event.VERIFICATION_SUBMITTED, platform.pk):
                yield self.deadline(
                    rule=rule, subject_type=self.types[IPRVerification], subject_id=pk,
                    label=f"{label} @ {group}", event_at=event_at, platform=platform,
                    client=client.pk, owner=self.owner_for(rule, self.paralegals[0], client.pk),
                    closed_at=closed, closed_by=self.paralegals[0],
                    note=_("Platform decided: %(status)s") % {"status": state},
                )  # fmt: skip

    def notice_windows(self):
        statuses = dict(CounterNotice.Status.choices)
        for (
            pk,
            received,
            c,
            _seller,
            status,
            decided,
            declaration,
            attorney,
            _r,
        ) in self.notice_rows:
            platform = self.platforms[self.complaint_platform[c]]
            client = self.complaint_client[c]
            label = _("Counter-notice #%(pk)s") % {"pk": pk} + " · " + self.complaint_label(c)
            decided_at = self.moment(decided) if decided else None
            note = _("Counter-notice %(status)s") % {"status": statuses[status]}
            recorder = self.complaint_by[c]
            for rule in self.rule(Event.COUNTER_NOTICE_RECEIVED, platform.pk):
                yield self.deadline(
                    rule=rule, subject_type=self.types[CounterNotice], subject_id=pk, label=label,
                    event_at=self.moment(received), platform=platform, client=client,
                    owner=self.owner_for(rule, recorder, client), closed_at=decided_at,
                    closed_by=attorney, note=note,
                )  # fmt: skip
            if declaration:
                forwarded = self.moment(declaration)
                closed, cancel = None, False
                if status == "rejected":  # the attorney reported the suit in time
                    closed = min(decided_at + DAY, self.now)
                elif decided_at is not None:
                    closed, cancel = decided_at, True
                for rule in self.rule(Event.DECLARATION_FORWARDED, platform.pk):
                    yield self.deadline(
                        rule=rule, subject_type=self.types[CounterNotice], subject_id=pk,
                        label=label, event_at=forwarded, platform=platform, client=client,
                        owner=self.owner_for(rule, recorder, client), closed_at=closed,
                        closed_by=attorney, cancel=cancel, note=note,
                    )  # fmt: skip
        dispute_labels = dict(Dispute.Status.choices)
        for (
            _kind,
            dispute_pk,
            notice_pk,
            c,
            opened,
            d_status,
            day,
            attorney,
        ) in self.notice_deadlines:
            platform = self.platforms[self.complaint_platform[c]]
            client = self.complaint_client[c]
            label = (_("Dispute on %(notice)s") % {"notice": _("Counter-notice #%(pk)s") % {
                "pk": notice_pk}}) + " · " + self.complaint_label(c)  # fmt: skip
            closed = min(noon_on(day, platform.time_zone), self.now) if day else None
            for rule in self.rule(Event.DISPUTE_OPENED, platform.pk):
                yield self.deadline(
                    rule=rule, subject_type=self.types[Dispute], subject_id=dispute_pk,
                    label=label, event_at=self.moment(opened), platform=platform, client=client,
                    owner=self.owner_for(rule, attorney, client), closed_at=closed,
                    closed_by=self.complaint_by[c], note=str(dispute_labels[d_status]),
                )  # fmt: skip

    def link_deadlines(self, budget: int):
        """The seller's window of each filed link: every pending one, and the closed ones
        of the newest complaints as far as the budget goes."""
        pending = sum(1 for c in range(len(self.complaint_state))
                      if self.complaint_state[c] == SUBMITTED
                      for link in range(self.link_first_of[c],
                                        self.link_first_of[c] + self.complaint_size[c])
                      if self.link_first[link] == PENDING)  # fmt: skip
        closed_left = max(0, budget - pending)
        offense_names = ["any", "first", "repeat"]
        for c in range(len(self.complaint_state) - 1, -1, -1):
            state = self.complaint_state[c]
            if state not in (SUBMITTED, WITHDRAWN_STATE):
                continue
            platform = self.platforms[self.complaint_platform[c]]
            client = self.complaint_client[c]
            at = self.moment(self.complaint_at[c])
            by = self.complaint_by[c]
            label = self.complaint_label(c)
            for link in range(
                self.link_first_of[c], self.link_first_of[c] + self.complaint_size[c]
            ):
                first = self.link_first[link]
                if first != PENDING:
                    if closed_left <= 0:
                        continue
                    closed_left -= 1
                listing = self.link_listing[link]
                _item, url = self.canonical(
                    self.platforms[self.l_platform[listing - self.listing_id0]], listing
                )
                outcome_at = self.moment(self.link_first_at[link]) if first != PENDING else None
                for rule in self.rule(Event.COMPLAINT_SUBMITTED, platform.pk,
                                      offense_names[self.link_offense[link]]):  # fmt: skip
                    yield self.deadline(
                        rule=rule, subject_type=self.types[ComplaintLink],
                        subject_id=self.link_id0 + link, label=f"{label} · {url}", event_at=at,
                        platform=platform, client=client, owner=self.owner_for(rule, by, client),
                        closed_at=outcome_at, closed_by=by,
                        note=_("Outcome recorded: %(outcome)s") % {"outcome": OUTCOMES[first]},
                    )  # fmt: skip

    def open_with_reminders(self):
        """Past reminders of open deadlines count as sent, except the ones whose moment
        passed most recently: those are due now, for the next sweep."""
        now = self.now
        col = self.col
        candidates = []
        for index, row in enumerate(self.open_rows):
            due_at = row[col["due_at"]]
            if due_at is None:
                continue
            moments = plan(due_at, row[col["reminder_lead_times"]])
            future = next((p.at for p in moments if p.at > now), None)
            row[col["next_reminder_at"]] = future
            passed = [p.at for p in moments if p.at <= now]
            if passed:
                candidates.append((passed[-1], index))
        candidates.sort(reverse=True)
        for moment, index in candidates[: self.counts["due_reminders"]]:
            self.open_rows[index][col["next_reminder_at"]] = moment
        self.due_now = min(len(candidates), self.counts["due_reminders"])
        for row in self.open_rows:
            yield tuple(row)


def summary_counts() -> dict[str, int]:
    """What a seeded database holds, for the command's report and the tests."""
    return {
        "clients": Client.objects.count(),
        "iprs": IPR.objects.count(),
        "sellers": Seller.objects.count(),
        "listings": Listing.objects.count(),
        "complaints": Complaint.objects.count(),
        "links": ComplaintLink.objects.count(),
        "counter_notices": CounterNotice.objects.count(),
        "deadlines": Deadline.objects.count(),
        "open_deadlines": Deadline.objects.filter(status=Deadline.Status.OPEN).count(),
        "due_reminders": Deadline.objects.filter(
            status=Deadline.Status.OPEN, next_reminder_at__lte=timezone.now()
        ).count(),
    }
