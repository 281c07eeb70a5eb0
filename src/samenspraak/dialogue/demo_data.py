"""Demo: house rules, comments on inputs, a few open reports and one hidden comment; one lively
thread with replies, a quote, reactions, an official reaction, a pinned and a highlighted
comment; the word filter with a comment waiting for control, a muted participant, and the
moderation history those leave in the moderation log."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from samenspraak.core.demo_registry import chapter
from samenspraak.dialogue import services
from samenspraak.dialogue.models import Comment, CommentStatus, Position, Reaction, ReactionKind
from samenspraak.dialogue.permissions import commentable_models, takes_positions

FILTER_WORDS = ["sukkel", "idioot", "oplichter", "koop nu"]

#: (body, position, replies): a thread where residents weigh a plan.
THREAD = [
    (
        "Een autovrij plein maakt het veiliger voor kinderen die naar school fietsen.",
        Position.FOR,
        ["Eens, mijn dochter fietst hier elke ochtend.", "En het wordt ook stiller."],
    ),
    (
        "Ik maak me zorgen over laden en lossen voor de winkels.",
        Position.AGAINST,
        ["Laden en lossen kan misschien voor tien uur 's ochtends?"],
    ),
    (
        "Meer groen en bankjes zou het plein gezelliger maken.",
        Position.FOR,
        [],
    ),
    (
        "Waar moeten de bewoners dan parkeren? Dat lees ik nergens.",
        Position.AGAINST,
        ["Er is een parkeergarage op vijf minuten lopen."],
    ),
    ("Ik wil eerst weten wat het kost.", Position.NEUTRAL, []),
]

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


def _lively_thread(ctx, target, moderator, official_author):
    """One thread on `target` as the community manager would leave it."""
    content_type = ContentType.objects.get_for_model(target)
    positions = takes_positions(target)
    rng = ctx.rng
    people = rng.sample(ctx.residents, min(len(ctx.residents), 12))
    tops = []
    for n, (body, position, replies) in enumerate(THREAD):
        top = Comment.objects.create(
            content_type=content_type,
            object_id=target.pk,
            author=people[n % len(people)],
            body=body,
            position=position if positions else "",
        )
        tops.append(top)
        for m, reply in enumerate(replies):
            Comment.objects.create(
                content_type=content_type,
                object_id=target.pk,
                author=people[(n + m + 1) % len(people)],
                body=reply,
                parent=top,
            )
    official = Comment.objects.create(
        content_type=content_type,
        object_id=target.pk,
        author=official_author,
        body=(
            "Dank voor alle reacties. Laden en lossen blijft mogelijk tot 10.00 uur. "
            "We nemen de zorgen over parkeren mee in het voorstel aan de raad."
        ),
        position=Position.NEUTRAL if positions else "",
        official=True,
    )
    Comment.objects.create(
        content_type=content_type,
        object_id=target.pk,
        author=people[-1],
        body="Goed om te horen, dan kan de bakker gewoon bevoorraad worden.",
        parent=tops[1],
        quoted=official,
    )
    reactions = []
    for comment in [*tops, official]:
        for person in rng.sample(people, rng.randint(1, len(people) // 2)):
            reactions.append(
                Reaction(comment=comment, user=person, kind=rng.choice(ReactionKind.values))
            )
    Reaction.objects.bulk_create(reactions, ignore_conflicts=True)
    services.comment_mark(comment=official, actor=moderator, mark="pinned", on=True)
    services.comment_mark(comment=tops[0], actor=moderator, mark="highlighted", on=True)
    return people


@chapter("dialogue.community", order=510)
def community(ctx):
    """Word filter, a comment waiting for control, a muted participant and a lively thread."""
    moderators = ctx.staff.get("moderator") or ctx.staff.get("administrator") or []
    targets = _targets(ctx)
    if not moderators or not targets or len(ctx.residents) < 4:
        return  # a tiny demo (tests) has too few people for a conversation
    moderator = moderators[0]
    official_author = (ctx.staff.get("process_manager") or moderators)[0]
    for word in FILTER_WORDS:
        services.filter_word_add(actor=moderator, municipality=ctx.municipality, word=word)
    target = targets[0]
    people = _lively_thread(ctx, target, moderator, official_author)
    content_type = ContentType.objects.get_for_model(target)
    Comment.objects.create(
        content_type=content_type,
        object_id=target.pk,
        author=people[2],
        body="Wie dit een goed plan vindt is een sukkel.",
        position=Position.AGAINST if takes_positions(target) else "",
        status=CommentStatus.PENDING,
        pending_reason="Bevat een woord uit het woordfilter: „sukkel”",
    )
    spam = Comment.objects.create(
        content_type=content_type,
        object_id=target.pk,
        author=people[3],
        body="Koop nu goedkope zonnepanelen via mijn website!",
        position=Position.NEUTRAL if takes_positions(target) else "",
        status=CommentStatus.PENDING,
        pending_reason="Bevat een woord uit het woordfilter: „koop nu”",
    )
    rules = ctx.data.get("house_rules") or []
    if len(rules) > 2:
        services.content_hide(target=spam, actor=moderator, rule=rules[2], note="Reclame.")
    services.participant_mute(
        user=people[3],
        actor=moderator,
        until=timezone.now() + datetime.timedelta(days=7),
        reason="Herhaald reclame geplaatst, ondanks de huisregel 'Geen reclame'.",
    )
