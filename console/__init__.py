"""Adviser console: conversation review, handovers, outcomes and dashboard under /console."""
