"""Actions that write enforcement records; views and tasks call these, never repeat them."""

from .complaints import (
    add_evidence,
    mark_ready,
    problems_of,
    record_link_outcomes,
    record_platform_answer,
    save_complaint_edit,
    submit_complaint,
    withdraw_complaint,
    withdraw_evidence,
)
from .imports import ImportPreview, LineStatus, preview_links, save_links
from .verification import (
    add_ipr_document,
    next_account_states,
    next_verification_states,
    record_account_verification,
    record_verification_outcome,
)

__all__ = [
    "ImportPreview",
    "LineStatus",
    "add_evidence",
    "add_ipr_document",
    "mark_ready",
    "next_account_states",
    "next_verification_states",
    "record_account_verification",
    "preview_links",
    "problems_of",
    "record_link_outcomes",
    "record_platform_answer",
    "record_verification_outcome",
    "save_complaint_edit",
    "save_links",
    "submit_complaint",
    "withdraw_complaint",
    "withdraw_evidence",
]
