"""Link recognition against a table of real link shapes, and the impostors it refuses."""

import io
import sys

import pytest
from django.core.management import call_command

from enforcement.links import recognise

TB = "https://item.taobao.com/item.htm?id=612345678901"
TM = "https://detail.tmall.com/item.htm?id=654321098765"

# input, platform, kind, canonical id, canonical url
SHAPES = [
    # Taobao: desktop, mobile, tracking, share text, Xianyu, shops
    ("https://item.taobao.com/item.htm?id=612345678901", "taobao", "listing", "612345678901", TB),
    ("https://item.taobao.com/item.htm?spm=a230r.1.14.16.3c2b6d8dYyK5qB&id=612345678901&ns=1&abbucket=9#detail",
     "taobao", "listing", "612345678901", TB),
    ("item.taobao.com/item.htm?id=612345678901", "taobao", "listing", "612345678901", TB),
    ("  HTTPS://ITEM.TAOBAO.COM/item.htm?id=612345678901  ", "taobao", "listing", "612345678901", TB),
    ("https://h5.m.taobao.com/awp/core/detail.htm?id=612345678901&sku_id=4999", "taobao", "listing",
     "612345678901", TB),
    ("https://main.m.taobao.com/detail/index.html?id=612345678901", "taobao", "listing",
     "612345678901", TB),
    ("https://m.intl.taobao.com/detail/detail.html?id=612345678901", "taobao", "listing",
     "612345678901", TB),
    ("https://a.m.taobao.com/i612345678901.htm", "taobao", "listing", "612345678901", TB),
    ("https://world.taobao.com/item/612345678901.htm", "taobao", "listing", "612345678901", TB),
    ("https://detail.taobao.com/item.htm?id=612345678901", "taobao", "listing", "612345678901", TB),
    ("(https://item.taobao.com/item.htm?id=612345678901)", "taobao", "listing", "612345678901", TB),
    ("https://item.taobao.com/item.htm?id=612345678901。", "taobao", "listing", "612345678901", TB),
    ("【淘宝】 https://item.taobao.com/item.htm?id=612345678901 「运动鞋」", "taobao", "listing",
     "612345678901", TB),
    ("https://item.taobao.com/item.htm?id=612345678901\u200b", "taobao", "listing", "612345678901", TB),
    ("https://2.taobao.com/item.htm?id=703456789012", "taobao", "listing", "703456789012",
     "https://www.goofish.com/item?id=703456789012"),
    ("https://www.goofish.com/item?spm=a21ybx.search&id=703456789012&categoryId=126", "taobao",
     "listing", "703456789012", "https://www.goofish.com/item?id=703456789012"),
    ("https://shop105689871.taobao.com/", "taobao", "storefront", "105689871",
     "https://shop105689871.taobao.com"),
    ("https://shop105689871.m.taobao.com/?spm=x", "taobao", "storefront", "105689871",
     "https://shop105689871.taobao.com"),
    ("https://store.taobao.com/shop/view_shop.htm?user_number_id=2201234567", "taobao",
     "storefront", "user-2201234567",
     "https://store.taobao.com/shop/view_shop.htm?user_number_id=2201234567"),
    ("https://sneakerking.taobao.com/index.htm?spm=a1z10.1", "taobao", "storefront", "sneakerking",
     "https://sneakerking.taobao.com"),
    # Tmall
    ("https://detail.tmall.com/item.htm?id=654321098765&skuId=5012&spm=a220m", "tmall", "listing",
     "654321098765", TM),
    ("https://detail.m.tmall.com/item.htm?id=654321098765", "tmall", "listing", "654321098765", TM),
    ("https://chaoshi.detail.tmall.com/item.htm?id=654321098765", "tmall", "listing",
     "654321098765", TM),
    ("detail.tmall.com/item.htm?abbucket=3&id=654321098765", "tmall", "listing", "654321098765", TM),
    ("https://nike.tmall.com/shop/view_shop.htm", "tmall", "storefront", "nike",
     "https://nike.tmall.com"),
    ("https://Adidas.m.tmall.com/", "tmall", "storefront", "adidas", "https://adidas.tmall.com"),
    # Tmall Global
    ("https://detail.tmall.hk/hk/item.htm?id=623456789012", "tmall_global", "listing",
     "623456789012", "https://detail.tmall.hk/hk/item.htm?id=623456789012"),
    ("https://detail.tmall.hk/item.htm?spm=a1z10&id=623456789012", "tmall_global", "listing",
     "623456789012", "https://detail.tmall.hk/hk/item.htm?id=623456789012"),
    ("https://lefevre.tmall.hk/", "tmall_global", "storefront", "lefevre",
     "https://lefevre.tmall.hk"),
    # 1688
    ("https://detail.1688.com/offer/674123456789.html?spm=a26352", "1688", "listing",
     "674123456789", "https://detail.1688.com/offer/674123456789.html"),
    ("https://m.1688.com/offer/674123456789.html", "1688", "listing", "674123456789",
     "https://detail.1688.com/offer/674123456789.html"),
    ("https://detail.m.1688.com/page/index.html?offerId=674123456789", "1688", "listing",
     "674123456789", "https://detail.1688.com/offer/674123456789.html"),
    ("https://shop1434567890123.1688.com/", "1688", "storefront", "shop1434567890123",
     "https://shop1434567890123.1688.com"),
    # Alibaba.com
    ("https://www.alibaba.com/product-detail/Wireless-Earbuds-TWS-Bluetooth_1600512345678.html?spm=a2700",
     "alibaba_com", "listing", "1600512345678",
     "https://www.alibaba.com/product-detail/_1600512345678.html"),
    ("https://m.alibaba.com/product/1600512345678/Wireless-Earbuds.html", "alibaba_com", "listing",
     "1600512345678", "https://www.alibaba.com/product-detail/_1600512345678.html"),
    ("https://shenzhenxyz.en.alibaba.com/company_profile.html", "alibaba_com", "storefront",
     "shenzhenxyz", "https://shenzhenxyz.en.alibaba.com"),
    ("https://shenzhenxyz.en.alibaba.com/product/1600512345678-1234/Earbuds.html", "alibaba_com",
     "listing", "1600512345678", "https://www.alibaba.com/product-detail/_1600512345678.html"),
    # AliExpress
    ("https://www.aliexpress.com/item/1005004567890123.html?spm=a2g0o&algo_pvid=x", "aliexpress",
     "listing", "1005004567890123", "https://www.aliexpress.com/item/1005004567890123.html"),
    ("https://aliexpress.com/item/1005004567890123.html", "aliexpress", "listing",
     "1005004567890123", "https://www.aliexpress.com/item/1005004567890123.html"),
    ("https://es.aliexpress.com/item/1005004567890123.html", "aliexpress", "listing",
     "1005004567890123", "https://www.aliexpress.com/item/1005004567890123.html"),
    ("https://ja.aliexpress.com/item/1005004567890123.html", "aliexpress", "listing",
     "1005004567890123", "https://www.aliexpress.com/item/1005004567890123.html"),
    ("https://m.aliexpress.com/item/1005004567890123.html", "aliexpress", "listing",
     "1005004567890123", "https://www.aliexpress.com/item/1005004567890123.html"),
    ("https://www.aliexpress.us/item/3256804567890123.html", "aliexpress", "listing",
     "3256804567890123", "https://www.aliexpress.com/item/3256804567890123.html"),
    ("https://aliexpress.ru/item/1005004567890123.html?sku_id=1", "aliexpress", "listing",
     "1005004567890123", "https://www.aliexpress.com/item/1005004567890123.html"),
    ("https://www.aliexpress.com/i/1005004567890123.html", "aliexpress", "listing",
     "1005004567890123", "https://www.aliexpress.com/item/1005004567890123.html"),
    ("https://www.aliexpress.com/item/Women-Bag-Leather/32812345678.html", "aliexpress", "listing",
     "32812345678", "https://www.aliexpress.com/item/32812345678.html"),
    ("https://www.aliexpress.com/store/1101234567", "aliexpress", "storefront", "1101234567",
     "https://www.aliexpress.com/store/1101234567"),
    ("https://fr.aliexpress.com/store/1101234567/pages/all-items.html", "aliexpress",
     "storefront", "1101234567", "https://www.aliexpress.com/store/1101234567"),
    # Lazada, six countries
    ("https://www.lazada.sg/products/lionpaw-plush-toy-i2345678901-s12345678901.html?spm=a2o42",
     "lazada_sg", "listing", "2345678901", "https://www.lazada.sg/products/pdp-i2345678901.html"),
    ("https://www.lazada.co.id/products/boneka-lionpaw-i7654321-s9876543.html", "lazada_id",
     "listing", "7654321", "https://www.lazada.co.id/products/pdp-i7654321.html"),
    ("https://www.lazada.com.my/products/lionpaw-i3456789012.html", "lazada_my", "listing",
     "3456789012", "https://www.lazada.com.my/products/pdp-i3456789012.html"),
    ("https://www.lazada.co.th/products/pdp-i4567890123.html", "lazada_th", "listing",
     "4567890123", "https://www.lazada.co.th/products/pdp-i4567890123.html"),
    ("https://www.lazada.com.ph/products/lionpaw-toy-i5678901234-s6789.html", "lazada_ph",
     "listing", "5678901234", "https://www.lazada.com.ph/products/pdp-i5678901234.html"),
    ("https://www.lazada.vn/products/gau-bong-i6789012345-s7890.html", "lazada_vn", "listing",
     "6789012345", "https://www.lazada.vn/products/pdp-i6789012345.html"),
    ("https://www.lazada.sg/shop/toy-kingdom-sg/?itemId=1", "lazada_sg", "storefront",
     "toy-kingdom-sg", "https://www.lazada.sg/shop/toy-kingdom-sg/"),
    # JD
    ("https://item.jd.com/100012345678.html#crumb-wrap", "jd", "listing", "100012345678",
     "https://item.jd.com/100012345678.html"),
    ("https://item.m.jd.com/product/100012345678.html?sid=x", "jd", "listing", "100012345678",
     "https://item.jd.com/100012345678.html"),
    ("https://mall.jd.com/index-1000012345.html", "jd", "storefront", "1000012345",
     "https://mall.jd.com/index-1000012345.html"),
    ("https://shop.m.jd.com/?shopId=1000012345", "jd", "storefront", "1000012345",
     "https://mall.jd.com/index-1000012345.html"),
    # Pinduoduo
    ("https://mobile.yangkeduo.com/goods.html?goods_id=345678901234&page_from=23", "pinduoduo",
     "listing", "345678901234", "https://mobile.yangkeduo.com/goods.html?goods_id=345678901234"),
    ("https://mobile.yangkeduo.com/goods2.html?goods_id=345678901234", "pinduoduo", "listing",
     "345678901234", "https://mobile.yangkeduo.com/goods.html?goods_id=345678901234"),
    ("https://mobile.yangkeduo.com/mall_page.html?mall_id=123456789", "pinduoduo", "storefront",
     "123456789", "https://mobile.yangkeduo.com/mall_page.html?mall_id=123456789"),
    # Amazon.com
    ("https://www.amazon.com/dp/B08N5WRWNW", "amazon_us", "listing", "B08N5WRWNW",
     "https://www.amazon.com/dp/B08N5WRWNW"),
    ("https://www.amazon.com/Summit-Ridge-Trekking-Poles/dp/B08N5WRWNW/ref=sr_1_3?keywords=x",
     "amazon_us", "listing", "B08N5WRWNW", "https://www.amazon.com/dp/B08N5WRWNW"),
    ("https://amazon.com/gp/product/b08n5wrwnw?th=1", "amazon_us", "listing", "B08N5WRWNW",
     "https://www.amazon.com/dp/B08N5WRWNW"),
    ("https://www.amazon.com/gp/aw/d/B08N5WRWNW", "amazon_us", "listing", "B08N5WRWNW",
     "https://www.amazon.com/dp/B08N5WRWNW"),
    ("https://www.amazon.com/sp?ie=UTF8&seller=A1B2C3D4E5F6G7", "amazon_us", "storefront",
     "A1B2C3D4E5F6G7", "https://www.amazon.com/sp?seller=A1B2C3D4E5F6G7"),
    # eBay
    ("https://www.ebay.com/itm/334567890123?hash=item4e", "ebay_us", "listing", "334567890123",
     "https://www.ebay.com/itm/334567890123"),
    ("https://www.ebay.com/itm/Summit-Ridge-Jacket-Mens-L/334567890123", "ebay_us", "listing",
     "334567890123", "https://www.ebay.com/itm/334567890123"),
    ("https://m.ebay.com/itm/334567890123", "ebay_us", "listing", "334567890123",
     "https://www.ebay.com/itm/334567890123"),
    ("https://www.ebay.com/str/bestdealsoutlet", "ebay_us", "storefront", "bestdealsoutlet",
     "https://www.ebay.com/str/bestdealsoutlet"),
    ("https://www.ebay.com/usr/cheap_gear_88", "ebay_us", "storefront", "cheap_gear_88",
     "https://www.ebay.com/usr/cheap_gear_88"),
    # Shopee Singapore
    ("https://shopee.sg/Lionpaw-Plush-Bear-i.123456789.9876543210?sp_atk=x", "shopee_sg",
     "listing", "123456789.9876543210", "https://shopee.sg/product/123456789/9876543210"),
    ("https://shopee.sg/product/123456789/9876543210/", "shopee_sg", "listing",
     "123456789.9876543210", "https://shopee.sg/product/123456789/9876543210"),
    ("https://shopee.sg/shop/123456789", "shopee_sg", "storefront", "123456789",
     "https://shopee.sg/shop/123456789"),
    # Made-in-China.com
    ("https://szbrightstar.en.made-in-china.com/product/AbCdEfGhIjKl/China-Wireless-Earbuds.html",
     "made_in_china", "listing", "AbCdEfGhIjKl",
     "https://szbrightstar.en.made-in-china.com/product/AbCdEfGhIjKl/"),
    ("https://szbrightstar.en.made-in-china.com/", "made_in_china", "storefront", "szbrightstar",
     "https://szbrightstar.en.made-in-china.com/"),
]  # fmt: skip

# input, a fragment of the error the paralegal reads
REFUSED = [
    ("", "Empty line"),
    ("   ", "Empty line"),
    ("not a link at all", "Not a web address"),
    ("javascript:alert(document.cookie)", "Only http and https"),
    ("ftp://item.taobao.com/item.htm?id=1", "Only http and https"),
    ("taobao://item.taobao.com/item.htm?id=612345678901", "Only http and https"),
    ("https://taobao.com.evil.cn/item.htm?id=612345678901", "Lookalike domain"),
    ("https://faketaobao.com/item.htm?id=612345678901", "Lookalike domain"),
    ("https://item-taobao.com/item.htm?id=612345678901", "Lookalike domain"),
    ("https://aliexpress.com-deals.shop/item/1005004567890123.html", "Lookalike domain"),
    ("https://www.amazon.com.fakestore.io/dp/B08N5WRWNW", "Lookalike domain"),
    ("https://www.example.com/item/1", "Unknown marketplace"),
    ("https://s.taobao.com/search?q=%E8%80%90%E5%85%8B", "search or category page"),
    ("https://list.tmall.com/search_product.htm?q=nike", "search or category page"),
    ("https://www.aliexpress.com/w/wholesale-earbuds.html", "search or category page"),
    ("https://www.aliexpress.com/category/200000345/earphones.html", "search or category page"),
    ("https://www.alibaba.com/trade/search?SearchText=earbuds", "search or category page"),
    ("https://www.lazada.sg/catalog/?q=plush", "search or category page"),
    ("https://search.jd.com/Search?keyword=earbuds", "search or category page"),
    ("https://www.amazon.com/s?k=trekking+poles", "search or category page"),
    ("https://www.ebay.com/sch/i.html?_nkw=jacket", "search or category page"),
    ("https://shopee.sg/search?keyword=plush", "search or category page"),
    ("https://m.tb.cn/h.5AbCdEf?tk=AbCd", "short or redirect link"),
    ("【淘宝】https://m.tb.cn/h.5AbCdEf?tk=AbCd CZ0001 「耐克运动鞋」 点击链接直接打开", "short or redirect link"),
    ("https://s.click.aliexpress.com/e/_DkXyZ12", "short or redirect link"),
    ("https://a.aliexpress.com/_mKabc12", "short or redirect link"),
    ("https://amzn.to/3xYzAbC", "short or redirect link"),
    ("https://shp.ee/abc123", "short or redirect link"),
    ("https://shopee.sg/toykingdom", "shop name alone"),
    ("https://login.taobao.com/member/login.jhtml", "neither a product listing nor a storefront"),
    ("https://www.tmall.com/", "neither a product listing nor a storefront"),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "platform", "kind", "canonical_id", "canonical_url"), SHAPES)
def test_real_link_shapes_are_recognised(raw, platform, kind, canonical_id, canonical_url):
    result = recognise(raw)
    assert result.error == ""
    assert (result.platform, result.kind, result.canonical_id, result.canonical_url) == (
        platform, kind, canonical_id, canonical_url,
    )  # fmt: skip


def test_the_table_covers_every_platform_in_the_catalogue():
    from enforcement.migrations import __path__ as migrations_path  # noqa: F401

    catalogue = {
        "taobao", "tmall", "tmall_global", "1688", "alibaba_com", "aliexpress", "lazada_sg",
        "lazada_id", "lazada_my", "lazada_th", "lazada_ph", "lazada_vn", "jd", "pinduoduo",
        "amazon_us", "ebay_us", "shopee_sg", "made_in_china",
    }  # fmt: skip
    assert {row[1] for row in SHAPES} == catalogue
    assert len(SHAPES) + len(REFUSED) >= 60


@pytest.mark.parametrize(("raw", "fragment"), REFUSED)
def test_impostors_and_non_listings_are_refused_with_a_reason(raw, fragment):
    result = recognise(raw)
    assert not result.ok
    assert fragment in result.error
    assert result.canonical_id == "" and result.kind == ""


def test_another_platforms_link_is_flagged_in_a_complaint():
    result = recognise(TM, expected_platform="taobao")
    assert result.platform == "tmall"
    assert result.error == "This link is from Tmall, not from the chosen platform Taobao."
    assert recognise(TB, expected_platform="taobao").ok


def test_lazada_country_sites_are_different_platforms():
    sg = recognise("https://www.lazada.sg/products/x-i123456.html", expected_platform="lazada_my")
    assert sg.platform == "lazada_sg" and "Lazada Singapore" in sg.error


def test_classify_links_command_writes_csv(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{TB}\nhttps://s.taobao.com/search?q=x\n\n"))
    out = io.StringIO()
    call_command("classify_links", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "input,platform,kind,canonical_id,canonical_url,error"
    assert lines[1] == f"{TB},taobao,listing,612345678901,{TB},"
    assert lines[2].startswith("https://s.taobao.com/search?q=x,taobao,,,,")
    assert "search or category page" in lines[2]
    assert lines[3] == ",,,,,Empty line."


def test_classify_links_flags_other_platforms(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{TM}\n"))
    out = io.StringIO()
    call_command("classify_links", "--platform", "taobao", stdout=out)
    assert "not from the chosen platform Taobao" in out.getvalue()
