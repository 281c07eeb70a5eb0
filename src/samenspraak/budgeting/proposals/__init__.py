"""Project proposals: submitting and the feasibility review (services), the projects of a budget
(selectors), their pages (views, forms, urls) and the process-page sections (sections)."""
