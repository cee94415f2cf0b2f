"""Live handover: shared pieces of the adviser takeover (settings, office hours)."""
