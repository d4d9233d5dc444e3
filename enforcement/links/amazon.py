"""Amazon.com (the US site; other Amazon sites are other platforms)."""

from __future__ import annotations

import re

from .base import LinkResult, Url, listing, not_a_listing, search_page, short_link, storefront

DOMAINS = {"amazon.com": "amazon_us", "amzn.to": "amazon_us", "a.co": "amazon_us"}

_ASIN = r"([A-Za-z0-9]{10})"
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
            asin = match.group(1).upper()
            return listing("amazon_us", asin, f"https://www.amazon.com/dp/{asin}")
    seller = url.param("seller", "me")
    if seller and (path.startswith("/sp/") or path.startswith("/s/") or path == "//"):
        if path.startswith("/s/") and url.param("k"):
            raise search_page()
        seller = seller.upper()
        return storefront(
            "amazon_us", seller, f"https://www.amazon.com/sp?seller={seller}", fold_case=False
        )
    shops = re.match(r"^/shops/([A-Za-z0-9]+)", url.path)
    if shops:
        seller = shops.group(1).upper()
        return storefront(
            "amazon_us", seller, f"https://www.amazon.com/sp?seller={seller}", fold_case=False
        )
    if url.path.startswith(("/s", "/b", "/gp/bestsellers", "/stores/")) or url.param("k"):
        raise search_page()
    raise not_a_listing("Amazon")
