"""Seed the platform catalogue with DOMAIN.md's defaults; the firm admin edits it later."""

from django.db import migrations

GROUPS = [
    ("alibaba", "Alibaba IP Protection Platform (IPP)", "https://ipp.alibabagroup.com/", 3),
    ("lazada", "Lazada IP Protection", "https://ipr.lazada.com/", 3),
    ("jd", "JD.com IP Protection", "https://ipr.jd.com/", 3),
    ("pinduoduo", "Pinduoduo IP Protection", "https://ipr.pinduoduo.com/", 3),
    ("amazon", "Amazon Report Infringement", "https://www.amazon.com/report/infringement", 3),
    ("ebay", "eBay VeRO", "https://www.ebay.com/sellercenter/resources/vero", 3),
    ("shopee", "Shopee IP Portal", "https://shopee.com/", 3),
    ("made_in_china", "Made-in-China.com complaints", "https://www.made-in-china.com/", 7),
]

# code, name, group, jurisdictions, unregistered copyright, storefront, max links,
# max links on the stand-alone unregistered form, time zone, calendar, website
PLATFORMS = [
    ("taobao", "Taobao (incl. Xianyu)", "alibaba", ["CN"], False, "portal", 300, None,
     "Asia/Shanghai", "CN", "https://www.taobao.com/"),
    ("tmall", "Tmall", "alibaba", ["CN"], False, "portal", 300, None,
     "Asia/Shanghai", "CN", "https://www.tmall.com/"),
    ("tmall_global", "Tmall Global", "alibaba", ["CN", "HK"], False, "portal", 300, None,
     "Asia/Shanghai", "CN", "https://www.tmall.hk/"),
    ("1688", "1688", "alibaba", ["CN"], False, "none", 300, None,
     "Asia/Shanghai", "CN", "https://www.1688.com/"),
    ("alibaba_com", "Alibaba.com", "alibaba", ["*"], True, "email", 300, 10,
     "Asia/Shanghai", "CN", "https://www.alibaba.com/"),
    ("aliexpress", "AliExpress", "alibaba", ["*"], True, "email", 300, 10,
     "Asia/Shanghai", "CN", "https://www.aliexpress.com/"),
    ("lazada_sg", "Lazada Singapore", "lazada", ["SG"], False, "none", 300, None,
     "Asia/Singapore", "SG", "https://www.lazada.sg/"),
    ("lazada_id", "Lazada Indonesia", "lazada", ["ID"], False, "none", 300, None,
     "Asia/Jakarta", "ID", "https://www.lazada.co.id/"),
    ("lazada_my", "Lazada Malaysia", "lazada", ["MY"], False, "none", 300, None,
     "Asia/Kuala_Lumpur", "MY", "https://www.lazada.com.my/"),
    ("lazada_th", "Lazada Thailand", "lazada", ["TH"], False, "none", 300, None,
     "Asia/Bangkok", "TH", "https://www.lazada.co.th/"),
    ("lazada_ph", "Lazada Philippines", "lazada", ["PH"], False, "none", 300, None,
     "Asia/Manila", "PH", "https://www.lazada.com.ph/"),
    ("lazada_vn", "Lazada Vietnam", "lazada", ["VN"], False, "none", 300, None,
     "Asia/Ho_Chi_Minh", "VN", "https://www.lazada.vn/"),
    ("jd", "JD.com", "jd", ["CN"], False, "portal", 300, None,
     "Asia/Shanghai", "CN", "https://www.jd.com/"),
    ("pinduoduo", "Pinduoduo", "pinduoduo", ["CN"], False, "portal", 300, None,
     "Asia/Shanghai", "CN", "https://www.pinduoduo.com/"),
    ("amazon_us", "Amazon.com", "amazon", ["*"], False, "none", 300, None,
     "America/Los_Angeles", "US", "https://www.amazon.com/"),
    ("ebay_us", "eBay.com", "ebay", ["*"], False, "none", 300, None,
     "America/Los_Angeles", "US", "https://www.ebay.com/"),
    ("shopee_sg", "Shopee Singapore", "shopee", ["SG"], False, "none", 300, None,
     "Asia/Singapore", "SG", "https://shopee.sg/"),
    ("made_in_china", "Made-in-China.com", "made_in_china", ["*"], True, "none", 800, None,
     "Asia/Shanghai", "CN", "https://www.made-in-china.com/"),
]  # fmt: skip

NOTES = {
    "alibaba_com": "Storefront complaints go to the platform by e-mail.",
    "aliexpress": "Storefront complaints go to the platform by e-mail.",
    "made_in_china": "Four complaint types; Excel template of up to 800 links (5 MB). "
    "Review may take up to 7 working days.",
}


def seed(apps, schema_editor):
    Group = apps.get_model("enforcement", "PlatformGroup")
    Platform = apps.get_model("enforcement", "Platform")
    groups = {}
    for code, name, portal, days in GROUPS:
        groups[code], _ = Group.objects.get_or_create(
            code=code,
            defaults={"name": name, "portal_url": portal, "account_verification_days": days},
        )
    for (code, name, group, juris, unreg, storefront, max_links, max_unreg, tz, cal,
         site) in PLATFORMS:  # fmt: skip
        Platform.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "group": groups[group],
                "accepted_jurisdictions": juris,
                "accepts_unregistered_copyright": unreg,
                "storefront_complaints": storefront,
                "max_links_per_complaint": max_links,
                "max_links_unregistered_form": max_unreg,
                "time_zone": tz,
                "calendar": cal,
                "website": site,
                "notes": NOTES.get(code, ""),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
