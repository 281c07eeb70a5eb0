"""Budgets: setup (services), reads and eligibility (selectors), the setup pages (views, forms,
urls). The lowest part of budgeting: proposals, voting and results build on it."""
