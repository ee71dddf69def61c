"""What Rasa does when a custom action call fails: call again while there is no answer, then tell
the user.

Rasa Open Source 3.6 calls the action server once per action. When that call cannot connect, the
connection drops before an answer (the action server is being restarted: a deploy, or a crash
and its supervisor's restart), or the action server answers with an error (500: its database is
down, a bug), Rasa logs the failure and goes on as if the action had returned nothing: the user
gets the next rule's question ("Apakah masih ada yang bisa kami bantu?") without the ticket
number or the answer they asked for, and is not told anything went wrong. This module wraps
`RemoteAction.run`:

1. A call that got no answer (refused or dropped connection, 502/503/504 from a proxy in front of
   the action server) is made again after 0.25, 0.5, 1, 2 and 4 seconds (7.75 s in all, inside
   the gateway's 15-s wait for Rasa). An answer from the action server itself (500, a 400
   rejection) and a slow call (a read timeout) are not repeated: repeating would not help, and a
   slow server would get more work.
2. If the call still failed, the action returns `FAILED_ACTION_NOTICE` as its bot message instead
   of nothing, and Rasa goes on with its rules: the user learns the result is missing and what to
   do. When the action ran right after a form was completed (the form's submit: a password reset,
   a TTE registration), that form's slots are also emptied, as the action itself would have done:
   repeating the request asks for the NIP and the confirmation again instead of acting on an old
   confirmation at once. Form validation (`validate_<form>`) is the exception: it fails as before (Rasa sends no
   reply, the gateway says "coba lagi", the form still waits for the same answer), because a
   validation that returned a message would let Rasa accept the unvalidated answer. A 400
   rejection (`ActionExecutionRejection`) is Rasa's own form mechanism and passes through.

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
from rasa.core.actions.action import (
    ActionExecutionRejection,
    RemoteAction,
    create_bot_utterance,
)
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActiveLoop, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import ClientResponseError

logger = logging.getLogger(__name__)

RETRY_DELAYS_SECONDS = (0.25, 0.5, 1.0, 2.0, 4.0)
# The action may have done its work before the failure (the answer was lost on the way): the text
# does not say nothing happened, and a repeated request is recognised by the action server.
FAILED_ACTION_NOTICE = (
    "Mohon maaf, layanan kami sedang mengalami gangguan, sehingga hasil permintaan Anda belum "
    "dapat kami tampilkan. Silakan ulangi permintaan Anda beberapa saat lagi. Permintaan yang "
    "sudah tercatat tidak akan diproses dua kali."
)
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


def completed_form_slots(tracker: DialogueStateTracker, domain: Domain) -> List[str]:
    """The required slots of the form that was completed just before, if no form is active now."""
    if tracker.active_loop_name is not None:
        return []
    for event in reversed(tracker.events):
        if isinstance(event, ActiveLoop) and event.name is not None:
            return list(domain.required_slots_for_form(event.name))
    return []


async def _run_until_answered(
    self: RemoteAction,
    output_channel: Any,
    nlg: Any,
    tracker: DialogueStateTracker,
    domain: Domain,
) -> List[Any]:
    for delay in (*RETRY_DELAYS_SECONDS, None):
        try:
            return await _original_run(self, output_channel, nlg, tracker, domain)
        except RasaException as error:
            if isinstance(error, ActionExecutionRejection):
                raise
            if delay is not None and got_no_answer(error):
                logger.warning(
                    "custom action '%s': the action server gave no answer (%s); calling it again in %.2f s",
                    self.name(),
                    type(error.__cause__ or error.__context__).__name__,
                    delay,
                )
                await asyncio.sleep(delay)
                continue
            if self.name().startswith("validate_"):
                raise
            logger.error(
                "custom action '%s' failed (%s); the user is told the result is missing",
                self.name(),
                error,
            )
            notice = create_bot_utterance({"text": FAILED_ACTION_NOTICE})
            return [notice] + [SlotSet(slot, None) for slot in completed_form_slots(tracker, domain)]
    raise AssertionError("unreachable: the last attempt returns or raises")


def install() -> None:
    """Makes every RemoteAction call behave as described above (idempotent)."""
    if RemoteAction.run is not _run_until_answered:
        RemoteAction.run = _run_until_answered  # type: ignore[method-assign]
