"""Logging helpers referenced from settings.LOGGING."""

import logging


class ClientErrorsWithoutTraceback(logging.Filter):
    """A 4xx (someone may not see a page, a form was too big) is the visitor's matter, not a
    fault in the code: Django logs PermissionDenied with its traceback at WARNING level, which
    floods the log. Keep such records to one line; 5xx keep their traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
