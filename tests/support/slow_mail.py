"""Django's file e-mail backend, made to hang inside send() so a test can kill the worker there.

Used only by the exactly-once test, through the EMAIL_BACKEND setting of a worker process.
"""

import os
import time
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend


class SlowFileBackend(EmailBackend):
    def send_messages(self, email_messages):
        Path(os.environ["SLOW_MAIL_MARKER"]).write_text("sending")
        time.sleep(float(os.environ.get("SLOW_MAIL_SECONDS", "120")))
        return super().send_messages(email_messages)
