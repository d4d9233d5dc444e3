"""A working-day calendar for the US marketplaces of the catalogue (Amazon.com, eBay.com).

Their platform rows name the calendar "US" since the catalogue was seeded, but no such
calendar existed, so their deadlines had no due date.
"""

from django.db import migrations

NOTES = (
    "Federal holidays (5 U.S.C. 6103), with the Friday or Monday observed, from holidays. "
    "OPM publishes each year's list; a day off given by executive order goes in as an "
    "override."
)


def seed(apps, schema_editor):
    HolidayCalendar = apps.get_model("enforcement", "HolidayCalendar")
    HolidayCalendar.objects.get_or_create(
        code="US",
        defaults=dict(
            name="United States (federal)", time_zone="America/Los_Angeles",
            weekend_days=[5, 6], confirmed_from=2020, confirmed_through=2026,
            source_notes=NOTES, categories=["public"],
        ),
    )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0017_outcome_summary")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
