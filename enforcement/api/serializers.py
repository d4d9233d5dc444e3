"""What each endpoint returns. Staff variants add the firm's own fields (notes, who did it);
a client's people get the portal's fields only."""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from clients.models import Client

from ..lifecycle import LINK, By
from ..models import IPR, Complaint, ComplaintLink, CounterNotice, Deadline, Listing
from ..models.rights import IPRVerification
from ..rules.outcomes import complaint_status


class Absolute(serializers.Field):
    """The record's page in the web app, as an absolute address."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return settings.SITE_URL.rstrip("/") + value.get_absolute_url()


Absolute = extend_schema_field({"type": "string", "format": "uri"})(Absolute)


class ClientSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code", read_only=True)

    class Meta:
        model = Client
        fields = ["id", "kind", "legal_name", "chinese_name", "country", "archived_at"]


class StaffClientSerializer(ClientSerializer):
    supervising_attorney = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    url = Absolute()

    class Meta(ClientSerializer.Meta):
        fields = [
            *ClientSerializer.Meta.fields, "registration_number", "contact_name",
            "contact_email", "supervising_attorney", "requires_two_factor", "url",
        ]  # fmt: skip


class VerificationSerializer(serializers.ModelSerializer):
    platform_group = serializers.CharField(source="account.group.code", read_only=True)

    class Meta:
        model = IPRVerification
        fields = ["id", "platform_group", "status", "submitted_on", "decided_on", "failure_reason"]


class RightSerializer(serializers.ModelSerializer):
    jurisdiction = serializers.CharField(source="jurisdiction.code", read_only=True)
    trademark_classes = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    verifications = VerificationSerializer(many=True, read_only=True)

    class Meta:
        model = IPR
        fields = [
            "id", "client", "kind", "title", "registration_number", "jurisdiction",
            "owner_name", "status", "effective_from", "effective_to", "trademark_classes",
            "brand", "archived_at", "verifications",
        ]  # fmt: skip


class StaffRightSerializer(RightSerializer):
    url = Absolute()

    class Meta(RightSerializer.Meta):
        fields = [*RightSerializer.Meta.fields, "protection_from", "protection_to", "notes", "url"]


class ListingSerializer(serializers.ModelSerializer):
    platform = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Listing
        fields = [
            "id", "platform", "kind", "canonical_id", "canonical_url", "title", "status",
            "first_seen_at", "last_seen_at",
        ]  # fmt: skip


class StaffListingSerializer(ListingSerializer):
    seller = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    url = Absolute()

    class Meta(ListingSerializer.Meta):
        fields = [
            *ListingSerializer.Meta.fields, "entered_url", "price", "currency", "seller", "url",
        ]  # fmt: skip


class LinkSerializer(serializers.ModelSerializer):
    listing_url = serializers.CharField(source="listing.canonical_url", read_only=True)
    platform = serializers.CharField(source="listing.platform.code", read_only=True)

    class Meta:
        model = ComplaintLink
        fields = [
            "id", "complaint", "position", "listing", "listing_url", "platform", "outcome",
            "outcome_reason", "outcome_at", "offense",
        ]  # fmt: skip


class ComplaintSerializer(serializers.ModelSerializer):
    platform = serializers.SlugRelatedField(slug_field="code", read_only=True)
    reason_code = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    status = serializers.SerializerMethodField()

    class Meta:
        model = Complaint
        fields = [
            "id", "client", "platform", "ipr", "target_kind", "reason_code", "state",
            "status", "platform_reference", "submitted_at", "withdrawn_at", "batch_key",
            "batch_index", "batch_size",
        ]  # fmt: skip

    def get_status(self, complaint) -> str:
        """Derived from the links' outcomes: counted per page by the list, else prefetched."""
        counts = self.context.get("outcome_counts")
        if counts is None:
            return complaint.status
        return complaint_status(complaint.state, counts.get(complaint.pk, Counter()))


class StaffComplaintSerializer(ComplaintSerializer):
    created_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    url = Absolute()

    class Meta(ComplaintSerializer.Meta):
        fields = [
            *ComplaintSerializer.Meta.fields, "account", "supplementary_reasons",
            "internal_notes", "created_by", "created_at", "url",
        ]  # fmt: skip


class ComplaintDetailSerializer(ComplaintSerializer):
    links = LinkSerializer(many=True, read_only=True)

    class Meta(ComplaintSerializer.Meta):
        fields = [*ComplaintSerializer.Meta.fields, "links"]


class StaffComplaintDetailSerializer(StaffComplaintSerializer):
    links = LinkSerializer(many=True, read_only=True)

    class Meta(StaffComplaintSerializer.Meta):
        fields = [*StaffComplaintSerializer.Meta.fields, "links"]


class CounterNoticeSerializer(serializers.ModelSerializer):
    links = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    url = Absolute()

    class Meta:
        model = CounterNotice
        fields = [
            "id", "client", "complaint", "links", "seller", "received_at",
            "platform_reference", "claim_kind", "claim_number", "claim_owner",
            "claim_jurisdiction", "seller_statement", "declaration_forwarded_at", "status",
            "response_due_at", "response_due_is_provisional", "decided_at", "url",
        ]  # fmt: skip


class DeadlineSerializer(serializers.ModelSerializer):
    platform = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    owner = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    escalate_to = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    url = Absolute()

    class Meta:
        model = Deadline
        fields = [
            "id", "client", "platform", "title", "subject_label", "event", "event_at",
            "due_on", "due_at", "due_is_provisional", "time_zone", "status", "owner",
            "escalate_to", "closed_at", "url",
        ]  # fmt: skip


def _answer_outcomes() -> list[str]:
    """What the platform's answer can make a link (the outcomes form offers the same)."""
    reachable = {
        outcome for moves in LINK.values() for outcome, by in moves.items()
        if by == By.PLATFORM_ANSWER
    }  # fmt: skip
    return [o for o in ComplaintLink.Outcome.values if o in reachable]


class OutcomeRequest(serializers.Serializer):
    links = serializers.ListField(
        child=serializers.IntegerField(min_value=1), min_length=1, max_length=1000,
        help_text=_("Ids of the complaint's reported links this outcome is for."),
    )  # fmt: skip
    outcome = serializers.ChoiceField(choices=_answer_outcomes())
    at = serializers.DateTimeField(help_text=_("When the platform answered (ISO 8601)."))
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=5000,
        help_text=_("The platform's reason; required for a rejection."),
    )  # fmt: skip

    def validate(self, data):
        if data["outcome"] == ComplaintLink.Outcome.REJECTED and not data["reason"].strip():
            raise serializers.ValidationError(
                {"reason": _("Give the platform's reason for the rejection.")}
            )
        return data


class OutcomeResponse(serializers.Serializer):
    links = LinkSerializer(many=True)
