"""Demo: house rules, comments on inputs, a few open reports and one hidden comment."""

from django.contrib.contenttypes.models import ContentType

from samenspraak.core.demo_registry import chapter
from samenspraak.dialogue import services
from samenspraak.dialogue.models import Comment
from samenspraak.dialogue.permissions import commentable_models

HOUSE_RULES = [
    (
        "Wees respectvol",
        "Reageer op de inhoud, niet op de persoon. Schelden, pesten en bedreigen mag niet.",
    ),
    ("Geen persoonlijke gegevens", "Zet geen namen, adressen of telefoonnummers van anderen hier."),
    ("Geen reclame", "Maak geen reclame voor bedrijven, producten of politieke partijen."),
    ("Blijf bij het onderwerp", "Reageer op het plan of idee waar het over gaat."),
]

COMMENTS = [
    "Goed idee! Ik kom hier elke dag langs en mis dit echt.",
    "Ik twijfel. Wat kost dit en wie betaalt het onderhoud?",
    "Eens. Vooral voor ouderen en kinderen is dit belangrijk.",
    "Kan dit ook 's avonds? Het is daar nu erg donker.",
    "Misschien is de plek bij de school beter. Daar is meer ruimte.",
    "Wij als buurt willen graag helpen om dit te onderhouden.",
    "Ik ben het er niet mee eens. Er is al genoeg op het plein.",
    "Denk ook aan mensen met een rolstoel of rollator.",
    "Dit staat al jaren op de lijst. Fijn dat het nu wordt opgepakt.",
    "Heeft de gemeente hier al met de winkeliers over gepraat?",
]

REPORT_REASONS = [
    "Dit is niet aardig tegen de schrijver.",
    "Hier staat een telefoonnummer in.",
    "Dit is reclame.",
]


def _targets(ctx) -> list:
    """Inputs left by the consultation chapter, else objects of any commentable model."""
    targets = list(ctx.data.get("inputs") or [])
    if not targets:
        for model in commentable_models():
            targets.extend(model._default_manager.order_by("pk")[:200])
    return targets


@chapter("dialogue.moderation", order=500)
def moderation(ctx):
    moderators = ctx.staff.get("moderator") or ctx.staff.get("administrator") or []
    if not moderators:
        return
    moderator = moderators[0]
    rules = [
        services.house_rule_save(
            actor=moderator, municipality=ctx.municipality, title=title, text=text, order=n
        )
        for n, (title, text) in enumerate(HOUSE_RULES, start=1)
    ]
    ctx.data["house_rules"] = rules
    targets = _targets(ctx)
    if not targets or not ctx.residents:
        return
    rng = ctx.rng
    rows = []
    for target in rng.sample(targets, min(len(targets), 60)):
        content_type = ContentType.objects.get_for_model(target)
        for _n in range(rng.randint(1, 4)):
            rows.append(
                Comment(
                    content_type=content_type,
                    object_id=target.pk,
                    author=rng.choice(ctx.residents),
                    body=rng.choice(COMMENTS),
                )
            )
    comments = Comment.objects.bulk_create(rows, batch_size=500)
    ctx.data["comments"] = comments

    # Open reports for the moderator queue.
    for comment in rng.sample(comments, min(len(comments), 4)):
        for _n in range(rng.randint(1, 2)):
            services.report_create(
                target=comment,
                reporter=rng.choice([None, *ctx.residents[:20]]),
                reason=rng.choice(REPORT_REASONS),
            )

    # One comment that broke a house rule: reported, then hidden by the moderator.
    target = rng.choice(targets)
    rude = Comment.objects.create(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        author=rng.choice(ctx.residents),
        body="Wat een domme mensen wonen hier. Jullie snappen er niks van.",
    )
    reporter = rng.choice(ctx.residents)
    services.report_create(target=rude, reporter=reporter, reason=REPORT_REASONS[0])
    services.content_hide(
        target=rude, actor=moderator, rule=rules[0], note="Scheldwoorden richting buurtgenoten."
    )
