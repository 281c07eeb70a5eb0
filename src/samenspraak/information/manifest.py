"""What information adds to the shared parts of the product (see core.components)."""

from django.utils.translation import gettext_lazy as _

from samenspraak.core.components import Manifest, PageSection, SearchProvider
from samenspraak.information import events, privacy, sections, selectors

MANIFEST = Manifest(
    app="information",
    process_sections=tuple(
        PageSection(key, template=template, context=context, order=sections.ORDER[key])
        for key, (template, context) in sections.SECTIONS.items()
    ),
    account_sections=(
        PageSection(
            "information.follows",
            template="information/mine_follows.html",
            context=sections.mine_follows,
            order=40,
        ),
    ),
    search_providers=(
        SearchProvider(
            "information.updates",
            _("Nieuws"),
            search=selectors.update_search,
            matches=selectors.update_matches,
            template="information/search_update.html",
            order=30,
        ),
        SearchProvider(
            "information.documents",
            _("Documenten"),
            search=selectors.document_search,
            matches=selectors.document_matches,
            template="information/search_document.html",
            order=40,
        ),
        SearchProvider(
            "information.faq",
            _("Veelgestelde vragen"),
            search=selectors.faq_search,
            matches=selectors.faq_matches,
            template="information/search_faq.html",
            order=50,
        ),
    ),
    # The services record these names as literals (information.services).
    audit_actions={
        "information.update_created": _("Nieuwsbericht geplaatst"),
        "information.update_changed": _("Nieuwsbericht gewijzigd"),
        "information.update_deleted": _("Nieuwsbericht verwijderd"),
        "information.document_created": _("Document toegevoegd"),
        "information.document_changed": _("Document gewijzigd"),
        "information.document_deleted": _("Document verwijderd"),
        "information.faq_created": _("Veelgestelde vraag toegevoegd"),
        "information.faq_changed": _("Veelgestelde vraag gewijzigd"),
        "information.faq_deleted": _("Veelgestelde vraag verwijderd"),
    },
    privacy=(privacy.handler(),),
    demo_chapters="samenspraak.information.demo_data",
    event_types=events.EVENT_TYPES,
    subscribers=(
        (events.UpdatePublished, "samenspraak.information.notifications.update_published"),
    ),
    api_urls="samenspraak.information.api.urls",
)
