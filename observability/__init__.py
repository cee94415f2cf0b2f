"""Metrics (Prometheus), health checks and optional JSON logs for the services."""
