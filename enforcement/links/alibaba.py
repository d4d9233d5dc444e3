"""Taobao (with Xianyu), Tmall, Tmall Global, 1688, Alibaba.com and AliExpress."""

from __future__ import annotations

import re

from .base import (
    LinkResult,
    Refusal,
    Url,
    digits,
    listing,
    not_a_listing,
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


def _taobao(url: Url, domain: str) -> LinkResult:
    if domain == "tb.cn":
        raise short_link()
    if domain == "goofish.com":  # Xianyu, reported under Taobao
        item = _item_id(url)
        if item:
            return listing("taobao", item, f"https://www.goofish.com/item?id={item}")
        if "search" in url.path:
            raise search_page()
        raise not_a_listing("Xianyu")
    sub = url.sub("taobao.com")
    path = url.path.lower()
    item = _item_id(url)
    if item and sub in {"item", "detail", "h5.m", "main.m", "m.intl", "m", "world", "2", "a.m",
                        "market.m", "h5", "www", "s.m"}:  # fmt: skip
        if sub == "2":
            return listing("taobao", item, f"https://www.goofish.com/item?id={item}")
        return listing("taobao", item, f"https://item.taobao.com/item.htm?id={item}")
    old_mobile = re.fullmatch(r"/i(\d+)\.htm", path)
    world = re.fullmatch(r"/item/(\d+)\.htm", path)
    if (sub == "a.m" and old_mobile) or (sub == "world" and world):
        item = (old_mobile or world).group(1)
        return listing("taobao", item, f"https://item.taobao.com/item.htm?id={item}")
    shop = re.fullmatch(r"shop(\d+)(?:\.m)?", sub)
    if shop:
        return storefront("taobao", shop.group(1), f"https://shop{shop.group(1)}.taobao.com")
    if sub == "store" and digits(url.param("user_number_id")):
        seller = url.param("user_number_id")
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
    path = url.path.lower()
    offer = re.search(r"/offer/(\d+)\.html?$", path)
    offer_id = offer.group(1) if offer else digits(url.param("offerId", "offerid"))
    if offer_id and sub in {"detail", "m", "detail.m", "www", "page"}:
        return listing("1688", offer_id, f"https://detail.1688.com/offer/{offer_id}.html")
    if sub in {"s", "search", "show", "sale", "wholesale"} or _SEARCH_PATH.search(path):
        raise search_page()
    slug = sub.removesuffix(".m")
    if slug and "." not in slug and slug not in _1688_SERVICE:
        return storefront("1688", slug, f"https://{slug}.1688.com")
    raise not_a_listing("1688")


def _alibaba_com(url: Url) -> LinkResult:
    sub = url.sub("alibaba.com")
    path = url.path
    detail = re.search(r"/product-detail/(?:[^/]*_)?(\d{6,})\.html?$", path)
    mobile = re.search(r"^/product/(\d{6,})(?:/|\.html|$)", path)
    if detail or mobile:
        item = (detail or mobile).group(1)
        return listing("alibaba_com", item, f"https://www.alibaba.com/product-detail/_{item}.html")
    minisite = re.fullmatch(r"([a-z0-9-]+)(?:\.m)?\.en", sub)
    if minisite:
        company = minisite.group(1)
        product = re.search(r"/product/(\d{6,})", path)
        if product:
            item = product.group(1)
            return listing(
                "alibaba_com", item, f"https://www.alibaba.com/product-detail/_{item}.html"
            )
        return storefront("alibaba_com", company, f"https://{company}.en.alibaba.com")
    if re.search(r"(?i)^/(trade/search|showroom|products/|catalog|countrysearch|premium)", path):
        raise search_page()
    raise not_a_listing("Alibaba.com")


def _aliexpress(url: Url, platform: str) -> LinkResult:
    sub = url.sub(next(d for d in ("aliexpress.com", "aliexpress.us", "aliexpress.ru")
                       if url.under(d)))  # fmt: skip
    if sub in {"s.click", "a", "click", "star"}:
        raise short_link()
    path = url.path
    item = re.search(r"^/(?:item|i)/(?:[^/]+/)?(\d{8,})\.html?$", path)
    if not item:
        item = re.search(r"^/item/(\d{8,})$", path)
    item_id = item.group(1) if item else digits(url.param("productId", "productid"))
    if item_id:
        return listing("aliexpress", item_id, f"https://www.aliexpress.com/item/{item_id}.html")
    store = re.search(r"^/store/(?:[a-z-]+/)?(\d{4,})", path)
    if store:
        return storefront(
            "aliexpress", store.group(1), f"https://www.aliexpress.com/store/{store.group(1)}"
        )
    if re.search(r"(?i)^/(w/|wholesale|category|af/|premium/|popular/|gcp/)", path) or sub in {
        "s", "search", "sale", "campaign",
    }:  # fmt: skip
        raise search_page()
    raise not_a_listing("AliExpress")


__all__ = ["DOMAINS", "Refusal", "recognise"]
