"""Shopee Singapore."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from .base import IdLength, LinkResult, Refusal, Url, listing, search_page, short_link, storefront

DOMAINS = {"shopee.sg": "shopee_sg", "shp.ee": "shopee_sg"}

# Shop ids: 5-10 digits; item ids: 9-11 digits seen, older ones shorter.
SHOPEE_SHOP_ID = IdLength(4, 12)
SHOPEE_ITEM_ID = IdLength(5, 13)


def recognise(url: Url, domain: str) -> LinkResult:
    if domain == "shp.ee" or url.sub(domain) == "s":
        raise short_link()
    path = url.path.rstrip("/")
    item = re.search(r"-i\.(\d+)\.(\d+)$", path) or re.match(r"^/product/(\d+)/(\d+)$", path)
    if item:
        shop, product = item.groups()
        SHOPEE_SHOP_ID.check(shop, "Shopee", _("shop ids"))
        SHOPEE_ITEM_ID.check(product, "Shopee", _("item ids"))
        return listing(
            "shopee_sg", f"{shop}.{product}", f"https://shopee.sg/product/{shop}/{product}"
        )
    shop = re.match(r"^/shop/(\d+)$", path)
    if shop:
        shop_id = SHOPEE_SHOP_ID.check(shop.group(1), "Shopee", _("shop ids"))
        return storefront("shopee_sg", shop_id, f"https://shopee.sg/shop/{shop_id}")
    if path.startswith(("/search", "/mall", "/flash_sale", "/daily_discover")) or url.param(
        "keyword"
    ):
        raise search_page()
    if re.match(r"^/[A-Za-z0-9._]+$", path):
        raise Refusal(
            _(
                "A Shopee shop name alone can change: open the shop and copy an address with "
                "/shop/ and its number, or a product address."
            )
        )
    raise search_page()
