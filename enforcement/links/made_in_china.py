"""Made-in-China.com: supplier showrooms on <name>.en.made-in-china.com."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from .base import IdLength, LinkResult, Url, listing, not_a_listing, search_page, storefront

DOMAINS = {"made-in-china.com": "made_in_china"}

# Product ids are twelve letters and digits ("PmarRVAjzEtJ", "ZTqYVMiCkpcF"); a little either way.
PRODUCT_ID = IdLength(8, 16, alnum=True)


def recognise(url: Url, domain: str) -> LinkResult:
    sub = url.sub(domain)
    product = re.match(r"^/product/([A-Za-z0-9]+)/", url.path + "/")
    if product:
        item = PRODUCT_ID.check(product.group(1), "Made-in-China.com", _("product ids"))
        host = url.host if sub.endswith(".en") else "www.made-in-china.com"
        return listing("made_in_china", item, f"https://{host}/product/{item}/")
    showroom = re.fullmatch(r"([a-z0-9-]+)\.(?:en|m\.en)", sub)
    if showroom and showroom.group(1) not in {"www", "m"}:
        name = showroom.group(1)
        return storefront("made_in_china", name, f"https://{name}.en.made-in-china.com/")
    if re.search(r"(?i)(products-search|multi-search|/prod/catalog|/category|^/tag/)", url.path):
        raise search_page()
    raise not_a_listing("Made-in-China.com")
