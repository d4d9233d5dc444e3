from .platforms import Platform, PlatformAccount, PlatformGroup
from .rights import (
    IPR,
    CopyrightClaimStatement,
    IPRChange,
    IPRDocument,
    IPRVerification,
)

__all__ = [
    "IPR",
    "CopyrightClaimStatement",
    "IPRChange",
    "IPRDocument",
    "IPRVerification",
    "Platform",
    "PlatformAccount",
    "PlatformGroup",
]
