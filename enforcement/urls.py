from django.urls import path

from clients.crud import RecordHistoryView, record_urls
from clients.roles import Capability

from .models import CounterNotice, Deadline, OfficialNotice
from .views import case_file, complaints, counter_notices, deadlines, reports

app_name = "enforcement"

urlpatterns = [
    *record_urls(
        "platforms",
        list_view=case_file.PlatformList,
        detail_view=case_file.PlatformDetail,
        create_view=case_file.PlatformCreate,
        update_view=case_file.PlatformUpdate,
        archive_view=case_file.PlatformArchive,
    ),
    *record_urls(
        "platform-accounts",
        list_view=case_file.PlatformAccountList,
        detail_view=case_file.PlatformAccountDetail,
        create_view=case_file.PlatformAccountCreate,
        update_view=case_file.PlatformAccountUpdate,
        archive_view=case_file.PlatformAccountArchive,
    ),
    *record_urls(
        "ip-rights",
        list_view=case_file.IPRList,
        detail_view=case_file.IPRDetail,
        create_view=case_file.IPRCreate,
        update_view=case_file.IPRUpdate,
        archive_view=case_file.IPRArchive,
    ),
    *record_urls(
        "verifications",
        list_view=case_file.IPRVerificationList,
        detail_view=case_file.IPRVerificationDetail,
        create_view=case_file.IPRVerificationCreate,
        update_view=case_file.IPRVerificationUpdate,
    ),
    path(
        "verifications/<int:pk>/outcome/",
        case_file.IPRVerificationOutcome.as_view(),
        name="iprverification_outcome",
    ),
    path(
        "ip-rights/documents/new/", case_file.IPRDocumentCreate.as_view(), name="iprdocument_create"
    ),
    path(
        "ip-rights/documents/<int:pk>/archive/",
        case_file.IPRDocumentArchive.as_view(),
        name="iprdocument_archive",
    ),
    path("ip-rights/changes/new/", case_file.IPRChangeCreate.as_view(), name="iprchange_create"),
    path(
        "ip-rights/claim-statements/new/",
        case_file.ClaimStatementCreate.as_view(),
        name="copyrightclaimstatement_create",
    ),
    path(
        "ip-rights/claim-statements/<int:pk>/edit/",
        case_file.ClaimStatementUpdate.as_view(),
        name="copyrightclaimstatement_update",
    ),
]

urlpatterns += [
    path("complaints/", complaints.ComplaintList.as_view(), name="complaint_list"),
    path("complaints/new/", complaints.ComplaintCreate.as_view(), name="complaint_create"),
    path("complaints/<int:pk>/", complaints.ComplaintDetail.as_view(), name="complaint_detail"),
    path(
        "complaints/<int:pk>/offense/",
        counter_notices.OffenseOverride.as_view(),
        name="complaint_offense",
    ),
    path(
        "complaints/<int:pk>/history/",
        complaints.ComplaintHistory.as_view(),
        name="complaint_history",
    ),
    path(
        "complaints/<int:pk>/edit/", complaints.ComplaintUpdate.as_view(), name="complaint_update"
    ),
    path(
        "complaints/<int:pk>/ready/",
        complaints.ComplaintMarkReady.as_view(),
        name="complaint_ready",
    ),
    path(
        "complaints/<int:pk>/submit/",
        complaints.ComplaintSubmit.as_view(),
        name="complaint_submit",
    ),
    path(
        "complaints/<int:pk>/withdraw/",
        complaints.ComplaintWithdraw.as_view(),
        name="complaint_withdraw",
    ),
    path(
        "complaints/<int:pk>/outcomes/",
        complaints.ComplaintRecordOutcomes.as_view(),
        name="complaint_outcomes",
    ),
    path(
        "complaints/<int:pk>/evidence/",
        complaints.ComplaintAttachEvidence.as_view(),
        name="complaint_evidence",
    ),
    path(
        "evidence/<int:pk>/withdraw/",
        complaints.WithdrawEvidence.as_view(),
        name="evidence_withdraw",
    ),
    path(
        "complaints/<int:pk>/export.<str:fmt>",
        complaints.ComplaintExport.as_view(),
        name="complaint_export",
    ),
    path("listings/", complaints.ListingList.as_view(), name="listing_list"),
    path("listings/<int:pk>/", complaints.ListingDetail.as_view(), name="listing_detail"),
    path("listings/<int:pk>/edit/", complaints.ListingUpdate.as_view(), name="listing_update"),
    path(
        "listings/<int:pk>/evidence/",
        complaints.ListingEvidence.as_view(),
        name="listing_evidence",
    ),
    path("listings/<int:pk>/history/", complaints.ListingHistory.as_view(), name="listing_history"),
    path("reason-codes/", complaints.ReasonCodeList.as_view(), name="reasoncode_list"),
    path("reason-codes/new/", complaints.ReasonCodeCreate.as_view(), name="reasoncode_create"),
    path("reason-codes/<int:pk>/", complaints.ReasonCodeDetail.as_view(), name="reasoncode_detail"),
    path(
        "reason-codes/<int:pk>/edit/",
        complaints.ReasonCodeUpdate.as_view(),
        name="reasoncode_update",
    ),
    path(
        "reason-codes/<int:pk>/history/",
        complaints.ReasonCodeHistory.as_view(),
        name="reasoncode_history",
    ),
    path("deadlines/", deadlines.DeadlineList.as_view(), name="deadline_list"),
    path("deadlines/calendar/", deadlines.DeadlineCalendar.as_view(), name="deadline_calendar"),
    path(
        "deadlines/calculator/", deadlines.DeadlineCalculator.as_view(), name="deadline_calculator"
    ),
    path("deadlines/<int:pk>/", deadlines.DeadlineDetail.as_view(), name="deadline_detail"),
    path(
        "deadlines/<int:pk>/history/",
        RecordHistoryView.as_view(model=Deadline),
        name="deadline_history",
    ),
    path(
        "deadlines/<int:pk>/recompute/",
        deadlines.DeadlineRecompute.as_view(),
        name="deadline_recompute",
    ),
    path("deadlines/<int:pk>/done/", deadlines.DeadlineComplete.as_view(), name="deadline_done"),
    path("deadlines/<int:pk>/cancel/", deadlines.DeadlineCancel.as_view(), name="deadline_cancel"),
    path("notifications/", deadlines.NotificationList.as_view(), name="notification_list"),
    *record_urls(
        "window-rules",
        list_view=deadlines.WindowRuleList,
        detail_view=deadlines.WindowRuleDetail,
        create_view=deadlines.WindowRuleCreate,
        update_view=deadlines.WindowRuleUpdate,
    ),
    *record_urls(
        "calendars",
        list_view=deadlines.HolidayCalendarList,
        detail_view=deadlines.HolidayCalendarDetail,
        create_view=deadlines.HolidayCalendarCreate,
        update_view=deadlines.HolidayCalendarUpdate,
    ),
    path("clients/<int:pk>/invite/", case_file.ClientInvite.as_view(), name="client_invite"),
    path("clients/<int:pk>/report/", reports.ClientReport.as_view(), name="client_report"),
    path("detections/", reports.DetectionQueue.as_view(), name="detection_queue"),
    path("detections/import/", reports.DetectionImport.as_view(), name="detection_import"),
    *record_urls(
        "detection-sources",
        list_view=reports.DetectionSourceList,
        detail_view=reports.DetectionSourceDetail,
        create_view=reports.DetectionSourceCreate,
        update_view=reports.DetectionSourceUpdate,
    ),
    path(
        "platform-accounts/<int:pk>/verification/",
        case_file.PlatformAccountVerification.as_view(),
        name="platformaccount_verification",
    ),
    path(
        "calendars/<int:pk>/notice/<int:year>/",
        deadlines.OfficialNoticeEnter.as_view(),
        name="officialnotice_create",
    ),
    path(
        "calendar-notices/<int:pk>/",
        deadlines.OfficialNoticeDetail.as_view(),
        name="officialnotice_detail",
    ),
    path(
        "calendar-notices/<int:pk>/history/",
        RecordHistoryView.as_view(model=OfficialNotice, capability=Capability.VIEW_CASE_FILE),
        name="officialnotice_history",
    ),
    *record_urls(
        "calendar-overrides",
        list_view=deadlines.CalendarOverrideList,
        detail_view=deadlines.CalendarOverrideDetail,
        create_view=deadlines.CalendarOverrideCreate,
        update_view=deadlines.CalendarOverrideUpdate,
    ),
    path(
        "counter-notices/", counter_notices.CounterNoticeList.as_view(), name="counternotice_list"
    ),
    path(
        "counter-notices/new/",
        counter_notices.CounterNoticeCreate.as_view(),
        name="counternotice_create",
    ),
    path(
        "counter-notices/batch/",
        counter_notices.CounterNoticeBatch.as_view(),
        name="counternotice_batch",
    ),
    path(
        "counter-notices/<int:pk>/",
        counter_notices.CounterNoticeDetail.as_view(),
        name="counternotice_detail",
    ),
    path(
        "counter-notices/<int:pk>/edit/",
        counter_notices.CounterNoticeUpdate.as_view(),
        name="counternotice_update",
    ),
    path(
        "counter-notices/<int:pk>/history/",
        RecordHistoryView.as_view(model=CounterNotice),
        name="counternotice_history",
    ),
    path(
        "counter-notices/<int:pk>/draft/",
        counter_notices.CounterNoticeSaveDraft.as_view(),
        name="counternotice_draft",
    ),
    path(
        "counter-notices/<int:pk>/decide/",
        counter_notices.CounterNoticeDecide.as_view(),
        name="counternotice_decide",
    ),
    path(
        "counter-notices/<int:pk>/dispute/",
        counter_notices.CounterNoticeDisputeDecision.as_view(),
        name="counternotice_dispute",
    ),
    path(
        "counter-notices/<int:pk>/evidence/",
        counter_notices.CounterNoticeAddEvidence.as_view(),
        name="counternotice_evidence",
    ),
    path("numbers/", counter_notices.Numbers.as_view(), name="numbers"),
    *record_urls(
        "reason-templates",
        list_view=counter_notices.ReasonTemplateList,
        detail_view=counter_notices.ReasonTemplateDetail,
        create_view=counter_notices.ReasonTemplateCreate,
        update_view=counter_notices.ReasonTemplateUpdate,
    ),
    *record_urls(
        "seller-networks",
        list_view=counter_notices.SellerNetworkList,
        detail_view=counter_notices.SellerNetworkDetail,
        create_view=counter_notices.SellerNetworkCreate,
        update_view=counter_notices.SellerNetworkUpdate,
    ),
]

urlpatterns += [
    path("sellers/high-risk/", complaints.SellerRiskList.as_view(), name="seller_risk_list"),
]
urlpatterns += record_urls(
    "sellers",
    list_view=complaints.SellerList,
    detail_view=complaints.SellerDetail,
    create_view=complaints.SellerCreate,
    update_view=complaints.SellerUpdate,
)
