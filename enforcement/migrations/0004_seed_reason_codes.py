"""A starter set of complaint reason codes; the firm admin edits and extends it."""

from django.db import migrations

# code, IPR type, target, English label, Chinese label, guidance
CODES = [
    ("tm-counterfeit", "trademark", "listing", "Counterfeit goods bearing the registered mark",
     "假冒注册商标的商品",
     "The goods are fakes of the right holder's product. Back it with a test purchase or a "
     "side-by-side comparison; use it only when the goods themselves carry the mark."),
    ("tm-unauthorised-use", "trademark", "listing",
     "Unauthorised use of the registered mark in the listing", "未经授权在商品信息中使用商标",
     "The title, pictures or description use the mark for goods in the registered classes, "
     "but the goods are not necessarily fakes. Check the classes cover the goods."),
    ("tm-similar-mark", "trademark", "listing", "Use of a confusingly similar mark",
     "使用与注册商标近似的标识",
     "The listing uses a mark close enough to confuse buyers (altered spelling, added words). "
     "Explain the similarity in the supplementary reasons."),
    ("tm-storefront", "trademark", "storefront", "Store name or store banner uses the mark",
     "店铺名称或店招使用注册商标",
     "The mark appears on the store itself (name, logo, banner) rather than on listings."),
    ("cr-image-theft", "copyright", "listing", "Unauthorised use of copyrighted pictures",
     "盗用享有著作权的图片",
     "The listing shows the right holder's photographs or artwork. Attach the original image."),
    ("cr-pirated-goods", "copyright", "listing", "Pirated copies of the work",
     "销售盗版作品",
     "The goods reproduce the work itself (prints, books, software, toys of a character)."),
    ("cr-storefront", "copyright", "storefront", "Store decoration uses the copyrighted work",
     "店铺装修盗用享有著作权的作品",
     "The store's banners or decoration reproduce the work."),
    ("pt-design", "patent", "listing", "Infringes a design patent", "侵犯外观设计专利权",
     "The product's appearance falls within the registered design. Compare the views of the "
     "design certificate with the listing's pictures."),
    ("pt-invention", "patent", "listing", "Infringes an invention or utility-model patent",
     "侵犯发明或实用新型专利权",
     "Map each element of the claims to the product; the evaluation report must be on file."),
    ("other-judgment", "other", "listing", "Infringement established by a court judgment",
     "经法院判决认定的侵权", "Use with a court judgment (e.g. unfair competition) on file."),
]  # fmt: skip

STOREFRONT_PLATFORMS = ["taobao", "tmall", "tmall_global", "alibaba_com", "aliexpress", "jd",
                        "pinduoduo"]  # fmt: skip


def seed(apps, schema_editor):
    ReasonCode = apps.get_model("enforcement", "ReasonCode")
    Platform = apps.get_model("enforcement", "Platform")
    every = list(Platform.objects.all())
    storefront = [p for p in every if p.code in STOREFRONT_PLATFORMS]
    for code, ipr_kind, target, en, zh, guidance in CODES:
        reason, created = ReasonCode.objects.get_or_create(
            code=code,
            defaults={"ipr_kind": ipr_kind, "target_kind": target, "label_en": en,
                      "label_zh": zh, "guidance": guidance},
        )  # fmt: skip
        if created:
            reason.platforms.set(storefront if target == "storefront" else every)


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0003_listings_and_complaints")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
