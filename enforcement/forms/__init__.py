"""The enforcement forms, one module per concept; every form is importable from here.

- ``fields``: fields and widgets the forms share
- ``case_file``: platforms, platform accounts, rights and their verifications
- ``complaints``: complaints, their links' outcomes, evidence, reason codes, sellers, listings
- ``counter_notices``: counter-notices, decisions, disputes, offense overrides, seller networks
- ``calendars``: window rules, holiday calendars, official notices, deadlines, the calculator
- ``numbers``: the numbers page
"""

from .calendars import (
    CalculatorForm,
    CalendarMonthForm,
    CalendarOverrideForm,
    CalendarYearForm,
    DeadlineCloseForm,
    HolidayCalendarForm,
    OfficialNoticeForm,
    WindowRuleForm,
)
from .case_file import (
    CopyrightClaimStatementForm,
    IPRChangeForm,
    IPRDocumentForm,
    IPRForm,
    IPRVerificationForm,
    PlatformAccountForm,
    PlatformForm,
    VerificationOutcomeForm,
)
from .complaints import (
    ComplaintDraftForm,
    ComplaintEditForm,
    EvidenceForm,
    LinkOutcomeForm,
    ListingForm,
    ReasonCodeForm,
    SellerForm,
    SubmitComplaintForm,
    WithdrawComplaintForm,
    WithdrawEvidenceForm,
)
from .counter_notices import (
    BatchRejectionForm,
    CounterNoticeForm,
    DecisionForm,
    DisputeDecisionForm,
    DraftAnswerForm,
    OffenseOverrideForm,
    ReasonTemplateForm,
    RejectionFormSet,
    SellerEvidenceForm,
    SellerNetworkForm,
)
from .numbers import NumbersForm

__all__ = [
    "BatchRejectionForm",
    "RejectionFormSet",
    "CalculatorForm",
    "CalendarMonthForm",
    "CalendarOverrideForm",
    "CalendarYearForm",
    "ComplaintDraftForm",
    "ComplaintEditForm",
    "CopyrightClaimStatementForm",
    "CounterNoticeForm",
    "DeadlineCloseForm",
    "DecisionForm",
    "DisputeDecisionForm",
    "DraftAnswerForm",
    "EvidenceForm",
    "HolidayCalendarForm",
    "IPRChangeForm",
    "IPRDocumentForm",
    "IPRForm",
    "IPRVerificationForm",
    "LinkOutcomeForm",
    "ListingForm",
    "NumbersForm",
    "OffenseOverrideForm",
    "OfficialNoticeForm",
    "PlatformAccountForm",
    "PlatformForm",
    "ReasonCodeForm",
    "ReasonTemplateForm",
    "SellerEvidenceForm",
    "SellerForm",
    "SellerNetworkForm",
    "SubmitComplaintForm",
    "VerificationOutcomeForm",
    "WithdrawComplaintForm",
    "WithdrawEvidenceForm",
    "WindowRuleForm",
]
