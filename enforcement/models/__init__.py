from .access import ApiToken, CalendarFeed
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
from .detections import Detection, DetectionSource
from .listings import EvidenceFile, Listing, Seller, TargetKind
from .outbox import Notification, OutboxMessage
from .platforms import Platform, PlatformAccount, PlatformGroup
from .relists import LiveCheckRule, RelistCheck
from .rights import (
    IPR,
    CopyrightClaimStatement,
    IPRChange,
    IPRDocument,
    IPRVerification,
)
from .seller_risk import SellerRiskFactor
from .summaries import OutcomeHour, OutcomeTotal

__all__ = [
    "ApiToken",
    "CalendarFeed",
    "CalendarOverride",
    "Complaint",
    "CounterNotice",
    "CounterNoticeEvidence",
    "Dispute",
    "ReasonTemplate",
    "SellerNetwork",
    "ComplaintLink",
    "Deadline",
    "Detection",
    "DetectionSource",
    "Event",
    "EvidenceFile",
    "HolidayCalendar",
    "OfficialNotice",
    "Listing",
    "LiveCheckRule",
    "Notification",
    "OutboxMessage",
    "OutcomeHour",
    "OutcomeTotal",
    "ReasonCode",
    "RelistCheck",
    "Seller",
    "SellerRiskFactor",
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
