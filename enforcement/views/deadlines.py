"""My deadlines, the calendar, the calculator; window rules and calendars for the firm admin."""

from __future__ import annotations

import zoneinfo

import django_filters
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clients.bounds import EARLIEST_DATE, LATEST_DATE
from clients.crud import (
    Column,
    RecordCreateView,
    RecordDetailView,
    RecordListView,
    RecordUpdateView,
)
from clients.filters import CaseFileFilterSet
from clients.pagination import CURSOR_PARAM
from clients.params import ids as parse_ids
from clients.roles import Capability
from clients.staff_views import RecordActionView, StaffView

from .. import selectors
from ..forms import (
    CalculatorForm,
    CalendarMonthForm,
    CalendarOverrideForm,
    CalendarYearForm,
    DeadlineCloseForm,
    HolidayCalendarForm,
    OfficialNoticeForm,
    WindowRuleForm,
)
from ..models import (
    CalendarOverride,
    Deadline,
    Event,
    HolidayCalendar,
    OfficialNotice,
    WindowRule,
)
from ..rules.workdays import count_window
from ..services import calendar_edits
from ..services import deadlines as deadline_services
from ..services import notices as notice_services
from ..services import reminders as reminder_services
from ..services.calendars import UnknownCalendar, calendar_for

# --- My deadlines -----------------------------------------------------------------------


class DeadlineFilter(CaseFileFilterSet):
    search_fields = ("title", "subject_label")
    scope = django_filters.ChoiceFilter(
        label=gettext_lazy("Whose"),
        choices=[("mine", gettext_lazy("Mine")), ("all", gettext_lazy("Everyone's"))],
        method="filter_scope",
        empty_label=None,
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=Deadline.Status.choices, empty_label=None
    )
    due_from = django_filters.DateFilter(
        label=gettext_lazy("Due from"), field_name="due_on", lookup_expr="gte"
    )
    due_to = django_filters.DateFilter(
        label=gettext_lazy("Due to"), field_name="due_on", lookup_expr="lte"
    )
    event = django_filters.ChoiceFilter(label=gettext_lazy("Event"), choices=Event.choices)

    class Meta:
        model = Deadline
        fields = ["q", "scope", "status", "client", "platform", "event", "due_from", "due_to"]

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else {}
        data.setdefault("scope", "mine")
        data.setdefault("status", Deadline.Status.OPEN)
        super().__init__(data, *args, **kwargs)
        for name in ("due_from", "due_to"):
            self.form.fields[name].widget.input_type = "date"

    def filter_scope(self, queryset, name, value):
        if value == "mine":
            return queryset.filter(owner=self.request.user)
        return queryset


class DeadlineList(RecordListView):
    """Overdue first, then today, this week and later, in the reader's own time zone."""

    model = Deadline
    filterset_class = DeadlineFilter
    template_name = "enforcement/deadline_list.html"
    partial_template_name = "enforcement/partials/deadline_results.html"
    select_related = ("owner", "client", "platform")

    # Undated deadlines (a calendar is missing) come last here; the dashboard shouts
    # about them. The same order as the open-deadline indexes: ASC NULLS LAST, id.
    ordering = (F("due_at").asc(nulls_last=True), "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.deadline_bounds(self.request.user))
        return context


class DeadlineDetail(RecordDetailView):
    model = Deadline
    template_name = "enforcement/deadline_detail.html"
    select_related = ("owner", "escalate_to", "client", "platform", "rule", "closed_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        deadline = self.object
        context.update(
            close_form=DeadlineCloseForm(),
            subject_url=selectors.subject_url(deadline),
            window=selectors.explain_deadline(deadline),
            reminders=deadline.messages.select_related("recipient").order_by("due_at", "pk"),
            rule_changed=selectors.rule_changed_since(deadline),
        )
        return context


class DeadlineActionView(RecordActionView):
    model = Deadline
    capability = Capability.EDIT_CASE_FILE


class DeadlineRecompute(DeadlineActionView):
    success_message = gettext_lazy("Recomputed with the rule as it stands now.")

    def perform(self, deadline, form):
        deadline_services.recompute_deadline(deadline, by=self.request.user)


class DeadlineComplete(DeadlineActionView):
    """Done, with a short note of what was done."""

    form_class = DeadlineCloseForm
    invalid_message = gettext_lazy("Write a short note saying what was done or why.")
    success_message = gettext_lazy("Deadline closed.")

    def perform(self, deadline, form):
        deadline_services.complete_deadline(
            deadline, by=self.request.user, note=form.cleaned_data["note"]
        )


class DeadlineCancel(DeadlineComplete):
    """No longer applies, with a short note of why."""

    def perform(self, deadline, form):
        deadline_services.cancel_deadline(
            deadline, by=self.request.user, note=form.cleaned_data["note"]
        )


# --- Calendar and calculator ------------------------------------------------------------


class DeadlineCalendar(StaffView):
    def get(self, request):
        today = timezone.localdate()
        form = CalendarMonthForm(request.GET)
        if form.is_valid():
            first = form.cleaned_data["month"] or today.replace(day=1)
            code = form.cleaned_data["jurisdiction"]
        else:
            for errors in form.errors.values():
                for error in errors:
                    messages.warning(request, error)
            first, code = today.replace(day=1), "CN"
        context = selectors.calendar_month(request.user, code, first)
        context.update(
            calendars=HolidayCalendar.objects.all(),
            jurisdiction=code,
            today=today,
        )
        return render(request, "enforcement/deadline_calendar.html", context)


class DeadlineCalculator(StaffView):
    def get(self, request):
        form = CalculatorForm(request.GET or None, initial={"unit": "working_days", "number": 3})
        result = error = rule = None
        if request.GET and form.is_valid():
            data = form.cleaned_data
            try:
                calendar = calendar_for(data["jurisdiction"].code)
                zone = zoneinfo.ZoneInfo(data["start_zone"] or calendar.time_zone)
                start = data["start"].replace(tzinfo=None).replace(tzinfo=zone)
                result = count_window(
                    calendar, start, data["number"], data["unit"], provisional=True
                )
                if result.provisional:
                    rule = calendar.provisional_rule
            except UnknownCalendar as exc:
                error = str(exc)
            except (OverflowError, ValueError) as exc:
                error = _("The window cannot be counted from that moment: %(error)s") % {
                    "error": exc
                }
        return render(
            request,
            "enforcement/deadline_calculator.html",
            {"form": form, "result": result, "error": error, "rule": rule},
        )


# --- Notifications ----------------------------------------------------------------------


class NotificationList(StaffView):
    capability = Capability.VIEW_CASE_FILE

    def get(self, request):
        page = selectors.notifications_page(request.user, request.GET.get(CURSOR_PARAM))
        return render(request, "enforcement/notification_list.html", {"page_obj": page})

    def post(self, request):
        ids = request.POST.getlist("notification")
        every = request.POST.get("all") == "1"
        count = reminder_services.mark_read(request.user, None if every else parse_ids(ids))
        messages.success(request, _("%(n)d marked as read.") % {"n": count})
        return HttpResponseRedirect(reverse("enforcement:notification_list"))


# --- Window rules -----------------------------------------------------------------------


class WindowRuleFilter(CaseFileFilterSet):
    search_fields = ("name", "slot", "action")

    class Meta:
        model = WindowRule
        fields = ["q", "event", "platform", "is_active"]


class WindowRuleList(RecordListView):
    model = WindowRule
    filterset_class = WindowRuleFilter
    select_related = ("platform",)
    edit_capability = Capability.MANAGE_RULES
    columns = [
        Column(gettext_lazy("Rule"), "name", link=True),
        Column(gettext_lazy("Event"), "event"),
        Column(gettext_lazy("Platform"), lambda r: r.platform or _("All")),
        Column(gettext_lazy("Offense"), "offense"),
        Column(gettext_lazy("Window"), "length_display"),
        Column(gettext_lazy("Reminders"), lambda r: ", ".join(r.reminder_lead_times) or "—"),
        Column(gettext_lazy("In use"), "is_active"),
    ]


class WindowRuleDetail(RecordDetailView):
    model = WindowRule
    template_name = "enforcement/windowrule_detail.html"
    select_related = ("platform",)
    edit_capability = Capability.MANAGE_RULES

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["open_deadlines"] = self.object.deadlines.filter(
            status=Deadline.Status.OPEN
        ).count()
        return context


class WindowRuleCreate(RecordCreateView):
    model = WindowRule
    form_class = WindowRuleForm
    edit_capability = Capability.MANAGE_RULES


class WindowRuleUpdate(RecordUpdateView):
    model = WindowRule
    form_class = WindowRuleForm
    edit_capability = Capability.MANAGE_RULES


# --- Working-day calendars --------------------------------------------------------------


class HolidayCalendarFilter(CaseFileFilterSet):
    search_fields = ("code", "name")

    class Meta:
        model = HolidayCalendar
        fields = ["q"]


class HolidayCalendarList(RecordListView):
    model = HolidayCalendar
    filterset_class = HolidayCalendarFilter
    edit_capability = Capability.MANAGE_RULES
    columns = [
        Column(gettext_lazy("Calendar"), "code", link=True),
        Column(gettext_lazy("Name"), "name"),
        Column(gettext_lazy("Time zone"), "time_zone"),
        Column(gettext_lazy("Official data from"), "confirmed_from"),
        Column(gettext_lazy("through"), "confirmed_through"),
    ]


class HolidayCalendarDetail(RecordDetailView):
    model = HolidayCalendar
    template_name = "enforcement/holidaycalendar_detail.html"
    edit_capability = Capability.MANAGE_RULES

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["overrides"] = self.object.overrides.order_by("-date")[:200]
        year = timezone.localdate().year
        form = CalendarYearForm(self.request.GET)
        shown = year
        if form.is_valid():
            shown = form.cleaned_data["year"] or year
        else:
            for error in form.errors.get("year", []):
                messages.warning(self.request, error)
        context["shown_year"] = shown
        context["year_days"] = selectors.notable_days_of_year(self.object.code, shown)
        notices = list(self.object.notices.order_by("-year"))
        years = {n.year for n in notices}
        context["notices"] = notices
        context["to_enter"] = [
            y
            for y in (year, year + 1)
            if notice_services.year_state(self.object, y, years) == "unconfirmed"
        ]
        return context


class HolidayCalendarCreate(RecordCreateView):
    model = HolidayCalendar
    form_class = HolidayCalendarForm
    edit_capability = Capability.MANAGE_RULES


class HolidayCalendarUpdate(RecordUpdateView):
    model = HolidayCalendar
    form_class = HolidayCalendarForm
    edit_capability = Capability.MANAGE_RULES
    save_service = staticmethod(calendar_edits.save_calendar)

    def success_response(self):
        if self.object.recomputed:
            messages.info(
                self.request,
                _("%(n)d open deadline(s) recomputed.") % {"n": self.object.recomputed},
            )
        return super().success_response()


class CalendarOverrideFilter(CaseFileFilterSet):
    search_fields = ("name", "source")

    class Meta:
        model = CalendarOverride
        fields = ["q", "calendar", "kind"]


class CalendarOverrideList(RecordListView):
    model = CalendarOverride
    filterset_class = CalendarOverrideFilter
    select_related = ("calendar",)
    ordering = ("calendar__code", "date", "pk")
    edit_capability = Capability.MANAGE_RULES
    columns = [
        Column(gettext_lazy("Date"), "date", link=True),
        Column(gettext_lazy("Calendar"), "calendar.code"),
        Column(gettext_lazy("Day is"), "kind"),
        Column(gettext_lazy("Name"), "name"),
        Column(gettext_lazy("Source"), "source"),
    ]


class CalendarOverrideDetail(RecordDetailView):
    model = CalendarOverride
    select_related = ("calendar",)
    edit_capability = Capability.MANAGE_RULES
    template_name = "enforcement/calendaroverride_detail.html"


class _RecomputesCrossingDeadlines:
    save_service = staticmethod(calendar_edits.save_override)

    def success_response(self):
        if self.object.recomputed:
            messages.info(
                self.request,
                _("%(n)d open deadline(s) crossing this day were recomputed.")
                % {"n": self.object.recomputed},
            )
        return super().success_response()


class CalendarOverrideCreate(_RecomputesCrossingDeadlines, RecordCreateView):
    model = CalendarOverride
    form_class = CalendarOverrideForm
    edit_capability = Capability.MANAGE_RULES
    initial_from_query = ("calendar",)


class CalendarOverrideUpdate(_RecomputesCrossingDeadlines, RecordUpdateView):
    model = CalendarOverride
    form_class = CalendarOverrideForm
    edit_capability = Capability.MANAGE_RULES


# --- The year's official notice ---------------------------------------------------------


class OfficialNoticeEnter(StaffView):
    """Type or paste the year's notice, see what it changes, then confirm the year."""

    capability = Capability.MANAGE_RULES
    model = HolidayCalendar  # what the URL's pk names
    template_name = "enforcement/officialnotice_form.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.calendar = get_object_or_404(HolidayCalendar.objects.all(), pk=kwargs["pk"])
        year = kwargs["year"]
        if not EARLIEST_DATE.year <= year <= LATEST_DATE.year:  # the range of its days
            raise Http404
        self.year = year
        self.existing = self.calendar.notices.filter(year=year).first()
        self.amending = self.existing is not None and request.GET.get("amend") == "1"

    def form(self, data=None):
        initial = {}
        if self.existing is not None:
            initial = {
                "title": self.existing.title,
                "reference": self.existing.reference,
                "holidays": self.existing.holidays_text,
                "working_days": self.existing.working_days_text,
            }
        return OfficialNoticeForm(
            data,
            initial=initial,
            calendar=self.calendar,
            year=self.year,
            amending=self.amending,
        )

    def render(self, form, preview=None):
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "calendar": self.calendar,
                "year": self.year,
                "existing": self.existing,
                "amending": self.amending,
                "preview": preview,
                "rule": calendar_for(self.calendar.code).provisional_rule,
            },
        )

    def get(self, request, pk, year):
        return self.render(self.form())

    def post(self, request, pk, year):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render(form)
        data = form.cleaned_data
        if "save" not in request.POST:
            result = notice_services.preview(
                self.calendar,
                self.year,
                data["holidays"],
                data.get("working_days", ""),
                amending=self.amending,
            )
            return self.render(form, result)
        try:
            notice, moved = notice_services.enter_notice(
                self.calendar,
                year=self.year,
                title=data["title"],
                reference=data.get("reference", ""),
                holidays_text=data["holidays"],
                working_text=data.get("working_days", ""),
                by=request.user,
                amending=self.amending,
                reason=data.get("reason", ""),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.render(form)
        messages.success(
            request,
            _("%(code)s %(year)d is confirmed; %(n)d open deadline(s) recomputed.")
            % {"code": self.calendar.code, "year": self.year, "n": moved},
        )
        return HttpResponseRedirect(notice.get_absolute_url())


class OfficialNoticeDetail(RecordDetailView):
    model = OfficialNotice
    select_related = ("calendar", "entered_by")
    edit_capability = Capability.MANAGE_RULES
    template_name = "enforcement/officialnotice_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["days"] = self.object.days.order_by("date")
        return context
