"""Opinion mapping: statements residents vote on, and the opinion groups Polis' math finds in them.

The math is the pure package `opinionmap`; this app holds the conversations, their statements and
votes, and shows the result.
"""
