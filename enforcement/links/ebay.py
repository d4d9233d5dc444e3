"""eBay.com."""

from __future__ import annotations

import re

from .base import LinkResult, Url, listing, not_a_listing, search_page, short_link, storefront

DOMAINS = {"ebay.com": "ebay_us", "ebay.us": "ebay_us", "ebay.to": "ebay_us"}


def recognise(url: Url, domain: str) -> LinkResult:
    if domain in ("ebay.us", "ebay.to"):
        raise short_link()
    path = url.path.rstrip("/")
    item = re.match(r"^/itm/(?:[^/]+/)?(\d{9,15})$", path)
    if item:
        return listing("ebay_us", item.group(1), f"https://www.ebay.com/itm/{item.group(1)}")
    store = re.match(r"^/(str|usr)/([A-Za-z0-9._-]+)", path)
    if store:
        name = store.group(2).lower()
        return storefront("ebay_us", name, f"https://www.ebay.com/{store.group(1)}/{name}")
    if path.startswith(("/sch", "/b/", "/e/", "/deals")) or url.param("_nkw"):
        raise search_page()
    raise not_a_listing("eBay")
