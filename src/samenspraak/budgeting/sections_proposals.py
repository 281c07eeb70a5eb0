"""Sections the budgeting proposals part adds to pages of lower apps."""


def register() -> None:
    """Called once from registrations.register_all()."""
