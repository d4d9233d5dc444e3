"""Starter reasons for answering counter-notifications; the firm edits and adds its own."""

from django.db import migrations

TEMPLATES = [
    (
        "Counterfeit goods: test purchase",
        "The goods are counterfeits of the right holder's registered mark. Our test purchase "
        "(attached) shows differences from genuine products in materials, labels and "
        "packaging, and the seller is not an authorised distributor.",
        "涉案商品为权利人注册商标的假冒商品。我方试购（见附件）显示其材质、标签和包装与正品不同，"
        "且卖家并非授权经销商。",
    ),
    (
        "Seller's right does not cover the goods",
        "The registration the seller relies on does not cover the goods in the listing (other "
        "class or other jurisdiction) and does not authorise use of our client's mark.",
        "卖家所依据的注册权利不涵盖涉案商品（类别或地域不同），亦不构成使用我方当事人商标的授权。",
    ),
    (
        "Purchase invoice does not prove genuine goods",
        "The invoice supplied by the seller does not identify the right holder or an "
        "authorised distributor as the source and cannot be matched to the goods listed.",
        "卖家提供的发票未显示货源为权利人或其授权经销商，且无法与涉案商品相对应。",
    ),
    (
        "Copyright: pictures taken by the right holder",
        "The listing uses photographs created and first published by the right holder "
        "(originals and first-publication evidence attached); the seller has no licence.",
        "该商品链接使用了权利人创作并首次发表的图片（原图及首次发表证据见附件），卖家未获许可。",
    ),
]


def seed(apps, schema_editor):
    ReasonTemplate = apps.get_model("enforcement", "ReasonTemplate")
    for title, en, zh in TEMPLATES:
        ReasonTemplate.objects.get_or_create(
            title=title, defaults={"text_en": en, "text_zh": zh}
        )


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0007_counter_notices_disputes_networks")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
