"""Pages for citizen initiatives: `public` (list, page, start, sign, withdraw, join) and
`staff` (the clerk's check, paper lists, agenda queue, meetings, decisions, by-law)."""
