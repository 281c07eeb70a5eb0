"""The demo budgets' projects as residents propose them, and the reviews' reasons (data only)."""

from __future__ import annotations

#: (title, description, cost in euro, wijk slug or None, feasible?, review note).
#: The review note is the reason for "not feasible", or a changed final cost for "feasible".
CITY_PROJECTS = [
    (
        "Bomen langs de Singel",
        "Langs de Singel staan bijna geen bomen. Dertig nieuwe bomen "
        "geven schaduw en zijn goed voor vogels en insecten.",
        80_000,
        "centrum",
        True,
        92_000,
    ),
    (
        "Overdekte skatebaan",
        "Jongeren skaten nu op het parkeerterrein. Een overdekte baan kan het hele jaar open.",
        150_000,
        "zuid",
        True,
        None,
    ),
    (
        "Watertappunten in alle parken",
        "Gratis drinkwater in elk park: fijn voor sporters, kinderen en wandelaars op warme dagen.",
        30_000,
        None,
        True,
        None,
    ),
    (
        "Zonnepanelen op het zwembad",
        "Het dak van het zwembad is groot en leeg. Met zonnepanelen "
        "betaalt het zwembad minder voor stroom.",
        120_000,
        "oost",
        True,
        None,
    ),
    (
        "Grotere fietsenstalling bij het station",
        "De stalling is elke ochtend vol. Fietsen staan dan overal op de stoep.",
        200_000,
        "centrum",
        True,
        185_000,
    ),
    (
        "Beweegtuin voor ouderen",
        "Toestellen om buiten te bewegen, met bankjes ernaast. "
        "Samen bewegen is gezond en gezellig.",
        45_000,
        "noord",
        True,
        None,
    ),
    (
        "Openluchtpodium in het Julianapark",
        "Een klein podium voor muziek, theater en het buurtfeest.",
        90_000,
        "west",
        True,
        None,
    ),
    (
        "Buurtbus voor ouderen",
        "Een busje met vrijwilligers dat ouderen naar de markt, de dokter en het buurthuis brengt.",
        60_000,
        None,
        True,
        None,
    ),
    (
        "Groene schoolpleinen",
        "Tegels eruit, groen erin: vier schoolpleinen worden groen, met "
        "plek om te spelen en te ontdekken.",
        100_000,
        None,
        True,
        None,
    ),
    (
        "Meer bankjes langs wandelroutes",
        "Om de paar honderd meter een bankje, zodat iedereen een stuk kan wandelen.",
        20_000,
        None,
        True,
        None,
    ),
    (
        "Losloopgebied voor honden",
        "Een omheind veld waar honden los mogen. Dan blijven de speelvelden schoon.",
        35_000,
        "vogelwijk",
        True,
        None,
    ),
    (
        "Muurschildering in de stationstunnel",
        "De tunnel is donker en grauw. Een kunstwerk van "
        "kunstenaars uit de stad maakt hem vrolijk en veiliger.",
        40_000,
        "centrum",
        True,
        None,
    ),
    (
        "Speeltuin voor alle kinderen",
        "Een speeltuin waar ook kinderen in een rolstoel kunnen spelen.",
        110_000,
        "haven",
        True,
        None,
    ),
    (
        "Nieuw zwembad in Zuid",
        "Zuid heeft geen eigen zwembad. Een nieuw bad zou veel mensen helpen.",
        450_000,
        "zuid",
        False,
        "Een nieuw zwembad kost ruim acht miljoen euro, veel meer dan het hele budget. Het plan "
        "voor een zwembad in Zuid bespreekt de gemeenteraad dit najaar.",
    ),
    (
        "Gratis parkeren in de binnenstad",
        "Op zaterdag gratis parkeren, zodat meer mensen in de binnenstad winkelen.",
        75_000,
        "centrum",
        False,
        "Dit is geen project dat één keer geld kost: de gemeente mist elk jaar opnieuw inkomsten. "
        "Daar is dit budget niet voor.",
    ),
]


OOST_PROJECTS = [
    (
        "Nieuwe speeltoestellen in de Kastanjebuurt",
        "De speeltoestellen zijn oud en een deel is "
        "weggehaald. Kinderen hebben weer een plek nodig.",
        35_000,
        "kastanjebuurt",
        True,
        None,
    ),
    (
        "Jeu-de-boulesbaan bij het sportpark",
        "Een baan voor jong en oud, naast de kantine.",
        12_000,
        "oosterhof",
        True,
        None,
    ),
    (
        "Licht op het pad langs het ziekenhuis",
        "Het pad is 's avonds donker. Met lampen voelen mensen zich veiliger.",
        28_000,
        "oosterhof",
        True,
        31_000,
    ),
    (
        "Buurtmoestuin Oosterhof",
        "Samen groente kweken op het lege veld achter de flat.",
        15_000,
        "oosterhof",
        True,
        None,
    ),
    (
        "Geveltuinen in de Schildersbuurt",
        "Bewoners krijgen planten en hulp om een geveltuin te maken.",
        8_000,
        "schildersbuurt",
        True,
        None,
    ),
    (
        "Overdekte fietsenstalling bij de weekmarkt",
        "Op marktdag staan fietsen overal. Een stalling met een dak houdt de stoep vrij.",
        40_000,
        "schildersbuurt",
        True,
        None,
    ),
    (
        "Pannakooi op het grasveld",
        "Een kooi om te voetballen, voor de jongeren uit de wijk.",
        25_000,
        "kastanjebuurt",
        True,
        None,
    ),
    (
        "Drempels in de Kastanjelaan",
        "Auto's rijden hier veel te hard.",
        20_000,
        "kastanjebuurt",
        False,
        "Drempels horen bij het verkeersplan en worden uit een ander budget "
        "betaald. Wij hebben uw melding doorgestuurd naar de afdeling Mobiliteit.",
    ),
]


WEST_PROJECTS = [
    (
        "Bloemenweide in het Julianapark",
        "Een stuk gras wordt een bloemenweide, goed voor bijen en vlinders.",
        9_000,
        "julianapark",
        True,
        None,
    ),
    (
        "Bankjes en picknicktafels in de Tuinwijk",
        "Een plek om samen te zitten en te eten, midden in de wijk.",
        12_000,
        "tuinwijk",
        True,
        None,
    ),
    (
        "Kinderboerderij opknappen",
        "De stallen lekken en het hek is kapot. De kinderboerderij verdient een opknapbeurt.",
        25_000,
        "tuinwijk",
        True,
        27_500,
    ),
    (
        "Boekenkastjes in de buurt",
        "Kleine kastjes waar iedereen een boek kan brengen en halen.",
        3_000,
        "westerkwartier",
        True,
        None,
    ),
    (
        "Trapveldje in het Westerkwartier",
        "Het oude trapveld is overwoekerd. Met nieuw gras en "
        "doeltjes kunnen kinderen weer voetballen.",
        18_000,
        "westerkwartier",
        True,
        None,
    ),
    (
        "Buitenfitness bij de brede school",
        "Toestellen om buiten te sporten, voor ouders en buurtbewoners.",
        22_000,
        "westerkwartier",
        True,
        None,
    ),
    (
        "Insectenhotels en nestkastjes",
        "Kinderen van de brede school bouwen en hangen ze op.",
        4_000,
        "julianapark",
        True,
        None,
    ),
    (
        "Elk jaar een groot buurtfeest",
        "Een feest voor de hele wijk, elk jaar in juni.",
        10_000,
        "tuinwijk",
        False,
        "Dit budget is voor projecten die één keer geld kosten. Voor een feest "
        "kunt u elk jaar een bijdrage uit het wijkfonds vragen.",
    ),
]


CENTRUM_PROJECTS = [
    (
        "Plantenbakken op het Marktplein",
        "Groen op het plein, met bankjes aan de randen.",
        8_000,
        "marktkwartier",
        True,
        None,
    ),
    (
        "Fietsnietjes in de Stationsbuurt",
        "Meer plekken om de fiets netjes neer te zetten.",
        6_000,
        "stationsbuurt",
        True,
        None,
    ),
    (
        "Buitenbibliotheek in de Binnenstad",
        "Een kast met boeken onder een afdak, voor iedereen.",
        5_000,
        "binnenstad",
        True,
        None,
    ),
    (
        "Speelplek op het Stadhuisplein",
        "Een paar speeltoestellen, zodat kinderen kunnen spelen terwijl ouders boodschappen doen.",
        18_000,
        "binnenstad",
        True,
        16_500,
    ),
    (
        "Watertappunt bij het station",
        "Gratis drinkwater voor reizigers en sporters.",
        7_000,
        "stationsbuurt",
        True,
        None,
    ),
    (
        "Veilige oversteek in het Marktkwartier",
        "Een verlichte oversteekplaats bij de school.",
        15_000,
        "marktkwartier",
        True,
        None,
    ),
    (
        "Gratis parkeergarage op zaterdag",
        "Dan komen er meer mensen naar de winkels.",
        30_000,
        "binnenstad",
        False,
        "Dit kost elk jaar opnieuw geld en past daarom niet in het buurtbudget.",
    ),
]


REVIEW_REASON = (
    "Het project past in de regels van het budget, de grond is van de gemeente en het kan binnen "
    "een jaar klaar zijn."
)


CHANGED_COST_REASON = (
    " De kosten zijn anders dan geschat: wij hebben de prijs nagevraagd bij een aannemer."
)
