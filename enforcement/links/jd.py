"""JD.com."""

from __future__ import annotations

import re

from .base import (
    LinkResult,
    Url,
    digits,
    listing,
    not_a_listing,
    search_page,
    short_link,
    storefront,
)

DOMAINS = {"jd.com": "jd", "3.cn": "jd"}


def recognise(url: Url, domain: str) -> LinkResult:
    if domain == "3.cn" or url.under("u.jd.com"):
        raise short_link()
    sub = url.sub("jd.com")
    path = url.path
    item = re.search(r"^/(?:product/)?(\d{5,})\.html?$", path)
    if item and sub in {"item", "item.m", "www"}:
        return listing("jd", item.group(1), f"https://item.jd.com/{item.group(1)}.html")
    if sub in {"item.m", "m"} and digits(url.param("wareId", "sku")):
        sku = url.param("wareId", "sku")
        return listing("jd", sku, f"https://item.jd.com/{sku}.html")
    mall = re.search(r"^/index-(\d+)\.html?$", path)
    if sub == "mall" and mall:
        return storefront("jd", mall.group(1), f"https://mall.jd.com/index-{mall.group(1)}.html")
    if sub in {"shop.m", "shop"} and digits(url.param("shopId", "shopid")):
        shop = url.param("shopId", "shopid")
        return storefront("jd", shop, f"https://mall.jd.com/index-{shop}.html")
    if sub in {"search", "so.m", "list", "search.m"}:
        raise search_page()
    raise not_a_listing("JD.com")
