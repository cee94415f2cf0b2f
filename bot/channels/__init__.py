"""Project Rasa channels (registered in credentials.yml by module path)."""
