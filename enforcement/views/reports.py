"""Client reports to download (staff: any client in scope), and monitoring detections:
the vendor import, the review queue and the vendors' column mappings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clients.crud import (
    Column,
    RecordCreateView,
    RecordDetailView,
    RecordListView,
    RecordUpdateView,
)
from clients.filters import CaseFileFilterSet
from clients.models import Client
from clients.pagination import paginate
from clients.services import record_export
from clients.staff_views import StaffView

from ..forms.reports import (
    DetectionImportForm,
    DetectionSourceForm,
    DraftFromDetectionsForm,
    ReportForm,
)
from ..models import Detection, DetectionSource
from ..reports.data import build_report, previous_month
from ..services import client_reports, detections


def report_response(request, client, *, template: str, context: dict | None = None):
    """The report form, or with ``format`` the file itself (streamed from a temp file)."""
    form = ReportForm(request.GET or None)
    start, end = previous_month(timezone.localdate())
    if form.is_bound and form.is_valid():
        start = form.cleaned_data["start"] or start
        end = form.cleaned_data["end"] or end
        fmt = form.cleaned_data["format"]
        if fmt:
            report = build_report(request.user, client, start, end)
            out = client_reports.render(report, fmt)
            filename = client_reports.filename(client, start, end, fmt)
            # A report is an export of the client's records: in the download log too.
            record_export(request.user, client, fmt=f"report-{fmt}", filename=filename)
            return FileResponse(
                out, as_attachment=True, filename=filename,
                content_type=client_reports.FORMATS[fmt][1],
            )  # fmt: skip
    context = {"form": form, "client": client, "start": start, "end": end, **(context or {})}
    return render(request, template, context, status=400 if form.errors else 200)


class ClientReport(StaffView):
    model = Client

    def get(self, request, pk):
        client = get_object_or_404(Client.objects.visible_to(request.user), pk=pk)
        return report_response(request, client, template="enforcement/client_report.html")


# --- Detections ---------------------------------------------------------------------------


class DetectionImport(StaffView):
    template_name = "enforcement/detection_import.html"

    def get(self, request):
        form = DetectionImportForm(user=request.user)
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        form = DetectionImportForm(request.POST, request.FILES, user=request.user)
        report = None
        if form.is_valid():
            source = form.cleaned_data["source"]
            rows = detections.read_export(form.cleaned_data["file"], source)
            try:
                report = detections.submit_detections(
                    request.user, form.cleaned_data["client"], rows, source,
                    dry_run=request.POST.get("action") == "preview",
                )  # fmt: skip
            except (ValueError, KeyError, UnicodeDecodeError):
                form.add_error("file", _("The file cannot be read as CSV or XLSX."))
            else:
                if report.saved:
                    messages.success(
                        request,
                        _("%(n)d detection(s) added to the review queue.")
                        % {"n": report.counts()["new"] + report.counts()["known"]},
                    )
                    return HttpResponseRedirect(reverse("enforcement:detection_queue"))
        status = 400 if form.errors or (report and report.refusal) else 200
        return render(request, self.template_name, {"form": form, "report": report}, status=status)


class DetectionQueue(StaffView):
    """The suspected listings to review, and those sent to their client: waiting (since
    when), validated (ready to draft) or rejected (with the client's note)."""

    template_name = "enforcement/detection_queue.html"
    TABS = (
        Detection.Status.SUSPECTED,
        Detection.Status.AWAITING_CLIENT,
        Detection.Status.VALIDATED,
        Detection.Status.REJECTED_BY_CLIENT,
    )

    def tab(self) -> str:
        asked = self.request.GET.get("status")
        return asked if asked in self.TABS else Detection.Status.SUSPECTED

    def rows(self):
        return (
            Detection.objects.visible_to(self.request.user)
            .filter(status=self.tab())
            .select_related("client", "platform", "listing", "source", "client_decided_by")
            .order_by("-created_at", "-id")
        )

    def get(self, request, form=None, status=200):
        paginator, page = paginate(self.rows(), request)
        form = form or DraftFromDetectionsForm(user=request.user)
        tabs = [(value, Detection.Status(value).label) for value in self.TABS]
        return render(
            request, self.template_name,
            {"page_obj": page, "paginator": paginator, "form": form, "tab": self.tab(),
             "tabs": tabs, "now": timezone.now()},
            status=status,
        )  # fmt: skip

    def post(self, request):
        form = DraftFromDetectionsForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.get(request, form=form, status=400)
        chosen = list(form.cleaned_data["detections"])
        try:
            if form.cleaned_data["action"] == "dismiss":
                n = detections.dismiss_detections(chosen, by=request.user)
                messages.success(request, _("%(n)d detection(s) dismissed.") % {"n": n})
            elif form.cleaned_data["action"] == "ask_client":
                n = detections.ask_client_to_validate(
                    chosen, by=request.user, note=form.cleaned_data["note"]
                )
                messages.success(
                    request, _("%(n)d detection(s) sent to the client's portal.") % {"n": n}
                )
            else:
                made = detections.draft_complaints_from_detections(
                    chosen, by=request.user, ipr=form.cleaned_data["ipr"],
                    reason_code=form.cleaned_data["reason_code"],
                )  # fmt: skip
                messages.success(request, _("%(n)d complaint draft(s) created.") % {"n": len(made)})
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.get(request, form=form, status=400)
        return HttpResponseRedirect(reverse("enforcement:detection_queue"))


class DetectionSourceFilter(CaseFileFilterSet):
    search_fields = ("name", "notes")

    class Meta:
        model = DetectionSource
        fields = ["q"]


class DetectionSourceList(RecordListView):
    model = DetectionSource
    filterset_class = DetectionSourceFilter
    columns = [
        Column(gettext_lazy("Vendor"), "name", link=True),
        Column(gettext_lazy("Columns mapped"), lambda s: len(s.column_mapping or {})),
    ]


class DetectionSourceDetail(RecordDetailView):
    model = DetectionSource
    template_name = "enforcement/detectionsource_detail.html"


class DetectionSourceCreate(RecordCreateView):
    model = DetectionSource
    form_class = DetectionSourceForm
    save_service = staticmethod(detections.save_detection_source)


class DetectionSourceUpdate(RecordUpdateView):
    model = DetectionSource
    form_class = DetectionSourceForm
    save_service = staticmethod(detections.save_detection_source)
