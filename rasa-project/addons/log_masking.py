"""Masks personal data in every log record Rasa writes (NIP, NIK, phone numbers, e-mail addresses).

Rasa Open Source writes what a user typed into its log at error level in places we cannot turn
off: the REST channel logs `rest.message.received.timeout` / `rest.message.received.failure` with
the whole message text when a request is cancelled (the client hung up: a gateway restart, a
timeout) or fails. Its own anonymisation hook is a Rasa Pro feature. So this module installs a
log record factory that rewrites each record's message (and its traceback and stack text) before
any handler formats it: every run of 9 or more digits, in any spelling a person might type
(spaces, dots, dashes, non-breaking spaces, full-width digits, also as JSON escapes because
Rasa's structured log lines are JSON), becomes "[masked]", and an e-mail address keeps only its
first character and its domain.

It is installed when the `addons` package is imported, which every Rasa command that loads this
project's model does (config.yml names addons.unknown_words_guard), in every launcher (npm start,
the tests, Docker Compose) without a flag to forget.
"""
import logging
import re
import traceback
from typing import Any, Callable

MASK = "[masked]"

# A digit as written or as a JSON escape (structlog's JSONRenderer escapes non-ASCII: full-width
# digits arrive as "\\uff11").
_DIGIT = r"(?:\d|\\u[fF][fF]1[0-9])"
# What people put between digits: spaces, dots, dashes, non-breaking and other wide spaces, and
# the same written as JSON escapes ("\\n", "\\u00a0").
_SEPARATOR = (
    r"(?:[\s.\-\u00a0\u2000-\u200b\u2010-\u2015\u202f\u205f\u3000]"
    r"|\\[ntr]"
    r"|\\u(?:00[aA]0|200[0-9abAB]|201[0-5]|202[fF]|205[fF]|3000))"
)
_DIGIT_RUN = re.compile(_DIGIT + r"(?:" + _SEPARATOR + r"{0,3}" + _DIGIT + r")*")
_ONE_DIGIT = re.compile(_DIGIT)
# Dates and times are not personal data: "2026-11-30", "2026-11-30 03" (followed by ":02:16").
_DATE = re.compile(r"\d{4}-\d\d-\d\d(?: \d\d)?")
_EMAIL = re.compile(r"([A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]*@([A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})")
MIN_DIGITS = 9
# Ticket numbers (TIK-20261130-0001) are ours, not a person's, and staff search logs for them.
_TICKET_PREFIX = "TIK-"


def _mask_digit_run(match: "re.Match[str]") -> str:
    run = match.group(0)
    if len(_ONE_DIGIT.findall(run)) < MIN_DIGITS or _DATE.fullmatch(run):
        return run
    if match.string.endswith(_TICKET_PREFIX, 0, match.start()):
        return run
    return MASK


def mask_personal_data(text: str) -> str:
    """Returns `text` with long digit runs and e-mail addresses masked."""
    if "@" in text:
        text = _EMAIL.sub(lambda m: f"{m.group(1)}***@{m.group(2)}", text)
    return _DIGIT_RUN.sub(_mask_digit_run, text)


def _format_exception(exc_info: Any) -> str:
    # What logging.Formatter.formatException writes; a handler uses a record's exc_text when set.
    return "".join(traceback.format_exception(*exc_info)).rstrip("\n")


def _masking_factory(previous: Callable[..., logging.LogRecord]) -> Callable[..., logging.LogRecord]:
    def make_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: logging reports it when a handler formats
            return record
        masked = mask_personal_data(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = mask_personal_data(_format_exception(record.exc_info))
        if record.stack_info:
            record.stack_info = mask_personal_data(record.stack_info)
        return record

    setattr(make_record, "masks_personal_data", True)
    return make_record


def install() -> None:
    """Makes every log record of this process masked (once, however often it is called)."""
    current = logging.getLogRecordFactory()
    if getattr(current, "masks_personal_data", False):
        return
    logging.setLogRecordFactory(_masking_factory(current))
