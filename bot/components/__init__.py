"""Custom Rasa graph components for the Dutch pipeline."""
