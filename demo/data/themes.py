"""The controlled list of themes (home.Theme)."""

THEMES = [
    {
        "slug": "violences-basees-sur-le-genre",
        "name": "Violences basées sur le genre (VBG)",
        "description": (
            "Prévention des violences basées sur le genre, protection et prise en charge des "
            "survivantes, coordination des acteurs et suivi des recommandations."
        ),
    },
    {
        "slug": "mariage-d-enfants",
        "name": "Mariage d'enfants et pratiques traditionnelles néfastes",
        "description": (
            "Stratégies d'abandon du mariage d'enfants et des autres pratiques traditionnelles "
            "néfastes, dont la signature de conventions d'abandon."
        ),
    },
    {
        "slug": "participation-politique-des-femmes",
        "name": "Participation et représentativité des femmes",
        "description": (
            "Participation politique des femmes, application de la loi 052 et accompagnement "
            "des femmes candidates."
        ),
    },
    {
        "slug": "autonomisation-economique",
        "name": "Autonomisation économique des femmes",
        "description": (
            "Activités génératrices de revenus, groupes d'épargne et de crédit (AVEC / VSLA), "
            "accès aux marchés."
        ),
    },
    {
        "slug": "leadership-des-femmes-dans-les-crises",
        "name": "Leadership des femmes dans les crises",
        "description": (
            "Place et voix des femmes dans la prévention et la gestion des crises (insécurité, "
            "changement climatique, épidémies, crise économique)."
        ),
    },
    {
        "slug": "securite-sensible-au-genre",
        "name": "Sécurité sensible au genre",
        "description": (
            "Coproduction de la sécurité avec les femmes et les jeunes, comités consultatifs de "
            "sécurité communaux, gouvernance sécuritaire inclusive et droits humains."
        ),
    },
    {
        "slug": "migration-et-genre",
        "name": "Migration et genre",
        "description": (
            "Droits et protection des personnes migrantes, réfugiées, demandeuses d'asile et "
            "déplacées internes, avec une attention aux femmes."
        ),
    },
    {
        "slug": "sensibilisation",
        "name": "Sensibilisation et expression artistique",
        "description": (
            "Actions qui font connaître les droits des femmes et des filles au grand nombre : "
            "murs d'expression artistique, campagnes, films, blogs."
        ),
    },
    {
        "slug": "plaidoyer",
        "name": "Plaidoyer",
        "description": (
            "Feuilles de route, appels à l'action et réseaux qui portent la voix des femmes "
            "auprès des décideurs."
        ),
    },
    {
        "slug": "vie-des-communautes-de-pratique",
        "name": "Animation et pérennisation des communautés de pratique",
        "description": (
            "Rencontres, partage d'expériences entre organisations membres, visites d'échange, "
            "plans de pérennisation et leur suivi."
        ),
    },
]

THEME_SLUGS = [theme["slug"] for theme in THEMES]
