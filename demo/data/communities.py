"""The two communities of practice. Kayes is described from what the Ségou text says of it
(the exchange visit and what followed); its lead and member organisations are not named in
the sources, so they are left for the community to fill in."""

import datetime

from demo.text import bold, figure, heading, p, paragraph, rich, ul

EXCHANGE_VISIT_OUTCOMES = [
    "deux plans de pérennisation, celui de la CdP de Ségou et celui de la CdP de Kayes, sont "
    "élaborés ;",
    "un comité de veille médiatique de 8 membres est mis en place pour le coaching des "
    "potentielles candidates à Ségou et à Kayes ;",
    "des potentielles candidates à Ségou et à Kayes sont connues ;",
    "des propositions de solutions et d'activités sont faites pour un meilleur partage "
    "d'expérience entre les communautés de pratique ;",
    "les communautés de pratique prennent des engagements de contribution à la défense des "
    "droits des femmes et des filles à Ségou et à Kayes ;",
    "les membres s'approprient mieux leur communauté de pratique ;",
    "des rencontres d'échanges semestrielles entre les communautés de Ségou et de Kayes sont "
    "mises en place par webinaire ;",
    "un mécanisme de suivi conjoint des plans de pérennisation est mis en place par les "
    "organisations lead de Ségou et de Kayes.",
]

EFFECTS_OBSERVED = [
    "l'animation des communautés de pratique a donné un nouvel élan aux stratégies de mise en "
    "œuvre des organisations membres pour la défense des droits des femmes et des filles dans "
    "la région de Ségou ;",
    "une meilleure coordination entre les organisations ;",
    "le renforcement des capacités des organisations membres sur les stratégies d'abandon des "
    "pratiques traditionnelles néfastes ;",
    "l'augmentation des cas d'abandon des pratiques traditionnelles néfastes dans la région de "
    "Ségou ;",
    "l'augmentation des activités génératrices de revenus menées dans la région par les "
    "organisations membres ;",
    "l'amélioration des connaissances sur la participation politique des femmes ;",
    "le renforcement des capacités des organisations membres sur la loi 052 ;",
    "l'augmentation du nombre de femmes engagées dans la région de Ségou à travers les "
    "organisations membres des CdP ;",
    "l'amélioration des connaissances sur les violences faites aux femmes et aux filles grâce "
    "aux deux murs d'expressions artistiques.",
]

CDP_OBJECTIVES = [
    "mieux cerner les problèmes liés à la promotion de l'égalité femme/homme et à "
    "l'autonomisation des femmes ;",
    "échanger des solutions ainsi que des modèles de référence, des outils et des pratiques "
    "innovantes (résolution de problèmes) ;",
    "partager des conseils, avis, idées, ressources et informations ;",
    "faire réseau : établir plus vite des liens avec des pairs, rompre l'isolement et "
    "réfléchir ensemble aux enjeux communs.",
]

CDP_WAY_OF_WORKING = [
    "une rencontre semestrielle en présentiel, qui réunit les organisations membres deux fois "
    "par an ;",
    "des réunions du noyau, le groupe restreint qui anime la communauté ;",
    "le partage d'expériences entre organisations membres ;",
    "l'exposé d'un thème par un expert ou un consultant.",
]

COMMUNITIES = [
    {
        "slug": "segou",
        "title": "Ségou",
        "region": "Ségou",
        "created_on": datetime.date(2021, 2, 1),
        "project": "Projet VLF-Musoya",
        "lead": "aprofem",
        "state_service": "drpfef-segou",
        "search_description": (
            "Communauté de pratique pour la défense des droits des femmes et des filles de la "
            "région de Ségou, portée par l'ONG APROFEM avec la DRPFEF depuis février 2021."
        ),
        "summary": (
            "La communauté de pratique pour la défense des droits des femmes et des filles de la "
            "région de Ségou est une initiative du projet VLF-Musoya, portée par l'ONG APROFEM. "
            "Elle a vu le jour en février 2021 avec l'accompagnement de la DRPFEF de Ségou."
        ),
        "objectives": rich(
            p(
                "La communauté contribue à mieux gérer la défense des droits des femmes et des "
                "filles dans la région. Elle vise à lutter efficacement contre les violences "
                "basées sur le genre (VBG, VSBG) et à promouvoir l'égalité femme/homme et "
                "l'autonomisation des femmes. Ses objectifs :"
            ),
            ul(CDP_OBJECTIVES),
        ),
        "way_of_working": rich(
            p(
                "Les organisations membres se retrouvent, face à face ou à distance, selon quatre "
                "modes de fonctionnement :"
            ),
            ul(CDP_WAY_OF_WORKING),
            p(
                "La communauté anime aussi trois cadres de concertation thématiques : le mariage "
                "d'enfants, la participation et la représentativité des femmes, et l'application "
                "de la loi 052. Depuis la visite d'échange avec la CdP de Kayes, elle tient avec "
                "elle une rencontre d'échanges semestrielle par webinaire."
            ),
        ),
        "body": [
            heading("Ce que la communauté a réalisé"),
            paragraph(
                ul(
                    [
                        rich(
                            bold("Cadre de concertation sur le mariage d'enfants"),
                            " : environ 41 participants des organisations membres ont échangé sur "
                            "les stratégies d'abandon des pratiques traditionnelles néfastes, "
                            "notamment la signature de conventions d'abandon.",
                        ),
                        rich(
                            bold(
                                "Cadre de concertation sur la participation et la représentativité "
                                "des femmes"
                            ),
                            " : 35 participants ont partagé leurs stratégies d'autonomisation "
                            "financière des femmes, pour accroître leur participation à la vie active "
                            "et leur représentativité.",
                        ),
                        rich(
                            bold("Cadre de concertation sur l'application de la loi 052"),
                            " : 38 participants des structures et organisations membres ont partagé "
                            "leurs connaissances sur les difficultés d'application de la loi et ses "
                            "conséquences sur la vie des femmes.",
                        ),
                        rich(
                            bold("Deux murs d'expressions artistiques à Ségou"),
                            " : au moins 40 organisations sensibilisées sur les violences faites aux "
                            "femmes et aux filles, environ 2\u00a0000 festivaliers et environ 1\u00a0000 "
                            "scolaires touchés.",
                        ),
                        rich(
                            bold("Visite d'échange avec la CdP de Kayes"),
                            " : deux plans de pérennisation, un comité de veille médiatique, des "
                            "webinaires semestriels et un suivi conjoint (détail ci-dessous).",
                        ),
                    ]
                )
            ),
            heading("La visite d'échange entre les CdP de Ségou et de Kayes"),
            paragraph(
                p("À l'issue de la visite d'échange entre les deux communautés :"),
                ul(EXCHANGE_VISIT_OUTCOMES),
            ),
            figure("2", "plans de pérennisation élaborés (Ségou et Kayes)"),
            figure("8", "membres du comité de veille médiatique"),
            heading("Les effets observés"),
            paragraph(p("La communauté relève les effets suivants :"), ul(EFFECTS_OBSERVED)),
        ],
    },
    {
        "slug": "kayes",
        "title": "Kayes",
        "region": "Kayes",
        "created_on": None,
        "project": "",
        "lead": None,
        "state_service": None,
        "search_description": (
            "Communauté de pratique de la région de Kayes : visite d'échange avec Ségou, plan de "
            "pérennisation, webinaires semestriels et suivi conjoint."
        ),
        "summary": (
            "La communauté de pratique de la région de Kayes défend les droits des femmes et des "
            "filles. Depuis sa visite d'échange avec la CdP de Ségou, elle a son plan de "
            "pérennisation, suivi conjointement avec Ségou, et échange avec elle chaque semestre "
            "par webinaire."
        ),
        "objectives": rich(
            p(
                "Lors de la visite d'échange avec la communauté de pratique de Ségou, la CdP de "
                "Kayes a pris des engagements de contribution à la défense des droits des femmes "
                "et des filles dans sa région."
            ),
            p(
                "Comme toute communauté de pratique, elle rassemble des organisations qui "
                "partagent et apprennent les unes des autres autour d'un intérêt commun : des "
                "problèmes, des expériences, des modèles, des outils et les meilleures "
                "pratiques."
            ),
        ),
        "way_of_working": rich(
            ul(
                [
                    "un plan de pérennisation de la communauté, élaboré lors de la visite d'échange ;",
                    "un suivi conjoint des plans de pérennisation de Kayes et de Ségou par les "
                    "organisations lead des deux communautés ;",
                    "des rencontres d'échanges semestrielles avec la CdP de Ségou, par webinaire ;",
                    "le coaching des potentielles candidates de Kayes par le comité de veille "
                    "médiatique commun aux deux communautés.",
                ]
            ),
        ),
        "body": [
            heading("La visite d'échange avec la CdP de Ségou"),
            paragraph(
                p(
                    "À l'issue de la visite d'échange entre les communautés de pratique de "
                    "Ségou et de Kayes :"
                ),
                ul(EXCHANGE_VISIT_OUTCOMES),
            ),
            figure("2", "plans de pérennisation élaborés (Kayes et Ségou)"),
            figure("8", "membres du comité de veille médiatique, pour Kayes et Ségou"),
            # What is known and what is not, in one line (no promise of content to come).
            paragraph(
                p(
                    "Les textes publiés décrivent la visite d'échange avec Ségou et ses suites, "
                    "mais ne nomment ni l'organisation lead ni les organisations membres de la "
                    "CdP de Kayes et ne donnent ni sa date de création ni le nombre de "
                    "participants à ses rencontres."
                )
            ),
        ],
    },
]

COMMUNITY_SLUGS = [community["slug"] for community in COMMUNITIES]
