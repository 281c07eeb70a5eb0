"""The REST API of this app (mounted under /api/v1/ by samenspraak.api)."""
