"""Custom Rasa components of this project (config.yml names them by module path).

Importing the package masks personal data in every log record of the process (log_masking.py):
Rasa imports it whenever it loads this project's model, before it handles a user message.
"""
from addons.log_masking import install as _mask_personal_data_in_logs

_mask_personal_data_in_logs()
