"""Every staff page, for every role: allowed, refused, or sent to log in."""

import pytest
from django.urls import reverse

from clients.roles import Role

from .factories import UserFactory
from .world import build_world

STAFF = {Role.PARALEGAL, Role.ATTORNEY, Role.FIRM_ADMIN}
LAWYERS = {Role.ATTORNEY, Role.FIRM_ADMIN}
ADMIN = {Role.FIRM_ADMIN}

# url name, how to get its pk from the world (or None), roles allowed to GET it
PAGES = [
    ("home", None, STAFF),
    ("clients:client_list", None, STAFF),
    ("calendar:feeds", None, STAFF),
    ("clients:client_create", None, STAFF),
    ("clients:client_detail", "client", STAFF),
    ("clients:client_update", "client", STAFF),
    ("clients:client_history", "client", STAFF),
    ("clients:identitydocument_list", None, STAFF),
    ("clients:identitydocument_create", None, STAFF),
    ("clients:identitydocument_detail", "document", STAFF),
    ("clients:identitydocument_update", "document", STAFF),
    ("clients:identitydocument_history", "document", STAFF),
    ("clients:powerofattorney_list", None, STAFF),
    ("clients:powerofattorney_create", None, STAFF),
    ("clients:powerofattorney_detail", "poa", STAFF),
    ("clients:powerofattorney_update", "poa", STAFF),
    ("clients:powerofattorney_history", "poa", STAFF),
    ("clients:membership_list", None, STAFF),
    ("clients:membership_create", None, LAWYERS),
    ("clients:membership_detail", "membership", STAFF),
    ("clients:membership_update", "membership", LAWYERS),
    ("clients:membership_history", "membership", STAFF),
    ("enforcement:platform_list", None, STAFF),
    ("enforcement:platform_create", None, ADMIN),
    ("enforcement:platform_detail", "platform", STAFF),
    ("enforcement:platform_update", "platform", ADMIN),
    ("enforcement:platform_history", "platform", STAFF),
    ("enforcement:platformaccount_list", None, STAFF),
    ("enforcement:platformaccount_create", None, ADMIN),
    ("enforcement:platformaccount_detail", "account", STAFF),
    ("enforcement:platformaccount_update", "account", ADMIN),
    ("enforcement:platformaccount_history", "account", STAFF),
    ("enforcement:ipr_list", None, STAFF),
    ("enforcement:ipr_create", None, STAFF),
    ("enforcement:ipr_detail", "ipr", STAFF),
    ("enforcement:ipr_update", "ipr", STAFF),
    ("enforcement:ipr_history", "ipr", STAFF),
    ("enforcement:iprdocument_create", None, STAFF),
    ("enforcement:iprchange_create", None, STAFF),
    ("enforcement:copyrightclaimstatement_create", None, STAFF),
    ("enforcement:copyrightclaimstatement_update", "statement", STAFF),
    ("enforcement:iprverification_list", None, STAFF),
    ("enforcement:iprverification_create", None, STAFF),
    ("enforcement:iprverification_detail", "verification", STAFF),
    ("enforcement:iprverification_update", "verification", STAFF),
    ("enforcement:iprverification_history", "verification", STAFF),
    ("enforcement:complaint_list", None, STAFF),
    ("enforcement:complaint_create", None, STAFF),
    ("enforcement:complaint_detail", "complaint", STAFF),
    ("enforcement:complaint_update", "complaint", STAFF),
    ("enforcement:complaint_history", "complaint", STAFF),
    ("enforcement:listing_list", None, STAFF),
    ("enforcement:listing_detail", "listing", STAFF),
    ("enforcement:listing_history", "listing", STAFF),
    ("enforcement:listing_update", "listing", STAFF),
    ("enforcement:seller_list", None, STAFF),
    ("enforcement:seller_risk_list", None, STAFF),
    ("enforcement:seller_create", None, STAFF),
    ("enforcement:seller_detail", "seller", STAFF),
    ("enforcement:seller_update", "seller", STAFF),
    ("enforcement:seller_history", "seller", STAFF),
    ("enforcement:reasoncode_list", None, STAFF),
    ("enforcement:reasoncode_create", None, ADMIN),
    ("enforcement:reasoncode_detail", "reason_code", STAFF),
    ("enforcement:reasoncode_update", "reason_code", ADMIN),
    ("enforcement:reasoncode_history", "reason_code", STAFF),
    ("enforcement:deadline_list", None, STAFF),
    ("enforcement:deadline_calendar", None, STAFF),
    ("enforcement:deadline_calculator", None, STAFF),
    ("enforcement:deadline_detail", "deadline", STAFF),
    ("enforcement:deadline_history", "deadline", STAFF),
    ("enforcement:notification_list", None, STAFF),
    ("enforcement:windowrule_list", None, STAFF),
    ("enforcement:windowrule_create", None, ADMIN),
    ("enforcement:windowrule_detail", "window_rule", STAFF),
    ("enforcement:windowrule_update", "window_rule", ADMIN),
    ("enforcement:windowrule_history", "window_rule", STAFF),
    ("enforcement:holidaycalendar_list", None, STAFF),
    ("enforcement:holidaycalendar_create", None, ADMIN),
    ("enforcement:holidaycalendar_detail", "calendar", STAFF),
    ("enforcement:holidaycalendar_update", "calendar", ADMIN),
    ("enforcement:holidaycalendar_history", "calendar", STAFF),
    ("enforcement:calendaroverride_list", None, STAFF),
    ("enforcement:calendaroverride_create", None, ADMIN),
    ("enforcement:calendaroverride_detail", "calendar_override", STAFF),
    ("enforcement:calendaroverride_update", "calendar_override", ADMIN),
    ("enforcement:calendaroverride_history", "calendar_override", STAFF),
    ("enforcement:officialnotice_detail", "official_notice", STAFF),
    ("enforcement:officialnotice_history", "official_notice", STAFF),
    ("enforcement:counternotice_list", None, STAFF),
    ("enforcement:counternotice_create", None, STAFF),
    ("enforcement:counternotice_detail", "counter_notice", STAFF),
    ("enforcement:counternotice_update", "counter_notice", STAFF),
    ("enforcement:counternotice_history", "counter_notice", STAFF),
    ("enforcement:numbers", None, STAFF),
    ("enforcement:reasontemplate_list", None, STAFF),
    ("enforcement:reasontemplate_create", None, LAWYERS),
    ("enforcement:reasontemplate_detail", "reason_template", STAFF),
    ("enforcement:reasontemplate_update", "reason_template", LAWYERS),
    ("enforcement:reasontemplate_history", "reason_template", STAFF),
    ("enforcement:sellernetwork_list", None, STAFF),
    ("enforcement:sellernetwork_create", None, STAFF),
    ("enforcement:sellernetwork_detail", "seller_network", STAFF),
    ("enforcement:sellernetwork_update", "seller_network", STAFF),
    ("enforcement:sellernetwork_history", "seller_network", STAFF),
    ("enforcement:client_report", "client", STAFF),
    ("enforcement:detection_queue", None, STAFF),
    ("enforcement:detection_import", None, STAFF),
    ("enforcement:detectionsource_list", None, STAFF),
    ("enforcement:detectionsource_create", None, STAFF),
    ("enforcement:detectionsource_detail", "detection_source", STAFF),
    ("enforcement:detectionsource_update", "detection_source", STAFF),
    ("enforcement:detectionsource_history", "detection_source", STAFF),
    ("clients:documentrequest_list", None, STAFF),
    ("clients:documentrequest_create", None, STAFF),
    ("clients:documentrequest_detail", "document_request", STAFF),
    ("clients:documentrequest_update", "document_request", STAFF),
    ("clients:documentrequest_history", "document_request", STAFF),
]

# POST-only actions: url name, world attribute, roles allowed
ACTIONS = [
    ("clients:client_archive", "client", LAWYERS),
    ("clients:identitydocument_archive", "document", LAWYERS),
    ("clients:powerofattorney_archive", "poa", LAWYERS),
    ("enforcement:ipr_archive", "ipr", LAWYERS),
    ("enforcement:iprdocument_archive", "ipr_document", LAWYERS),
    ("enforcement:platform_archive", "platform", ADMIN),
    ("enforcement:platformaccount_archive", "account", ADMIN),
]

# Walked for every role with another client's objects in tests/test_portal_crawl.py.
PORTAL_AND_ACCOUNT_PAGES = {
    "portal:overview", "portal:complaint_list", "portal:complaint_detail", "portal:rights",
    "portal:requests", "portal:request_upload", "portal:export", "portal:switch", "portal:report",
    "portal:validation",
    "portal:welcome", "password_reset", "password_reset_done", "password_reset_confirm",
    "password_reset_complete",
    # tests/clients/test_sign_in_security.py
    "two_factor_setup", "two_factor_verify", "password_change", "password_change_done",
    "sign_in_security", "reset_factor", "lift_lockout",
    # tests/test_chinese.py (one's own language and time zone)
    "profile", "set_language",
    # tests/api/ (every api: pattern, by token) and tests/enforcement/test_calendar_feed.py
    "api_tokens", "api_token_revoke", "calendar:regenerate", "calendar:revoke", "calendar:feed",
}  # fmt: skip

ROLES = [Role.PARALEGAL, Role.ATTORNEY, Role.FIRM_ADMIN, Role.CLIENT]


def _url(name, attr, world):
    return reverse(name, args=[getattr(world, attr).pk]) if attr else reverse(name)


@pytest.fixture
def world(client_a):
    return build_world(client_a)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "attr", "allowed"), PAGES, ids=[p[0] for p in PAGES])
def test_page_is_served_only_to_roles_allowed(client, world, role, name, attr, allowed):
    user = UserFactory(role=role)
    client.force_login(user)
    response = client.get(_url(name, attr, world))
    if role in allowed:
        assert response.status_code == 200
    elif name == "home" and role == Role.CLIENT:
        # Client users land on their portal, which shows nothing of the firm's.
        assert response.status_code == 302
        assert response["Location"] == reverse("portal:overview")
    else:
        assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "attr", "allowed"), PAGES, ids=[p[0] for p in PAGES])
def test_anonymous_visitor_is_sent_to_log_in(client, world, name, attr, allowed):
    url = _url(name, attr, world)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "attr", "allowed"), ACTIONS, ids=[a[0] for a in ACTIONS])
def test_archive_is_refused_to_roles_without_the_right(client, world, role, name, attr, allowed):
    client.force_login(UserFactory(role=role))
    response = client.post(_url(name, attr, world), {"action": "archive"})
    record = getattr(world, attr)
    record.refresh_from_db()
    if role in allowed:
        assert response.status_code == 302
        assert record.archived_at is not None
    else:
        assert response.status_code == 403
        assert record.archived_at is None


@pytest.mark.django_db
def test_archive_cannot_be_done_with_get(client, world, attorney):
    client.force_login(attorney)
    assert client.get(reverse("clients:client_archive", args=[world.client.pk])).status_code == 405


@pytest.mark.django_db
def test_every_url_pattern_is_in_the_access_table():
    """A new page must be added above, so it cannot escape the role checks."""
    from django.urls import get_resolver

    def names(resolver, prefix=""):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                ns = f"{pattern.namespace}:" if pattern.namespace else prefix
                yield from names(pattern, ns)
            elif pattern.name:
                yield prefix + pattern.name

    covered = {p[0] for p in PAGES} | {a[0] for a in ACTIONS}
    covered |= {
        "login",
        "logout",
        "clients:download",
        "enforcement:iprverification_outcome",
        *(
            f"enforcement:complaint_{a}"
            for a in ("ready", "submit", "withdraw", "outcomes", "evidence")
        ),
        "enforcement:complaint_export",
        "enforcement:listing_evidence",
        "enforcement:evidence_withdraw",  # tests/enforcement/test_evidence_withdrawal.py
        *(f"enforcement:deadline_{a}" for a in ("done", "cancel", "recompute")),
        *(f"enforcement:counternotice_{a}" for a in ("draft", "decide", "dispute", "evidence")),
        "enforcement:counternotice_batch",
        "enforcement:complaint_offense",
        "enforcement:officialnotice_create",  # test_official_notice.py
        "enforcement:platformaccount_verification",  # test_lifecycle.py
        "enforcement:client_invite",
        "clients:documentrequest_cancel",  # tests/clients/test_portal.py
        "clients:documentrequest_ask_again",
        *PORTAL_AND_ACCOUNT_PAGES,
    }  # fmt: skip  (tested below and per feature)
    ours = {
        n for n in names(get_resolver()) if not n.startswith("admin:") and not n.startswith("api:")
    }
    assert ours - covered == set()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_complaint_exports_and_actions_follow_the_same_roles(client, world, role):
    client.force_login(UserFactory(role=role))
    pk = world.complaint.pk
    export = client.get(reverse("enforcement:complaint_export", args=[pk, "csv"]))
    action = client.post(reverse("enforcement:complaint_ready", args=[pk]))
    if role == Role.CLIENT:
        assert (export.status_code, action.status_code) == (403, 403)
    else:
        assert export.status_code == 200
        assert action.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_deadline_actions_follow_the_roles(client, world, role):
    client.force_login(UserFactory(role=role))
    url = reverse("enforcement:deadline_done", args=[world.deadline.pk])
    response = client.post(url, {"note": "Client asked to renew"})
    world.deadline.refresh_from_db()
    if role == Role.CLIENT:
        assert response.status_code == 403
        assert world.deadline.status == "open"
    else:
        assert response.status_code == 302
        assert world.deadline.status == "met"
        assert world.deadline.close_note == "Client asked to renew"
