"""The calendars a new installation starts with (the seeding migration holds its own copy).

Used where the database cannot be read yet, so that a fresh checkout can still answer
``manage.py due_date`` with the same data a migrated database would hold.
"""

# code: (time zone, weekend days (Mon=0), first and last year of confirmed official data)
DEFAULT_CALENDARS: dict[str, tuple[str, list[int], int, int]] = {
    "CN": ("Asia/Shanghai", [5, 6], 2004, 2026),
    "HK": ("Asia/Hong_Kong", [5, 6], 2020, 2026),
    "SG": ("Asia/Singapore", [5, 6], 2020, 2026),
    "MY": ("Asia/Kuala_Lumpur", [5, 6], 2020, 2026),
    "ID": ("Asia/Jakarta", [5, 6], 2020, 2026),
    "TH": ("Asia/Bangkok", [5, 6], 2020, 2026),
    "PH": ("Asia/Manila", [5, 6], 2020, 2026),
    "VN": ("Asia/Ho_Chi_Minh", [5, 6], 2020, 2026),
    "US": ("America/Los_Angeles", [5, 6], 2020, 2026),
}

# code: (the package's holiday categories counted, subdivision); the rest count "public".
DEFAULT_CATEGORIES: dict[str, tuple[tuple[str, ...], str | None]] = {
    "HK": (("public", "optional"), None),  # general holidays, not only the statutory ones
    "ID": (("public", "government"), None),  # with cuti bersama
    "MY": (("public",), "14"),  # Kuala Lumpur
}
