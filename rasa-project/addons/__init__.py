"""Custom Rasa components of this project (config.yml names them by module path)."""
