"""Dutch names for demo people, as they occur in a Dutch town today.

Our own lists (no Faker): common first names, including names of Moroccan, Turkish, Surinamese,
Antillean and other origins, and surnames with their tussenvoegsel ("van der", "de") kept apart,
because Dutch sorts and abbreviates on the part after the tussenvoegsel.
"""

# fmt: off
FIRST_NAMES = (
    # common Dutch
    "Anna", "Emma", "Sophie", "Julia", "Tess", "Sanne", "Lotte", "Fleur", "Eva", "Lisa",
    "Anouk", "Marieke", "Ingrid", "Els", "Joke", "Annelies", "Petra", "Wilma", "Marloes", "Femke",
    "Noor", "Saar", "Lieke", "Ilse", "Mirjam", "Hanneke", "Jolanda", "Karin", "Renske", "Yvonne",
    "Jan", "Pieter", "Daan", "Sem", "Lucas", "Bram", "Thijs", "Jeroen", "Maarten", "Sander",
    "Kees", "Henk", "Gerrit", "Wim", "Dirk", "Joost", "Ruben", "Stijn", "Jesse", "Niels",
    "Bas", "Koen", "Hans", "Arjen", "Frank", "Rob", "Martijn", "Tim", "Job", "Wouter",
    # Moroccan origin
    "Fatima", "Khadija", "Nadia", "Samira", "Latifa", "Imane", "Salma", "Yasmina", "Soufiane",
    "Mohamed", "Youssef", "Ayoub", "Hamza", "Bilal", "Mustafa", "Rachid", "Karim", "Anouar",
    # Turkish origin
    "Ayşe", "Elif", "Zeynep", "Fatma", "Emine", "Hatice", "Mehmet", "Ahmet", "Emre", "Murat",
    "Kemal", "Hüseyin", "Burak", "Serkan", "Yusuf",
    # Surinamese, Antillean and Hindustani origin
    "Shanti", "Sharmila", "Priya", "Anjali", "Rajesh", "Ravi", "Sunil", "Kishan", "Shirley",
    "Esmeralda", "Marcia", "Jerrel", "Romano", "Clarence", "Dwayne", "Jurgen", "Ruthfela",
    # other origins living in Dutch towns
    "Agnieszka", "Katarzyna", "Tomasz", "Piotr", "Ana", "Miguel", "Mei", "Wei", "Tran", "Linh",
    "Amira", "Omar", "Hassan", "Aisha", "Tesfay", "Semhar",
)

#: (tussenvoegsel, surname); the tussenvoegsel is "" when there is none.
SURNAMES = (
    ("de", "Jong"), ("", "Jansen"), ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"),
    ("", "Bakker"), ("", "Janssen"), ("", "Visser"), ("", "Smit"), ("", "Meijer"),
    ("de", "Boer"), ("", "Mulder"), ("de", "Groot"), ("", "Bos"), ("", "Vos"),
    ("", "Peters"), ("", "Hendriks"), ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"),
    ("de", "Wit"), ("", "Dijkstra"), ("", "Smits"), ("de", "Graaf"), ("van der", "Meer"),
    ("van der", "Linden"), ("", "Kok"), ("", "Jacobs"), ("de", "Haan"), ("", "Vermeulen"),
    ("van den", "Heuvel"), ("van der", "Veen"), ("van den", "Broek"), ("de", "Bruijn"),
    ("de", "Bruin"), ("van der", "Heijden"), ("", "Schouten"), ("van", "Beek"), ("", "Willems"),
    ("van", "Vliet"), ("van de", "Ven"), ("", "Hoekstra"), ("", "Maas"), ("", "Verhoeven"),
    ("", "Koster"), ("van", "Dam"), ("van der", "Wal"), ("", "Prins"), ("", "Blom"),
    ("", "Huisman"), ("'t", "Hart"), ("in 't", "Veld"), ("ter", "Horst"), ("van 't", "Hof"),
    # Moroccan origin
    ("El", "Amrani"), ("", "Bouzid"), ("El", "Idrissi"), ("", "Benali"), ("", "Ouali"),
    ("El", "Khatib"), ("", "Aziz"), ("", "Boukhari"), ("", "Chaouch"), ("", "Tahiri"),
    # Turkish origin
    ("", "Yılmaz"), ("", "Kaya"), ("", "Demir"), ("", "Şahin"), ("", "Çelik"),
    ("", "Yıldız"), ("", "Öztürk"), ("", "Aydın"), ("", "Arslan"), ("", "Doğan"),
    # Surinamese, Antillean and Hindustani origin
    ("", "Ramdin"), ("", "Jagesar"), ("", "Sewnarain"), ("", "Kromodikromo"), ("", "Pinas"),
    ("", "Koendjbiharie"), ("", "Martina"), ("", "Doelwijt"), ("", "Wijngaarde"), ("", "Sno"),
    # other origins
    ("", "Kowalski"), ("", "Nowak"), ("", "Nguyen"), ("", "Chen"), ("", "Fernandes"),
    ("", "Haile"), ("", "Mohammadi"),
)

#: Public pseudonyms some residents choose instead of a first name and initial.
NICKNAMES = (
    "Buurtgenoot", "Fietser", "Tuinier", "Hondenuitlater", "Marktganger", "Vrijwilliger",
    "Molenaar", "Havenmeester", "Boekenwurm", "Wandelaar", "Koorzanger", "Voetbalmoeder",
    "Buurtvader", "Stadsimker", "Kaaskenner", "Pleinbewoner", "Straatvegertje", "Zwemmer",
    "Schaker", "Oudgediende",
)
# fmt: on
