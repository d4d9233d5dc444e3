"""Lazada's six country sites: the site decides the platform (and the right's country)."""

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

DOMAINS = {
    "lazada.sg": "lazada_sg",
    "lazada.co.id": "lazada_id",
    "lazada.com.my": "lazada_my",
    "lazada.co.th": "lazada_th",
    "lazada.com.ph": "lazada_ph",
    "lazada.vn": "lazada_vn",
}

# Item ids seen run from 6 digits (early listings) to 10 ("i2804862797"); 12 leaves room.
LAZADA_ITEM_ID = IdLength(5, 12)
_ITEM = re.compile(r"(?:^|[-/])i(\d+)(?:-s\d+)?(?:\.html?)?$")
# The seller centre and order pages link a product without its slug: /-i<item>-s<sku>.html
_BARE_ITEM = re.compile(r"^/-?i(\d+)(?:-s\d+)?\.html?$")
_NAMES = {
    "lazada_sg": "Lazada Singapore", "lazada_id": "Lazada Indonesia",
    "lazada_my": "Lazada Malaysia", "lazada_th": "Lazada Thailand",
    "lazada_ph": "Lazada Philippines", "lazada_vn": "Lazada Vietnam",
}  # fmt: skip


def recognise(url: Url, domain: str) -> LinkResult:
    platform = DOMAINS[domain]
    sub = url.sub(domain)
    if sub in {"s", "c", "invite", "pages"}:
        raise short_link()
    path = url.path.rstrip("/")
    product = re.match(r"^/products/(.+)$", path)
    item = _ITEM.search(product.group(1)) if product else _BARE_ITEM.match(path)
    if item:
        item_id = LAZADA_ITEM_ID.check(item.group(1), _NAMES[platform], _("item ids"))
        return listing(platform, item_id, f"https://www.{domain}/products/pdp-i{item_id}.html")
    shop = re.match(r"^/shop/([a-z0-9][a-z0-9-_.]*)$", path, re.IGNORECASE)
    if shop:
        slug = shop.group(1).lower()
        return storefront(platform, slug, f"https://www.{domain}/shop/{slug}/")
    if path.startswith(("/catalog", "/tag", "/search")) or url.param("q"):
        raise search_page()
    if re.match(r"^/[a-z0-9-]+$", path):  # category landing pages: /shop-mobiles, /womens-dresses
        raise search_page()
    raise not_a_listing("Lazada")
