"""Pinduoduo (its web pages live on yangkeduo.com)."""

from __future__ import annotations

import re

from .base import LinkResult, Url, digits, listing, not_a_listing, search_page, storefront

DOMAINS = {"yangkeduo.com": "pinduoduo", "pinduoduo.com": "pinduoduo"}


def recognise(url: Url, domain: str) -> LinkResult:
    path = url.path.lower()
    goods = digits(url.param("goods_id"))
    if goods and re.search(r"/goods\d?\.html$", path):
        return listing(
            "pinduoduo", goods, f"https://mobile.yangkeduo.com/goods.html?goods_id={goods}"
        )
    mall = digits(url.param("mall_id"))
    if mall and "mall_page" in path:
        return storefront(
            "pinduoduo", mall, f"https://mobile.yangkeduo.com/mall_page.html?mall_id={mall}"
        )
    if "search" in path or url.param("search_key"):
        raise search_page()
    raise not_a_listing("Pinduoduo")
