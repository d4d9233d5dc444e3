"""What the clients app announces, for the apps that build on it to act upon.

``clients`` never imports ``enforcement``: when a power of attorney changes, it says so,
and the enforcement app (which keeps the expiry deadlines) listens.
"""

from django.dispatch import Signal

# Sent after a power of attorney is created, edited, archived or restored: ``poa``, ``by``.
poa_changed = Signal()
