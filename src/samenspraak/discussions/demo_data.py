"""Demo: two permanent spaces, "Buurtgesprek <wijk>" and "Stadsgesprek Klimaat", with lively
threads (comments for and against), a pinned thread, a closed
thread with a summary, followers, and a comment a moderator hid for breaking a house rule."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from samenspraak.core.demo_registry import chapter
from samenspraak.dialogue import services as dialogue_services
from samenspraak.dialogue.models import Comment
from samenspraak.discussions import services
from samenspraak.discussions.models import Frequency, Moderation, Space, SpaceKind, Thread
from samenspraak.organisations.models import Topic

#: (title, opening text, [(comment, position)], pinned, closed: (reason, summary) or None)
NEIGHBOURHOOD_THREADS = [
    (
        "Meer bankjes langs de singel",
        "Ik wandel elke dag langs de singel, maar er is bijna nergens een plek om even te "
        "zitten. Voor ouderen is dat lastig. Wie wil er ook meer bankjes?",
        [
            ("Ja graag! Mijn moeder kan niet ver lopen zonder pauze.", "for"),
            (
                "Prima, maar zet ze niet vlak bij de huizen. 's Avonds wordt het dan rumoerig.",
                "neutral",
            ),
            ("Eens. Met een afvalbak erbij, anders ligt er straks overal rommel.", "for"),
            ("Er staan er bij de brug al drie. Volgens mij is het genoeg.", "against"),
            ("Misschien bankjes met een leuning, dan kunnen meer mensen ze gebruiken.", "for"),
        ],
        True,
        None,
    ),
    (
        "Parkeren rond de school",
        "Elke ochtend staan er auto's dubbel geparkeerd bij de basisschool. Dat is gevaarlijk "
        "voor de kinderen die lopen of fietsen. Hoe lossen we dat samen op?",
        [
            ("Een kiss-and-ride zone zou helpen, zoals bij de school in de andere wijk.", "for"),
            (
                "Ik breng mijn kind met de auto omdat ik daarna naar mijn werk moet. "
                "Waar moet ik heen?",
                "against",
            ),
            (
                "Misschien een looproute met een verkeersbrigadier vanaf de parkeerplaats?",
                "neutral",
            ),
            ("Handhaving op de stoep, dan is het snel over.", "for"),
        ],
        False,
        None,
    ),
    (
        "Buurtfeest in september",
        "Zullen we dit jaar weer een buurtfeest houden op het grasveld? Wie helpt mee met de "
        "organisatie?",
        [
            ("Leuk! Ik kan helpen met de springkussens.", "for"),
            ("Graag, maar dan wel tot 22.00 uur, niet later.", "neutral"),
            ("Ik bak wel taarten.", "for"),
        ],
        False,
        (
            "Het feest is geregeld: de datum staat vast en er is een werkgroep.",
            "Bijna iedereen wil een buurtfeest. Zorgen gingen over de eindtijd: het feest stopt om "
            "22.00 uur. Een werkgroep van vijf bewoners organiseert het; de gemeente geeft een "
            "bijdrage uit het buurtbudget. Aanmelden voor de werkgroep kan bij het buurthuis.",
        ),
    ),
]

CITY_THREADS = [
    (
        "Zonnepanelen op gemeentelijke gebouwen",
        "De gemeente heeft veel platte daken: scholen, sporthallen, het stadskantoor. Waarom "
        "liggen daar nog geen zonnepanelen op?",
        [
            ("Helemaal mee eens. Dat scheelt ook op de energierekening van de gemeente.", "for"),
            ("Sommige daken kunnen het gewicht niet dragen. Eerst laten onderzoeken.", "neutral"),
            (
                "Laat bewoners meedoen via een energiecoöperatie, dan profiteert de buurt ook.",
                "for",
            ),
            ("Ik vind groene daken belangrijker, tegen hitte en wateroverlast.", "against"),
        ],
        True,
        None,
    ),
    (
        "Minder verharding in tuinen",
        "Bij hevige regen loopt mijn straat onder. Kan de gemeente mensen helpen om tegels te "
        "vervangen door groen?",
        [
            ("Een tegelwipwedstrijd tussen wijken! Dat werkte in andere steden goed.", "for"),
            ("Niet iedereen heeft tijd of geld om de tuin om te bouwen.", "against"),
            ("Een subsidie voor regentonnen zou al helpen.", "for"),
            ("Wat doet de gemeente zelf op pleinen en stoepen?", "neutral"),
        ],
        False,
        None,
    ),
]

RUDE = "Wat een onzin allemaal. Iedereen die hier reageert is gek."


def _comments(ctx, thread, texts, start):
    content_type = ContentType.objects.get_for_model(Thread)
    made = []
    for n, (text, position) in enumerate(texts):
        comment = Comment.objects.create(
            content_type=content_type,
            object_id=thread.pk,
            author=ctx.rng.choice(ctx.residents),
            body=text,
            position=position,
        )
        moment = start + datetime.timedelta(hours=5 * (n + 1) + ctx.rng.randint(0, 4))
        Comment.objects.filter(pk=comment.pk).update(created_at=moment)
        made.append(comment)
    return made


def _threads(ctx, space, rows, manager, days_ago):
    made = []
    for n, (title, body, texts, pinned, closed) in enumerate(rows):
        author = ctx.rng.choice(ctx.residents)
        thread = services.thread_open(actor=author, space=space, title=title, body=body)
        start = timezone.now() - datetime.timedelta(
            days=days_ago - 6 * n, hours=ctx.rng.randint(0, 9)
        )
        Thread.objects.filter(pk=thread.pk).update(created_at=start)
        _comments(ctx, thread, texts, start)
        if pinned:
            services.thread_pin(actor=manager, thread=thread, pinned=True)
        if closed:
            reason, summary = closed
            services.summary_write(actor=manager, thread=thread, summary=summary)
            services.thread_close(actor=manager, thread=thread, reason=reason)
        made.append(thread)
    return made


@chapter("discussions.spaces", order=550)
def spaces(ctx):
    managers = ctx.staff.get("moderator") or ctx.staff.get("administrator") or []
    if not managers or not ctx.residents:
        return
    manager = managers[0]
    district = (list(ctx.districts) or list(ctx.areas) or [None])[0]
    if district is None:
        return
    name = f"Buurtgesprek {district.name}"
    if Space.objects.filter(municipality=ctx.municipality, name=name).exists():
        return  # made by an earlier run
    topic, _created = Topic.objects.get_or_create(
        municipality=ctx.municipality, slug="klimaat", defaults={"name": "Klimaat"}
    )
    neighbourhood = services.space_save(
        actor=manager,
        municipality=ctx.municipality,
        name=name,
        kind=SpaceKind.AREA,
        area=district,
        intro=(
            f"Wat speelt er in {district.name}? Hier praat u met uw buren en met de gemeente "
            "over de buurt: wat gaat goed, wat kan beter, wat wilt u samen doen?\n\n"
            "De wijkmanager leest mee en reageert."
        ),
        moderation=Moderation.POST,
        house_rules=[{"title": "Over de buurt", "text": "Houd het bij onderwerpen in deze wijk."}],
    )
    city = services.space_save(
        actor=manager,
        municipality=ctx.municipality,
        name="Stadsgesprek Klimaat",
        kind=SpaceKind.THEME,
        topic=topic,
        intro=(
            "Hoe maken we de stad klaar voor een ander klimaat: hitte, hevige regen, schone "
            "energie? Deel uw ideeën en reageer, **voor of tegen**.\n\n"
            "In deze ruimte bekijkt een moderator reacties voordat ze online komen."
        ),
        moderation=Moderation.PRE,
        house_rules=[
            {"title": "Onderbouw uw mening", "text": "Zeg waarom u voor of tegen bent."},
            {"title": "Geen reclame", "text": "Ook niet voor energiebedrijven of installateurs."},
        ],
    )
    local = _threads(ctx, neighbourhood, NEIGHBOURHOOD_THREADS, manager, days_ago=30)
    _threads(ctx, city, CITY_THREADS, manager, days_ago=20)

    # Moderation history: a comment that broke a house rule, reported and hidden.
    rules = ctx.data.get("house_rules") or []
    if rules:
        rude = Comment.objects.create(
            content_type=ContentType.objects.get_for_model(Thread),
            object_id=local[1].pk,
            author=ctx.rng.choice(ctx.residents),
            body=RUDE,
        )
        dialogue_services.report_create(
            target=rude, reporter=ctx.rng.choice(ctx.residents), reason="Dit is niet aardig."
        )
        dialogue_services.content_hide(
            target=rude, actor=manager, rule=rules[0], note="Scheldt andere deelnemers uit."
        )

    # Followers, some with the daily digest.
    for n, resident in enumerate(ctx.rng.sample(ctx.residents, min(12, len(ctx.residents)))):
        frequency = [Frequency.IMMEDIATE, Frequency.DAILY, Frequency.NONE][n % 3]
        if n % 2:
            services.follow(user=resident, space=neighbourhood, frequency=frequency)
        else:
            services.follow(user=resident, thread=local[0], frequency=frequency)
    ctx.data["discussion_spaces"] = [neighbourhood, city]
