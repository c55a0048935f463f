"""Practices: what an organisation (or the member organisations of a CdP) did, never a
person's case. ``organization`` is the slug of the organisation that carried it out: the
practice lives under its page (so that its members can edit it); None would put it under
"Pratiques".
Fields the texts say nothing about are left empty rather than invented."""

import datetime

from demo.text import bold, figure, p, rich, ul

PRACTICES = [
    {
        "slug": "murs-d-expressions-artistiques",
        "organization": "aprofem",
        "title": (
            "Deux murs d'expressions artistiques contre les violences faites aux femmes et aux "
            "filles"
        ),
        "summary": (
            "À Ségou, la communauté de pratique portée par l'ONG APROFEM a réalisé deux murs "
            "d'expressions artistiques pour sensibiliser aux violences faites aux femmes et aux "
            "filles : au moins 40 organisations, environ 2\u00a0000 festivaliers et environ 1\u00a0000 "
            "scolaires ont été touchés."
        ),
        "problem": rich(
            p(
                "Faire connaître les violences faites aux femmes et aux filles au-delà des "
                "organisations spécialisées : auprès d'autres organisations, du public des "
                "festivals et des élèves."
            ),
        ),
        "context": rich(
            p(
                "Action de la communauté de pratique de Ségou (projet VLF-Musoya), l'un des "
                "résultats de la CdP depuis sa création en février 2021 avec l'accompagnement de "
                "la DRPFEF de Ségou."
            ),
        ),
        "places": "Ségou",
        "approach": rich(
            p(
                "Réaliser à Ségou deux murs d'expressions artistiques consacrés aux violences "
                "faites aux femmes et aux filles, et s'en servir comme supports de sensibilisation "
                "auprès de trois publics : les organisations, les festivaliers et les scolaires."
            ),
        ),
        "results": rich(
            ul(
                [
                    "la sensibilisation d'au moins 40 organisations sur les violences faites aux "
                    "femmes et aux filles ;",
                    "environ 2\u00a0000 festivaliers touchés et sensibilisés par les murs d'expressions "
                    "artistiques ;",
                    "environ 1\u00a0000 scolaires touchés et sensibilisés.",
                ]
            ),
            p(
                "Effet observé par la CdP : une amélioration des connaissances sur les violences "
                "faites aux femmes et aux filles grâce aux deux murs."
            ),
        ),
        "result_figures": [
            figure("2", "murs d'expressions artistiques à Ségou"),
            figure("40", "organisations sensibilisées, au moins"),
            figure("2\u00a0000", "festivaliers touchés, environ"),
            figure("1\u00a0000", "scolaires touchés, environ"),
        ],
        "target_groups": "Organisations, festivaliers, scolaires",
        "period_start": None,
        "period_end": None,
        "communities": ["segou"],
        "themes": ["sensibilisation", "violences-basees-sur-le-genre"],
        "tags": ["murs d'expression", "milieu scolaire", "VLF-Musoya"],
        "related_tools": [],
        "image": "murs-d-expressions-artistiques.png",
    },
    {
        "slug": "conventions-d-abandon-des-pratiques-nefastes",
        "organization": "aprofem",
        "title": "Conventions d'abandon des pratiques traditionnelles néfastes",
        "summary": (
            "Stratégie partagée par les organisations membres de la CdP de Ségou au cadre de "
            "concertation sur le mariage d'enfants : la signature de conventions d'abandon des "
            "pratiques traditionnelles néfastes. La CdP observe une augmentation des cas "
            "d'abandon dans la région."
        ),
        "problem": rich(
            p(
                "Le mariage d'enfants et les autres pratiques traditionnelles néfastes sont des "
                "pratiques coutumières qui portent atteinte aux droits et à la santé des filles "
                "et des femmes."
            ),
        ),
        "context": rich(
            p(
                "Environ 41 participants des organisations membres de la CdP de Ségou ont "
                "échangé leurs expériences des stratégies d'abandon au cadre de concertation sur "
                "le mariage d'enfants."
            ),
        ),
        "places": "Région de Ségou",
        "approach": rich(
            p(
                "Obtenir l'engagement collectif d'abandonner les pratiques traditionnelles "
                "néfastes par la signature de conventions d'abandon, et partager entre "
                "organisations membres ce qui a marché."
            ),
        ),
        "results": rich(
            ul(
                [
                    "renforcement des capacités des organisations membres des CdP sur les stratégies "
                    "d'abandon des pratiques traditionnelles néfastes ;",
                    "augmentation des cas d'abandon des pratiques traditionnelles néfastes dans la "
                    "région de Ségou.",
                ]
            ),
        ),
        "result_figures": [figure("41", "participants au cadre de concertation, environ")],
        "target_groups": "",
        "period_start": None,
        "period_end": None,
        "communities": ["segou"],
        "themes": ["mariage-d-enfants"],
        "tags": [
            "conventions d'abandon",
            "pratiques traditionnelles néfastes",
            "mariage d'enfants",
            "partage d'expériences",
        ],
        "related_tools": ["fiche-animer-une-cdp"],
        "image": None,
    },
    {
        "slug": "autonomisation-financiere-des-femmes",
        "organization": "aprofem",
        "title": "Autonomisation financière des femmes pour accroître leur participation",
        "summary": (
            "Stratégies d'autonomisation financière des femmes partagées par les organisations "
            "membres de la CdP de Ségou au cadre de concertation sur la participation et la "
            "représentativité des femmes (35 participants). La CdP observe davantage "
            "d'activités génératrices de revenus et de femmes engagées dans la région."
        ),
        "problem": rich(
            p(
                "Accroître la participation des femmes à la vie active et leur représentativité, "
                "en commençant par leur autonomie financière."
            ),
        ),
        "context": rich(
            p(
                "35 participants des organisations membres de la CdP de Ségou ont échangé leurs "
                "expériences au cadre de concertation sur la participation et la "
                "représentativité des femmes."
            ),
        ),
        "places": "Région de Ségou",
        "approach": rich(
            p(
                "Partager entre organisations membres les stratégies d'autonomisation financière "
                "des femmes, notamment les activités génératrices de revenus (AGR), en vue "
                "d'accroître leur participation à la vie active et leur représentativité."
            ),
        ),
        "results": rich(
            ul(
                [
                    "augmentation des activités génératrices de revenus dans la région par les "
                    "organisations membres ;",
                    "amélioration des connaissances sur la participation politique des femmes ;",
                    "augmentation du nombre de femmes engagées dans la région de Ségou à travers les "
                    "organisations membres des CdP.",
                ]
            ),
        ),
        "result_figures": [figure("35", "participants au cadre de concertation")],
        "target_groups": "Femmes de la région de Ségou",
        "period_start": None,
        "period_end": None,
        "communities": ["segou"],
        "themes": ["autonomisation-economique", "participation-politique-des-femmes"],
        "tags": ["AGR", "leadership féminin", "partage d'expériences"],
        "related_tools": [],
        "image": None,
    },
    {
        "slug": "comite-de-veille-mediatique",
        "organization": "aprofem",
        "title": "Un comité de veille médiatique pour accompagner les potentielles candidates",
        "summary": (
            "Mis en place lors de la visite d'échange entre les CdP de Ségou et de Kayes, un "
            "comité de veille médiatique de 8 membres assure le coaching des potentielles "
            "candidates des deux régions, désormais identifiées."
        ),
        "problem": rich(
            p(
                "Accroître la participation politique et la représentativité des femmes, que la "
                "loi 052 promeut dans l'accès aux fonctions nominatives et électives."
            ),
        ),
        "context": rich(
            p(
                "La visite d'échange entre les communautés de pratique de Ségou et de Kayes a "
                "débouché sur des engagements communs des deux CdP, dont la création du comité."
            ),
        ),
        "places": "Région de Ségou, région de Kayes",
        "approach": rich(
            ul(
                [
                    "identifier les potentielles candidates à Ségou et à Kayes ;",
                    "mettre en place un comité de veille médiatique de 8 membres ;",
                    "assurer leur coaching par ce comité.",
                ]
            ),
        ),
        "results": rich(
            p(
                "Le comité de 8 membres est en place et des potentielles candidates sont connues "
                "à Ségou et à Kayes."
            ),
        ),
        "result_figures": [
            figure("8", "membres du comité de veille médiatique"),
            figure("2", "régions couvertes : Ségou et Kayes"),
        ],
        "target_groups": "Potentielles candidates des régions de Ségou et de Kayes",
        "period_start": None,
        "period_end": None,
        "communities": ["segou", "kayes"],
        "themes": ["participation-politique-des-femmes"],
        "tags": ["veille médiatique", "candidates", "loi 052", "leadership féminin"],
        "related_tools": [],
        "image": None,
    },
    {
        "slug": "echanges-entre-cdp-segou-et-kayes",
        "organization": "aprofem",
        "title": "Visite d'échange et webinaires semestriels entre les CdP de Ségou et de Kayes",
        "summary": (
            "La visite d'échange entre les communautés de pratique de Ségou et de Kayes a "
            "produit deux plans de pérennisation, un mécanisme de suivi conjoint de ces plans "
            "par les organisations lead et des rencontres d'échanges semestrielles par "
            "webinaire."
        ),
        "problem": rich(
            p(
                "Faire durer deux communautés de pratique au-delà des activités d'un projet, et "
                "permettre à leurs membres d'apprendre les uns des autres d'une région à l'autre."
            ),
        ),
        "context": rich(
            p(
                "Cinquième grand résultat de la CdP de Ségou après ses trois cadres de "
                "concertation et ses deux murs d'expressions artistiques."
            ),
        ),
        "places": "Ségou, Kayes",
        "approach": rich(
            p("Une visite d'échange entre les deux communautés, puis :"),
            ul(
                [
                    "l'élaboration d'un plan de pérennisation par communauté ;",
                    "des propositions de solutions et d'activités pour mieux partager l'expérience "
                    "entre communautés de pratique ;",
                    "des rencontres d'échanges semestrielles par webinaire ;",
                    "un suivi conjoint des deux plans par les organisations lead de Ségou et de "
                    "Kayes.",
                ]
            ),
        ),
        "results": rich(
            ul(
                [
                    "deux plans de pérennisation élaborés, pour Ségou et pour Kayes ;",
                    "un comité de veille médiatique de 8 membres pour le coaching des potentielles "
                    "candidates, qui sont désormais connues ;",
                    "des engagements des communautés de pratique pour la défense des droits des "
                    "femmes et des filles à Ségou et à Kayes ;",
                    "une meilleure appropriation de la communauté de pratique par ses membres.",
                ]
            ),
        ),
        "result_figures": [
            figure("2", "plans de pérennisation élaborés"),
            figure("2", "webinaires d'échanges par an (rythme semestriel)"),
            figure("8", "membres du comité de veille médiatique"),
        ],
        "target_groups": "Organisations membres et organisations lead des CdP de Ségou et de Kayes",
        "period_start": None,
        "period_end": None,
        "communities": ["segou", "kayes"],
        "themes": ["vie-des-communautes-de-pratique"],
        "tags": ["plan de pérennisation", "webinaire", "partage d'expériences"],
        "related_tools": ["canevas-plan-de-perennisation", "fiche-animer-une-cdp"],
        "image": None,
    },
    {
        "slug": "avec-vsla-face-aux-crises",
        "organization": "care-mali",
        "title": (
            "Les groupes AVEC (VSLA) face aux crises : gestion adaptative et nouvelles activités"
        ),
        "summary": (
            "Avec l'appui de CARE et d'autres intervenants, les groupes d'épargne et de crédit "
            "VSLA (AVEC) ont, dans la majorité des cas, transformé la crise en opportunité par "
            "une gestion adaptative : masques, savon à base de produits locaux, mise en "
            "relation avec les marchés national et régional."
        ),
        "problem": rich(
            p(
                "Depuis quelques années, le Mali traverse une multitude de crises : insécurité et "
                "effets du changement climatique, exacerbés par la COVID-19 puis par la crise "
                "économique née du conflit entre l'Ukraine et la Russie. Ces crises ont amplifié "
                "les vulnérabilités préexistantes et accru les besoins humanitaires."
            ),
        ),
        "context": rich(
            p(
                "Pratique présentée par CARE Mali à l'atelier national She Leads in Crisis, le 13 "
                "juillet 2023 à l'hôtel Sarata de Ségou, forum sur le renforcement de la voix des "
                "femmes dans la défense de leurs droits pour maintenir leur autonomisation "
                "sociopolitique et économique en temps de crise."
            ),
        ),
        "places": "",
        "approach": rich(
            p(
                "Une gestion adaptative des groupes, soutenue par CARE et d'autres intervenants, "
                "et des activités stratégiques aux résultats probants, parmi beaucoup d'autres :"
            ),
            ul(
                [
                    "la fabrication et la vente de masques ;",
                    "la fabrication de savons à base de produits locaux pour le lavage des mains ;",
                    rich(
                        "la mise en relation avec les marchés national et régional grâce au "
                        "programme ",
                        bold("SUGU YIRIWA"),
                        ".",
                    ),
                ]
            ),
        ),
        "results": rich(
            p(
                "Selon le directeur pays de CARE Mali, les groupes VSLA ont pu, dans la majorité "
                "des cas, maintenir et renforcer leur activité économique et surtout apporter un "
                "appui substantiel à leurs ménages et à leurs communautés pour tenir face aux "
                "chocs."
            ),
        ),
        "result_figures": [],
        "lessons_learned": rich(
            p(
                "Pour les organisateurs, l'enjeu est de faire de ces avancées un levier pour "
                "changer le regard de la société malienne sur les femmes et mieux faire entendre "
                "leur voix dans la prévention et la gestion des crises à venir :"
            ),
            ul(
                [
                    "faire reconnaître le rôle des femmes en produisant des preuves solides de leurs "
                    "contributions positives à l'adaptation aux crises et à leur atténuation ;",
                    "mobiliser un soutien accru aux femmes pour étendre ces contributions ;",
                    "renforcer leur confiance en elles et leur influence auprès des décideurs à tous "
                    "les niveaux, pour qu'elles soient davantage impliquées dans les étapes clés de "
                    "la prévention et de la gestion des crises.",
                ]
            ),
        ),
        "target_groups": (
            "Femmes membres des groupes AVEC (VSLA), leurs ménages et leurs communautés"
        ),
        "period_start": None,
        "period_end": None,
        "communities": ["segou"],
        "themes": ["autonomisation-economique", "leadership-des-femmes-dans-les-crises"],
        "tags": [
            "AVEC (VSLA)",
            "AGR",
            "COVID-19",
            "hygiène",
            "accès au marché",
            "She Leads in Crisis",
        ],
        "related_tools": ["feuille-de-route-plaidoyer-she-leads-in-crisis"],
        "image": "avec-vsla.png",
    },
    {
        "slug": "ccs-securite-sensible-au-genre",
        "organization": "pnud",
        "title": (
            "Former les comités consultatifs de sécurité communaux à une sécurité sensible au genre"
        ),
        "summary": (
            "Du 26 mai au 4 juin 2025, au Centre Korè de Ségou, le PNUD (programme PROSMED) et "
            "le CRSS ont renforcé 90 acteurs clés des comités consultatifs de sécurité "
            "communaux en trois sessions : prévention et police de proximité, coproduction de "
            "la sécurité sensible au genre, droits humains et prévention des VBG."
        ),
        "problem": rich(
            p(
                "Face à l'évolution des menaces sécuritaires au Mali, il faut restaurer la "
                "confiance entre les populations et les forces de défense et de sécurité."
            ),
        ),
        "context": rich(
            p(
                "Depuis la création des comités consultatifs de sécurité (CCS) en 2019 par le "
                "décret 041, le CRSS et son partenaire le PNUD s'emploient à instaurer une "
                "gouvernance inclusive et participative de la sécurité. Piliers du processus de "
                "réforme du secteur de la sécurité (RSS), les CCS permettent aux communautés "
                "locales d'identifier les défis sécuritaires et de formuler des recommandations "
                "concrètes aux autorités locales, régionales et nationales."
            ),
        ),
        "places": (
            "Ségou, Gao, Markala, Niono, Macina, Saye, Koutiala, Yorosso, San, Tominian, "
            "Bla, Timissa, Mopti, Djenné, Sio, Konna, Koro, Bankass, Bandiagara"
        ),
        "approach": rich(
            p(
                "Trois ateliers de renforcement des capacités au Centre Korè de Ségou, pour les "
                "acteurs clés des CCS communaux des régions de Ségou, San, Koutiala, Mopti et "
                "Bandiagara, venus des communes soutenues par le PROSMED :"
            ),
            ul(
                [
                    "session 1 (26 au 28 mai 2025) : Ségou, Gao, Markala, Niono, Macina, Saye ;",
                    "session 2 (29 au 31 mai 2025) : Koutiala, Yorosso, San, Tominian, Bla, Timissa ;",
                    "session 3 (2 au 4 juin 2025) : Mopti, Djenné, Sio, Konna, Koro, Bankass, "
                    "Bandiagara.",
                ]
            ),
            p("Trois thématiques :"),
            ul(
                [
                    "le rôle des CCS dans la prévention de l'insécurité, notamment par l'approche de "
                    "police de proximité ;",
                    "la coproduction de la sécurité sensible au genre, avec la participation active "
                    "des femmes et des jeunes ;",
                    "la gouvernance sécuritaire inclusive et les droits humains, avec une attention "
                    "particulière à la prévention des violences basées sur le genre (VBG).",
                ]
            ),
        ),
        "results": rich(
            p(
                "90 participantes et participants outillés sur leur rôle dans l'animation des CCS "
                "communaux et dans la consolidation du lien de confiance entre citoyens et forces "
                "de sécurité. Les 25 CCS communaux opérationnels des régions ciblées s'affirment "
                "davantage comme des acteurs incontournables de la gestion intégrée des questions "
                "de sécurité et de stabilité locales."
            ),
        ),
        "result_figures": [
            figure("90", "participantes et participants"),
            figure("3", "sessions de trois jours"),
            figure("19", "communes représentées"),
            figure("25", "CCS communaux opérationnels dans les régions ciblées"),
        ],
        "lessons_learned": rich(
            p(
                "Une dynamique à poursuivre : ces ateliers prolongent les efforts du CRSS, avec "
                "l'appui du PNUD, pour faire des CCS des espaces de dialogue efficaces, capables "
                "de répondre aux préoccupations sécuritaires locales et de contribuer à une paix "
                "durable."
            ),
        ),
        "target_groups": (
            "Membres des CCS communaux : élus, représentants des jeunes et des "
            "femmes, leaders communautaires, forces de sécurité"
        ),
        "period_start": datetime.date(2025, 5, 26),
        "period_end": datetime.date(2025, 6, 4),
        "communities": ["segou"],
        "themes": ["securite-sensible-au-genre", "violences-basees-sur-le-genre"],
        "tags": ["CCS", "police de proximité", "jeunes", "droits humains", "PROSMED"],
        "related_tools": [],
        "image": None,
    },
    {
        "slug": "projet-kafamuya",
        "organization": "cisp",
        "title": (
            "Projet Kafamuya : droits et protection des personnes migrantes, avec un focus sur le "
            "genre"
        ),
        "summary": (
            "Cofinancé par l'Union européenne et mis en œuvre par le CISP avec quatre "
            "organisations de la société civile, le projet Kafamuya, lancé le 10 mars 2022 pour "
            "deux ans, défend les droits des communautés migrantes à Bamako et à Mopti, en "
            "mettant en lumière la situation des femmes, et met en place un réseau de plaidoyer."
        ),
        "problem": rich(
            p(
                "La migration reste au Mali un sujet d'actualité, car les conditions sont "
                "inchangées. Les femmes y sont en grande précarité pour des raisons liées au "
                "contexte social et politique : elles forment la communauté migrante la plus "
                "vulnérable, exposée à toutes sortes de dangers, notamment la traite des êtres "
                "humains."
            ),
            p(
                "Le projet met en lumière la situation des personnes les plus vulnérables au sein "
                "de la migration : les femmes prises au piège de la traite des êtres humains ou "
                "contraintes au travail du sexe, et les minorités."
            ),
            p(
                "« Femmes et migrantes », elles sont doublement discriminées et soumises à de "
                "nombreuses violences basées sur le genre : viols, grossesses non désirées, "
                "avortements mortels, infections sexuellement transmissibles dont le VIH/sida. "
                "Leur statut les prive de tout moyen de porter plainte et, sans soutien, elles ont "
                "très peu de chances de sortir de ce cercle de la violence."
            ),
        ),
        "context": rich(
            p(
                "Lancé officiellement le jeudi 10 mars 2022 à l'hôtel Onomo de Bamako, dans le "
                "cadre de la commémoration de la Journée internationale des droits des femmes. "
                "La cérémonie d'ouverture était présidée par le représentant de la Délégation de "
                "l'Union européenne au Mali, la représentante pays du CISP et le représentant du "
                "ministère des Maliens de l'Extérieur et de l'Intégration Africaine ; elle était "
                "modérée par le président de l'AMSODE."
            ),
            p(
                "Selon le représentant de l'Union européenne, « ce projet a été validé par la "
                "qualité et la pertinence de l'action proposée » : les femmes sont, dans ce "
                "contexte migratoire, particulièrement susceptibles de devenir victimes d'abus et "
                "de violences."
            ),
            p(
                "Les zones d'intervention suivent les lieux de transit : les migrants transitent "
                "essentiellement par les 6 communes de Bamako et ses quatre camps de personnes "
                "déplacées internes, et à Mopti par quatre camps, dont 3 à Sévaré et 1 à Mopti."
            ),
        ),
        "places": "Bamako (6 communes), Mopti, Sévaré",
        "approach": rich(
            p(
                "Le CISP exécute le projet avec quatre organisations de la société civile : "
                "l'Association Malienne pour la Solidarité et le Développement (AMSODE), "
                "l'Association Tilé Coura (ATC), l'Association des Refoulés d'Afrique Centrale au "
                "Mali (ARACEM) et la Coalition Anti Sida (CAS)."
            ),
            p(
                "Le projet veille à la prise en charge et à l'intégration des personnes ciblées et "
                "met en place un réseau de plaidoyer à Bamako et à Mopti. Actions prévues :"
            ),
            ul(
                [
                    "la réalisation d'un film documentaire ;",
                    "une résidence d'artiste sur l'intersectionnalité des différents combats ;",
                    "un atelier « Paroles de Migrantes » ;",
                    "la création d'un blog et d'une cartographie interactive des acteurs de la "
                    "migration ;",
                    "l'octroi de subventions en cascade à des organisations de la société civile "
                    "qui défendent les droits humains autour de la migration ;",
                    "la formation au groupe de parole thérapeutique sur le thème « Genre et "
                    "migration » ;",
                    "le monitoring des violations des droits humains ;",
                    "le travail thérapeutique de réseau.",
                ]
            ),
            p(
                "Selon la représentante pays du CISP, 8 tables rondes et 2 grandes rencontres "
                "autour de différents thèmes de la migration sont prévues, et le programme se "
                "clôturera avec tous les outils de sensibilisation auprès des personnes ciblées."
            ),
        ),
        "results": "",
        "result_figures": [
            figure("8", "tables rondes prévues"),
            figure("2", "grandes rencontres prévues"),
            figure("5", "organisations de mise en œuvre (CISP et 4 associations)"),
            figure("2 ans", "durée prévue du projet"),
        ],
        "target_groups": (
            "Réfugiés, demandeurs d'asile, personnes déplacées internes et "
            "migrants, bénéficiaires et principaux acteurs du projet, en "
            "particulier les femmes"
        ),
        "period_start": datetime.date(2022, 3, 10),
        "period_end": None,
        "communities": [],
        "themes": ["migration-et-genre", "violences-basees-sur-le-genre", "plaidoyer"],
        "tags": [
            "Kafamuya",
            "personnes migrantes",
            "personnes déplacées internes",
            "traite des êtres humains",
            "droits humains",
        ],
        "related_tools": [
            "film-documentaire-kafamuya",
            "blog-kafamuya",
            "cartographie-des-acteurs-de-la-migration",
            "groupes-de-parole-therapeutiques",
        ],
        "image": None,
    },
]

PRACTICE_SLUGS = [practice["slug"] for practice in PRACTICES]
