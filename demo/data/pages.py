"""The site's frame: home page, index pages (in the order of the content tree), standard
pages and site settings."""

from demo.text import figure, heading, link, mailto, p, paragraph, quote, rich, ul

# Shown on the contact page and stored in the site settings (PortalSettings). The address is
# a reserved example domain: a deployment sets its own in Réglages > Réglages du portail.
CONTACT_EMAIL = "contact@portail-cdp.example"
CONTACT_ADDRESS = "Coordination des communautés de pratique de Ségou et de Kayes, Mali"

HOME = {
    "slug": "accueil",
    "title": "Accueil",
    "seo_title": "Portail des communautés de pratique – droits des femmes et des filles",
    "search_description": (
        "Pratiques, outils et modèles des communautés de pratique qui défendent les droits des "
        "femmes et des filles dans les régions de Ségou et de Kayes, au Mali."
    ),
    "introduction": rich(
        p(
            "Ce portail rassemble les pratiques, les outils et les modèles des communautés de "
            "pratique (CdP) qui défendent les droits des femmes et des filles dans les régions de "
            "Ségou et de Kayes, au Mali. Les organisations membres y partagent ce qu'elles font "
            "contre les violences basées sur le genre et pour l'égalité femme/homme, les comptes "
            "rendus de leurs rencontres et le suivi de leurs recommandations."
        ),
    ),
    "body": [
        heading("Une communauté de pratique, c'est quoi ?"),
        quote(
            "Des groupes de personnes qui se rassemblent afin de partager et d'apprendre les uns "
            "des autres, face à face ou virtuellement, tenus ensemble par un intérêt commun et "
            "conduits par le besoin de partager des problèmes, des expériences, des modèles, des "
            "outils et les meilleures pratiques.",
            "Présentation des CdP de Ségou",
            "ONG APROFEM, projet VLF-Musoya",
        ),
        paragraph(
            p(
                "À Ségou, la communauté est née en février 2021 avec l'accompagnement de la DRPFEF. "
                "Elle anime trois ",
                link("cadres-de-concertation", "cadres de concertation"),
                " et a noué avec la communauté de Kayes un suivi commun de leurs plans de "
                "pérennisation.",
            ),
        ),
        heading("Sensibiliser au-delà des cercles habituels"),
        figure(
            "2\u00a0000", "festivaliers touchés par les murs d'expressions artistiques de Ségou"
        ),
        figure("1\u00a0000", "scolaires touchés par ces mêmes murs"),
        figure("40", "organisations sensibilisées aux violences faites aux femmes et aux filles"),
    ],
    # Featured on the home page, in this order (slugs of pages created by earlier steps).
    "featured": [
        (
            "murs-d-expressions-artistiques",
            "Deux murs, 2\u00a0000 festivaliers et 1\u00a0000 scolaires sensibilisés à Ségou.",
        ),
        (
            "echanges-entre-cdp-segou-et-kayes",
            "Ségou et Kayes suivent ensemble leurs plans de pérennisation.",
        ),
        (
            "avec-vsla-face-aux-crises",
            "Masques, savon local, accès aux marchés : les AVEC face aux crises.",
        ),
        ("fiche-animer-une-cdp", "La fiche pour lancer ou relancer une communauté de pratique."),
    ],
}

# (app_label.ModelName, slug, title, introduction); show_in_menus, in the content tree order.
INDEX_PAGES = [
    (
        "home.CommunityIndexPage",
        "communautes",
        "Communautés",
        rich(
            p(
                "Les communautés de pratique rassemblent les organisations qui défendent les droits "
                "des femmes et des filles dans une région. Chaque communauté présente ses objectifs, "
                "son fonctionnement, ses membres et tout ce qu'elle a partagé."
            )
        ),
    ),
    (
        "home.OrganizationIndexPage",
        "organisations",
        "Organisations",
        rich(
            p(
                "Organisations membres des communautés de pratique, services de l'État qui les "
                "accompagnent et partenaires : leur rôle, leurs pratiques et leurs outils."
            )
        ),
    ),
    (
        "home.ActorMapPage",
        "carte-des-acteurs",
        "Carte des acteurs",
        rich(
            p(
                "Où agissent les organisations et où leurs pratiques ont été menées : un point "
                "par commune, qui mène à la liste de ce qui y est recensé. Le tableau sous la "
                "carte donne les mêmes informations."
            )
        ),
    ),
    (
        "practices.PracticeIndexPage",
        "pratiques",
        "Pratiques",
        rich(
            p(
                "Ce que les organisations ont fait, comment, avec quels résultats et quelles leçons. "
                "Une pratique décrit l'action d'une organisation, jamais la situation d'une "
                "personne."
            )
        ),
    ),
    (
        "practices.ToolIndexPage",
        "outils-et-modeles",
        "Outils et modèles",
        rich(
            p(
                "Guides, fiches, canevas et supports à télécharger. Le format et le poids de chaque "
                "fichier sont indiqués avant le téléchargement."
            )
        ),
    ),
    (
        "practices.ConcertationFrameIndexPage",
        "cadres-de-concertation",
        "Cadres de concertation",
        rich(
            p(
                "Les cadres de concertation réunissent les organisations membres autour d'un thème "
                "pour échanger leurs stratégies et leurs expériences."
            )
        ),
    ),
]

# Short labels for the main menu (SectionPage.menu_title), so that it holds on one line on a
# 1024 px screen; the pages keep their full titles.
MENU_TITLES = {
    "outils-et-modeles": "Outils",
    "cadres-de-concertation": "Concertation",
    "agenda": "Agenda",
    "suivi-des-recommandations": "Recommandations",
}

STANDARD_PAGES = [
    # The quick-exit note first: the other pages link to it.
    {
        "slug": "sortie-rapide",
        "title": "Sortie rapide : ce qu'elle fait et ce qu'elle ne fait pas",
        "introduction": (
            "Le bouton « Quitter ce site » remplace aussitôt le portail par un site neutre. Il "
            "ne suffit pas à effacer toutes les traces de votre visite : voici ce qu'il fait, ce "
            "qu'il ne fait pas et comment naviguer plus discrètement."
        ),
        "body": [
            heading("Ce que fait le bouton « Quitter ce site »"),
            paragraph(
                ul(
                    [
                        "Il ouvre tout de suite un site neutre à la place du portail.",
                        "Vous pouvez aussi appuyer trois fois de suite sur la touche Maj (Shift) du "
                        "clavier.",
                        "Quand le navigateur le permet, la page du portail est remplacée dans "
                        "l'historique : le bouton « Retour » ne ramène pas directement ici.",
                    ]
                )
            ),
            heading("Ce qu'il ne fait pas"),
            paragraph(
                ul(
                    [
                        "Il n'efface pas l'historique de navigation : les pages du portail que vous avez "
                        "vues restent dans l'historique du navigateur.",
                        "Il ne vide pas le cache du navigateur (les copies des pages et des images "
                        "gardées par le téléphone ou l'ordinateur).",
                        "Il ne supprime pas les fichiers téléchargés : les guides et documents restent "
                        "dans le dossier « Téléchargements ».",
                        "Il ne ferme pas les autres onglets ouverts sur le portail.",
                        "Il ne cache pas votre visite au réseau que vous utilisez (fournisseur "
                        "d'accès, réseau d'un bureau ou d'un cybercafé).",
                    ]
                )
            ),
            heading("Naviguer plus discrètement"),
            paragraph(
                ul(
                    [
                        "Ouvrez une fenêtre de navigation privée avant de venir sur le portail : "
                        "« Nouvel onglet de navigation privée » dans Chrome, « Nouvelle fenêtre de "
                        "navigation privée » dans Firefox, « Privé » dans Safari. À sa fermeture, "
                        "l'historique et le cache de cette fenêtre sont effacés.",
                        "Sinon, effacez ensuite les pages du portail de l'historique (menu du "
                        "navigateur, puis « Historique »). Effacer tout l'historique d'un coup peut "
                        "attirer l'attention ; retirer seulement ces pages est plus discret.",
                        "Supprimez les fichiers téléchargés dont vous n'avez plus besoin, puis videz la "
                        "corbeille.",
                        "Sur un téléphone ou un ordinateur partagé, préférez un appareil auquel vous "
                        "seule avez accès.",
                    ]
                )
            ),
        ],
    },
    {
        "slug": "a-propos",
        "title": "À propos",
        "introduction": (
            "Le portail des communautés de pratique pour la défense des droits des femmes et des "
            "filles des régions de Ségou et de Kayes : d'où il vient, ce qu'on y trouve, comment "
            "il protège les personnes."
        ),
        "body": [
            heading("Les communautés de pratique"),
            paragraph(
                p(
                    "Les communautés de pratique pour la défense des droits des femmes et des "
                    "filles de la région de Ségou sont une initiative du projet VLF-Musoya à "
                    "travers l'ONG APROFEM, lancée en février 2021 avec l'accompagnement de la "
                    "DRPFEF de Ségou. Elles contribuent à mieux gérer la défense des droits des "
                    "femmes et des filles, à lutter contre les violences basées sur le genre et à "
                    "promouvoir l'égalité femme/homme et l'autonomisation des femmes."
                ),
                p(
                    "Une visite d'échange a relié la communauté de Ségou à celle de ",
                    link("kayes", "Kayes"),
                    " : chacune a son plan de pérennisation et les deux communautés se retrouvent "
                    "chaque semestre par webinaire.",
                ),
            ),
            heading("Ce que vous trouverez ici"),
            paragraph(
                ul(
                    [
                        rich(
                            link("pratiques", "Les pratiques"),
                            " des organisations : démarche, résultats chiffrés, leçons apprises.",
                        ),
                        rich(
                            link("outils-et-modeles", "Les outils et modèles"),
                            " à télécharger, avec leur format, leur poids et leurs langues.",
                        ),
                        rich(
                            link("cadres-de-concertation", "Les cadres de concertation"),
                            " : mariage d'enfants, participation et représentativité des femmes, "
                            "application de la loi 052.",
                        ),
                        rich(
                            link("organisations", "L'annuaire des organisations"),
                            " : membres, services de l'État et partenaires.",
                        ),
                    ]
                )
            ),
            heading("Protéger les personnes"),
            paragraph(
                p(
                    "Une pratique décrit ce qu'une organisation a fait, jamais la situation d'une "
                    "personne. Le portail ne nomme jamais une survivante ou un survivant de "
                    "violences, un enfant ou un adolescent, ni aucune personne qu'une "
                    "publication pourrait mettre en danger : aucun nom, visage, lieu précis ou "
                    "date d'incident ne permet de les reconnaître."
                ),
                p(
                    "Seuls des responsables publics sont nommés, dans leur rôle public et comme "
                    "les articles de presse publics les nomment : la personne qui préside une "
                    "rencontre officielle ou qui y prend la parole au nom de son institution, "
                    "dans le compte rendu de cette rencontre. Partout ailleurs (pratiques, "
                    "outils, annuaire des organisations), les personnes sont désignées par leur "
                    "fonction. Chaque contenu est relu par la coordination avant publication."
                ),
                p(
                    "Un bouton « Quitter ce site » figure sur chaque page ; ",
                    link("sortie-rapide", "ce qu'il fait et ce qu'il ne fait pas"),
                    ".",
                ),
            ),
            heading("Sources des contenus"),
            paragraph(
                p("Les premiers contenus du portail ont été rédigés à partir de textes publics :"),
                ul(
                    [
                        "la présentation des communautés de pratique de la région de Ségou (ONG "
                        "APROFEM, projet VLF-Musoya) ;",
                        "le compte rendu de la rencontre du Comité régional d'orientation et de "
                        "suivi des questions des VBG du 2 octobre 2025 (cellule de communication de "
                        "la Commune urbaine de Ségou) ;",
                        "le compte rendu de l'atelier national She Leads in Crisis du 13 juillet 2023 "
                        "à Ségou ;",
                        "l'article du Commissariat à la Réforme du Secteur de la Sécurité (CRSS) sur "
                        "les ateliers des CCS communaux organisés avec le PNUD du 26 mai au 4 juin "
                        "2025 ;",
                        "l'article de Malijet sur le lancement du projet Kafamuya, le 10 mars 2022.",
                    ]
                ),
            ),
        ],
    },
    {
        "slug": "contact",
        "title": "Contact",
        "introduction": (
            "Pour écrire à la coordination du portail, rejoindre une communauté de pratique ou "
            "signaler une erreur."
        ),
        "body": [
            heading("Écrire à la coordination"),
            paragraph(
                p("Courriel : ", mailto(CONTACT_EMAIL), " — ", CONTACT_ADDRESS, "."),
                p(
                    "La coordination répond aux questions sur le portail, publie les "
                    "contenus des organisations membres et corrige les erreurs signalées."
                ),
            ),
            heading("Rejoindre une communauté de pratique"),
            paragraph(
                p(
                    "Adressez-vous à l'organisation qui porte la communauté de votre région : ",
                    link("aprofem", "l'ONG APROFEM"),
                    " pour la ",
                    link("segou", "communauté de Ségou"),
                    ". Chaque organisation membre dispose de son propre espace pour publier "
                    "ses pratiques et ses outils.",
                )
            ),
            heading("Ne nous envoyez pas de données personnelles"),
            paragraph(
                p(
                    "N'écrivez jamais le nom, l'adresse ou l'histoire d'une survivante de "
                    "violences, d'un enfant ou de toute personne en danger. Pour une situation de violence, adressez-vous aux points "
                    "focaux VBG de votre localité ou à la direction régionale de la promotion "
                    "de la femme, de l'enfant et de la famille."
                )
            ),
        ],
    },
    {
        "slug": "mentions-legales",
        "title": "Mentions légales",
        "introduction": (
            "Qui publie ce portail, qui répond des contenus et comment vos données sont traitées."
        ),
        "body": [
            heading("Éditeur"),
            paragraph(
                p(
                    "Le portail est publié par la coordination des communautés de pratique "
                    "pour la défense des droits des femmes et des filles des régions de "
                    "Ségou et de Kayes. L'hébergeur est celui de l'organisation qui met le "
                    "portail en ligne ; ses coordonnées sont disponibles auprès de la "
                    "coordination."
                )
            ),
            heading("Contenus"),
            paragraph(
                p(
                    "Chaque organisation membre répond des pratiques et des outils qu'elle "
                    "publie ; la coordination les relit avant publication. La licence de "
                    "chaque outil est indiquée sur sa page. Les contenus de présentation "
                    "rédigés à partir de textes publics citent leurs sources sur la page ",
                    link("a-propos", "À propos"),
                    ".",
                )
            ),
            heading("Données personnelles"),
            paragraph(
                p(
                    "Le portail public ne dépose aucun cookie de mesure d'audience et ne charge "
                    "aucune ressource depuis un autre site. Seuls les comptes des personnes qui "
                    "publient (organisations membres et coordination) sont enregistrés, pour "
                    "l'accès à l'administration."
                ),
                p(
                    "Le portail ne contient aucune donnée permettant d'identifier une survivante "
                    "de violences, un enfant ou une personne en danger ; toute information de ce "
                    "type signalée est retirée sans délai. Les seules personnes nommées sont des "
                    "responsables publics, dans leur rôle public, dans les comptes rendus de "
                    "rencontres officielles."
                ),
            ),
            heading("Logiciel"),
            paragraph(
                p(
                    "Le portail est un logiciel libre construit avec Django et Wagtail, "
                    "publié sous licence AGPL (version 3 ou ultérieure)."
                )
            ),
        ],
    },
]

STANDARD_PAGE_SLUGS = [page["slug"] for page in STANDARD_PAGES]

PORTAL_SETTINGS = {
    # A light, neutral page: a weather search, nothing that draws attention in the history.
    "quick_exit_url": "https://www.google.com/search?q=m%C3%A9t%C3%A9o+S%C3%A9gou",
    "contact_email": CONTACT_EMAIL,
    "contact_phone": "",
    "contact_address": CONTACT_ADDRESS,
    "footer_text": (
        "Communautés de pratique pour la défense des droits des femmes et des filles, régions "
        "de Ségou et de Kayes (Mali)."
    ),
    "help_line": "",
}

# The address comes from settings.PUBLIC_URL (home/public_url.py).
SITE = {"site_name": "Portail des CdP"}
