"""Requests per token user and per address (DRF throttles, counted in the Django cache)."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class ApiUserThrottle(UserRateThrottle):
    def get_rate(self):
        return settings.API_THROTTLE_RATE


class ApiAnonThrottle(AnonRateThrottle):
    def get_rate(self):
        return settings.API_ANON_THROTTLE_RATE
