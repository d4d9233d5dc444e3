"""Lazada's six country sites: the site decides the platform (and the right's country)."""

from __future__ import annotations

import re

from .base import LinkResult, Url, listing, not_a_listing, search_page, short_link, storefront

DOMAINS = {
    "lazada.sg": "lazada_sg",
    "lazada.co.id": "lazada_id",
    "lazada.com.my": "lazada_my",
    "lazada.co.th": "lazada_th",
    "lazada.com.ph": "lazada_ph",
    "lazada.vn": "lazada_vn",
}

_ITEM = re.compile(r"(?:^|[-/])i(\d{5,})(?:-s\d+)?(?:\.html?)?$")


def recognise(url: Url, domain: str) -> LinkResult:
    platform = DOMAINS[domain]
    sub = url.sub(domain)
    if sub in {"s", "c", "invite", "pages"}:
        raise short_link()
    path = url.path.rstrip("/")
    product = re.match(r"^/products/(.+)$", path)
    if product:
        item = _ITEM.search(product.group(1))
        if item:
            return listing(
                platform, item.group(1), f"https://www.{domain}/products/pdp-i{item.group(1)}.html"
            )
    shop = re.match(r"^/shop/([a-z0-9][a-z0-9-_.]*)$", path, re.IGNORECASE)
    if shop:
        slug = shop.group(1).lower()
        return storefront(platform, slug, f"https://www.{domain}/shop/{slug}/")
    if path.startswith(("/catalog", "/tag", "/search")) or url.param("q"):
        raise search_page()
    if re.match(r"^/[a-z0-9-]+$", path):  # category landing pages: /shop-mobiles, /womens-dresses
        raise search_page()
    raise not_a_listing("Lazada")
