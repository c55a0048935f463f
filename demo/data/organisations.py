"""Every organisation the source texts name, with its kind and its role.

Slugs are the lowercased acronym or a short name; other helpers rely on them. Public
office holders appear by their function only. ``communities`` lists only what the texts
state: APROFEM carries the Ségou CdP and the DRPFEF of Ségou accompanies it; the texts
do not name the other member organisations, nor the lead organisation of Kayes."""

from demo.text import p, rich, ul

NGO, NETWORK, STATE, INTERNATIONAL, DONOR, MEDIA, OTHER = (
    "ngo",
    "network",
    "state",
    "international",
    "donor",
    "media",
    "other",
)

ORGANISATIONS = [
    # --- Ségou CdP --------------------------------------------------------------------------
    {
        "slug": "aprofem",
        "title": "Association pour la Promotion de la Femme et de l'Enfant au Mali",
        "acronym": "APROFEM",
        "kind": NGO,
        "role": "ONG porteuse de la communauté de pratique de Ségou (projet VLF-Musoya)",
        "communities": ["segou"],
        "commune": "",
        "description": rich(
            p(
                "L'ONG APROFEM porte les communautés de pratique pour la défense des droits des "
                "femmes et des filles de la région de Ségou, une initiative du projet VLF-Musoya. "
                "La communauté a vu le jour en février 2021 avec l'accompagnement de la Direction "
                "régionale de la Promotion de la Femme, de l'Enfant et de la Famille (DRPFEF) de "
                "Ségou."
            ),
            p(
                "La communauté réunit ses organisations membres en rencontres semestrielles, "
                "réunions du noyau, partages d'expériences et exposés d'experts, et anime trois "
                "cadres de concertation : mariage d'enfants, participation et représentativité "
                "des femmes, application de la loi 052."
            ),
            p(
                "Elle a notamment réalisé deux murs d'expressions artistiques à Ségou et une visite "
                "d'échange avec la communauté de pratique de Kayes, à l'issue de laquelle les "
                "organisations lead de Ségou et de Kayes suivent ensemble les plans de "
                "pérennisation des deux communautés."
            ),
        ),
    },
    {
        "slug": "drpfef-segou",
        "title": (
            "Direction régionale de la Promotion de la Femme, de l'Enfant et de la Famille de Ségou"
        ),
        "acronym": "DRPFEF Ségou",
        "kind": STATE,
        "role": (
            "Service de l'État qui accompagne la communauté de pratique de Ségou depuis février "
            "2021"
        ),
        "communities": ["segou"],
        "commune": "Ségou",
        "description": rich(
            p(
                "Service déconcentré de l'État chargé de la promotion de la femme, de l'enfant et "
                "de la famille dans la région de Ségou. La DRPFEF accompagne la communauté de "
                "pratique de Ségou depuis sa création en février 2021."
            ),
            p(
                "Le directeur régional a participé à la rencontre du Comité régional d'orientation "
                "et de suivi des questions des violences basées sur le genre, le 2 octobre 2025 à "
                "la Chambre des Métiers de Ségou."
            ),
        ),
    },
    # --- Regional VBG committee (Ségou, 2 October 2025) -------------------------------------
    {
        "slug": "comite-regional-vbg-segou",
        "title": (
            "Comité régional d'orientation et de suivi des questions des violences basées sur le "
            "genre de Ségou"
        ),
        "acronym": "",
        "kind": STATE,
        "role": (
            "Cadre régional d'orientation et de suivi de la lutte contre les VBG, présidé par le "
            "Gouverneur"
        ),
        "communities": [],
        "commune": "Ségou",
        "description": rich(
            p(
                "Le comité réunit l'administration, les collectivités, les services techniques "
                "déconcentrés de l'État, les points focaux VBG, la société civile et les "
                "partenaires techniques et financiers de la région de Ségou."
            ),
            p(
                "Sa rencontre du 2 octobre 2025, à la Chambre des Métiers de Ségou, avait pour "
                "objectif principal de faire le point sur l'évolution de la lutte contre les "
                "violences basées sur le genre dans la région, de définir les actions prioritaires "
                "et d'orienter les stratégies locales de prévention, de protection et de prise en "
                "charge des victimes. Les échanges, constructifs, ont traduit la volonté commune "
                "de mettre fin aux violences basées sur le genre. La rencontre s'est conclue par "
                "un appel fort à un engagement accru des autorités, des partenaires et de toute "
                "la communauté, et par l'exhortation des points focaux et des structures "
                "présentes à assurer un suivi rigoureux des recommandations."
            ),
        ),
    },
    {
        "slug": "gouvernorat-segou",
        "title": "Gouvernorat de la région de Ségou",
        "acronym": "",
        "kind": STATE,
        "role": "Préside le Comité régional d'orientation et de suivi des questions des VBG",
        "communities": [],
        "commune": "Ségou",
        "description": rich(
            p(
                "Le Gouverneur de la région de Ségou préside le Comité régional d'orientation et "
                "de suivi des questions des violences basées sur le genre. Le 2 octobre 2025, il "
                "y était représenté par son conseiller aux affaires administratives et juridiques."
            ),
            p(
                "Le représentant du Gouverneur a rappelé que les VBG demeurent un défi majeur qui "
                "interpelle tous les acteurs sociaux et insisté sur « la nécessité d'une synergie "
                "d'actions entre l'administration, les collectivités, les organisations de la "
                "société civile et les partenaires techniques et financiers pour réduire "
                "considérablement les cas de violences ». Il a exhorté les points focaux et les "
                "structures présentes à assurer un suivi rigoureux des recommandations."
            ),
        ),
    },
    {
        "slug": "mairie-segou",
        "title": "Commune urbaine de Ségou",
        "acronym": "",
        "kind": OTHER,
        "role": "Collectivité territoriale engagée aux côtés de l'État contre les VBG",
        "communities": [],
        "commune": "Ségou",
        "description": rich(
            p(
                "Collectivité territoriale. Au Comité régional d'orientation et de suivi des "
                "questions des VBG du 2 octobre 2025, la 2e adjointe au maire, représentant le "
                "maire, a réaffirmé l'engagement des collectivités locales aux côtés de l'État et "
                "de ses partenaires pour « créer un environnement sain et protecteur où chaque "
                "femme et chaque enfant pourra vivre à l'abri de toute forme de violence basée sur "
                "le genre »."
            ),
            p(
                "Le compte rendu public de cette rencontre a été publié par la cellule de "
                "communication de la Commune urbaine de Ségou, qui concluait : « Vivement la lutte "
                "contre les VBG pour une société plus juste et inclusive ! »"
            ),
        ),
    },
    {
        "slug": "prefecture-segou",
        "title": "Préfecture du cercle de Ségou",
        "acronym": "",
        "kind": STATE,
        "role": "Administration du cercle, membre du Comité régional VBG",
        "communities": [],
        "commune": "Ségou",
        "description": rich(
            p(
                "Au Comité régional d'orientation et de suivi des questions des VBG du 2 octobre "
                "2025, le préfet du cercle de Ségou était représenté par le sous-préfet de "
                "Katiéna."
            ),
        ),
    },
    {
        "slug": "oxfam-g-force-segou",
        "title": "Consortium Oxfam G-Force Ségou",
        "acronym": "",
        "kind": INTERNATIONAL,
        "role": "Partenaire technique et financier de la lutte contre les VBG à Ségou",
        "communities": [],
        "commune": "Ségou",
        "description": rich(
            p(
                "Au nom des partenaires techniques et financiers, le représentant du consortium a "
                "salué, le 2 octobre 2025, une rencontre qui constitue « un espace d'échanges, de "
                "coordination et d'orientation stratégique indispensable pour renforcer la lutte "
                "contre les VBG »."
            ),
            p(
                "Il a réitéré la disponibilité des partenaires à accompagner l'État malien, "
                "notamment en finançant :"
            ),
            ul(
                [
                    "des projets de sensibilisation ;",
                    "la prise en charge des survivantes ;",
                    "le renforcement des capacités des acteurs locaux.",
                ]
            ),
        ),
    },
    {
        "slug": "cafo",
        "title": "Coordination des associations et ONG féminines du Mali",
        "acronym": "CAFO",
        "kind": NETWORK,
        "role": (
            "Réseau faîtier des associations et ONG féminines, membre du Comité régional VBG de "
            "Ségou"
        ),
        "communities": [],
        "commune": "",
        "description": rich(
            p(
                "Réseau faîtier des associations et ONG féminines du Mali. La CAFO était présente "
                "à la rencontre du Comité régional d'orientation et de suivi des questions des VBG "
                "de Ségou, le 2 octobre 2025."
            ),
        ),
    },
    # --- She Leads in Crisis (Ségou, 13 July 2023) ------------------------------------------
    {
        "slug": "care-mali",
        "title": "CARE Mali",
        "acronym": "",
        "kind": INTERNATIONAL,
        "role": "ONG internationale, initiatrice de la campagne She Leads in Crisis au Mali",
        "communities": [],
        "commune": "",
        "description": rich(
            p(
                "CARE Mali a initié, avec ses partenaires AMAPROS et ASSAFE et sous financement de "
                "CARE US, l'atelier national « She Leads in Crisis » tenu à Ségou le 13 juillet "
                "2023. L'objectif : contribuer à l'éveil des capacités d'influence des femmes, "
                "renforcer les aptitudes des femmes des groupes VSLA et d'autres organisations de "
                "femmes, y compris celles bénéficiaires de WLiE, et soutenir la participation "
                "politique des femmes et de leurs alliés auprès des décideurs."
            ),
            p(
                "Selon le directeur pays, l'appui de CARE et d'autres intervenants a permis aux "
                "groupes VSLA, dans la majorité des cas, de transformer la crise multiforme en "
                "opportunité grâce à une gestion adaptative."
            ),
            p(
                "CARE assure un soutien stratégique à la campagne en mobilisant le réseau SGN-VSLA "
                "Mali, avec la participation d'alliés : la plateforme d'organisations nationales "
                "et internationales utilisatrices du modèle VSLA ou de services additionnels "
                "autour du modèle, le réseau des hommes engagés et diverses faîtières qui œuvrent "
                "pour la promotion et la défense des droits de la femme."
            ),
        ),
    },
    {
        "slug": "care-us",
        "title": "CARE US",
        "acronym": "",
        "kind": DONOR,
        "role": "Bailleur de l'atelier et de la campagne She Leads in Crisis au Mali",
        "communities": [],
        "commune": "",
        "description": rich(
            p(
                "CARE US finance l'initiative She Leads in Crisis mise en œuvre par CARE Mali et "
                "ses partenaires AMAPROS et ASSAFE."
            ),
        ),
    },
    {
        "slug": "amapros",
        "title": "AMAPROS",
        "acronym": "AMAPROS",
        "kind": NGO,
        "role": "Partenaire de CARE Mali pour She Leads in Crisis",
        "communities": [],
        "commune": "",
        "description": rich(
            p(
                "Organisation partenaire de CARE Mali dans l'initiative She Leads in Crisis, avec "
                "ASSAFE, sous financement de CARE US (atelier national de Ségou, 13 juillet 2023)."
            ),
        ),
    },
    {
        "slug": "assafe",
        "title": "ASSAFE",
        "acronym": "ASSAFE",
        "kind": NGO,
        "role": "Partenaire de CARE Mali pour She Leads in Crisis",
        "communities": [],
        "commune": "",
        "description": rich(
            p(
                "Organisation partenaire de CARE Mali dans l'initiative She Leads in Crisis, avec "
                "AMAPROS, sous financement de CARE US (atelier national de Ségou, 13 juillet 2023)."
            ),
        ),
    },
    {
        "slug": "sgn-vsla",
        "title": "Saving Group Network VSLA Mali",
        "acronym": "SGN-VSLA",
        "kind": NETWORK,
        "role": "Réseau des groupes d'épargne VSLA, mobilisé pour la campagne She Leads in Crisis",
        "communities": [],
        "commune": "",
        "description": rich(
            p(
                "Réseau malien des groupes d'épargne et de crédit (VSLA, en français AVEC). CARE "
                "le mobilise pour soutenir la campagne She Leads in Crisis. Les femmes issues des "
                "réseaux VSLA sont appelées à identifier quatre axes prioritaires de plaidoyer "
                "afin de doter la nouvelle région d'une feuille de route."
            ),
        ),
    },
    {
        "slug": "mpfef",
        "title": "Ministère de la Promotion de la Femme, de l'Enfant et de la Famille",
        "acronym": "MPFEF",
        "kind": STATE,
        "role": "Ministère destinataire de l'appel à l'action des femmes du Mali",
        "communities": [],
        "commune": "Bamako",
        "description": rich(
            p(
                "Ministère chargé de la femme, de l'enfant et de la famille ; les directions "
                "régionales (DRPFEF) en sont les services déconcentrés. L'atelier She Leads in "
                "Crisis du 13 juillet 2023 a préparé la mise à jour du document d'appel à l'action "
                "des femmes du Mali, en vue de sa remise au ministère."
            ),
        ),
    },
    # --- UNDP / CRSS workshops for the CCS (Ségou, 26 May – 4 June 2025) --------------------
    {
        "slug": "pnud",
        "title": "Programme des Nations Unies pour le Développement",
        "acronym": "PNUD",
        "kind": INTERNATIONAL,
        "role": (
            "Agence des Nations unies ; appuie les CCS communaux à travers le programme PROSMED"
        ),
        "communities": [],
        "commune": "",
        "description": rich(
            p(
                "À travers le programme PROSMED et en partenariat avec le Commissariat à la "
                "Réforme du Secteur de la Sécurité (CRSS), le PNUD a organisé du 26 mai au 4 juin "
                "2025, au Centre Korè de Ségou, trois ateliers de renforcement des capacités des "
                "acteurs clés des comités consultatifs de sécurité communaux (CCS C) des régions "
                "de Ségou, San, Koutiala, Mopti et Bandiagara, pour 90 participantes et "
                "participants."
            ),
        ),
    },
    {
        "slug": "crss",
        "title": "Commissariat à la Réforme du Secteur de la Sécurité",
        "acronym": "CRSS",
        "kind": STATE,
        "role": "Conduit la réforme du secteur de la sécurité et anime les CCS avec le PNUD",
        "communities": [],
        "commune": "",
        "description": rich(
            p(
                "Face à l'évolution des menaces sécuritaires au Mali et à la nécessité de "
                "restaurer la confiance entre les populations et les forces de défense et de "
                "sécurité, le CRSS et son partenaire le PNUD se sont engagés, depuis la création "
                "des comités consultatifs de sécurité (CCS) en 2019 par le décret 041, à instaurer "
                "une gouvernance inclusive et participative de la sécurité."
            ),
            p(
                "Piliers du processus de réforme du secteur de la sécurité (RSS), les CCS "
                "permettent aux communautés locales de participer à l'identification des défis "
                "sécuritaires et de formuler des recommandations concrètes à l'attention des "
                "autorités locales, régionales et nationales. Dans les régions ciblées, 25 CCS "
                "communaux sont opérationnels."
            ),
        ),
    },
    # --- Kafamuya (Bamako, 10 March 2022) ---------------------------------------------------
    {
        "slug": "cisp",
        "title": "CISP Mali",
        "acronym": "CISP",
        "kind": INTERNATIONAL,
        "role": "ONG internationale, chef de file du projet Kafamuya (Bamako et Mopti)",
        "communities": [],
        "commune": "",
        "description": rich(
            p(
                "Le CISP Mali a intégré depuis plusieurs années l'approche de défense des droits "
                "humains dans ses projets : protection, sensibilisation, participation à la lutte "
                "contre les discriminations et les violences basées sur le genre, cohésion "
                "sociale, migration sous toutes ses formes et prévention des conflits."
            ),
            p(
                "Il met en œuvre, avec quatre organisations de la société civile (AMSODE, "
                "Association Tilé Coura, ARACEM et Coalition Anti Sida), le projet « Kafamuya », "
                "cofinancé par l'Union européenne et lancé le 10 mars 2022 à Bamako."
            ),
        ),
    },
    {
        "slug": "ue",
        "title": "Délégation de l'Union européenne au Mali",
        "acronym": "UE",
        "kind": DONOR,
        "role": "Cofinance le projet Kafamuya",
        "communities": [],
        "commune": "Bamako",
        "description": rich(
            p(
                "L'Union européenne cofinance le projet Kafamuya. Selon son représentant au "
                "lancement, « ce projet a été validé par la qualité et la pertinence de l'action "
                "proposée » ; l'amélioration de la gouvernance et la migration sont des priorités "
                "de l'Union européenne au Mali. Ses interventions portent sur la prévention de la "
                "migration irrégulière, la création d'opportunités d'emploi, la lutte contre le "
                "trafic des migrants et l'assistance aux personnes migrantes."
            ),
            p(
                "Les femmes étant, dans ce contexte migratoire, particulièrement susceptibles de "
                "devenir victimes d'abus et de violences, l'action lui semble importante et "
                "complémentaire de son appui à la gouvernance et à la migration."
            ),
        ),
    },
    {
        "slug": "ministere-maliens-exterieur",
        "title": "Ministère des Maliens de l'Extérieur et de l'Intégration Africaine",
        "acronym": "",
        "kind": STATE,
        "role": "Représenté à l'ouverture du lancement du projet Kafamuya",
        "communities": [],
        "commune": "Bamako",
        "description": rich(
            p(
                "Le représentant du ministère a coprésidé, le 10 mars 2022, la cérémonie "
                "d'ouverture du lancement du projet Kafamuya, avec la Délégation de l'Union "
                "européenne et le CISP."
            ),
        ),
    },
    {
        "slug": "amsode",
        "title": "Association Malienne pour la Solidarité et le Développement",
        "acronym": "AMSODE",
        "kind": NGO,
        "role": "Codemandeuse du projet Kafamuya",
        "communities": [],
        "commune": "",
        "description": rich(
            p(
                "Association de la société civile qui exécute le projet Kafamuya avec le CISP. "
                "Son président a modéré la cérémonie de lancement du 10 mars 2022 à Bamako."
            ),
        ),
    },
    {
        "slug": "atc",
        "title": "Association Tilé Coura",
        "acronym": "ATC",
        "kind": NGO,
        "role": "Codemandeuse du projet Kafamuya",
        "communities": [],
        "commune": "",
        "description": rich(
            p(
                "Association de la société civile qui exécute le projet Kafamuya avec le CISP, "
                "l'AMSODE, l'ARACEM et la Coalition Anti Sida."
            ),
        ),
    },
    {
        "slug": "aracem",
        "title": "Association des Refoulés d'Afrique Centrale au Mali",
        "acronym": "ARACEM",
        "kind": NGO,
        "role": "Codemandeuse du projet Kafamuya",
        "communities": [],
        "commune": "",
        "description": rich(
            p(
                "Association de la société civile qui exécute le projet Kafamuya avec le CISP, "
                "l'AMSODE, l'Association Tilé Coura et la Coalition Anti Sida."
            ),
        ),
    },
    {
        "slug": "cas",
        "title": "Coalition Anti Sida",
        "acronym": "CAS",
        "kind": NGO,
        "role": "Codemandeuse du projet Kafamuya",
        "communities": [],
        "commune": "",
        "description": rich(
            p(
                "Organisation de la société civile qui exécute le projet Kafamuya avec le CISP, "
                "l'AMSODE, l'Association Tilé Coura et l'ARACEM."
            ),
        ),
    },
    {
        "slug": "malijet",
        "title": "Malijet",
        "acronym": "",
        "kind": MEDIA,
        "role": "Média en ligne ; a rendu compte du lancement du projet Kafamuya",
        "communities": [],
        "commune": "",
        "description": rich(
            p(
                "Site d'information malien qui a publié le compte rendu du lancement officiel du "
                "projet Kafamuya, le 10 mars 2022 à Bamako."
            ),
        ),
    },
]

ORGANISATION_SLUGS = [organisation["slug"] for organisation in ORGANISATIONS]
