"""Pinduoduo (its web pages live on yangkeduo.com)."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from .base import IdLength, LinkResult, Url, digits, listing, not_a_listing, search_page, storefront

DOMAINS = {"yangkeduo.com": "pinduoduo", "pinduoduo.com": "pinduoduo"}

# goods_id: 9-10 digits in the first years, 11-12 now; mall_id: 6-9 digits seen.
PINDUODUO_GOODS_ID = IdLength(6, 13)
PINDUODUO_MALL_ID = IdLength(4, 12)


def recognise(url: Url, domain: str) -> LinkResult:
    path = url.path.lower()
    goods = digits(url.param("goods_id"))
    if goods and re.search(r"/goods\d?\.html$", path):
        PINDUODUO_GOODS_ID.check(goods, "Pinduoduo", _("goods ids"))
        return listing(
            "pinduoduo", goods, f"https://mobile.yangkeduo.com/goods.html?goods_id={goods}"
        )
    mall = digits(url.param("mall_id"))
    if mall and "mall_page" in path:
        PINDUODUO_MALL_ID.check(mall, "Pinduoduo", _("shop ids"))
        return storefront(
            "pinduoduo", mall, f"https://mobile.yangkeduo.com/mall_page.html?mall_id={mall}"
        )
    if "search" in path or url.param("search_key"):
        raise search_page()
    raise not_a_listing("Pinduoduo")
