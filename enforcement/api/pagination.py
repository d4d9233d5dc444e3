"""Cursor pagination by id: no COUNT(*), the same cost on the first page and the last."""

from django.conf import settings
from rest_framework.pagination import CursorPagination


class IdCursorPagination(CursorPagination):
    ordering = "-id"
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        self.page_size = settings.PAGE_SIZE
        return super().get_page_size(request)
