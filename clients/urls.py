from django.urls import path

from . import views
from .crud import record_urls
from .downloads import download

app_name = "clients"

urlpatterns = [
    *record_urls(
        "clients",
        list_view=views.ClientList,
        detail_view=views.ClientDetail,
        create_view=views.ClientCreate,
        update_view=views.ClientUpdate,
        archive_view=views.ClientArchive,
    ),
    *record_urls(
        "identity-documents",
        list_view=views.IdentityDocumentList,
        detail_view=views.IdentityDocumentDetail,
        create_view=views.IdentityDocumentCreate,
        update_view=views.IdentityDocumentUpdate,
        archive_view=views.IdentityDocumentArchive,
    ),
    *record_urls(
        "powers-of-attorney",
        list_view=views.PowerOfAttorneyList,
        detail_view=views.PowerOfAttorneyDetail,
        create_view=views.PowerOfAttorneyCreate,
        update_view=views.PowerOfAttorneyUpdate,
        archive_view=views.PowerOfAttorneyArchive,
    ),
    *record_urls(
        "memberships",
        list_view=views.MembershipList,
        detail_view=views.MembershipDetail,
        create_view=views.MembershipCreate,
        update_view=views.MembershipUpdate,
    ),
    path("files/<str:kind>/<int:pk>/<str:field>/", download, name="download"),
    path(
        "document-requests/<int:pk>/cancel/",
        views.DocumentRequestCancel.as_view(),
        name="documentrequest_cancel",
    ),
    path(
        "document-requests/<int:pk>/ask-again/",
        views.DocumentRequestAskAgain.as_view(),
        name="documentrequest_ask_again",
    ),
    *record_urls(
        "document-requests",
        list_view=views.DocumentRequestList,
        detail_view=views.DocumentRequestDetail,
        create_view=views.DocumentRequestCreate,
        update_view=views.DocumentRequestUpdate,
    ),
]
