from django.urls import path

from . import views as portal

app_name = "portal"

urlpatterns = [
    path("", portal.Overview.as_view(), name="overview"),
    path("complaints/", portal.ComplaintList.as_view(), name="complaint_list"),
    path("complaints/<int:pk>/", portal.ComplaintDetail.as_view(), name="complaint_detail"),
    path("rights/", portal.Rights.as_view(), name="rights"),
    path("validation/", portal.Validation.as_view(), name="validation"),
    path("requests/", portal.Requests.as_view(), name="requests"),
    path("requests/<int:pk>/upload/", portal.RequestUploadView.as_view(), name="request_upload"),
    path("report/<int:pk>/", portal.Report.as_view(), name="report"),
    path("listings.csv", portal.ExportListings.as_view(), name="export"),
    path("switch/", portal.Switch.as_view(), name="switch"),
    path("welcome/<uidb64>/<token>/", portal.Welcome.as_view(), name="welcome"),
]
