"""Rasa calls the action server again when a custom action call could not reach it.

Rasa Open Source 3.6 calls the action server once per action. When that call cannot connect, or
the connection drops before an answer (the action server is being restarted: a deploy, or a
crash and its supervisor's restart), Rasa logs the failure and goes on as if the action had
returned nothing: the user gets the next rule's question ("Apakah masih ada yang bisa kami
bantu?") without the ticket number or the answer they asked for, and a form's answer is not
validated. This module wraps `RemoteAction.run` so that such a call is made again after 0.25,
0.5, 1, 2 and 4 seconds (7.75 s in all, inside the gateway's 15-s wait for Rasa) before Rasa's
own handling takes over. Form validation (`validate_<form>`) goes through the same class and is
retried too.

Only calls that got no answer are repeated: refused or dropped connections, and 502/503/504 from
a proxy in front of the action server. An answer from the action server itself (a 400 rejection,
a 500) and a slow call (a read timeout) are not: repeating them would not help, and a slow
server would get more work.

Repeating a call is safe with this project's action server: the repeat carries the same tracker,
hence the same request key (from the Telegram update id or Rasa's message id), and the action
server's ticket, outbox and notice guards answer a repeated request without doing anything twice
(actions-server/src/helpdesk/request-key.ts). `e2e/crash` kills the action server in the middle
of such calls and checks that no ticket, reset or WhatsApp message happens twice.

Installed by `addons/__init__.py`, like the log masking: every Rasa process that loads this
project's model has it.
"""
import asyncio
import logging
from typing import Any, List, Optional

import aiohttp
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import ClientResponseError

logger = logging.getLogger(__name__)

RETRY_DELAYS_SECONDS = (0.25, 0.5, 1.0, 2.0, 4.0)
# What a reverse proxy answers while the action server behind it is down or restarting.
_PROXY_STATUSES = {502, 503, 504}

_original_run = RemoteAction.run


def got_no_answer(error: BaseException) -> bool:
    """Whether a failed call never got an answer from the action server (so repeating it can help).

    RemoteAction.run turns aiohttp's errors into RasaException; the aiohttp error stays on it as
    `__cause__` (`raise … from e`) or `__context__` (raised inside the `except` block). An HTTP
    error status arrives as Rasa's own ClientResponseError (rasa.utils.endpoints), not aiohttp's.
    """
    if isinstance(error, ActionExecutionRejection) or not isinstance(error, RasaException):
        return False
    cause: Optional[BaseException] = error.__cause__ or error.__context__
    if isinstance(cause, (ClientResponseError, aiohttp.ClientResponseError)):
        return cause.status in _PROXY_STATUSES
    if isinstance(cause, aiohttp.ServerTimeoutError):
        return False
    return isinstance(cause, aiohttp.ClientConnectionError)


async def _run_until_answered(self: RemoteAction, *args: Any, **kwargs: Any) -> List[Any]:
    for delay in (*RETRY_DELAYS_SECONDS, None):
        try:
            return await _original_run(self, *args, **kwargs)
        except RasaException as error:
            if delay is None or not got_no_answer(error):
                raise
            logger.warning(
                "custom action '%s': the action server gave no answer (%s); calling it again in %.2f s",
                self.name(),
                type(error.__cause__ or error.__context__).__name__,
                delay,
            )
            await asyncio.sleep(delay)
    raise AssertionError("unreachable: the last attempt returns or raises")


def install() -> None:
    """Makes every RemoteAction call retry as described above (idempotent)."""
    if RemoteAction.run is not _run_until_answered:
        RemoteAction.run = _run_until_answered  # type: ignore[method-assign]
