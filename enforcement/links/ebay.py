"""eBay.com."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from .base import (
    IdLength,
    LinkResult,
    Url,
    listing,
    not_a_listing,
    search_page,
    short_link,
    storefront,
)

DOMAINS = {"ebay.com": "ebay_us", "ebay.us": "ebay_us", "ebay.to": "ebay_us"}

# Item numbers have had 12 digits since about 2008 (110…, now 1…/2…/3…/4…); 10 and 11 were
# used before, 13 is headroom.
EBAY_ITEM_ID = IdLength(10, 13)


def recognise(url: Url, domain: str) -> LinkResult:
    if domain in ("ebay.us", "ebay.to"):
        raise short_link()
    path = url.path.rstrip("/")
    item = re.match(r"^/itm/(?:[^/]+/)?(\d+)$", path)
    if item:
        item_id = EBAY_ITEM_ID.check(item.group(1), "eBay", _("item numbers"))
        return listing("ebay_us", item_id, f"https://www.ebay.com/itm/{item_id}")
    store = re.match(r"^/(str|usr)/([A-Za-z0-9._-]+)", path)
    if store:
        name = store.group(2).lower()
        return storefront("ebay_us", name, f"https://www.ebay.com/{store.group(1)}/{name}")
    if path.startswith(("/sch", "/b/", "/e/", "/deals")) or url.param("_nkw"):
        raise search_page()
    raise not_a_listing("eBay")
