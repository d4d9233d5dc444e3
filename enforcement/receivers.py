"""Enforcement's answers to what the clients app announces (clients.signals)."""

from django.dispatch import receiver

from clients.signals import poa_changed

from .services.deadlines import sync_expiry


@receiver(poa_changed, dispatch_uid="enforcement.poa_expiry")
def keep_the_poa_expiry_deadline(sender, *, poa, by=None, **kwargs) -> None:
    sync_expiry(poa, by=by)
