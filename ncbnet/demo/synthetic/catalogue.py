"""What stolen objects look like: vehicle makes with their manufacturer codes, firearm models, and the
vocabulary of works of art, for the synthetic-record generators.

Vehicle manufacturer codes (WMI, the first three characters of a VIN, ISO 3780) are real ones, so
searches by VIN prefix behave as they do on real data: first character 1-5 for North America, J/K/L
for Japan, Korea and China, S-Z for Europe.
"""

from __future__ import annotations

# fmt: off
# (WMI, make, models, weight)
VEHICLE_MAKERS: tuple[tuple[str, str, tuple[str, ...], int], ...] = (
    ("1HG", "Honda", ("Accord", "Civic", "CR-V"), 3),
    ("1FA", "Ford", ("Mustang", "Fusion", "Focus"), 3),
    ("1FT", "Ford", ("F-150", "F-250", "Ranger"), 4),
    ("1G1", "Chevrolet", ("Malibu", "Impala", "Camaro"), 3),
    ("1GN", "Chevrolet", ("Tahoe", "Suburban", "Equinox"), 2),
    ("2T1", "Toyota", ("Corolla", "Matrix"), 2),
    ("3VW", "Volkswagen", ("Jetta", "Beetle", "Golf"), 2),
    ("4T1", "Toyota", ("Camry", "Avalon"), 3),
    ("5YJ", "Tesla", ("Model S", "Model 3", "Model X", "Model Y"), 2),
    ("1N4", "Nissan", ("Altima", "Sentra", "Maxima"), 2),
    ("WVW", "Volkswagen", ("Golf", "Polo", "Passat", "Tiguan"), 8),
    ("WBA", "BMW", ("320d", "520d", "X3", "X5", "118i"), 7),
    ("WDD", "Mercedes-Benz", ("C 220 d", "E 300", "GLC 300", "A 180"), 7),
    ("WAU", "Audi", ("A3", "A4", "A6", "Q5", "Q7"), 6),
    ("WP0", "Porsche", ("911 Carrera", "Cayenne", "Macan"), 2),
    ("VF1", "Renault", ("Clio", "Mégane", "Captur", "Kangoo"), 6),
    ("VF3", "Peugeot", ("208", "308", "3008", "Partner"), 6),
    ("VF7", "Citroën", ("C3", "C4", "Berlingo"), 4),
    ("ZFA", "Fiat", ("500", "Panda", "Punto", "Ducato"), 5),
    ("ZAR", "Alfa Romeo", ("Giulia", "Stelvio", "Giulietta"), 1),
    ("SAL", "Land Rover", ("Range Rover", "Discovery", "Defender", "Evoque"), 4),
    ("SAJ", "Jaguar", ("XF", "F-Pace", "XE"), 1),
    ("YV1", "Volvo", ("XC60", "XC90", "V60"), 2),
    ("TMB", "Škoda", ("Octavia", "Fabia", "Superb"), 3),
    ("VSS", "SEAT", ("Ibiza", "León", "Ateca"), 2),
    ("JTD", "Toyota", ("Yaris", "Corolla", "Land Cruiser", "Hilux", "RAV4"), 8),
    ("JHM", "Honda", ("Jazz", "Civic", "HR-V"), 2),
    ("JN1", "Nissan", ("Qashqai", "X-Trail", "Patrol"), 3),
    ("JMZ", "Mazda", ("Mazda3", "CX-5", "MX-5"), 2),
    ("KMH", "Hyundai", ("i30", "Tucson", "Santa Fe", "Elantra"), 4),
    ("KNA", "Kia", ("Sportage", "Rio", "Sorento", "Ceed"), 3),
    ("LSV", "Volkswagen (SAIC)", ("Lavida", "Passat", "Tiguan L"), 2),
    ("LFV", "Volkswagen (FAW)", ("Jetta", "Sagitar", "Bora"), 1),
    ("LGX", "BYD", ("Han", "Tang", "Atto 3", "Seal"), 2),
    ("XTA", "Lada", ("Granta", "Vesta", "Niva"), 2),
)

COLOURS = ("black", "white", "silver", "grey", "blue", "red", "green", "beige", "brown", "yellow", "orange")

# (make, model, calibre, type, serial pattern, weight); patterns as in places.py ('#' digit, '@' letter).
FIREARMS: tuple[tuple[str, str, str, str, str, int], ...] = (
    ("Glock", "17", "9x19mm Parabellum", "pistol", "@@@###", 10),
    ("Glock", "19", "9x19mm Parabellum", "pistol", "@@@###", 8),
    ("Beretta", "92FS", "9x19mm Parabellum", "pistol", "BER######", 6),
    ("Beretta", "M9", "9x19mm Parabellum", "pistol", "M9-######", 2),
    ("SIG Sauer", "P226", "9x19mm Parabellum", "pistol", "U######", 4),
    ("CZ", "75 B", "9x19mm Parabellum", "pistol", "@######", 4),
    ("Walther", "PPK", ".380 ACP", "pistol", "######@", 3),
    ("Heckler & Koch", "USP", ".45 ACP", "pistol", "##-######", 3),
    ("Browning", "Hi-Power", "9x19mm Parabellum", "pistol", "###@#####", 2),
    ("Makarov", "PM", "9x18mm Makarov", "pistol", "@@ ####", 3),
    ("Tokarev", "TT-33", "7.62x25mm Tokarev", "pistol", "@@ ####", 2),
    ("Taurus", "PT92", "9x19mm Parabellum", "pistol", "@@@######", 3),
    ("Smith & Wesson", "Model 686", ".357 Magnum", "revolver", "@@@####", 3),
    ("Colt", "Python", ".357 Magnum", "revolver", "######@", 1),
    ("Ruger", "GP100", ".357 Magnum", "revolver", "17#-#####", 2),
    ("Manurhin", "MR 73", ".357 Magnum", "revolver", "######", 1),
    ("Kalashnikov", "AK-47", "7.62x39mm", "rifle", "######", 5),
    ("Kalashnikov", "AKM", "7.62x39mm", "rifle", "@@ ####", 3),
    ("Colt", "M4 Carbine", "5.56x45mm NATO", "rifle", "W#######", 2),
    ("FN Herstal", "FAL", "7.62x51mm NATO", "rifle", "#####", 2),
    ("Steyr", "AUG", "5.56x45mm NATO", "rifle", "##@####", 1),
    ("Winchester", "Model 70", ".30-06 Springfield", "rifle", "G#######", 2),
    ("Mauser", "K98k", "7.92x57mm Mauser", "rifle", "####@", 1),
    ("Remington", "870", "12 gauge", "shotgun", "@@#####@", 4),
    ("Mossberg", "500", "12 gauge", "shotgun", "@######", 4),
    ("Benelli", "M4", "12 gauge", "shotgun", "M#######", 1),
    ("Baikal", "IZh-27", "12 gauge", "shotgun", "#########", 2),
    ("Heckler & Koch", "MP5", "9x19mm Parabellum", "submachine_gun", "##-######", 2),
    ("IMI", "Uzi", "9x19mm Parabellum", "submachine_gun", "######", 2),
    ("Škorpion", "vz. 61", ".32 ACP", "submachine_gun", "@ #####", 1),
    ("Zoraki", "914 (converted blank-firing)", "9mm P.A.K.", "other", "#######", 2),
    ("Unknown", "home-made pistol", "unknown", "other", "#####", 1),
)

# Works of art: (category, weight, title templates, materials, periods). Templates take {a} and {b}.
ART_CATEGORIES: tuple[tuple[str, int, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "painting",
        40,
        ("Portrait of {a}", "Landscape with {b}", "Still life with {b}", "Paysage avec moulin à vent",
         "Portrait d'un magistrat", "Retrato de una dama", "Bodegón con granadas", "Virgin and Child",
         "River landscape with {b}", "Scène de marché", "Untitled", "Composition no. {n}"),
        ("oil on canvas", "oil on panel", "tempera on wood", "watercolour on paper", "acrylic on canvas",
         "gouache on paper", "pastel on paper"),
        ("15th century", "16th century", "17th century", "18th century", "c. 1850", "c. 1890", "1920s",
         "1950s", "1970s", "contemporary"),
    ),
    (
        "sculpture",
        15,
        ("Bust of {a}", "Standing figure", "Seated figure of {a}", "Torse", "Figura yacente", "Horse and rider",
         "Head of {a}"),
        ("bronze", "marble", "terracotta", "polychrome wood", "limestone", "alabaster", "patinated bronze"),
        ("Roman, 2nd century AD", "Gothic, 14th century", "Renaissance", "18th century", "19th century",
         "c. 1910", "1960s"),
    ),
    (
        "icon",
        8,
        ("Saint Nicholas", "Virgin Hodegetria", "Christ Pantocrator", "Saint George and the Dragon",
         "Dormition of the Virgin", "Saint Demetrios"),
        ("tempera and gold leaf on wood panel", "tempera on wood with silver riza", "egg tempera on linden"),
        ("Byzantine, 14th century", "Russian, 17th century", "Russian, 18th century", "Greek, 16th century",
         "Ethiopian, 18th century", "Cretan school, 16th century"),
    ),
    (
        "manuscript",
        6,
        ("Book of Hours", "Qur'an", "Psalter", "Libro de horas", "Charte de franchise", "Portolan chart",
         "Letter of {a}"),
        ("ink and pigments on vellum", "ink on paper", "ink and gold on parchment"),
        ("13th century", "15th century", "Ottoman, 16th century", "Mudéjar, 14th century", "18th century"),
    ),
    (
        "coin",
        12,
        ("Aureus of {e}", "Denarius of {e}", "Tetradrachm of Athens", "Solidus of {e}", "Doubloon",
         "Louis d'or", "Real de a ocho"),
        ("gold", "silver", "bronze", "electrum"),
        ("Ancient Greek, 5th century BC", "Roman Imperial, 1st century AD", "Byzantine, 6th century",
         "Spanish colonial, 1732", "French, 1786"),
    ),
    (
        "jewellery",
        10,
        ("Diamond necklace", "Emerald ring", "Pearl tiara", "Collier en or", "Broche de esmeralda",
         "Gold bracelet", "Reliquary pendant"),
        ("gold, diamonds", "silver, enamel", "platinum, sapphires", "gold, emeralds, pearls", "white gold"),
        ("Art Deco, 1920s", "Victorian, c. 1870", "Belle Époque", "Fabergé, c. 1900", "1950s", "contemporary"),
    ),
    (
        "other",
        9,
        ("Chalice", "Tabernacle door", "Mantel clock", "Vase", "Tapestry with {b}", "Ceremonial mask",
         "Astrolabe"),
        ("porcelain", "gilt silver", "ceramic", "wool and silk", "carved wood", "brass", "ivory"),
        ("Ming dynasty", "Safavid, 17th century", "Louis XV", "18th century", "19th century", "pre-Columbian"),
    ),
)

ART_PERSONS = ("a young woman", "a gentleman", "a cardinal", "a child", "the artist's wife", "a merchant",
               "a lady in blue", "a saint", "a girl", "an old man", "a bishop", "a soldier")
ART_THINGS = ("ruins", "a windmill", "fruit", "flowers", "a river", "fishermen", "cattle", "a bridge", "boats",
              "lemons", "grapes", "peacocks", "hunters", "a lute")
EMPERORS = ("Augustus", "Nero", "Trajan", "Hadrian", "Constantine", "Justinian")

ARTIST_FIRST = ("Jan", "Pieter", "Giovanni", "Maria", "Jean", "Antoine", "Francisco", "Diego", "Anna",
                "Hans", "Élisabeth", "Luca", "Nikolai", "Andrei", "Camille", "Berthe", "José", "Carmen",
                "Willem", "Sofia", "Théodore", "Ignacio", "Margarethe", "Paolo")
ARTIST_LAST = ("van der Meer", "Rossi", "Dubois", "García", "Moreau", "Bruegel", "Lefèvre", "Ferrari",
               "de Vries", "Romano", "Martínez", "Petrov", "Schmidt", "Rublev", "Lambert", "Navarro",
               "Bianchi", "Van Dyck", "Ortega", "Fontaine", "Kowalski", "Sánchez", "Weber", "Janssens")
ARTIST_QUALIFIERS = ("", "", "", "", "", "Attributed to ", "Workshop of ", "Circle of ", "Follower of ")
# Makers of unsigned objects, by category.
ANONYMOUS_ARTISTS: dict[str, tuple[str, ...]] = {
    "painting": ("Unknown artist", "Flemish School", "Spanish School", "Italian School", "Maître inconnu"),
    "sculpture": ("Unknown artist", "French School", "Anonymous"),
    "icon": ("Russian icon painter", "Novgorod school", "Cretan school", "Unknown iconographer"),
    "manuscript": ("Unknown scribe", "Anonymous", "Monastic scriptorium"),
    "coin": ("Unknown mint", "Imperial mint", "Royal mint", "Casa de Moneda"),
    "jewellery": ("Unknown jeweller", "Fabergé workshop", "Maison parisienne", "Anonymous"),
    "other": ("Unknown maker", "Anonymous", "Workshop unknown"),
}

# Sentences of the free-text description, by language: how it was taken, what identifies it, its state.
DESCRIPTION_PARTS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "en": (
        ("Stolen from a private residence in {city}.", "Taken during a burglary of the parish church.",
         "Removed from the museum galleries during opening hours.", "Disappeared in transit to an exhibition.",
         "Stolen from a dealer's storeroom in {city}."),
        ("Signed lower right.", "Inventory label on the reverse.", "Collector's wax seal on the back.",
         "Gilded wooden frame with a small brass plaque.", "Engraved initials inside.",
         "Old auction lot number in chalk on the stretcher."),
        ("Small tear in the upper left corner.", "Restored in the 1980s.", "Slight craquelure overall.",
         "Good condition.", "Missing one stone.", "Traces of old woodworm."),
    ),
    "fr": (
        ("Volé dans une résidence privée à {city}.", "Dérobé lors d'un cambriolage de l'église paroissiale.",
         "Disparu pendant son transport vers une exposition.", "Volé dans les réserves du musée."),
        ("Signé en bas à droite.", "Étiquette d'inventaire au dos.", "Cachet de cire de collectionneur au revers.",
         "Cadre en bois doré avec cartouche.", "Numéro de lot ancien à la craie sur le châssis."),
        ("Petite déchirure en haut à gauche.", "Restauré vers 1985.", "Bon état général.",
         "Craquelures légères.", "Une pierre manquante."),
    ),
    "es": (
        ("Robado de un domicilio particular en {city}.", "Sustraído durante un robo en la iglesia parroquial.",
         "Desaparecido durante su traslado a una exposición.", "Robado de los almacenes del museo."),
        ("Firmado en el ángulo inferior derecho.", "Etiqueta de inventario en el reverso.",
         "Sello de lacre de coleccionista al dorso.", "Marco de madera dorada con placa de latón."),
        ("Pequeño desgarro en la esquina superior izquierda.", "Restaurado en los años ochenta.",
         "Buen estado de conservación.", "Falta una piedra.", "Craquelado leve en toda la superficie."),
    ),
}
DESCRIPTION_LANGUAGES = ("en",) * 7 + ("fr",) * 2 + ("es",) * 2
# fmt: on
