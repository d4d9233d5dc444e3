import importlib
import importlib.util

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny

from . import views

app_name = "api"


class Schema(SpectacularAPIView):
    """The OpenAPI document: public (it describes the endpoints, it holds no data)."""

    permission_classes = [AllowAny]
    authentication_classes = []


class Docs(SpectacularSwaggerSplitView):
    """Swagger UI from the sidecar package's files, its settings script served apart: no
    inline script or style, so it runs under the site's Content-Security-Policy."""

    permission_classes = [AllowAny]
    authentication_classes = []
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"


urlpatterns = [
    path("schema/", Schema.as_view(), name="schema"),
    path("docs/", Docs.as_view(), name="docs"),
    path("clients/", views.ClientList.as_view(), name="client_list"),
    path("clients/<int:pk>/", views.ClientDetail.as_view(), name="client_detail"),
    path("rights/", views.RightList.as_view(), name="ipr_list"),
    path("rights/<int:pk>/", views.RightDetail.as_view(), name="ipr_detail"),
    path("listings/", views.ListingList.as_view(), name="listing_list"),
    path("listings/<int:pk>/", views.ListingDetail.as_view(), name="listing_detail"),
    path("complaints/", views.ComplaintList.as_view(), name="complaint_list"),
    path("complaints/<int:pk>/", views.ComplaintDetail.as_view(), name="complaint_detail"),
    path("complaints/<int:pk>/links/", views.ComplaintLinks.as_view(), name="complaint_links"),
    path(
        "complaints/<int:pk>/outcomes/",
        views.ComplaintOutcomes.as_view(),
        name="complaint_outcomes",
    ),
    path("counter-notices/", views.CounterNoticeList.as_view(), name="counternotice_list"),
    path(
        "counter-notices/<int:pk>/",
        views.CounterNoticeDetail.as_view(),
        name="counternotice_detail",
    ),
    path("deadlines/", views.DeadlineList.as_view(), name="deadline_list"),
    path("deadlines/<int:pk>/", views.DeadlineDetail.as_view(), name="deadline_detail"),
    re_path(r"", views.NotFound.as_view()),  # unnamed: the rest of /api/ answers JSON 404s
]

# POST /api/detections/ calls services/detections.py (the vendor import, built alongside);
# it is served where that module exists. Once both are merged, import it plainly.
if importlib.util.find_spec("enforcement.services.detections") is not None:
    _detections = importlib.import_module("enforcement.api.detections")
    urlpatterns.insert(
        -1, path("detections/", _detections.SubmitDetections.as_view(), name="detections")
    )
