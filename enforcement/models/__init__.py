from .calendars import CalendarOverride, HolidayCalendar, OfficialNotice
from .complaints import Complaint, ComplaintLink, ReasonCode
from .counter_notices import (
    CounterNotice,
    CounterNoticeEvidence,
    Dispute,
    ReasonTemplate,
    SellerNetwork,
)
from .deadlines import Deadline, Event, WindowRule
from .listings import EvidenceFile, Listing, Seller, TargetKind
from .outbox import Notification, OutboxMessage
from .platforms import Platform, PlatformAccount, PlatformGroup
from .rights import (
    IPR,
    CopyrightClaimStatement,
    IPRChange,
    IPRDocument,
    IPRVerification,
)
from .summaries import OutcomeHour, OutcomeTotal

__all__ = [
    "CalendarOverride",
    "Complaint",
    "CounterNotice",
    "CounterNoticeEvidence",
    "Dispute",
    "ReasonTemplate",
    "SellerNetwork",
    "ComplaintLink",
    "Deadline",
    "Event",
    "EvidenceFile",
    "HolidayCalendar",
    "OfficialNotice",
    "Listing",
    "Notification",
    "OutboxMessage",
    "OutcomeHour",
    "OutcomeTotal",
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
