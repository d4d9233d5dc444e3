from django.utils.functional import SimpleLazyObject

from .roles import STAFF_ROLES, capabilities_of


def navigation(request):
    user = getattr(request, "user", None)

    def unread() -> int:
        if getattr(user, "role", None) not in STAFF_ROLES:
            return 0
        from enforcement.selectors import unread_notification_count

        return unread_notification_count(user)

    return {
        "capabilities": capabilities_of(user),
        # Lazy: a page that does not show the bell costs no query.
        "unread_notifications": SimpleLazyObject(unread),
    }
