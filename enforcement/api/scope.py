"""What an API caller may read: the pages' ``visible_to(user)``, and for a client's people
only what the portal shows them (their active memberships' clients, filed complaints, the
rights on file; no counter-notices, deadlines or the firm's notes)."""

from __future__ import annotations

from clients.models import Client, Membership
from clients.roles import STAFF_ROLES

from ..models import IPR, Complaint, ComplaintLink, CounterNotice, Deadline, Listing

PORTAL_STATES = (Complaint.State.SUBMITTED, Complaint.State.WITHDRAWN)


class ApiScope:
    def __init__(self, user):
        self.user = user
        self.is_staff = user.role in STAFF_ROLES

    def _client_ids(self):
        return (
            Membership.objects.visible_to(self.user)
            .filter(user=self.user, is_active=True, client__archived_at__isnull=True)
            .values("client_id")
        )

    def clients(self):
        qs = Client.objects.visible_to(self.user)
        return qs if self.is_staff else qs.filter(pk__in=self._client_ids())

    def rights(self):
        qs = IPR.objects.visible_to(self.user)
        if self.is_staff:
            return qs
        return qs.filter(client__in=self._client_ids(), archived_at__isnull=True)

    def complaints(self):
        qs = Complaint.objects.visible_to(self.user)
        if self.is_staff:
            return qs
        return qs.filter(client__in=self._client_ids(), state__in=PORTAL_STATES)

    def links(self):
        qs = ComplaintLink.objects.visible_to(self.user)
        if self.is_staff:
            return qs
        return qs.filter(
            complaint__client__in=self._client_ids(), complaint__state__in=PORTAL_STATES
        )

    def listings(self):
        qs = Listing.objects.visible_to(self.user)
        if self.is_staff:
            return qs
        return qs.filter(pk__in=self.links().values("listing_id"))

    def counter_notices(self):
        qs = CounterNotice.objects.visible_to(self.user)
        return qs if self.is_staff else qs.none()

    def deadlines(self):
        qs = Deadline.objects.visible_to(self.user)
        return qs if self.is_staff else qs.none()
