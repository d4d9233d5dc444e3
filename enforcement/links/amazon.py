"""Amazon.com (the US site; other Amazon sites are other platforms)."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from .base import (
    IdLength,
    LinkResult,
    Refusal,
    Url,
    listing,
    not_a_listing,
    search_page,
    short_link,
    storefront,
)

DOMAINS = {"amazon.com": "amazon_us", "amzn.to": "amazon_us", "a.co": "amazon_us"}

# An ASIN is always ten characters (a book's is its ISBN-10); seller ids are "A" and 12-14
# more ("A1B2C3D4E5F6G7"), allowed a little either way.
ASIN = IdLength(10, 10, alnum=True)
SELLER_ID = IdLength(10, 20, alnum=True)
_ASIN = r"([A-Za-z0-9]+)"
_PATHS = [
    re.compile(rf"/dp/{_ASIN}(?:[/?]|$)"),
    re.compile(rf"/gp/product/{_ASIN}(?:[/?]|$)"),
    re.compile(rf"/gp/aw/d/{_ASIN}(?:[/?]|$)"),
    re.compile(rf"/exec/obidos/ASIN/{_ASIN}(?:[/?]|$)"),
]


def recognise(url: Url, domain: str) -> LinkResult:
    if domain in ("amzn.to", "a.co"):
        raise short_link()
    path = url.path + "/"
    for pattern in _PATHS:
        match = pattern.search(path)
        if match:
            asin = ASIN.check(match.group(1).upper(), "Amazon", _("ASINs"))
            return listing("amazon_us", asin, f"https://www.amazon.com/dp/{asin}")
    seller = url.param("seller", "me")
    if seller and (path.startswith("/sp/") or path.startswith("/s/") or path == "//"):
        if path.startswith("/s/") and url.param("k"):
            raise search_page()
        seller = _seller(seller)
        return storefront(
            "amazon_us", seller, f"https://www.amazon.com/sp?seller={seller}", fold_case=False
        )
    shops = re.match(r"^/shops/([A-Za-z0-9]+)", url.path)
    if shops:
        seller = _seller(shops.group(1))
        return storefront(
            "amazon_us", seller, f"https://www.amazon.com/sp?seller={seller}", fold_case=False
        )
    if url.path.startswith(("/s", "/b", "/gp/bestsellers", "/stores/")) or url.param("k"):
        raise search_page()
    raise not_a_listing("Amazon")


def _seller(value: str) -> str:
    if not value.isalnum() or not value.isascii():
        raise Refusal(
            _("This Amazon seller id has characters seller ids never have: check the link.")
        )
    return SELLER_ID.check(value.upper(), "Amazon", _("seller ids"))
