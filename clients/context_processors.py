from .roles import capabilities_of


def navigation(request):
    user = getattr(request, "user", None)
    return {"capabilities": capabilities_of(user)}
