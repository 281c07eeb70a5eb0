"""Sections the budgeting results part adds to pages of lower apps: the published outcome of
each budget on its process page."""

ORDER = 26


def _results_section(request, process):
    from samenspraak.budgeting.results import published_results, result_section_rows

    published = published_results(process)
    if not published:
        return None
    return {"process": process, "results": result_section_rows(published)}


def register() -> None:
    """Called once from registrations.register_all()."""
    from samenspraak.core.registry import process_sections

    process_sections.register(
        "budgeting.results",
        template="budgeting/results/section.html",
        context=_results_section,
        order=ORDER,
    )
