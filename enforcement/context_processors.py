from django.utils.functional import SimpleLazyObject

from clients.roles import STAFF_ROLES, capabilities_of

from .selectors import unread_notification_count


def navigation(request):
    user = getattr(request, "user", None)

    def unread() -> int:
        if getattr(user, "role", None) not in STAFF_ROLES:
            return 0
        return unread_notification_count(user)

    return {
        "capabilities": capabilities_of(user),
        # Lazy: a page that does not show the bell costs no query.
        "unread_notifications": SimpleLazyObject(unread),
    }
