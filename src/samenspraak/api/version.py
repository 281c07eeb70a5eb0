"""The API's version: the major one is in the path (/api/v1), the full one in ``API-Version``."""

API_VERSION = "1.0.0"
