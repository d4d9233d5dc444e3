"""The client portal: each client's people follow their own cases, and nothing else."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from clients.account_views import ThrottledLinkMixin
from clients.files import FILE_VALIDATORS
from clients.input import Form
from clients.lifecycle import DOCUMENT_REQUEST, can_move
from clients.models import Client, DocumentRequest
from clients.pagination import paginate
from clients.params import id_or_none
from clients.roles import Role
from clients.services import record_export

from .. import exports
from ..charts import stacked_bars
from ..figures import month_starts, portal_figures
from ..models import ComplaintLink, IPRVerification
from ..rules.counter_notices import percent
from ..selectors import add_complaint_link_figures
from ..services.detections import client_decides
from ..views.reports import report_response
from .scope import PortalScope
from .services import upload_for_request

# The overview's chart: the months with a decision among the last twelve.
OVERVIEW_MONTHS = 12


class PortalView(View):
    """Client users only; every page reads through the request's PortalScope."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if request.user.role != Role.CLIENT:
            raise PermissionDenied
        self.scope = PortalScope(request)
        return super().dispatch(request, *args, **kwargs)

    def render(self, template, context=None, **kwargs):
        context = {"scope": self.scope, **(context or {})}
        return render(self.request, template, context, **kwargs)


class Overview(PortalView):
    def get(self, request):
        figures = portal_figures(
            self.scope.outcome_totals(),
            self.scope.outcome_hours(),
            self.scope.links(),
            timezone.get_current_timezone(),
            since=month_starts(timezone.localdate(), OVERVIEW_MONTHS)[0],
        )
        counts = figures["counts"]
        months = stacked_bars(
            figures["months"],
            total=lambda r: r["removed"] + r["other"],
            part=lambda r: r["removed"],
            height=120,
            left=30,
            step=56,
        )
        return self.render(
            "portal/overview.html",
            {
                "counts": counts,
                "rate": percent(counts["accepted"], counts["decided"]),
                "months": months,
                "open_requests": self.scope.requests().filter(status="open").order_by("due_on"),
            },
        )


class ComplaintList(PortalView):
    def get(self, request):
        qs = (
            self.scope.complaints()
            .select_related("platform", "ipr")
            .order_by("-submitted_at", "-pk")
        )
        paginator, page = paginate(qs, request)
        add_complaint_link_figures(request.user, page.object_list)
        return self.render("portal/complaint_list.html", {"page_obj": page, "paginator": paginator})


class ComplaintDetail(PortalView):
    def get(self, request, pk):
        complaint = get_object_or_404(
            self.scope.complaints()
            .select_related("platform", "ipr", "reason_code")
            .prefetch_related(
                Prefetch(
                    "links",
                    ComplaintLink.objects.visible_to(request.user)
                    .select_related("listing")
                    .order_by("position"),
                )
            ),
            pk=pk,
        )
        return self.render("portal/complaint_detail.html", {"complaint": complaint})


class Rights(PortalView):
    def get(self, request):
        rights = (
            self.scope.rights()
            .prefetch_related(
                Prefetch(
                    "verifications",
                    IPRVerification.objects.visible_to(request.user).select_related(
                        "account__group"
                    ),
                )
            )
            .order_by("kind", "title", "pk")
        )
        # Paged like every list: a brand with thousands of rights gets pages, and the
        # verifications are read for the page's rights only.
        paginator, page = paginate(rights, request)
        return self.render(
            "portal/rights.html", {"rights": page, "page_obj": page, "paginator": paginator}
        )


class UploadForm(Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        validators=FILE_VALIDATORS,
        error_messages={"required": gettext_lazy("Choose the file to send.")},
    )
    note = forms.CharField(label=gettext_lazy("Note for the firm"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, image, Office document, spreadsheet, ZIP or video; up to %(mb)s MB."
        ) % {"mb": settings.MAX_UPLOAD_MB}


class Requests(PortalView):
    def get(self, request):
        return self.show()

    def show(self, failed=None, form=None, status=200):
        """The requests, each with its upload form; the one that failed comes back filled."""
        items = list(self.scope.requests().prefetch_related("uploads"))
        answerable = {
            r.pk
            for r in items
            if can_move(DOCUMENT_REQUEST, r.status, DocumentRequest.Status.RECEIVED)
        }
        return self.render(
            "portal/requests.html",
            {
                "items": items,
                "answerable": answerable,
                "form": UploadForm(),
                "failed": failed,
                "failed_form": form,
            },  # fmt: skip
            status=status,
        )


class RequestUploadView(Requests):
    http_method_names = ["post"]

    def post(self, request, pk):
        item = get_object_or_404(self.scope.requests(), pk=pk)
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                upload_for_request(
                    item, file=form.cleaned_data["file"], note=form.cleaned_data["note"],
                    by=request.user, membership=self.scope.membership,
                )  # fmt: skip
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Sent. The firm has been told."))
                return HttpResponseRedirect(reverse("portal:requests") + f"#request-{item.pk}")
        messages.error(request, _("Nothing was sent: see the request below for what to fix."))
        return self.show(failed=item.pk, form=form, status=400)


class ValidationForm(Form):
    detections = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label=gettext_lazy("Listings"),
        error_messages={"required": gettext_lazy("Tick the listings you decide on.")},
    )  # fmt: skip
    decision = forms.ChoiceField(
        choices=[("validate", gettext_lazy("Validate: report them")),
                 ("reject", gettext_lazy("Reject: do not report them"))],
        label=gettext_lazy("Decision"),
    )  # fmt: skip
    note = forms.CharField(
        label=gettext_lazy("Note to the firm"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Needed when you reject: say why (e.g. an authorised reseller)."),
    )  # fmt: skip

    def __init__(self, *args, waiting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["detections"].queryset = waiting

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not (data.get("note") or "").strip():
            self.add_error("note", _("Say why these listings should not be reported."))
        return data


class Validation(PortalView):
    """The listings the firm found and asks this client to confirm before reporting them:
    validate or reject with a note, one or many at a time."""

    def get(self, request):
        return self.show(ValidationForm(waiting=self.waiting()))

    def waiting(self):
        return self.scope.waiting_detections().select_related("platform", "listing")

    def show(self, form, status=200):
        qs = self.waiting().order_by("sent_to_client_at", "id")
        paginator, page = paginate(qs, self.request)
        chosen = {str(v) for v in (form.data.getlist("detections") if form.is_bound else [])}
        return self.render(
            "portal/validation.html",
            {"page_obj": page, "paginator": paginator, "form": form, "chosen": chosen},
            status=status,
        )

    def post(self, request):
        form = ValidationForm(request.POST, waiting=self.waiting())
        if form.is_valid():
            try:
                n = client_decides(
                    form.cleaned_data["detections"], by=request.user,
                    validate=form.cleaned_data["decision"] == "validate",
                    note=form.cleaned_data["note"],
                )  # fmt: skip
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request, _("%(n)d listing(s) decided. The firm sees it.") % {"n": n}
                )
                return HttpResponseRedirect(reverse("portal:validation"))
        return self.show(form, status=400)


class Report(PortalView):
    """The client's report for a period; another client's is not found (404)."""

    model = Client  # the page shows one client's figures (the crawl fills <pk> with one)

    def get(self, request, pk):
        membership = next((m for m in self.scope.memberships if m.client_id == pk), None)
        if membership is None:
            raise Http404
        return report_response(
            request, membership.client, template="portal/report.html",
            context={"scope": self.scope},
        )  # fmt: skip


class ExportListings(PortalView):
    def get(self, request):
        client = self.scope.client
        name = client.legal_name if client else "none"
        zone = timezone.get_current_timezone()  # the reader's (ScopeMiddleware sets it)
        rows = exports.listing_rows(self.scope.links(), zone)
        filename = f"listings-{slug(name)}.csv"
        if client is not None:
            record_export(request.user, client, fmt="csv", filename=filename)
        return exports.attachment(
            exports.csv_lines(exports.listing_columns(zone, request), rows),
            filename=filename,
            content_type="text/csv; charset=utf-8",
        )


def slug(text: str) -> str:
    from django.utils.text import slugify

    return slugify(text)[:40] or "client"


class Switch(PortalView):
    http_method_names = ["post"]

    def post(self, request):
        client_id = request.POST.get("client", "")
        self.scope.choose(id_or_none(client_id) or -1)
        return HttpResponseRedirect(reverse("portal:overview"))


class Welcome(ThrottledLinkMixin, auth_views.PasswordResetConfirmView):
    """The one-time invitation link: the person chooses a password, then logs in."""

    template_name = "portal/welcome.html"
    throttle_scope = "invitation-link"
    success_url = reverse_lazy("login")

    def form_valid(self, form):
        messages.success(self.request, _("Your password is set. Log in to follow your cases."))
        return super().form_valid(form)
