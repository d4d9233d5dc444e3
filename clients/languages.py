"""Which language a person reads: their own preference, for pages and e-mails alike."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_noop

CHINESE = "zh-hans"


def language_of(user) -> str:
    """The recipient's language for an e-mail or notification written on their behalf."""
    language = getattr(user, "language", "") or ""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def language_for_new_client_user(client) -> str:
    """A client's person invited before they chose: Chinese for a mainland client."""
    return CHINESE if str(getattr(client, "country", "")) == "CN" else settings.LANGUAGE_CODE


def in_reader_language(english: str, chinese: str) -> str:
    """A text the firm keeps in both languages, in the active one (English if no Chinese)."""
    if chinese and (translation.get_language() or "").startswith("zh"):
        return chinese
    return english


# Django's own strings that its Simplified Chinese catalogue does not have yet (new in 6.1):
# marked here so that ours carries them (LOCALE_PATHS comes first).
DJANGO_STRINGS = [gettext_noop("- Select an option -")]
