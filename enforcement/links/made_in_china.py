"""Made-in-China.com: supplier showrooms on <name>.en.made-in-china.com."""

from __future__ import annotations

import re

from .base import LinkResult, Url, listing, not_a_listing, search_page, storefront

DOMAINS = {"made-in-china.com": "made_in_china"}


def recognise(url: Url, domain: str) -> LinkResult:
    sub = url.sub(domain)
    product = re.match(r"^/product/([A-Za-z0-9]{6,})/", url.path + "/")
    if product:
        item = product.group(1)
        host = url.host if sub.endswith(".en") else "www.made-in-china.com"
        return listing("made_in_china", item, f"https://{host}/product/{item}/")
    showroom = re.fullmatch(r"([a-z0-9-]+)\.(?:en|m\.en)", sub)
    if showroom and showroom.group(1) not in {"www", "m"}:
        name = showroom.group(1)
        return storefront("made_in_china", name, f"https://{name}.en.made-in-china.com/")
    if re.search(r"(?i)(products-search|multi-search|/prod/catalog|/category|^/tag/)", url.path):
        raise search_page()
    raise not_a_listing("Made-in-China.com")
