from .calendars import CalendarOverride, HolidayCalendar
from .complaints import Complaint, ComplaintLink, ReasonCode
from .deadlines import Deadline, Event, Notification, OutboxMessage, WindowRule
from .listings import EvidenceFile, Listing, Seller, TargetKind
from .platforms import Platform, PlatformAccount, PlatformGroup
from .rights import (
    IPR,
    CopyrightClaimStatement,
    IPRChange,
    IPRDocument,
    IPRVerification,
)

__all__ = [
    "CalendarOverride",
    "Complaint",
    "ComplaintLink",
    "Deadline",
    "Event",
    "EvidenceFile",
    "HolidayCalendar",
    "Listing",
    "Notification",
    "OutboxMessage",
    "ReasonCode",
    "Seller",
    "TargetKind",
    "IPR",
    "CopyrightClaimStatement",
    "IPRChange",
    "IPRDocument",
    "IPRVerification",
    "Platform",
    "PlatformAccount",
    "PlatformGroup",
    "WindowRule",
]
