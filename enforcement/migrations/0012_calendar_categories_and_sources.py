"""Which holidays each calendar counts, and where that choice comes from.

Hong Kong's business days follow its general holidays (the package's optional category on
top of the statutory ones); Indonesia's common business calendar includes the cuti bersama
days of the joint ministerial decree (the package's government category); Lazada Malaysia
sits in Kuala Lumpur (subdivision 14). Vietnam's New Year 2026 swap is not in the package.
"""

import datetime as dt

from django.db import migrations

# code: (name, categories, subdivision, source notes)
CALENDARS = {
    "HK": (
        "Hong Kong",
        ["public", "optional"],
        "",
        "General holidays under the General Holidays Ordinance (Cap. 149), gazetted each year "
        "(www.gov.hk/en/about/abouthk/holiday/2026.htm; 2026 list announced 16 May 2025). "
        "Banks, government offices and most businesses close on general holidays, a superset "
        "of the statutory holidays of the Employment Ordinance (Cap. 57): Good Friday, the day "
        "following Good Friday, Easter Monday, Boxing Day … The holidays package keeps those "
        "extra days as Hong Kong's optional category, so this calendar counts public + "
        "optional. Saturdays are not business days here (weekend Sat–Sun).",
    ),
    "SG": (
        "Singapore",
        ["public"],
        "",
        "Public holidays under the Holidays Act 1968, published yearly by the Ministry of "
        "Manpower (www.mom.gov.sg/employment-practices/public-holidays), Sunday holidays moved "
        "to Monday; includes proclaimed days such as Polling Day 2025-05-03. The package's "
        "public category equals the MOM list for 2025–2026.",
    ),
    "MY": (
        "Malaysia (Kuala Lumpur)",
        ["public"],
        "14",
        "Federal public holidays under the Holidays Act 1951 plus the Federal Territory of "
        "Kuala Lumpur's (subdivision 14: Lazada Malaysia is based there), as scheduled by the "
        "Cabinet Division, Prime Minister's Department (www.kabinet.gov.my, Hari Kelepasan "
        "Am 2025 and 2026), with later additions under s.8 of the Act (e.g. 2025-09-15). "
        "Without the subdivision the package would drop New Year's Day, Thaipusam, Nuzul "
        "Al-Quran, Deepavali and Federal Territory Day.",
    ),
    "ID": (
        "Indonesia",
        ["public", "government"],
        "",
        "National holidays and cuti bersama (collective leave) of the joint decree (SKB) of "
        "the Ministers of Religious Affairs, Manpower and Administrative Reform: 2025 SKB "
        "1017/2024, 2/2024, 2/2024 as amended 7 Aug 2025 (18 Aug 2025 added); 2026 SKB "
        "1497/2025, 2/2025, 5/2025 (setkab.go.id). The package keeps cuti bersama in its "
        "government category; they close government offices and are the common business "
        "calendar, so this calendar counts public + government.",
    ),
    "TH": (
        "Thailand",
        ["public"],
        "",
        "Official holidays fixed by Cabinet resolutions and announced by the Secretariat of "
        "the Cabinet (soc.go.th), with special additional days (2025-06-02, 2025-08-11, "
        "2026-01-02). Counts the package's public category; its government category (Royal "
        "Ploughing Day) closes only government offices, and workday/school/armed-forces days "
        "are observances, not days off.",
    ),
    "PH": (
        "Philippines",
        ["public"],
        "",
        "Regular holidays and nationwide special non-working days declared by presidential "
        "proclamation (www.officialgazette.gov.ph/nationwide-holidays/): 2025 Proclamations "
        "727, 729, 839, 878, 911; 2026 Proclamations 1006, 1189, 1264. Counts the package's "
        "public category; never its workday category, which holds special working days "
        "(e.g. EDSA anniversary, 25 February). Ad-hoc proclamations go in as overrides.",
    ),
    "VN": (
        "Vietnam",
        ["public"],
        "",
        "Public holidays under art. 112 of the Labour Code 2019, with the public-sector "
        "schedule and day swaps set each year by the Government Office: 2025 dispatch "
        "8726/VPCP-KGVX (2 May swapped for Saturday 26 April); 2026 Ministry of Home Affairs "
        "announcement (31 August swapped for Saturday 22 August) and dispatch 12729/VPCP-KGVX "
        "of 25 Dec 2025 (2 January swapped for Saturday 10 January: entered as overrides, the "
        "package lacks it). 'Vietnam Cultural Day' (2026-11-24), which the package counts, had "
        "no enacted legal basis when checked: entered as a working day until confirmed.",
    ),
}
CN_NOTES = (
    "State Council holiday notices (国务院办公厅关于部分节假日安排的通知) as transcribed by "
    "chinese-calendar (2004–2026), with names and adjusted working weekends from holidays; "
    "from 2027 on, enter each year's notice on the calendar's notice page."
)
VN_2026 = (
    (dt.date(2026, 1, 2), "holiday", "New Year (swapped with Saturday 10 January)"),
    (dt.date(2026, 1, 10), "working_day", "Working Saturday (swapped with 2 January)"),
    (dt.date(2026, 11, 24), "working_day", "Vietnam Cultural Day: not enacted as a day off"),
)
VN_SOURCE = "Government Office dispatch 12729/VPCP-KGVX (25 Dec 2025); Labour Code art. 112"


def seed(apps, schema_editor):
    HolidayCalendar = apps.get_model("enforcement", "HolidayCalendar")
    CalendarOverride = apps.get_model("enforcement", "CalendarOverride")
    HolidayCalendar.objects.filter(categories=[]).update(categories=["public"])
    HolidayCalendar.objects.filter(code="CN").update(source_notes=CN_NOTES)
    for code, (name, categories, subdivision, notes) in CALENDARS.items():
        HolidayCalendar.objects.filter(code=code).update(
            name=name, categories=categories, subdivision=subdivision, source_notes=notes
        )
    vietnam = HolidayCalendar.objects.filter(code="VN").first()
    if vietnam is not None:
        for day, kind, name in VN_2026:
            CalendarOverride.objects.get_or_create(
                calendar=vietnam, date=day, defaults={"kind": kind, "name": name, "source": VN_SOURCE}
            )


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0011_official_notices_provisional_dates")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
