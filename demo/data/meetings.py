"""Every gathering the sources describe, with its recommendations, and the two sustainability
plans of the Ségou–Kayes exchange visit with their actions.

Dates, places, participants and figures are those of the texts; where a text gives no date
(the concertation frames, the artistic walls, the exchange visit, the webinars), none is
invented: the meeting is recorded without a date. Statuses are what the texts state
(« est mis en place » → réalisée); without a statement an item stays « ouverte ».
"""

import datetime

from demo.data.communities import EXCHANGE_VISIT_OUTCOMES
from demo.text import link, p, paragraph, quote, rich, ul

OPEN, IN_PROGRESS, DONE = "open", "in_progress", "done"

INDEX = {
    "slug": "agenda",
    "title": "Agenda et comptes rendus",
    "introduction": rich(
        p(
            "Les rencontres des communautés de pratique et de leurs partenaires : rencontres "
            "semestrielles, réunions du noyau, cadres de concertation, ateliers, visites d'échange, "
            "webinaires, campagnes. Chaque compte rendu donne les participants, les décisions et les "
            "recommandations, dont le suivi est public."
        )
    ),
}

FOLLOW_UP = {
    "slug": "suivi-des-recommandations",
    "title": "Suivi des recommandations",
    "introduction": rich(
        p(
            "Les recommandations des rencontres et les actions des plans de pérennisation des CdP "
            "de Ségou et de Kayes, avec leur responsable, leur échéance et leur état d'avancement. "
            "Les deux plans sont suivis conjointement par les organisations lead des deux "
            "communautés."
        )
    ),
}

RESULTS = {
    "slug": "resultats",
    "title": "Résultats",
    "introduction": rich(
        p(
            "Ce que les communautés de pratique ont réuni, touché, publié et suivi, calculé à partir "
            "des comptes rendus enregistrés sur le portail."
        )
    ),
}

VBG_COMMITTEE = {
    "slug": "comite-regional-vbg-2-octobre-2025",
    "title": "Comité régional d'orientation et de suivi des questions des VBG de Ségou",
    "kind": "committee",
    "summary": (
        "Rencontre du Comité régional d'orientation et de suivi des questions des violences "
        "basées sur le genre : faire le point sur la lutte contre les VBG dans la région de "
        "Ségou, définir les actions prioritaires et orienter les stratégies locales."
    ),
    "start_date": datetime.date(2025, 10, 2),
    "venue": "Chambre des Métiers de Ségou",
    "commune": "Ségou",
    "communities": ["segou"],
    "themes": ["violences-basees-sur-le-genre"],
    "tags": [],
    "organizers": ["comite-regional-vbg-segou", "gouvernorat-segou"],
    "participating": [
        "mairie-segou",
        "prefecture-segou",
        "drpfef-segou",
        "oxfam-g-force-segou",
        "cafo",
    ],
    "other_organizations": "Points focaux VBG\nServices techniques déconcentrés de l'État\n"
    "Partenaires techniques et financiers",
    "chair_function": (
        "Conseiller aux affaires administratives et juridiques du Gouverneur de la Région de "
        "Ségou, représentant le Gouverneur"
    ),
    "chair_name": "M. Mohamed Aboubacrine Ag Mohamed Aly",
    "attendance": "\n".join(
        [
            "2e adjointe au maire de la Commune urbaine de Ségou, représentant le maire "
            "(Mme Doucouré Mariam Diallo)",
            "Sous-préfet de Katiéna, représentant le préfet du cercle de Ségou (M. Mamadou Diarra)",
            "Directeur régional de la Promotion de la Femme, de l'Enfant et de la Famille "
            "(M. Dazaly Coulibaly)",
            "Représentant du consortium Oxfam G-Force Ségou (M. Mamadou Lamine Traoré)",
            "Points focaux VBG",
            "CAFO",
            "Chefs des services techniques déconcentrés de l'État",
            "Partenaires techniques et financiers",
        ]
    ),
    "participants_total": None,
    "agenda": rich(
        ul(
            [
                "faire le point sur l'évolution de la lutte contre les violences basées sur le genre dans "
                "la région de Ségou ;",
                "définir les actions prioritaires ;",
                "orienter les stratégies locales de prévention, de protection et de prise en charge des "
                "victimes.",
            ]
        )
    ),
    "minutes": [
        paragraph(
            p(
                "Mot de bienvenue de la représentante du maire de la Commune urbaine de "
                "Ségou, qui a réaffirmé l'engagement des collectivités locales aux côtés de "
                "l'État et de ses partenaires."
            )
        ),
        quote(
            "Créer un environnement sain et protecteur où chaque femme et chaque enfant pourra "
            "vivre à l'abri de toute forme de violence basée sur le genre.",
            "Mme Doucouré Mariam Diallo",
            "2e adjointe au maire de la Commune urbaine de Ségou",
        ),
        quote(
            "Un espace d'échanges, de coordination et d'orientation stratégique indispensable "
            "pour renforcer la lutte contre les VBG.",
            "M. Mamadou Lamine Traoré",
            "Représentant du consortium Oxfam G-Force Ségou, au nom des partenaires",
        ),
        paragraph(
            p(
                "Les partenaires ont réitéré leur disponibilité à accompagner l'État malien, "
                "notamment par le financement de projets de sensibilisation, de la prise en "
                "charge des survivantes et du renforcement des capacités des acteurs "
                "locaux."
            )
        ),
        quote(
            "La nécessité d'une synergie d'actions entre l'administration, les collectivités, "
            "les organisations de la société civile et les partenaires techniques et "
            "financiers pour réduire considérablement les cas de violences.",
            "M. Mohamed Aboubacrine Ag Mohamed Aly",
            "Représentant du Gouverneur de Ségou",
        ),
        paragraph(
            p(
                "La cérémonie a été marquée par des échanges constructifs, traduisant la "
                "volonté commune de mettre fin aux violences basées sur le genre."
            )
        ),
    ],
    "decisions": rich(
        p(
            "Le représentant du Gouverneur a exhorté les points focaux et les structures présentes à "
            "assurer un suivi rigoureux des recommandations issues de la rencontre. Un appel fort a "
            "été lancé pour un engagement accru des autorités, des partenaires et de toute la "
            "communauté."
        )
    ),
    "outcomes": "",
    "sessions": [],
    "recommendations": [
        {
            "text": "Assurer un suivi rigoureux des recommandations issues de la rencontre.",
            "responsible": "comite-regional-vbg-segou",
            "responsible_other": "Points focaux VBG et structures présentes",
            "status": OPEN,
        },
        {
            "text": "Développer une synergie d'actions entre l'administration, les collectivités, "
            "les organisations de la société civile et les partenaires techniques et "
            "financiers pour réduire considérablement les cas de violences.",
            "responsible": "gouvernorat-segou",
            "status": OPEN,
        },
        {
            "text": "Définir les actions prioritaires et orienter les stratégies locales de "
            "prévention, de protection et de prise en charge des victimes.",
            "responsible": "comite-regional-vbg-segou",
            "status": OPEN,
        },
        {
            "text": "Accompagner l'État : financement de projets de sensibilisation, de la prise en "
            "charge des survivantes et du renforcement des capacités des acteurs locaux.",
            "responsible": "oxfam-g-force-segou",
            "responsible_other": "Partenaires techniques et financiers",
            "status": OPEN,
        },
        {
            "text": "Accroître l'engagement des autorités, des partenaires et de toute la "
            "communauté dans la lutte contre les VBG.",
            "responsible": None,
            "responsible_other": "Autorités, partenaires et communauté",
            "status": OPEN,
        },
    ],
}

SHE_LEADS = {
    "slug": "atelier-she-leads-in-crisis-2023",
    "title": "Atelier national « She Leads in Crisis »",
    "kind": "workshop",
    "summary": (
        "Forum sur le renforcement de la voix des femmes dans la défense de leurs droits, pour "
        "maintenir leur autonomisation sociopolitique et économique en temps de crise, avec les "
        "femmes des réseaux VSLA des différentes régions."
    ),
    "start_date": datetime.date(2023, 7, 13),
    "venue": "Salle de réunion de l'hôtel Sarata",
    "commune": "Ségou",
    "communities": ["segou"],
    "themes": ["leadership-des-femmes-dans-les-crises", "autonomisation-economique", "plaidoyer"],
    "tags": ["She Leads in Crisis", "AVEC (VSLA)", "leadership féminin"],
    "organizers": ["care-mali", "amapros", "assafe"],
    "participating": ["sgn-vsla", "care-us"],
    "other_organizations": "Plateforme d'organisations utilisatrices du modèle VSLA\n"
    "Réseau des hommes engagés\n"
    "Faîtières de promotion et de défense des droits de la femme",
    "chair_function": "",
    "chair_name": "",
    "attendance": "Femmes des réseaux VSLA des différentes régions et du district",
    "participants_total": None,
    "agenda": rich(
        ul(
            [
                "identifier avec les femmes des différentes régions les priorités de plaidoyer, pour une "
                "feuille de route de la nouvelle région ;",
                "élaborer le plan d'action national des femmes du Mali issu des consultations "
                "régionales ;",
                "mettre à jour le document d'appel à l'action nationale, en vue de sa remise au "
                "ministère de la Promotion de la Femme, de l'Enfant et de la Famille.",
            ]
        )
    ),
    "minutes": [
        paragraph(
            p(
                "Le Mali traverse une multitude de crises : insécurité, effets du changement "
                "climatique, exacerbés par la COVID-19 et par la crise économique issue du "
                "conflit entre l'Ukraine et la Russie. Elles amplifient les vulnérabilités "
                "préexistantes et les besoins humanitaires."
            )
        ),
        paragraph(
            p(
                "Selon le directeur pays, l'appui de CARE et d'autres intervenants a permis "
                "aux groupes VSLA de transformer la crise, par la gestion adaptative, en "
                "opportunité pour maintenir leur activité et soutenir leurs ménages et leurs "
                "communautés. Activités aux résultats probants :"
            ),
            ul(
                [
                    "la fabrication et la vente de masques ;",
                    "la fabrication de savon à base de produits locaux pour le lavage des mains ;",
                    "la mise en relation avec les marchés national et régional grâce au "
                    "programme SUGU YIRIWA.",
                ]
            ),
            p(
                "Voir la pratique ",
                link("avec-vsla-face-aux-crises", "les AVEC face aux crises"),
                ".",
            ),
        ),
    ],
    "decisions": rich(
        p(
            "CARE assurera un soutien stratégique à la campagne She Leads in Crisis en mobilisant le "
            "Saving Group Network VSLA Mali (SGN-VSLA), avec des alliés : plateforme d'organisations "
            "utilisatrices du modèle VSLA, réseau des hommes engagés, faîtières de défense des "
            "droits de la femme."
        )
    ),
    "outcomes": rich(
        p(
            "Une feuille de route de plaidoyer en quatre axes prioritaires, à partir des "
            "consultations des femmes des réseaux VSLA."
        )
    ),
    "sessions": [],
    "recommendations": [
        {
            "text": "Identifier avec les femmes des réseaux VSLA quatre axes prioritaires de "
            "plaidoyer et en tirer une feuille de route pour la nouvelle région.",
            "responsible": "care-mali",
            "status": OPEN,
        },
        {
            "text": "Élaborer le plan d'action national des femmes du Mali issu des consultations "
            "régionales.",
            "responsible": "care-mali",
            "status": OPEN,
        },
        {
            "text": "Mettre à jour le document d'appel à l'action des femmes du Mali et le remettre "
            "au ministère de la Promotion de la Femme, de l'Enfant et de la Famille.",
            "responsible": "care-mali",
            "status": OPEN,
        },
        {
            "text": "Mobiliser le Saving Group Network VSLA Mali (SGN-VSLA) et ses alliés en soutien "
            "stratégique à la campagne She Leads in Crisis.",
            "responsible": "sgn-vsla",
            "status": OPEN,
        },
        {
            "text": "Renforcer l'influence des femmes auprès des décideurs à tous les niveaux pour "
            "qu'elles soient davantage impliquées dans la prévention et la gestion des "
            "crises.",
            "responsible": None,
            "responsible_other": "CARE Mali, AMAPROS et ASSAFE",
            "status": OPEN,
        },
    ],
}

CCS_WORKSHOPS = {
    "slug": "ateliers-ccs-communaux-segou-2025",
    "title": "Ateliers de renforcement des capacités des CCS communaux",
    "kind": "workshop",
    "summary": (
        "Trois ateliers régionaux du PNUD (programme PROSMED) et du CRSS pour 90 acteurs clés des "
        "comités consultatifs de sécurité communaux des régions de Ségou, San, Koutiala, Mopti "
        "et Bandiagara : gouvernance sécuritaire inclusive et sensible au genre."
    ),
    "start_date": datetime.date(2025, 5, 26),
    "end_date": datetime.date(2025, 6, 4),
    "venue": "Centre Korè",
    "commune": "Ségou",
    "communities": ["segou"],
    "themes": ["securite-sensible-au-genre", "violences-basees-sur-le-genre"],
    "tags": ["CCS", "police de proximité", "PROSMED", "droits humains"],
    "organizers": ["pnud", "crss"],
    "participating": [],
    "other_organizations": "Comités consultatifs de sécurité communaux (CCS C)",
    "chair_function": "",
    "chair_name": "",
    "attendance": "Élus\nReprésentants des jeunes\nReprésentantes des femmes\n"
    "Leaders communautaires\nForces de sécurité",
    "participants_total": 90,
    "agenda": rich(
        ul(
            [
                "le rôle des CCS dans la prévention de l'insécurité, notamment par l'approche de police "
                "de proximité ;",
                "la coproduction de la sécurité sensible au genre, avec la participation active des "
                "femmes et des jeunes ;",
                "la gouvernance sécuritaire inclusive et les droits humains, avec une attention "
                "particulière à la prévention des violences basées sur le genre.",
            ]
        )
    ),
    "minutes": [
        paragraph(
            p(
                "Les ateliers visaient à outiller les participantes et participants sur leur "
                "rôle dans l'animation des CCS communaux et dans la consolidation du lien de "
                "confiance entre citoyens et forces de sécurité. Voir la pratique ",
                link("ccs-securite-sensible-au-genre", "sécurité sensible au genre"),
                ".",
            )
        ),
    ],
    "decisions": "",
    "outcomes": rich(
        p(
            "Les 25 CCS communaux opérationnels dans les régions cibles s'affirment davantage comme "
            "des acteurs de la gestion intégrée des questions de sécurité et de stabilité locales."
        )
    ),
    "sessions": [
        {
            "title": "Session 1",
            "start_date": datetime.date(2025, 5, 26),
            "end_date": datetime.date(2025, 5, 28),
            "venue": "Centre Korè",
            "commune": "Ségou",
            "communes": "Ségou, Gao, Markala, Niono, Macina, Saye",
        },
        {
            "title": "Session 2",
            "start_date": datetime.date(2025, 5, 29),
            "end_date": datetime.date(2025, 5, 31),
            "venue": "Centre Korè",
            "commune": "Ségou",
            "communes": "Koutiala, Yorosso, San, Tominian, Bla, Timissa",
        },
        {
            "title": "Session 3",
            "start_date": datetime.date(2025, 6, 2),
            "end_date": datetime.date(2025, 6, 4),
            "venue": "Centre Korè",
            "commune": "Ségou",
            "communes": "Mopti, Djenné, Sio, Konna, Koro, Bankass, Bandiagara",
        },
    ],
    "recommendations": [],
}

KAFAMUYA = {
    "slug": "lancement-projet-kafamuya-2022",
    "title": "Lancement officiel du projet « Kafamuya »",
    "kind": "event",
    "summary": (
        "Lancement du projet d'appui à la promotion des droits et à la protection des "
        "populations migrantes avec un focus sur le genre, cofinancé par l'Union européenne et "
        "mis en œuvre à Bamako et à Mopti, dans le cadre de la journée internationale des droits "
        "des femmes."
    ),
    "start_date": datetime.date(2022, 3, 10),
    "venue": "Hôtel Onomo",
    "commune": "Bamako",
    "communities": [],
    "themes": ["migration-et-genre"],
    "tags": ["Kafamuya", "personnes migrantes", "traite des êtres humains"],
    "organizers": ["cisp", "amsode", "atc", "aracem", "cas"],
    "participating": ["ue", "ministere-maliens-exterieur"],
    "other_organizations": "",
    "chair_function": (
        "Représentant de la Délégation de l'Union européenne au Mali, représentante pays du "
        "CISP et représentant du ministère des Maliens de l'Extérieur et de l'Intégration "
        "africaine"
    ),
    "chair_name": "M. Mateusz Prorok, Mme Eveline Chevalier",
    "attendance": "Modération : président de l'AMSODE (M. Moussa Diallo)",
    "participants_total": None,
    "agenda": "",
    "minutes": [
        paragraph(
            p(
                "Le projet, d'une durée de deux ans, touche les personnes réfugiées, "
                "demandeuses d'asile, déplacées internes et migrantes, qui en sont aussi les "
                "principaux acteurs. Les communications ont souligné que les femmes "
                "migrantes sont doublement discriminées et exposées aux violences basées sur "
                "le genre, souvent sans moyen de porter plainte."
            )
        ),
        quote(
            "Ce projet a été validé par la qualité et la pertinence de l'action proposée.",
            "M. Mateusz Prorok",
            "Représentant de la Délégation de l'Union européenne au Mali",
        ),
        quote(
            "8 tables rondes seront mises en place et 2 grandes rencontres autour de "
            "différents thèmes de la migration.",
            "Mme Eveline Chevalier",
            "Représentante pays du CISP",
        ),
        paragraph(p("Voir le ", link("projet-kafamuya", "projet Kafamuya"), ".")),
    ],
    "decisions": rich(
        p("Actions annoncées pour Bamako et Mopti :"),
        ul(
            [
                "un film documentaire et une résidence d'artiste sur l'intersectionnalité des combats ;",
                "un atelier « Paroles de migrantes » ;",
                "un blog et une cartographie interactive des acteurs de la migration ;",
                "des subventions en cascade aux organisations de la société civile ;",
                "la formation au groupe de parole thérapeutique (« Genre et migration »), le monitoring "
                "des violations des droits humains et le travail thérapeutique de réseau.",
            ]
        ),
    ),
    "outcomes": "",
    "sessions": [],
    "recommendations": [
        {
            "text": "Tenir 8 tables rondes et 2 grandes rencontres autour des thèmes de la "
            "migration.",
            "responsible": "cisp",
            "status": OPEN,
        },
        {
            "text": "Mettre en place un réseau de plaidoyer à Bamako et à Mopti.",
            "responsible": "cisp",
            "status": OPEN,
        },
        {
            "text": "Créer un blog et une cartographie interactive des acteurs de la migration.",
            "responsible": "cisp",
            "status": OPEN,
        },
    ],
}

FRAME_SESSIONS = [
    {
        "slug": "cadre-de-concertation-mariage-d-enfants",
        "title": "Cadre de concertation sur le mariage d'enfants",
        "frame": "mariage-d-enfants",
        "participants_total": 41,
        "summary": (
            "Échange et partage d'expérience sur les stratégies d'abandon des pratiques "
            "traditionnelles néfastes à travers la signature des conventions d'abandon."
        ),
        "themes": ["mariage-d-enfants"],
        "tags": ["mariage d'enfants", "conventions d'abandon"],
    },
    {
        "slug": "cadre-de-concertation-participation-des-femmes",
        "title": "Cadre de concertation sur la participation et la représentativité des femmes",
        "frame": "participation-et-representativite-des-femmes",
        "participants_total": 35,
        "summary": (
            "Échange et partage d'expérience sur les stratégies d'autonomisation financière des "
            "femmes en vue d'accroître leur participation à la vie active et leur "
            "représentativité."
        ),
        "themes": ["participation-politique-des-femmes", "autonomisation-economique"],
        "tags": ["leadership féminin", "AGR"],
    },
    {
        "slug": "cadre-de-concertation-loi-052",
        "title": "Cadre de concertation sur l'application de la loi 052",
        "frame": "application-de-la-loi-052",
        "participants_total": 38,
        "summary": (
            "Partage de connaissances sur la problématique de l'application de la loi 052 et ses "
            "conséquences sur la vie des femmes."
        ),
        "themes": ["participation-politique-des-femmes"],
        "tags": ["loi 052"],
    },
]

ARTISTIC_WALLS = {
    "slug": "murs-d-expressions-artistiques-segou",
    "title": "Deux murs d'expressions artistiques à Ségou",
    "kind": "campaign",
    "summary": (
        "Réalisation de deux murs d'expressions artistiques à Ségou pour sensibiliser aux "
        "violences faites aux femmes et aux filles."
    ),
    "commune": "Ségou",
    "communities": ["segou"],
    "themes": ["sensibilisation", "violences-basees-sur-le-genre"],
    "tags": ["murs d'expression", "milieu scolaire"],
    "organizers": ["aprofem"],
    "organizations_reached": 40,
    "people_reached": 3000,
    "reach_details": "environ 2\u00a0000 festivaliers et 1\u00a0000 scolaires",
    "outcomes": rich(
        ul(
            [
                "la sensibilisation d'au moins 40 organisations sur les violences faites aux femmes et "
                "aux filles ;",
                "environ 2\u00a0000 festivaliers touchés et sensibilisés par les murs ;",
                "environ 1\u00a0000 scolaires touchés et sensibilisés par les murs.",
            ]
        ),
        p(
            "Voir la pratique ",
            link("murs-d-expressions-artistiques", "murs d'expressions artistiques"),
            ".",
        ),
    ),
}

EXCHANGE_VISIT = {
    "slug": "visite-d-echange-segou-kayes",
    "title": "Visite d'échange entre les CdP de Ségou et de Kayes",
    "kind": "exchange_visit",
    "summary": (
        "Visite d'échange entre les communautés de pratique de Ségou et de Kayes : deux plans de "
        "pérennisation, un comité de veille médiatique, des webinaires semestriels et un suivi "
        "conjoint des plans."
    ),
    "communities": ["segou", "kayes"],
    "themes": ["vie-des-communautes-de-pratique", "participation-politique-des-femmes"],
    "tags": ["partage d'expériences", "plan de pérennisation", "veille médiatique"],
    "organizers": ["aprofem"],
    "outcomes": rich(
        ul(EXCHANGE_VISIT_OUTCOMES),
        p(
            "Voir la pratique ",
            link(
                "echanges-entre-cdp-segou-et-kayes", "échanges entre les CdP de Ségou et de Kayes"
            ),
            ".",
        ),
    ),
    "recommendations": [
        {
            "text": "Élaborer les plans de pérennisation des CdP de Ségou et de Kayes.",
            "responsible": "aprofem",
            "status": DONE,
        },
        {
            "text": "Mettre en place un comité de veille médiatique de 8 membres pour le coaching "
            "des potentielles candidates à Ségou et à Kayes.",
            "responsible": "aprofem",
            "status": DONE,
        },
    ],
}

WEBINARS = {
    "slug": "webinaires-semestriels-segou-kayes",
    "title": "Rencontres d'échanges semestrielles Ségou–Kayes par webinaire",
    "kind": "webinar",
    "summary": (
        "Mises en place à l'issue de la visite d'échange, des rencontres semestrielles par "
        "webinaire réunissent les communautés de pratique de Ségou et de Kayes pour partager "
        "leurs expériences et suivre ensemble leurs plans de pérennisation."
    ),
    "communities": ["segou", "kayes"],
    "themes": ["vie-des-communautes-de-pratique"],
    "tags": ["webinaire", "partage d'expériences"],
    "organizers": ["aprofem"],
}

# Actions of each plan (from the exchange visit's outcomes); {community} is filled in.
PLAN_ACTIONS = [
    ("Identifier les potentielles candidates de {community}.", DONE),
    (
        "Assurer le coaching des potentielles candidates de {community} avec le comité de veille "
        "médiatique commun à Ségou et Kayes.",
        IN_PROGRESS,
    ),
    ("Tenir chaque semestre la rencontre d'échanges Ségou–Kayes par webinaire.", IN_PROGRESS),
    (
        "Suivre conjointement les plans de pérennisation de Ségou et de Kayes avec l'organisation "
        "lead de l'autre communauté.",
        IN_PROGRESS,
    ),
    (
        "Mettre en œuvre les propositions de solutions et d'activités pour un meilleur partage "
        "d'expérience entre les communautés de pratique.",
        OPEN,
    ),
    (
        "Honorer les engagements de contribution de la CdP de {community} à la défense des droits "
        "des femmes et des filles.",
        OPEN,
    ),
]

PLANS = [
    {
        "community": "segou",
        "title": "Plan de pérennisation de la CdP de Ségou",
        "lead": "aprofem",
        "name": "Ségou",
    },
    {
        "community": "kayes",
        "title": "Plan de pérennisation de la CdP de Kayes",
        "lead": None,
        "name": "Kayes",
    },
]

PLAN_SUMMARY = (
    "Élaboré lors de la visite d'échange entre les communautés de pratique de Ségou et de Kayes."
)
PLAN_MONITORING = (
    "Suivi conjoint des plans de Ségou et de Kayes par les organisations lead des deux "
    "communautés ; point d'étape lors des rencontres semestrielles par webinaire."
)

# What the texts say, checked by tests/test_events_demo.py against the Résultats figures.
EXPECTED = {
    "frame_participants": {
        "mariage-d-enfants": 41,
        "participation-et-representativite-des-femmes": 35,
        "application-de-la-loi-052": 38,
    },
    "ccs_participants": 90,
    "people_reached": 3000,
    "organizations_reached": 40,
    "participants_total": 90 + 41 + 35 + 38,
}
