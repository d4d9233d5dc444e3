"""Shared pieces of link recognition: the result, URL clean-up, and small helpers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlsplit

from django.utils.translation import gettext as _

LISTING = "listing"
STOREFRONT = "storefront"

# Characters people paste around a link: brackets, quotes, Chinese punctuation.
_TRAILING = "()[]{}<>\"'“”‘’「」【】（）《》。，、；：！？,.;:!?…"
_URL_IN_TEXT = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"'“”‘’「」【】（）]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Limits of the web itself (RFC 1035 for hosts); a longer line is a paste gone wrong, not a link.
MAX_INPUT = 4096
MAX_HOST = 253
MAX_LABEL = 63
_LABEL = re.compile(r"[a-z0-9_-]+")  # browsers accept "_" in subdomains, DNS does not mind
# The Taobao/1688 apps share a code between currency signs ("￥AbCd1234XyZ￥", after NFKC "¥");
# without the link beside it there is nothing to recognise.
_SHARE_CODE = re.compile(r"[¥$€₴₤¢]\s?(?:CZ\d{4}\s)?[A-Za-z0-9]{8,16}\s?[¥$€₴₤¢]|淘口令")


@dataclass(frozen=True)
class LinkResult:
    input: str
    platform: str = ""
    kind: str = ""
    canonical_id: str = ""
    canonical_url: str = ""
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass(frozen=True)
class Url:
    """A pasted link, cleaned: lower-case host without port, decoded path, query dict."""

    raw: str
    host: str
    path: str
    query: dict[str, str]

    def param(self, *names: str) -> str:
        for name in names:
            value = self.query.get(name) or self.query.get(name.lower())
            if value:
                return value.strip()
        return ""

    def under(self, domain: str) -> bool:
        """True when the host is ``domain`` or a subdomain of it (on a label boundary)."""
        return self.host == domain or self.host.endswith("." + domain)

    def sub(self, domain: str) -> str:
        """The labels in front of ``domain``: "shop123.m" for shop123.m.taobao.com."""
        return self.host[: -len(domain) - 1] if self.host != domain else ""


class Refusal(Exception):
    """Raised by a recogniser with the sentence that tells a paralegal what to do."""


def clean(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw).translate(_INVISIBLE).strip()
    if text.lower().startswith(("http://", "https://")):
        text = text.split()[0]  # a link followed by a note
    else:
        match = _URL_IN_TEXT.search(text)
        if match and match.start() > 0:
            text = match.group(0)  # share texts: "【淘宝】https://m.tb.cn/… 复制打开"
    return text.strip().rstrip(_TRAILING).lstrip("([{<\"'“‘「【（《")


def parse(raw: str) -> Url:
    if len(raw) > MAX_INPUT:
        raise Refusal(
            _(
                "This line has %(count)d characters, more than any web address people paste "
                "(%(limit)d): put one link on each line."
            )
            % {"count": len(raw), "limit": MAX_INPUT}
        )
    text = clean(raw)
    if not text:
        raise Refusal(_("Empty line."))
    if not _URL_IN_TEXT.search(text) and _SHARE_CODE.search(text):
        raise Refusal(
            _(
                "This is an app share code, not a link: open it in the app, then copy the "
                "product's link (Share → Copy link)."
            )
        )
    scheme = _SCHEME.match(text)
    # "item.taobao.com:443/…" has no scheme; "javascript:", "ftp:" and "taobao:" have.
    if (
        scheme
        and not text.lower().startswith(("http://", "https://"))
        and "." not in scheme.group(1)
        and not digits(text[len(scheme.group(0)) :][:1])
    ):
        raise Refusal(_("Only http and https links can be reported."))
    if not text.lower().startswith(("http://", "https://")):
        text = "https://" + text.lstrip("/")
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").rstrip(".").lower()
    except ValueError:
        raise Refusal(_("Not a web address.")) from None
    if not host or "." not in host or " " in host:
        raise Refusal(_("Not a web address."))
    host = _checked_host(host)
    query = {k: v for k, v in parse_qsl(parts.query, keep_blank_values=False)}
    return Url(raw=raw, host=host, path=unquote(parts.path or "/"), query=query)


def _checked_host(host: str) -> str:
    """The host in ASCII, or a refusal that names what no real host can have."""
    shown = host if len(host) <= 60 else host[:57] + "…"
    labels = host.split(".")
    if "" in labels:
        raise Refusal(
            _(
                "The address's host “%(host)s” has an empty part (two dots in a row, or a dot "
                "first): check the link."
            )
            % {"host": shown}
        )
    ascii_labels: list[str] = []
    for label in labels:
        try:
            ascii_label = label if label.isascii() else label.encode("idna").decode("ascii")
        except UnicodeError:
            # IDNA refuses a label whose encoded form is over 63; measure that form to say so.
            ascii_label = "xn--" + label.encode("punycode").decode("ascii")
            if len(ascii_label) <= MAX_LABEL:
                raise Refusal(_("Not a web address.")) from None
        if len(ascii_label) > MAX_LABEL:
            raise Refusal(
                _(
                    "A part of the address's host (“%(label)s”) has %(count)d characters; a web "
                    "address allows at most %(limit)d in each part: check that the link was "
                    "copied whole."
                )
                % {"label": label[:20] + "…", "count": len(ascii_label), "limit": MAX_LABEL}
            )
        if not _LABEL.fullmatch(ascii_label):
            raise Refusal(
                _(
                    "The address's host “%(host)s” has characters a web address cannot have: "
                    "check the link."
                )
                % {"host": shown}
            )
        ascii_labels.append(ascii_label)
    ascii_host = ".".join(ascii_labels)
    if len(ascii_host) > MAX_HOST:
        raise Refusal(
            _(
                "The address's host “%(host)s” has %(count)d characters, longer than a web "
                "address can be (%(limit)d): check that the link was copied whole."
            )
            % {"host": shown, "count": len(ascii_host), "limit": MAX_HOST}
        )
    return ascii_host


@dataclass(frozen=True)
class IdLength:
    """How long a platform's ids plausibly are; ``alnum`` ids mix letters and digits."""

    low: int
    high: int
    alnum: bool = False

    def check(self, value: str, platform: str, things: str) -> str:
        """``value`` when its length is plausible; ``things`` is the plural noun ("item ids")."""
        if self.low <= len(value) <= self.high:
            return value
        values = {
            "platform": platform, "things": things, "low": self.low, "high": self.high,
            "count": len(value),
        }  # fmt: skip
        if self.alnum and self.low == self.high:
            message = _(
                "%(platform)s %(things)s have exactly %(low)d letters and digits; this one has "
                "%(count)d: check the link."
            )
        elif self.alnum:
            message = _(
                "%(platform)s %(things)s have %(low)d to %(high)d letters and digits; this one "
                "has %(count)d: check the link."
            )
        else:
            message = _(
                "%(platform)s %(things)s have %(low)d to %(high)d digits; this one has "
                "%(count)d: check the link."
            )
        raise Refusal(message % values)


def digits(value: str) -> str:
    """ASCII digits only: "٦١٢".isdigit() is true, but no platform writes ids that way."""
    return value if value.isascii() and value.isdigit() else ""


def search_page() -> Refusal:
    return Refusal(
        _(
            "This is a search or category page, not a listing or a storefront: open the "
            "product and copy its address."
        )
    )


def short_link() -> Refusal:
    return Refusal(
        _(
            "This is a short or redirect link that hides the product's id: open it in a "
            "browser and paste the final product address."
        )
    )


def not_a_listing(name: str) -> Refusal:
    return Refusal(
        _("This %(platform)s page is neither a product listing nor a storefront.")
        % {"platform": name}
    )


def listing(platform: str, item: str, url: str) -> LinkResult:
    return LinkResult(
        input="", platform=platform, kind=LISTING, canonical_id=item, canonical_url=url
    )


def storefront(platform: str, shop: str, url: str, *, fold_case: bool = True) -> LinkResult:
    """Shop names on most platforms ignore case; Amazon's seller ids do not."""
    shop_id = shop.lower() if fold_case else shop
    return LinkResult(
        input="", platform=platform, kind=STOREFRONT, canonical_id=shop_id, canonical_url=url
    )
