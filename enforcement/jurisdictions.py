"""Countries and regions in which an IP right can be registered."""

from django.utils.translation import gettext_lazy as _
from django_countries import Countries

# A platform that accepts rights from anywhere lists this instead of country codes.
ANY_JURISDICTION = "*"


class RegistrationJurisdictions(Countries):
    """ISO countries plus the regional offices whose rights a platform may accept."""

    override = {"EU": _("European Union (EUIPO)")}
    first = ["CN", "HK", "US", "EU", "GB", "JP", "KR", "SG", "MY", "ID", "TH", "PH", "VN"]
    first_repeat = True
    first_break = "──────────"
