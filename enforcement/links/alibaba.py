"""Taobao (with Xianyu), Tmall, Tmall Global, 1688, Alibaba.com and AliExpress."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from .base import (
    IdLength,
    LinkResult,
    Refusal,
    Url,
    digits,
    listing,
    not_a_listing,
    parse,
    search_page,
    short_link,
    storefront,
)

DOMAINS = {
    "taobao.com": "taobao",
    "goofish.com": "taobao",
    "tb.cn": "taobao",
    "tmall.com": "tmall",
    "tmall.hk": "tmall_global",
    "1688.com": "1688",
    "alibaba.com": "alibaba_com",
    "aliexpress.com": "aliexpress",
    "aliexpress.us": "aliexpress",
    "aliexpress.ru": "aliexpress",
}

# Subdomains that are the platform's own services, never a shop.
_TAOBAO_SERVICE = {
    "", "www", "m", "h5.m", "main.m", "item", "detail", "world", "s", "search", "list",
    "login", "cart", "buyertrade", "trade", "i", "uland", "ai", "market", "a.m", "2",
    "store", "shop", "favorite", "rate", "passport", "member1", "ju", "tce", "m.intl",
    "h5", "pages", "huodong", "tb", "re", "login.m", "s.m", "market.m", "mo",
}  # fmt: skip
_TMALL_SERVICE = {
    "", "www", "m", "detail", "detail.m", "chaoshi.detail", "list", "login", "s", "pages",
    "chaoshi", "tmall", "cart", "buy", "inter", "world", "vip", "brand", "mdetail",
}  # fmt: skip
_1688_SERVICE = {
    "", "www", "m", "detail", "detail.m", "s", "show", "login", "page", "work", "cart",
    "search", "sale", "p4p", "club", "offer", "dj", "air", "trade", "wholesale",
}  # fmt: skip
# Ids are counters. Taobao/Tmall/Xianyu items reached 12 digits around 2016 and are in the 9…
# hundred-billions now, so 13 come soon; numeric ids of about 2008 had 8 or 9. One digit of
# headroom each way: refusing a live listing costs more than admitting an odd id.
TAOBAO_ITEM_ID = IdLength(8, 14)
TMALL_ITEM_ID = TAOBAO_ITEM_ID
# shop105689871.taobao.com and store.taobao.com's user_number_id: 5 to 11 digits seen.
TAOBAO_SHOP_ID = IdLength(5, 12)
# 1688 offers follow the same counter ("554456348334", "876240928352"); older ones 9-11 digits.
OFFER_1688_ID = IdLength(8, 14)
# Alibaba.com: 9-11 digit ids up to 2019 ("60498710816"), then the 1600…/1601… series of 13.
ALIBABA_PRODUCT_ID = IdLength(8, 13)
# AliExpress: 32812345678 (11 digits, 2014-2019), 4000669887458 (13), 1005006113315011 and
# the US site's 3256… (16); ids before 2014 had 9 or 10.
ALIEXPRESS_ITEM_ID = IdLength(8, 16)
# Store ids: 432780, 2996039, 910985005, 1101739727 are all real.
ALIEXPRESS_STORE_ID = IdLength(4, 12)
_AE_DOMAINS = ("aliexpress.com", "aliexpress.us", "aliexpress.ru")

_SEARCH_PATH = re.compile(r"(?i)(^/search|^/list|/wholesale|/category|/catalog|/w/|/s$|/s/)")


def recognise(url: Url, domain: str) -> LinkResult:
    platform = DOMAINS[domain]
    if domain in ("taobao.com", "goofish.com", "tb.cn"):
        return _taobao(url, domain)
    if domain in ("tmall.com", "tmall.hk"):
        return _tmall(url, domain)
    if domain == "1688.com":
        return _1688(url)
    if domain == "alibaba.com":
        return _alibaba_com(url)
    return _aliexpress(url, platform)


def _item_id(url: Url) -> str:
    return digits(url.param("id", "itemId", "item_id", "itemid"))


def _item_ids() -> str:
    return _("item ids")


def _taobao(url: Url, domain: str) -> LinkResult:
    if domain == "tb.cn":
        raise short_link()
    if domain == "goofish.com":  # Xianyu, reported under Taobao
        item = _item_id(url)
        if item:
            TAOBAO_ITEM_ID.check(item, "Xianyu", _item_ids())
            return listing("taobao", item, f"https://www.goofish.com/item?id={item}")
        if "search" in url.path:
            raise search_page()
        raise not_a_listing("Xianyu")
    sub = url.sub("taobao.com")
    path = url.path.lower()
    item = _item_id(url)
    if item and sub in {"item", "detail", "h5.m", "main.m", "m.intl", "m", "world", "2", "a.m",
                        "market.m", "h5", "www", "s.m"}:  # fmt: skip
        TAOBAO_ITEM_ID.check(item, "Xianyu" if sub == "2" else "Taobao", _item_ids())
        if sub == "2":
            return listing("taobao", item, f"https://www.goofish.com/item?id={item}")
        return listing("taobao", item, f"https://item.taobao.com/item.htm?id={item}")
    old_mobile = re.fullmatch(r"/i(\d+)\.htm", path)
    world = re.fullmatch(r"/item/(\d+)\.htm", path)
    if (sub == "a.m" and old_mobile) or (sub == "world" and world):
        item = TAOBAO_ITEM_ID.check((old_mobile or world).group(1), "Taobao", _item_ids())
        return listing("taobao", item, f"https://item.taobao.com/item.htm?id={item}")
    shop = re.fullmatch(r"shop(\d+)(?:\.m)?", sub)
    if shop:
        shop_id = TAOBAO_SHOP_ID.check(shop.group(1), "Taobao", _("shop ids"))
        return storefront("taobao", shop_id, f"https://shop{shop_id}.taobao.com")
    if sub == "store" and digits(url.param("user_number_id")):
        seller = TAOBAO_SHOP_ID.check(url.param("user_number_id"), "Taobao", _("seller ids"))
        return storefront(
            "taobao",
            f"user-{seller}",
            f"https://store.taobao.com/shop/view_shop.htm?user_number_id={seller}",
        )
    if sub in {"s", "search", "list", "s.m", "market", "market.m"} or _SEARCH_PATH.search(path):
        raise search_page()
    if sub in {"uland", "ai"}:
        raise short_link()
    slug = sub.removesuffix(".m")
    if slug and "." not in slug and slug not in _TAOBAO_SERVICE:
        return storefront("taobao", slug, f"https://{slug}.taobao.com")
    raise not_a_listing("Taobao")


def _tmall(url: Url, domain: str) -> LinkResult:
    platform = "tmall" if domain == "tmall.com" else "tmall_global"
    sub = url.sub(domain)
    item = _item_id(url)
    path = url.path.lower()
    if item and (sub in {"detail", "detail.m", "chaoshi.detail", "mdetail", "world", "www", "m"}
                 or path.endswith("item.htm")):  # fmt: skip
        name = "Tmall" if platform == "tmall" else "Tmall Global"
        TMALL_ITEM_ID.check(item, name, _item_ids())
        if platform == "tmall":
            return listing(platform, item, f"https://detail.tmall.com/item.htm?id={item}")
        return listing(platform, item, f"https://detail.tmall.hk/hk/item.htm?id={item}")
    if sub in {"list", "s", "search"} or _SEARCH_PATH.search(path):
        raise search_page()
    slug = sub.removesuffix(".m")
    if slug and "." not in slug and slug not in _TMALL_SERVICE:
        return storefront(platform, slug, f"https://{slug}.{domain}")
    raise not_a_listing("Tmall Global" if platform == "tmall_global" else "Tmall")


def _1688(url: Url) -> LinkResult:
    sub = url.sub("1688.com")
    if sub == "qr":  # qr.1688.com/s/<code>, what the app's Share button copies
        raise short_link()
    path = url.path.lower()
    offer = re.search(r"/offer/(\d+)\.html?$", path)
    offer_id = offer.group(1) if offer else digits(url.param("offerId", "offerid"))
    if offer_id and sub in {"detail", "m", "detail.m", "www", "page"}:
        OFFER_1688_ID.check(offer_id, "1688", _("offer ids"))
        return listing("1688", offer_id, f"https://detail.1688.com/offer/{offer_id}.html")
    if sub in {"s", "search", "show", "sale", "wholesale"} or _SEARCH_PATH.search(path):
        raise search_page()
    slug = sub.removesuffix(".m")
    if slug and "." not in slug and slug not in _1688_SERVICE:
        return storefront("1688", slug, f"https://{slug}.1688.com")
    raise not_a_listing("1688")


# /product-detail/<Slug>_<id>.html, <Slug>-<id>.html, -<id>.html and <id>.html all open the
# same listing, on www, m. and every language site (spanish., french., russian.…); p-detail is
# the language sites' newer form.
_ALIBABA_DETAIL = re.compile(r"^/(?:product-detail|p-detail)/(?:[^/]*[-_])?(\d+)\.html?$")
# m.alibaba.com/product/<id>/<Slug>.html; storefronts add the category: /product/<id>-<cat>/…
_ALIBABA_PRODUCT = re.compile(r"^/product/(\d+)(?:-\d+)?(?:/|\.html?$|$)")
# <company>.en.alibaba.com, its mobile <company>.m.en.alibaba.com, older <company>.trustpass.
_ALIBABA_MINISITE = re.compile(r"([a-z0-9-]+)(?:\.m)?\.en|([a-z0-9-]+)\.trustpass")


def _alibaba_listing(item: str) -> LinkResult:
    item = ALIBABA_PRODUCT_ID.check(item, "Alibaba.com", _("product ids"))
    return listing("alibaba_com", item, f"https://www.alibaba.com/product-detail/_{item}.html")


def _alibaba_com(url: Url) -> LinkResult:
    sub = url.sub("alibaba.com")
    path = url.path
    detail = _ALIBABA_DETAIL.search(path)
    if detail:
        return _alibaba_listing(detail.group(1))
    if path == "/share/product-detail.html" and digits(url.param("productId")):
        return _alibaba_listing(url.param("productId"))  # the app's Share page carries the id
    product = _ALIBABA_PRODUCT.search(path)
    if product:
        return _alibaba_listing(product.group(1))
    minisite = _ALIBABA_MINISITE.fullmatch(sub)
    if minisite:
        if digits(url.param("productId")):  # the mobile storefront opens a product in place
            return _alibaba_listing(url.param("productId"))
        if minisite.group(2):
            company = minisite.group(2)
            return storefront("alibaba_com", company, f"https://{company}.trustpass.alibaba.com")
        company = minisite.group(1)
        return storefront("alibaba_com", company, f"https://{company}.en.alibaba.com")
    if sub == "s" or re.fullmatch(r"/x/[A-Za-z0-9_-]+/?", path):
        raise short_link()
    if re.search(r"(?i)^/(trade/search|showroom|products/|catalog|countrysearch|premium)", path):
        raise search_page()
    raise not_a_listing("Alibaba.com")


# /item/<id>.html, /item/<Slug>/<id>.html (also with an empty or "-" slug), /i/<id>.html and
# the 2016-2018 mobile site's /s/item/<id>.html.
_AE_ITEM = re.compile(r"^/(?:s/)?(?:item|i)/(?:[^/]*/)?(\d+)(?:\.html?)?$")
# Until about 2019 a product opened inside its store: /store/product/<Slug>/<store>_<item>.html
_AE_STORE_PRODUCT = re.compile(r"^/store/product/[^/]*/(\d+)_(\d+)\.html?$")
# /store/<id>, /store/<id>/search, /store/<id>/pages/all-items.html,
# /store/all-wholesale-products/<id>.html and /store/group/<Slug>/<id>_<group>.html
_AE_STORE = re.compile(r"^/store/(?:[a-z-]+/|group/[^/]*/)?(\d+)(?=[/._]|$)")


def _aliexpress(url: Url, platform: str, *, unwrapped: bool = False) -> LinkResult:
    sub = url.sub(next(d for d in _AE_DOMAINS if url.under(d)))
    if sub == "star" and not unwrapped:
        return _aliexpress_share(url, platform)
    if sub in {"s.click", "a", "click", "star"}:
        raise short_link()
    path = url.path
    stored = _AE_STORE_PRODUCT.search(path)
    if stored:
        ALIEXPRESS_STORE_ID.check(stored.group(1), "AliExpress", _("store ids"))
        return _aliexpress_listing(stored.group(2))
    item = _AE_ITEM.search(path)
    item_id = item.group(1) if item else digits(url.param("productId", "productid"))
    if item_id:
        return _aliexpress_listing(item_id)
    store = _AE_STORE.search(path)
    if store:
        store_id = ALIEXPRESS_STORE_ID.check(store.group(1), "AliExpress", _("store ids"))
        return storefront("aliexpress", store_id, f"https://www.aliexpress.com/store/{store_id}")
    if re.search(r"(?i)^/(w/|wholesale|category|af/|premium/|popular/|gcp/)", path) or sub in {
        "s", "search", "sale", "campaign",
    }:  # fmt: skip
        raise search_page()
    raise not_a_listing("AliExpress")


def _aliexpress_listing(item: str) -> LinkResult:
    item = ALIEXPRESS_ITEM_ID.check(item, "AliExpress", _item_ids())
    return listing("aliexpress", item, f"https://www.aliexpress.com/item/{item}.html")


def _aliexpress_share(url: Url, platform: str) -> LinkResult:
    """star.aliexpress.com/share/share.htm carries the product page in ``redirectUrl``."""
    target = url.param("redirectUrl")
    if target:
        inner = parse(target)
        if any(inner.under(d) for d in _AE_DOMAINS):
            return _aliexpress(inner, platform, unwrapped=True)
    if digits(url.param("productId")):
        return _aliexpress_listing(url.param("productId"))
    raise short_link()


__all__ = ["DOMAINS", "Refusal", "recognise"]
