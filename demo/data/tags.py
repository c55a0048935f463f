"""The shared tag vocabulary (one django-taggit vocabulary for every page type).

Pages may only use tags listed here, so that the vocabulary stays small and each tag page
gathers content from several pages, and from both communities where the sources allow."""

TAGS = [
    # Shared by Ségou and Kayes content.
    "partage d'expériences",
    "plan de pérennisation",
    "webinaire",
    "candidates",
    "leadership féminin",
    "loi 052",
    # Child marriage and harmful practices.
    "mariage d'enfants",
    "pratiques traditionnelles néfastes",
    "conventions d'abandon",
    # Awareness.
    "murs d'expression",
    "milieu scolaire",
    "veille médiatique",
    # Economic empowerment and crises.
    "AVEC (VSLA)",
    "AGR",
    "accès au marché",
    "COVID-19",
    "hygiène",
    "She Leads in Crisis",
    # Security.
    "CCS",
    "police de proximité",
    "jeunes",
    "droits humains",
    # Migration.
    "Kafamuya",
    "personnes migrantes",
    "personnes déplacées internes",
    "traite des êtres humains",
    "groupes de parole",
    "cartographie des acteurs",
    # Projects and programmes.
    "VLF-Musoya",
    "PROSMED",
]
