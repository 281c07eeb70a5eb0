"""Sections the budgeting results part adds to pages of lower apps."""


def register() -> None:
    """Called once from registrations.register_all()."""
