"""Tools and models. Each tool's ``outline`` is written both into the page (description) and
into the downloadable files generated at load time; ``file_extra`` goes into the files only
(the blank tables of a template). ``organization`` is the slug of the organisation that made
the tool: the tool lives under its page (so that its members can edit it); None would put it in
the coordination's own library ("Outils et modèles"). Tools the Kafamuya project announced at
its launch are described as planned: their file is a presentation sheet, not the tool itself."""

from demo.data.communities import CDP_OBJECTIVES, CDP_WAY_OF_WORKING, EFFECTS_OBSERVED

KAFAMUYA_CONTEXT = (
    "Outil prévu par le projet Kafamuya (protection et défense des droits des communautés "
    "migrantes, avec un focus sur le genre), annoncé lors de son lancement le 10 mars 2022 à "
    "Bamako. Le projet est cofinancé par l'Union européenne et mis en œuvre par le CISP avec "
    "l'AMSODE, l'Association Tilé Coura, l'ARACEM et la Coalition Anti Sida, à Bamako et à "
    "Mopti, pour une durée de deux ans."
)
KAFAMUYA_NOTE = (
    "Cette fiche présente l'outil tel qu'il a été annoncé ; elle sera remplacée par l'outil "
    "lui-même quand le projet le publiera."
)

TOOLS = [
    {
        "slug": "fiche-animer-une-cdp",
        "organization": "aprofem",
        "title": "Animer une communauté de pratique pour les droits des femmes et des filles",
        "kind": "fact_sheet",
        "summary": (
            "Fiche pratique : ce qu'est une communauté de pratique (CdP), ses objectifs, ses "
            "quatre modes de fonctionnement et ce que la CdP de Ségou en a retiré depuis 2021, "
            "pour les organisations qui veulent en animer une."
        ),
        "audience": "Organisations membres et organisations lead des communautés de pratique",
        "year": None,
        "licence": "cc-by",
        "languages": ["fr"],
        "communities": ["segou", "kayes"],
        "themes": ["vie-des-communautes-de-pratique"],
        "tags": ["partage d'expériences", "plan de pérennisation", "VLF-Musoya"],
        "outline": [
            ("h", "Qu'est-ce qu'une communauté de pratique ?"),
            (
                "p",
                "Les communautés de pratique sont des groupes de personnes qui se rassemblent "
                "afin de partager et d'apprendre les uns des autres, face à face ou "
                "virtuellement. Elles sont tenues ensemble par un intérêt commun dans un champ "
                "de savoir et conduites par le désir et le besoin de partager des problèmes, "
                "des expériences, des modèles, des outils et les meilleures pratiques.",
            ),
            (
                "p",
                "Dans la région de Ségou, la CdP pour la défense des droits des femmes et des "
                "filles est née en février 2021, à l'initiative du projet VLF-Musoya à travers "
                "l'ONG APROFEM, avec l'accompagnement de la DRPFEF de Ségou. Elle vise à lutter "
                "contre les violences basées sur le genre et à promouvoir l'égalité "
                "femme/homme et l'autonomisation des femmes.",
            ),
            ("h", "Objectifs"),
            ("ul", CDP_OBJECTIVES),
            ("h", "Mode de fonctionnement"),
            ("ul", CDP_WAY_OF_WORKING),
            (
                "p",
                "La CdP anime en outre des cadres de concertation thématiques : à Ségou, sur "
                "le mariage d'enfants (environ 41 participants), sur la participation et la "
                "représentativité des femmes (35 participants) et sur l'application de la loi "
                "052 (38 participants).",
            ),
            ("h", "Pour durer : échanger avec d'autres communautés"),
            (
                "p",
                "La visite d'échange entre les CdP de Ségou et de Kayes a produit deux plans "
                "de pérennisation, un suivi conjoint de ces plans par les organisations lead, "
                "des rencontres d'échanges semestrielles par webinaire et un comité de veille "
                "médiatique de 8 membres pour le coaching des potentielles candidates.",
            ),
            ("h", "Les effets observés à Ségou"),
            ("ul", EFFECTS_OBSERVED),
        ],
        "file_extra": [],
        "formats": ["docx", "odt"],
        "image": None,
    },
    {
        "slug": "canevas-plan-de-perennisation",
        "organization": "aprofem",
        "title": "Canevas de plan de pérennisation d'une communauté de pratique",
        "kind": "template",
        "summary": (
            "Canevas à remplir pour rédiger et suivre le plan de pérennisation d'une CdP, sur le "
            "modèle des deux plans élaborés lors de la visite d'échange entre Ségou et Kayes : "
            "engagements, actions, organisations responsables, échéances, état d'avancement et "
            "suivi conjoint."
        ),
        "audience": "Organisations lead et noyaux des communautés de pratique",
        "year": None,
        "licence": "cc-by",
        "languages": ["fr"],
        "communities": ["segou", "kayes"],
        "themes": ["vie-des-communautes-de-pratique"],
        "tags": ["plan de pérennisation", "webinaire", "partage d'expériences"],
        "outline": [
            ("h", "À quoi sert un plan de pérennisation ?"),
            (
                "p",
                "Le plan de pérennisation assure la continuité des activités d'une communauté "
                "de pratique après le projet qui l'a lancée. Lors de leur visite d'échange, les "
                "CdP de Ségou et de Kayes ont chacune élaboré le leur et pris des engagements "
                "de contribution à la défense des droits des femmes et des filles.",
            ),
            ("h", "Comment le suivre"),
            (
                "ul",
                [
                    "chaque action a une organisation responsable, une échéance et un état : "
                    "ouverte, en cours, réalisée ou abandonnée ;",
                    "les organisations lead des communautés suivent les plans ensemble (suivi "
                    "conjoint) ;",
                    "les rencontres d'échanges semestrielles par webinaire sont l'occasion de faire "
                    "le point, action par action, et de noter la date de chaque mise à jour.",
                ],
            ),
        ],
        "file_extra": [
            ("h", "1. Notre communauté"),
            (
                "table",
                [
                    ["Rubrique", "À compléter"],
                    ["Région", ""],
                    ["Organisation lead", ""],
                    ["Service de l'État d'accompagnement", ""],
                    ["Date d'élaboration du plan", ""],
                ],
            ),
            ("h", "2. Nos engagements"),
            (
                "table",
                [
                    ["Engagement de la communauté", "Contribution attendue"],
                    ["", ""],
                    ["", ""],
                    ["", ""],
                ],
            ),
            ("h", "3. Les actions du plan"),
            (
                "table",
                [
                    [
                        "Action",
                        "Organisation responsable",
                        "Échéance",
                        "État",
                        "Notes de suivi datées",
                    ],
                    ["", "", "", "", ""],
                    ["", "", "", "", ""],
                    ["", "", "", "", ""],
                    ["", "", "", "", ""],
                ],
            ),
            ("h", "4. Le suivi conjoint"),
            (
                "table",
                [
                    ["Date du webinaire", "Communautés présentes", "Actions revues", "Décisions"],
                    ["", "", "", ""],
                    ["", "", "", ""],
                ],
            ),
        ],
        "formats": ["docx", "odt"],
        "image": None,
    },
    {
        "slug": "feuille-de-route-plaidoyer-she-leads-in-crisis",
        "organization": "care-mali",
        "title": "Feuille de route de plaidoyer des femmes des réseaux VSLA (She Leads in Crisis)",
        "kind": "advocacy",
        "summary": (
            "Canevas de la feuille de route de plaidoyer issue de l'atelier national She Leads "
            "in Crisis (Ségou, 13 juillet 2023) : quatre axes prioritaires identifiés avec les "
            "femmes des réseaux VSLA, plan d'action national des femmes du Mali et appel à "
            "l'action à remettre au ministère."
        ),
        "audience": "Femmes des réseaux VSLA, organisations de femmes et leurs alliés",
        "year": 2023,
        "licence": "reserved",
        "languages": ["fr"],
        "communities": ["segou"],
        "themes": ["plaidoyer", "leadership-des-femmes-dans-les-crises"],
        "tags": ["She Leads in Crisis", "AVEC (VSLA)", "leadership féminin"],
        "outline": [
            ("h", "D'où vient cette feuille de route"),
            (
                "p",
                "Le 13 juillet 2023, à l'hôtel Sarata de Ségou, CARE Mali et ses partenaires "
                "AMAPROS et ASSAFE, sous financement de CARE US, ont réuni un atelier national "
                "sur le renforcement de la voix des femmes dans la défense de leurs droits, "
                "pour maintenir leur autonomisation sociopolitique et économique en temps de "
                "crise.",
            ),
            ("h", "Objectifs de l'atelier"),
            (
                "ul",
                [
                    "identifier avec les femmes des différentes régions les priorités de plaidoyer, "
                    "pour doter la nouvelle région d'une feuille de route ;",
                    "élaborer le plan d'action national des femmes du Mali issu des consultations "
                    "régionales ;",
                    "mettre à jour le document d'appel à l'action nationale, en vue de sa remise au "
                    "ministère de la Promotion de la Femme, de l'Enfant et de la Famille.",
                ],
            ),
            ("h", "Résultats attendus"),
            (
                "ul",
                [
                    "quatre (4) axes prioritaires de plaidoyer identifiés par les femmes issues des "
                    "réseaux VSLA ;",
                    "le plan d'action des femmes du Mali issu des consultations régionales ;",
                    "le document d'appel à l'action des femmes du Mali mis à jour et disponible pour "
                    "sa remise au ministère.",
                ],
            ),
            ("h", "Les alliés à mobiliser"),
            (
                "p",
                "CARE soutient la campagne She Leads in Crisis en mobilisant le réseau SGN-VSLA "
                "Mali, avec la participation stratégique d'alliés : la plateforme "
                "d'organisations nationales et internationales utilisatrices du modèle VSLA ou "
                "de services additionnels autour du modèle, le réseau des hommes engagés et "
                "diverses faîtières qui œuvrent pour la promotion et la défense des droits de "
                "la femme.",
            ),
            ("h", "Le but"),
            (
                "p",
                "Éveiller les capacités d'influence des femmes, renforcer les aptitudes des "
                "femmes VSLA et des autres organisations de femmes, y compris celles "
                "bénéficiaires de WLiE, et soutenir la participation politique des femmes et "
                "de leurs alliés auprès des décideurs, pour que leur rôle soit reconnu et "
                "valorisé à chaque phase de la gestion des crises et que leur leadership et "
                "leur représentativité grandissent.",
            ),
        ],
        "file_extra": [
            ("h", "Les quatre axes prioritaires de plaidoyer"),
            (
                "table",
                [
                    [
                        "Axe prioritaire",
                        "Décideurs visés",
                        "Actions",
                        "Alliés mobilisés",
                        "Échéance",
                    ],
                    ["Axe 1", "", "", "", ""],
                    ["Axe 2", "", "", "", ""],
                    ["Axe 3", "", "", "", ""],
                    ["Axe 4", "", "", "", ""],
                ],
            ),
        ],
        "formats": ["docx"],
        "image": None,
    },
    {
        "slug": "film-documentaire-kafamuya",
        "organization": "cisp",
        "title": "Film documentaire du projet Kafamuya",
        "kind": "audiovisual",
        "summary": (
            "Film documentaire prévu par le projet Kafamuya sur les droits des communautés "
            "migrantes au Mali, en particulier des femmes, parmi les outils de sensibilisation "
            "du projet. La fiche jointe présente l'outil tel qu'il a été annoncé en mars 2022."
        ),
        "audience": "Communautés migrantes et acteurs de la migration à Bamako et à Mopti",
        "year": 2022,
        "licence": "reserved",
        "languages": ["fr"],
        "communities": [],
        "themes": ["migration-et-genre", "sensibilisation"],
        "tags": ["Kafamuya", "personnes migrantes"],
        "outline": [
            ("h", "L'outil"),
            (
                "p",
                "La réalisation d'un film documentaire figure parmi les actions du projet "
                "Kafamuya, aux côtés d'une résidence d'artiste sur l'intersectionnalité des "
                "différents combats et d'un atelier « Paroles de Migrantes ». Le programme doit "
                "se clôturer avec tous les outils de sensibilisation auprès des personnes "
                "ciblées.",
            ),
            ("h", "Le projet"),
            ("p", KAFAMUYA_CONTEXT),
            ("p", KAFAMUYA_NOTE),
        ],
        "file_extra": [],
        "formats": ["docx"],
        "image": None,
    },
    {
        "slug": "blog-kafamuya",
        "organization": "cisp",
        "title": "Blog du projet Kafamuya",
        "kind": "other",
        "summary": (
            "Blog prévu par le projet Kafamuya pour faire connaître la situation des personnes "
            "migrantes, en particulier des femmes, et relayer le réseau de plaidoyer du projet "
            "à Bamako et à Mopti."
        ),
        "audience": "Acteurs de la migration et du plaidoyer, organisations de la société civile",
        "year": 2022,
        "licence": "reserved",
        "languages": ["fr"],
        "communities": [],
        "themes": ["migration-et-genre", "plaidoyer"],
        "tags": ["Kafamuya", "personnes migrantes"],
        "outline": [
            ("h", "L'outil"),
            (
                "p",
                "La création d'un blog est prévue avec celle d'une cartographie interactive des "
                "acteurs de la migration. Le projet met en place un réseau de plaidoyer dans "
                "ses zones d'intervention, Bamako et Mopti.",
            ),
            ("h", "Le projet"),
            ("p", KAFAMUYA_CONTEXT),
            ("p", KAFAMUYA_NOTE),
        ],
        "file_extra": [],
        "formats": ["docx"],
        "image": None,
    },
    {
        "slug": "cartographie-des-acteurs-de-la-migration",
        "organization": "cisp",
        "title": "Cartographie interactive des acteurs de la migration",
        "kind": "other",
        "summary": (
            "Carte interactive prévue par le projet Kafamuya pour repérer les acteurs de la "
            "migration à Bamako et à Mopti, dont les organisations de la société civile qui "
            "défendent les droits humains des personnes migrantes."
        ),
        "audience": "Acteurs de la migration à Bamako et à Mopti",
        "year": 2022,
        "licence": "reserved",
        "languages": ["fr"],
        "communities": [],
        "themes": ["migration-et-genre"],
        "tags": ["Kafamuya", "cartographie des acteurs", "personnes déplacées internes"],
        "outline": [
            ("h", "L'outil"),
            (
                "p",
                "La cartographie interactive des acteurs de la migration accompagne le blog du "
                "projet. Elle porte sur les zones de transit retenues : les 6 communes de "
                "Bamako et ses quatre camps de personnes déplacées internes, et quatre camps à "
                "Mopti, dont 3 à Sévaré et 1 à Mopti.",
            ),
            (
                "p",
                "Le projet prévoit aussi des subventions en cascade pour des organisations de "
                "la société civile qui défendent les droits humains autour de la migration.",
            ),
            ("h", "Le projet"),
            ("p", KAFAMUYA_CONTEXT),
            ("p", KAFAMUYA_NOTE),
        ],
        "file_extra": [],
        "formats": ["docx"],
        "image": "cartographie-des-acteurs.png",
    },
    {
        "slug": "groupes-de-parole-therapeutiques",
        "organization": "cisp",
        "title": "Formation au groupe de parole thérapeutique « Genre et migration »",
        "kind": "training",
        "summary": (
            "Module de formation prévu par le projet Kafamuya : animer des groupes de parole "
            "thérapeutiques sur le thème « Genre et migration », avec le travail thérapeutique "
            "de réseau et le monitoring des violations des droits humains."
        ),
        "audience": "Intervenantes et intervenants formés par le projet Kafamuya",
        "year": 2022,
        "licence": "reserved",
        "languages": ["fr"],
        "communities": [],
        "themes": ["migration-et-genre", "violences-basees-sur-le-genre"],
        "tags": ["Kafamuya", "groupes de parole", "traite des êtres humains", "droits humains"],
        "outline": [
            ("h", "L'outil"),
            (
                "p",
                "Le projet prévoit une formation au groupe de parole thérapeutique sur la "
                "thématique « Genre et migration », du monitoring sur la violation des droits "
                "humains et un travail thérapeutique de réseau.",
            ),
            ("h", "Pourquoi"),
            (
                "p",
                "Femmes et migrantes, les personnes ciblées sont doublement discriminées et "
                "exposées à de nombreuses violences basées sur le genre, souvent sans moyen de "
                "porter plainte du fait de leur statut ; sans soutien, elles ont très peu de "
                "chances de sortir du cercle de la violence.",
            ),
            ("h", "Le projet"),
            ("p", KAFAMUYA_CONTEXT),
            ("p", KAFAMUYA_NOTE),
        ],
        "file_extra": [],
        "formats": ["docx"],
        "image": None,
    },
]

TOOL_SLUGS = [tool["slug"] for tool in TOOLS]
