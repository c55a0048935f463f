"""The three concertation frames animated by the Ségou CdP, with their participant figures.
Their sessions are meetings (events app); the frames state the figures the CdP reported."""

from demo.text import heading, p, paragraph, rich, ul

FRAMES = [
    {
        "slug": "mariage-d-enfants",
        "title": "Mariage d'enfants",
        "theme": "mariage-d-enfants",
        "themes": ["mariage-d-enfants", "vie-des-communautes-de-pratique"],
        "communities": ["segou"],
        "tags": [
            "mariage d'enfants",
            "pratiques traditionnelles néfastes",
            "conventions d'abandon",
            "partage d'expériences",
        ],
        "participant_count": 41,
        "summary": (
            "Cadre de concertation de la CdP de Ségou sur le mariage d'enfants : environ 41 "
            "participants des organisations membres y ont échangé leurs expériences des "
            "stratégies d'abandon des pratiques traditionnelles néfastes, notamment la "
            "signature de conventions d'abandon."
        ),
        "objectives": rich(
            p(
                "Échanger et partager les expériences des organisations membres de la CdP sur les "
                "stratégies d'abandon des pratiques traditionnelles néfastes, au premier rang "
                "desquelles le mariage d'enfants, c'est-à-dire toute union dont au moins un des "
                "conjoints a moins de 18 ans."
            ),
        ),
        "strategies": rich(
            ul(
                [
                    "La signature de conventions d'abandon des pratiques traditionnelles néfastes.",
                    "Le partage d'expériences entre organisations membres sur les stratégies "
                    "d'abandon qui ont donné des résultats.",
                ]
            ),
        ),
        "body": [
            heading("Effets observés"),
            paragraph(
                ul(
                    [
                        "Renforcement des capacités des organisations membres des CdP sur les stratégies "
                        "d'abandon des pratiques traditionnelles néfastes.",
                        "Augmentation des cas d'abandon des pratiques traditionnelles néfastes dans la "
                        "région de Ségou.",
                    ]
                )
            ),
        ],
        "related_practices": ["conventions-d-abandon-des-pratiques-nefastes"],
        "related_tools": ["fiche-animer-une-cdp"],
    },
    {
        "slug": "participation-et-representativite-des-femmes",
        "title": "Participation et représentativité des femmes",
        "theme": "participation-politique-des-femmes",
        "themes": ["participation-politique-des-femmes", "autonomisation-economique"],
        "communities": ["segou"],
        "tags": ["AGR", "leadership féminin", "candidates", "partage d'expériences"],
        "participant_count": 35,
        "summary": (
            "Cadre de concertation de la CdP de Ségou sur la participation et la "
            "représentativité des femmes : 35 participants des organisations membres y ont "
            "partagé leurs stratégies d'autonomisation financière des femmes, pour accroître "
            "leur participation à la vie active et leur représentativité."
        ),
        "objectives": rich(
            p(
                "Échanger et partager les expériences des organisations membres sur les "
                "stratégies d'autonomisation financière des femmes, en vue d'accroître leur "
                "participation à la vie active et leur représentativité."
            ),
        ),
        "strategies": rich(
            ul(
                [
                    "Les stratégies d'autonomisation financière des femmes, pour accroître leur "
                    "participation à la vie active et leur représentativité.",
                    "Les activités génératrices de revenus (AGR) portées par les organisations "
                    "membres.",
                ]
            ),
        ),
        "body": [
            heading("Effets observés"),
            paragraph(
                ul(
                    [
                        "Augmentation des activités génératrices de revenus dans la région par les "
                        "organisations membres.",
                        "Amélioration des connaissances sur la participation politique des femmes.",
                        "Augmentation du nombre de femmes engagées dans la région de Ségou à travers "
                        "les organisations membres des CdP.",
                    ]
                )
            ),
        ],
        "related_practices": [
            "autonomisation-financiere-des-femmes",
            "comite-de-veille-mediatique",
        ],
        "related_tools": [],
    },
    {
        "slug": "application-de-la-loi-052",
        "title": "Application de la loi 052",
        "theme": "participation-politique-des-femmes",
        "themes": ["participation-politique-des-femmes"],
        "communities": ["segou"],
        "tags": ["loi 052", "candidates", "leadership féminin"],
        "participant_count": 38,
        "summary": (
            "Cadre de concertation de la CdP de Ségou sur l'application de la loi 052 : 38 "
            "participants des structures et organisations membres y ont partagé leurs "
            "connaissances sur les difficultés d'application de la loi et ses conséquences sur "
            "la vie des femmes."
        ),
        "objectives": rich(
            p(
                "Partager les connaissances sur la problématique de l'application de la loi 052 "
                "et ses conséquences sur la vie des femmes de façon spécifique."
            ),
            p(
                "La loi n° 2015-052 du 18 décembre 2015 institue des mesures pour promouvoir le "
                "genre dans l'accès aux fonctions nominatives et électives."
            ),
        ),
        "strategies": rich(
            ul(
                [
                    "Le partage de connaissances entre les structures et organisations membres "
                    "sur l'application de la loi 052.",
                    "L'analyse de ses conséquences sur la vie des femmes.",
                ]
            ),
        ),
        "body": [
            heading("Effets observés"),
            paragraph(
                ul(
                    [
                        "Renforcement des capacités des organisations membres sur la loi 052.",
                        "Amélioration des connaissances sur la participation politique des femmes.",
                    ]
                )
            ),
            paragraph(
                p(
                    "Depuis la visite d'échange entre les CdP de Ségou et de Kayes, un "
                    "comité de veille médiatique de 8 membres assure le coaching de "
                    "potentielles candidates dans les deux régions."
                )
            ),
        ],
        "related_practices": ["comite-de-veille-mediatique"],
        "related_tools": [],
    },
]

FRAME_SLUGS = [frame["slug"] for frame in FRAMES]
