"""Can this complaint be filed? Every reason it cannot, in words a paralegal can act on.

A wrong complaint is worse than none: a rejection counts against the account's takedown
success rate and the Good Faith Program. So the rules run before anything is filed, and
the service that marks a complaint submitted refuses while any of them fires.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .usability import Problem, ipr_issues


@dataclass(frozen=True)
class LinkFacts:
    """What recognition found out about one pasted line."""

    platform: str  # catalogue code, "" when the line was not recognised
    kind: str  # "listing" | "storefront" | ""


@dataclass
class DraftComplaint:
    client: object
    platform: object
    account: object | None
    ipr: object | None
    target_kind: str
    reason_code: object | None
    links: Sequence[LinkFacts]
    on: dt.date
    # The client's powers of attorney and the right's verifications, prefetched by the caller.
    poas: Iterable = field(default_factory=list)
    verifications: Iterable = field(default_factory=list)


def complaint_problems(draft: DraftComplaint) -> list[Problem]:
    problems: list[Problem] = []
    platform, account, ipr = draft.platform, draft.account, draft.ipr
    add = problems.append

    if account is None:
        add(Problem("no_account", _("Choose the platform account to file from.")))
    if ipr is None:
        add(Problem("no_ipr", _("Choose the IP right the complaint relies on.")))
    if draft.reason_code is None:
        add(Problem("no_reason_code", _("Choose a reason code.")))
    if not draft.links:
        add(Problem("no_links", _("Add at least one infringing link.")))

    if account is not None:
        if account.group_id != platform.group_id:
            add(Problem("account_wrong_portal", _(
                "The account %(account)s is on %(group)s, which does not file for %(platform)s."
            ) % {"account": account.registrant_name, "group": account.group.name,
                 "platform": platform.name}))  # fmt: skip
        if account.verification_status != "verified":
            add(Problem("account_not_verified", _(
                "The platform has not verified the account %(account)s yet."
            ) % {"account": account.registrant_name}))  # fmt: skip
        if account.client_id and account.client_id != draft.client.pk:
            add(Problem("account_other_client", _(
                "The account %(account)s is another right holder's; use this client's account "
                "or the firm's agent account."
            ) % {"account": account.registrant_name}))  # fmt: skip

    if ipr is not None:
        problems.extend(_right_problems(draft))

    if draft.target_kind == "storefront" and platform.storefront_complaints != "portal":
        if platform.storefront_complaints == "email":
            message = _("%(platform)s takes storefront complaints by e-mail, not through the "
                        "portal: file this one by e-mail.")  # fmt: skip
        else:
            message = _("%(platform)s does not take storefront complaints; report the "
                        "listings instead.")  # fmt: skip
        add(Problem("storefront_not_accepted", message % {"platform": platform.name}))

    reason = draft.reason_code
    if reason is not None and ipr is not None:
        platforms = {p.pk for p in reason.platforms.all()}
        if (
            not reason.is_active
            or platform.pk not in platforms
            or reason.ipr_kind != ipr.kind
            or reason.target_kind != draft.target_kind
        ):
            add(Problem("reason_code_mismatch", _(
                "The reason “%(reason)s” is not for a %(kind)s complaint against a %(target)s on "
                "%(platform)s; choose one offered for these choices."
            ) % {"reason": reason.label_en, "kind": ipr.get_kind_display().lower(),
                 "target": draft.target_kind, "platform": platform.name}))  # fmt: skip

    problems.extend(_link_problems(draft))
    return problems


def _right_problems(draft: DraftComplaint) -> list[Problem]:
    platform, account, ipr, on = draft.platform, draft.account, draft.ipr, draft.on
    problems: list[Problem] = []
    if ipr.client_id != draft.client.pk:
        problems.append(Problem("ipr_other_client", _("This right belongs to another client.")))
    unregistered_copyright = ipr.kind == "copyright" and ipr.status == "unregistered"
    if unregistered_copyright and not platform.accepts_unregistered_copyright:
        problems.append(Problem("unregistered_copyright_not_accepted", _(
            "%(platform)s does not accept unregistered copyright: register the work, or file "
            "on a platform that takes a claim statement (AliExpress, Alibaba.com)."
        ) % {"platform": platform.name}))  # fmt: skip
    elif not unregistered_copyright and not platform.accepts_jurisdiction(ipr.jurisdiction):
        problems.append(Problem("jurisdiction_not_accepted", _(
            "%(platform)s accepts only rights registered in %(accepted)s; this right is "
            "registered in %(jurisdiction)s."
        ) % {"platform": platform.name, "accepted": platform.jurisdictions_display,
             "jurisdiction": ipr.jurisdiction.name or ipr.jurisdiction}))  # fmt: skip
    problems.extend(ipr_issues(ipr, on))

    if account is not None:
        verified = any(
            v.account_id == account.pk and v.status == "verified" for v in draft.verifications
        )
        if not verified:
            problems.append(Problem("ipr_not_verified", _(
                "This right is not verified on the account %(account)s: submit it for "
                "verification and wait for approval (about 3 working days)."
            ) % {"account": account.registrant_name}))  # fmt: skip
        own_right = ipr.client_id == draft.client.pk
        if (
            own_right
            and account.registrant_category == "agent"
            and not any(poa.covers(ipr, platform, on=on) for poa in draft.poas)
        ):
            problems.append(Problem("no_poa", _(
                "No power of attorney in force on %(date)s lets the firm act for this client "
                "with this right on %(platform)s: get one signed, or extend an existing one."
            ) % {"date": on.isoformat(), "platform": platform.name}))  # fmt: skip
    return problems


def _link_problems(draft: DraftComplaint) -> list[Problem]:
    platform, links = draft.platform, draft.links
    problems: list[Problem] = []
    if len(links) > platform.max_links_per_complaint:
        problems.append(Problem("too_many_links", _(
            "%(count)d links: %(platform)s takes at most %(max)d per complaint. Split them "
            "into several complaints."
        ) % {"count": len(links), "platform": platform.name,
             "max": platform.max_links_per_complaint}))  # fmt: skip
    foreign = sum(1 for link in links if link.platform and link.platform != platform.code)
    if foreign:
        problems.append(Problem("links_from_other_platform", _(
            "%(count)d link(s) are not from %(platform)s; remove them or file them separately."
        ) % {"count": foreign, "platform": platform.name}))  # fmt: skip
    unknown = sum(1 for link in links if not link.platform)
    if unknown:
        problems.append(Problem("unrecognised_links", _(
            "%(count)d line(s) are not recognised listing or storefront addresses."
        ) % {"count": unknown}))  # fmt: skip
    wrong_kind = sum(
        1 for link in links
        if link.platform == platform.code and link.kind and link.kind != draft.target_kind
    )  # fmt: skip
    if wrong_kind:
        problems.append(Problem("links_wrong_kind", _(
            "%(count)d link(s) are not %(target)ss; a complaint targets one kind only."
        ) % {"count": wrong_kind, "target": draft.target_kind}))  # fmt: skip
    return problems
