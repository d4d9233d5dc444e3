"""Working-day calendars and the window rules of DOMAIN's "Windows the firm must never miss".

The firm admin edits both; deadlines copy the rule they were computed with.
"""

from django.db import migrations

# code, name, time zone, weekend (Mon=0), first and last year with confirmed official data
CALENDARS = [
    ("CN", "Mainland China", "Asia/Shanghai", [5, 6], 2004, 2026,
     "State Council holiday notices as transcribed by chinese-calendar (2004–2026), with "
     "names and adjusted working weekends from holidays; the two agree for 2025–2026."),
    ("HK", "Hong Kong", "Asia/Hong_Kong", [5, 6], 2020, 2026,
     "General holidays gazetted each year, from holidays. Business and government days: "
     "Monday to Friday."),
    ("SG", "Singapore", "Asia/Singapore", [5, 6], 2020, 2026,
     "Ministry of Manpower public holidays, with Monday in lieu, from holidays."),
    ("MY", "Malaysia (federal)", "Asia/Kuala_Lumpur", [5, 6], 2020, 2026,
     "National public holidays from holidays; state holidays are not counted."),
    ("ID", "Indonesia", "Asia/Jakarta", [5, 6], 2020, 2026,
     "National public holidays from holidays; add cuti bersama days as overrides if the "
     "platform observes them."),
    ("TH", "Thailand", "Asia/Bangkok", [5, 6], 2020, 2026,
     "Public holidays with substitution days, from holidays; special holidays announced by "
     "the Cabinet go in as overrides."),
    ("PH", "Philippines", "Asia/Manila", [5, 6], 2020, 2026,
     "Regular and special non-working days proclaimed each year, from holidays."),
    ("VN", "Vietnam", "Asia/Ho_Chi_Minh", [5, 6], 2020, 2026,
     "Public holidays with the government's swapped working days, from holidays."),
]

# slot, event, name, action, offense, length, unit, lead times, owner, recipients, escalate
RULES = [
    ("seller_window", "complaint_submitted", "Seller's window (first offense)",
     "Confirm removal and record each link's outcome", "first", 3, "working_days",
     ["1d"], "actor", "owner", True,
     "Law firms and the platform: 3 working days for a seller's first counter-notice."),
    ("seller_window", "complaint_submitted", "Seller's window (repeat offense)",
     "Confirm removal and record each link's outcome", "repeat", 30, "calendar_days",
     ["7d", "1d"], "actor", "owner", True,
     "Law firms write 30 days for later offenses; a 2022 platform notice gives 27 business "
     "days for a second and third counter-notice: add a platform rule if you follow it."),
    ("firm_response", "counter_notice_received", "Answer the counter-notification",
     "An attorney rejects with reasons, or accepts / withdraws", "any", 2, "working_days",
     ["1d", "4h"], "supervisor", "owner_supervisor", True,
     "Firm rule: answer promptly or the platform discards the complaint and restores the "
     "listing."),
    ("art43_notice", "declaration_forwarded",
     "Tell the platform of a complaint to the authorities or a lawsuit",
     "File with the authorities or court and notify the platform", "any", 15,
     "calendar_days", ["7d", "3d", "1d"], "supervisor", "owner_supervisor", True,
     "PRC E-Commerce Law art. 43: otherwise the platform ends the takedown."),
    ("dispute_check", "dispute_opened", "Check for the platform's dispute decision",
     "Look for the platform's decision and record it", "any", 2, "working_days", [],
     "actor", "owner", False, "Platforms normally decide within 2–5 working days."),
    ("dispute_escalate", "dispute_opened", "Escalate the undecided dispute",
     "Escalate to the platform's case handler", "any", 5, "working_days", ["1d"],
     "supervisor", "owner", True, "Platforms normally decide within 2–5 working days."),
    ("verification_chase", "verification_submitted", "Chase the platform's verification",
     "Ask the platform why the review is not done", "any", 3, "working_days", [],
     "actor", "owner", True, "Review of submitted IPR documents: about 3 working days."),
    ("poa_renewal", "poa_expiry", "Power of attorney expires",
     "Ask the client to sign a renewed power of attorney", "any", 0, "calendar_days",
     ["90d", "30d", "7d"], "supervisor", "owner", True, ""),
    ("ipr_renewal", "ipr_expiry", "IP right registration expires",
     "Ask the client to renew the registration and send the certificate", "any", 0,
     "calendar_days", ["90d", "30d", "7d"], "supervisor", "owner", True, ""),
]


def seed(apps, schema_editor):
    HolidayCalendar = apps.get_model("enforcement", "HolidayCalendar")
    WindowRule = apps.get_model("enforcement", "WindowRule")
    for code, name, zone, weekend, first, last, notes in CALENDARS:
        HolidayCalendar.objects.update_or_create(
            code=code,
            defaults=dict(
                name=name, time_zone=zone, weekend_days=weekend, confirmed_from=first,
                confirmed_through=last, source_notes=notes,
            ),
        )
    for (slot, event, name, action, offense, length, unit, leads, owner, recipients,
         escalate, notes) in RULES:
        WindowRule.objects.update_or_create(
            slot=slot, offense=offense, platform=None, is_active=True,
            defaults=dict(
                event=event, name=name, action=action, length=length, unit=unit,
                reminder_lead_times=leads, owner=owner, recipients=recipients,
                escalate_when_overdue=escalate, notes=notes,
            ),
        )


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0005_calendars_and_deadlines")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
