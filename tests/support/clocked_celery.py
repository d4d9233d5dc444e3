"""``python -m tests.support.clocked_celery …``: the celery command on the test run's clock.

Worker processes started by tests read the same ``ENFORCEDESK_TEST_CLOCK`` as the run, so
a moved clock moves them too.
"""

import sys

from celery.__main__ import main

from tests.support import clock

if __name__ == "__main__":
    clock.start()
    sys.argv[0] = "celery"
    sys.exit(main())
