"""A logging filter that keeps identity numbers out of every log line."""

from __future__ import annotations

import logging
import re

# Ten or twelve digits shaped like a date and a serial, with or without a separator.
IDENTITY_NUMBER = re.compile(r"(?<!\d)(?:\d{2})?\d{6}[-+]?\d{4}(?!\d)")


def redact(text: str) -> str:
    return IDENTITY_NUMBER.sub("[personnummer]", text)


class RedactIdentityNumbers(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True
