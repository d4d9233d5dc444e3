from django.urls import path

from .views import access

app_name = "calendar"

urlpatterns = [
    path("", access.CalendarFeeds.as_view(), name="feeds"),
    path("regenerate/", access.CalendarFeedRegenerate.as_view(), name="regenerate"),
    path("<int:pk>/revoke/", access.CalendarFeedRevoke.as_view(), name="revoke"),
    path("<str:secret>.ics", access.CalendarFeedView.as_view(), name="feed"),
]
