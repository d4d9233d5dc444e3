from .complaints import Complaint, ComplaintLink, ReasonCode
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
    "Complaint",
    "ComplaintLink",
    "EvidenceFile",
    "Listing",
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
]
