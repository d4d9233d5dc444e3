"""The one place that says what a client's person sees in the portal.

Every portal query starts here: the user's active memberships give the clients they may
follow; the active one (chosen in the session, for people of a brand group) narrows every
queryset. Rows come through ``visible_to`` first, so this only ever narrows further.
"""

from __future__ import annotations

from django.http import Http404

from clients.models import Client, DocumentRequest, Membership

from ..models import (
    IPR,
    Complaint,
    ComplaintLink,
    Detection,
    IPRVerification,
    OutcomeHour,
    OutcomeTotal,
)

SESSION_KEY = "portal_client_id"


class PortalScope:
    def __init__(self, request):
        self.request = request
        self.user = request.user
        self.memberships = list(
            Membership.objects.visible_to(self.user)
            .filter(user=self.user, is_active=True, client__archived_at__isnull=True)
            .select_related("client")
            .order_by("client__legal_name")
        )
        chosen = request.session.get(SESSION_KEY)
        current = next((m for m in self.memberships if m.client_id == chosen), None)
        self.membership = current or (self.memberships[0] if self.memberships else None)
        self.client: Client | None = self.membership.client if self.membership else None

    def choose(self, client_id: int) -> None:
        if not any(m.client_id == client_id for m in self.memberships):
            raise Http404
        self.request.session[SESSION_KEY] = client_id

    def _scoped(self, model, path: str):
        if self.client is None:
            return model.objects.none()
        return model.objects.visible_to(self.user).filter(**{path: self.client})

    def complaints(self):
        # Drafts are the firm's work in progress, not yet the client's case.
        return self._scoped(Complaint, "client").filter(
            state__in=[Complaint.State.SUBMITTED, Complaint.State.WITHDRAWN]
        )

    def links(self):
        return self._scoped(ComplaintLink, "complaint__client").filter(
            complaint__state__in=["submitted", "withdrawn"]
        )

    def outcome_totals(self):
        """The summary of ``links()``: it counts filed and withdrawn complaints only."""
        return self._scoped(OutcomeTotal, "client")

    def outcome_hours(self):
        return self._scoped(OutcomeHour, "client")

    def rights(self):
        return self._scoped(IPR, "client").filter(archived_at__isnull=True)

    def verifications(self):
        return self._scoped(IPRVerification, "ipr__client")

    def requests(self):
        return self._scoped(DocumentRequest, "client")

    def waiting_detections(self):
        """The suspected listings the firm asked this client to validate."""
        return self._scoped(Detection, "client").filter(status=Detection.Status.AWAITING_CLIENT)
