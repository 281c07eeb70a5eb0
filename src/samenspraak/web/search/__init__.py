"""Site search (/zoeken/?q=...): processes and inputs, each through its own app's selector."""
