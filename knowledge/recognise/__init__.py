"""Recognisers that turn everyday Dutch into contract values."""
