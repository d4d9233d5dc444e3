"""Recognise infringing links: which platform, listing or storefront, the platform's id.

One small module per platform family holds its rules (``alibaba``, ``lazada``, ``jd``,
``pinduoduo``, ``amazon``, ``ebay``, ``shopee``, ``made_in_china``); each maps the registered
domains it owns to catalogue codes and turns a cleaned URL into a canonical id and URL, or
refuses it with a sentence that says what to do. Nothing here touches the network.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from django.utils.translation import gettext as _

from . import alibaba, amazon, ebay, jd, lazada, made_in_china, pinduoduo, shopee
from .base import LISTING, STOREFRONT, LinkResult, Refusal, parse

FAMILIES = (alibaba, lazada, jd, pinduoduo, amazon, ebay, shopee, made_in_china)
DOMAINS: dict[str, object] = {d: f for f in FAMILIES for d in f.DOMAINS}
PLATFORM_OF_DOMAIN: dict[str, str] = {d: code for f in FAMILIES for d, code in f.DOMAINS.items()}
# Longest first, so "aliexpress.com" is tried before a shorter domain it might end with.
_ORDERED = sorted(DOMAINS, key=len, reverse=True)
# Words that mark a lookalike of a marketplace when the real domain is absent.
_BRANDS = {
    "taobao": "Taobao", "tmall": "Tmall", "1688": "1688", "alibaba": "Alibaba.com",
    "aliexpress": "AliExpress", "lazada": "Lazada", "jd": "JD.com", "pinduoduo": "Pinduoduo",
    "yangkeduo": "Pinduoduo", "amazon": "Amazon", "ebay": "eBay", "shopee": "Shopee",
    "goofish": "Xianyu", "made-in-china": "Made-in-China.com",
}  # fmt: skip
PLATFORM_NAMES = {
    "taobao": "Taobao", "tmall": "Tmall", "tmall_global": "Tmall Global", "1688": "1688",
    "alibaba_com": "Alibaba.com", "aliexpress": "AliExpress", "lazada_sg": "Lazada Singapore",
    "lazada_id": "Lazada Indonesia", "lazada_my": "Lazada Malaysia",
    "lazada_th": "Lazada Thailand", "lazada_ph": "Lazada Philippines",
    "lazada_vn": "Lazada Vietnam", "jd": "JD.com", "pinduoduo": "Pinduoduo",
    "amazon_us": "Amazon.com", "ebay_us": "eBay.com", "shopee_sg": "Shopee Singapore",
    "made_in_china": "Made-in-China.com",
}  # fmt: skip

__all__ = ["LISTING", "STOREFRONT", "LinkResult", "recognise", "recognise_many"]


def _name(code: str) -> str:
    return PLATFORM_NAMES.get(code, code)


def recognise(raw: str, expected_platform: str | None = None) -> LinkResult:
    """Recognise one pasted line; ``expected_platform`` flags other platforms' links."""
    try:
        url = parse(raw)
    except Refusal as refusal:
        return LinkResult(input=raw, error=str(refusal))
    domain = next((d for d in _ORDERED if url.under(d)), None)
    if domain is None:
        return LinkResult(input=raw, error=_unknown(url.host))
    platform = PLATFORM_OF_DOMAIN[domain]
    try:
        result = replace(DOMAINS[domain].recognise(url, domain), input=raw)
    except Refusal as refusal:
        return LinkResult(input=raw, platform=platform, error=str(refusal))
    if expected_platform and result.platform != expected_platform:
        return replace(
            result,
            error=_("This link is from %(found)s, not from the chosen platform %(chosen)s.")
            % {"found": _name(result.platform), "chosen": _name(expected_platform)},
        )
    return result


def recognise_many(lines: Iterable[str], expected_platform: str | None = None) -> list[LinkResult]:
    return [recognise(line, expected_platform) for line in lines]


def _unknown(host: str) -> str:
    labels = host.replace("-", ".").split(".")
    for word, name in _BRANDS.items():
        if word in host and (word in labels or len(word) > 4):
            return _("Lookalike domain: “%(host)s” is not %(name)s.") % {"host": host, "name": name}
    return _("Unknown marketplace: %(host)s") % {"host": host}
