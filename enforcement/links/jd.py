"""JD.com."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from .base import (
    IdLength,
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

# SKUs: 6-8 digits before 2018 ("item.jd.com/4335139.html"), 100… of 12 since, and 14-digit
# 100…/10…  ids for marketplace sellers' goods.
JD_SKU = IdLength(5, 15)
# mall.jd.com/index-<shop>.html: 1000012345 and older 5-6 digit shops.
JD_SHOP_ID = IdLength(4, 12)


def recognise(url: Url, domain: str) -> LinkResult:
    if domain == "3.cn" or url.under("u.jd.com"):
        raise short_link()
    sub = url.sub("jd.com")
    path = url.path
    item = re.search(r"^/(?:product/)?(\d+)\.html?$", path)
    sku = item.group(1) if item and sub in {"item", "item.m", "www"} else ""
    if not sku and sub in {"item.m", "m"}:
        sku = digits(url.param("wareId", "sku"))
    if sku:
        sku = JD_SKU.check(sku, "JD.com", _("item ids"))
        return listing("jd", sku, f"https://item.jd.com/{sku}.html")
    mall = re.search(r"^/index-(\d+)\.html?$", path)
    shop = mall.group(1) if sub == "mall" and mall else ""
    if not shop and sub in {"shop.m", "shop"}:
        shop = digits(url.param("shopId", "shopid"))
    if shop:
        shop = JD_SHOP_ID.check(shop, "JD.com", _("shop ids"))
        return storefront("jd", shop, f"https://mall.jd.com/index-{shop}.html")
    if sub in {"search", "so.m", "list", "search.m"}:
        raise search_page()
    raise not_a_listing("JD.com")
