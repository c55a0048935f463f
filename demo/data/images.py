"""Neutral illustrations generated at load time (demo.illustrations): no photographs, no
people. ``alt`` is the image's description, used as its alternative text."""

IMAGES = [
    {
        "file": "murs-d-expressions-artistiques.png",
        "title": "Illustration : mur de briques colorées",
        "alt": (
            "Illustration : un mur de briques aux couleurs vives, qui évoque les murs "
            "d'expressions artistiques réalisés à Ségou."
        ),
        "draw": "brick_wall",
    },
    {
        "file": "avec-vsla.png",
        "title": "Illustration : piles de pièces",
        "alt": (
            "Illustration : des piles de pièces de plus en plus hautes, qui évoquent "
            "l'épargne des groupes AVEC (VSLA)."
        ),
        "draw": "savings_coins",
    },
    {
        "file": "cartographie-des-acteurs.png",
        "title": "Illustration : réseau de points reliés",
        "alt": (
            "Illustration : des points de couleur reliés par des traits, comme une carte "
            "des acteurs d'un réseau."
        ),
        "draw": "network_map",
    },
]
