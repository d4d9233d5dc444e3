from django.urls import path

from clients.crud import record_urls

from . import views

app_name = "enforcement"

urlpatterns = [
    *record_urls(
        "platforms",
        list_view=views.PlatformList,
        detail_view=views.PlatformDetail,
        create_view=views.PlatformCreate,
        update_view=views.PlatformUpdate,
        archive_view=views.PlatformArchive,
    ),
    *record_urls(
        "platform-accounts",
        list_view=views.PlatformAccountList,
        detail_view=views.PlatformAccountDetail,
        create_view=views.PlatformAccountCreate,
        update_view=views.PlatformAccountUpdate,
        archive_view=views.PlatformAccountArchive,
    ),
    *record_urls(
        "ip-rights",
        list_view=views.IPRList,
        detail_view=views.IPRDetail,
        create_view=views.IPRCreate,
        update_view=views.IPRUpdate,
        archive_view=views.IPRArchive,
    ),
    *record_urls(
        "verifications",
        list_view=views.IPRVerificationList,
        detail_view=views.IPRVerificationDetail,
        create_view=views.IPRVerificationCreate,
        update_view=views.IPRVerificationUpdate,
    ),
    path(
        "verifications/<int:pk>/outcome/",
        views.IPRVerificationOutcome.as_view(),
        name="iprverification_outcome",
    ),
    path("ip-rights/documents/new/", views.IPRDocumentCreate.as_view(), name="iprdocument_create"),
    path(
        "ip-rights/documents/<int:pk>/archive/",
        views.IPRDocumentArchive.as_view(),
        name="iprdocument_archive",
    ),
    path("ip-rights/changes/new/", views.IPRChangeCreate.as_view(), name="iprchange_create"),
    path(
        "ip-rights/claim-statements/new/",
        views.ClaimStatementCreate.as_view(),
        name="copyrightclaimstatement_create",
    ),
    path(
        "ip-rights/claim-statements/<int:pk>/edit/",
        views.ClaimStatementUpdate.as_view(),
        name="copyrightclaimstatement_update",
    ),
]
