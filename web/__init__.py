"""Web server: widget, campaign landing pages, route cards; hosts the adviser console."""
