"""Custom Rasa components of this project (config.yml names them by module path).

Importing the package masks personal data in every log record of the process (log_masking.py)
and makes Rasa call the action server again when a custom action call got no answer
(action_call_retry.py): Rasa imports it whenever it loads this project's model, before it
handles a user message.
"""
from addons.action_call_retry import install as _retry_unanswered_action_calls
from addons.log_masking import install as _mask_personal_data_in_logs

_mask_personal_data_in_logs()
_retry_unanswered_action_calls()
