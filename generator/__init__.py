"""Stemme: campaign and advocacy toolkit (site, fact cards, consultation watcher, posting)."""

__version__ = "0.1.0"
