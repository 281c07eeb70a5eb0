"""A throw-away component: an app that exists only in tests, to show that an app's manifest is
all it takes to appear in search, the staff menu, the audit filter, privacy export and the API.

Nothing outside this package names it; tests install it with override_settings(INSTALLED_APPS).
"""
