"""Countries, cities and the shapes of their document numbers and number plates, for synthetic records.

Patterns use '#' for a digit, '@' for a letter A-Z, '%' for the alphabet of German passport numbers
(ICAO-safe letters without vowels, plus digits), '*' for a letter other than O or a digit (Dutch
numbers); any other character is written as is. The shapes follow what each country issues today
(for instance French passports are 2 digits, 2 letters, 5 digits) closely enough for search tests;
they are not a validation rule.
"""

from __future__ import annotations

from dataclasses import dataclass

PATTERN_ALPHABETS = {
    "#": "0123456789",
    "@": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "%": "CFGHJKLMNPRTVWXYZ0123456789",
    "*": "ABCDEFGHIJKLMNPQRSTUVWXYZ0123456789",
}


@dataclass(frozen=True)
class IssuingCountry:
    icao: str  # as written in the issuing_country column (3 letters)
    weight: int  # relative share of the records
    document_pattern: str
    cities: tuple[str, ...]


def _country(icao: str, weight: int, pattern: str, cities: str) -> IssuingCountry:
    return IssuingCountry(icao, weight, pattern, tuple(city.strip() for city in cities.split(",")))


ISSUING_COUNTRIES: tuple[IssuingCountry, ...] = (
    # Europe
    _country("FRA", 8, "##@@#####", "Paris, Marseille, Lyon, Toulouse, Nice, Lille, Bordeaux, Strasbourg"),
    _country("DEU", 8, "%%%%%%%%%", "Berlin, Hamburg, München, Köln, Frankfurt am Main, Stuttgart, Leipzig"),
    _country("GBR", 7, "#########", "London, Birmingham, Manchester, Glasgow, Liverpool, Leeds, Bristol"),
    _country("ITA", 6, "@@#######", "Roma, Milano, Napoli, Torino, Palermo, Firenze, Bologna"),
    _country("ESP", 6, "@@@######", "Madrid, Barcelona, Valencia, Sevilla, Málaga, Bilbao, Zaragoza"),
    _country("NLD", 3, "*********", "Amsterdam, Rotterdam, Den Haag, Utrecht, Eindhoven"),
    _country("BEL", 3, "@@######", "Bruxelles, Antwerpen, Liège, Gent, Charleroi"),
    _country("CHE", 2, "@#######", "Zürich, Genève, Basel, Lausanne, Bern"),
    _country("AUT", 2, "@#######", "Wien, Graz, Linz, Salzburg, Innsbruck"),
    _country("PRT", 2, "@######", "Lisboa, Porto, Braga, Coimbra, Faro"),
    _country("POL", 4, "@@#######", "Warszawa, Kraków, Łódź, Wrocław, Poznań, Gdańsk"),
    _country("SWE", 2, "########", "Stockholm, Göteborg, Malmö, Uppsala"),
    _country("NOR", 1, "@@#######", "Oslo, Bergen, Trondheim, Stavanger"),
    _country("DNK", 1, "#########", "København, Aarhus, Odense, Aalborg"),
    _country("FIN", 1, "@@#######", "Helsinki, Espoo, Tampere, Turku"),
    _country("IRL", 1, "@@#######", "Dublin, Cork, Limerick, Galway"),
    _country("GRC", 2, "@@#######", "Athína, Thessaloníki, Pátra, Irákleio"),
    _country("CZE", 2, "########", "Praha, Brno, Ostrava, Plzeň"),
    _country("HUN", 2, "@@#######", "Budapest, Debrecen, Szeged, Miskolc"),
    _country("ROU", 3, "########", "București, Cluj-Napoca, Timișoara, Iași, Constanța"),
    _country("BGR", 2, "#########", "Sofia, Plovdiv, Varna, Burgas"),
    _country("HRV", 1, "#########", "Zagreb, Split, Rijeka, Osijek"),
    _country("SRB", 2, "#########", "Beograd, Novi Sad, Niš, Kragujevac"),
    _country("ALB", 1, "@@#######", "Tiranë, Durrës, Vlorë, Shkodër"),
    _country("XKX", 1, "P########", "Prishtinë, Prizren, Pejë, Gjakovë"),
    _country("UKR", 4, "@@######", "Kyiv, Kharkiv, Odesa, Dnipro, Lviv"),
    _country("RUS", 6, "#########", "Moskva, Sankt-Peterburg, Novosibirsk, Yekaterinburg, Kazan"),
    _country("TUR", 5, "@########", "İstanbul, Ankara, İzmir, Bursa, Antalya, Gaziantep"),
    # Middle East and North Africa
    _country("MAR", 3, "@@#######", "Casablanca, Rabat, Marrakech, Fès, Tanger, Agadir"),
    _country("DZA", 3, "#########", "Alger, Oran, Constantine, Annaba"),
    _country("TUN", 2, "@######", "Tunis, Sfax, Sousse, Kairouan"),
    _country("EGY", 4, "@########", "Cairo, Alexandria, Giza, Luxor, Aswan, Port Said"),
    _country("SAU", 2, "@#######", "Riyadh, Jeddah, Mecca, Dammam"),
    _country("ARE", 2, "@#######", "Dubai, Abu Dhabi, Sharjah"),
    _country("JOR", 1, "@#######", "Amman, Zarqa, Irbid, Aqaba"),
    _country("LBN", 1, "LR#######", "Beirut, Tripoli, Sidon, Tyre"),
    _country("IRQ", 2, "@########", "Baghdad, Basra, Mosul, Erbil"),
    _country("SYR", 2, "N#########", "Damascus, Aleppo, Homs, Latakia"),
    # Africa
    _country("NGA", 4, "@########", "Lagos, Abuja, Kano, Ibadan, Port Harcourt"),
    _country("KEN", 2, "A@#######", "Nairobi, Mombasa, Kisumu, Nakuru, Eldoret"),
    _country("GHA", 2, "G#######", "Accra, Kumasi, Tamale, Takoradi"),
    _country("ZAF", 3, "@########", "Johannesburg, Cape Town, Durban, Pretoria, Port Elizabeth"),
    _country("ETH", 2, "EP#######", "Addis Ababa, Dire Dawa, Mekelle, Bahir Dar"),
    _country("SEN", 1, "@########", "Dakar, Thiès, Saint-Louis, Ziguinchor"),
    _country("CIV", 1, "##@@#####", "Abidjan, Bouaké, Yamoussoukro, San-Pédro"),
    _country("CMR", 1, "########", "Douala, Yaoundé, Garoua, Bamenda"),
    _country("COD", 2, "@@#######", "Kinshasa, Lubumbashi, Goma, Kisangani"),
    # Americas
    _country("USA", 8, "@########", "New York, Los Angeles, Chicago, Houston, Miami, Seattle, Atlanta"),
    _country("CAN", 3, "@@######", "Toronto, Montréal, Vancouver, Calgary, Ottawa"),
    _country("MEX", 4, "@########", "Ciudad de México, Guadalajara, Monterrey, Puebla, Tijuana, Cancún"),
    _country("BRA", 5, "@@######", "São Paulo, Rio de Janeiro, Brasília, Salvador, Recife, Belo Horizonte"),
    _country("ARG", 3, "@@@######", "Buenos Aires, Córdoba, Rosario, Mendoza"),
    _country("COL", 3, "@@######", "Bogotá, Medellín, Cali, Barranquilla, Cartagena"),
    _country("PER", 2, "#########", "Lima, Arequipa, Trujillo, Cusco"),
    _country("CHL", 2, "@########", "Santiago, Valparaíso, Concepción, Antofagasta"),
    _country("VEN", 2, "#########", "Caracas, Maracaibo, Valencia, Barquisimeto"),
    # Asia and South Pacific
    _country("CHN", 6, "E########", "Beijing, Shanghai, Guangzhou, Shenzhen, Chengdu, Wuhan"),
    _country("JPN", 3, "@@#######", "Tokyo, Osaka, Yokohama, Nagoya, Sapporo"),
    _country("KOR", 2, "M########", "Seoul, Busan, Incheon, Daegu"),
    _country("IND", 6, "@#######", "Mumbai, Delhi, Bengaluru, Chennai, Kolkata, Hyderabad"),
    _country("PAK", 3, "@@#######", "Karachi, Lahore, Islamabad, Peshawar"),
    _country("BGD", 2, "@########", "Dhaka, Chittagong, Khulna, Sylhet"),
    _country("IDN", 3, "@#######", "Jakarta, Surabaya, Bandung, Medan, Denpasar"),
    _country("PHL", 3, "P#######@", "Manila, Quezon City, Cebu, Davao"),
    _country("VNM", 2, "@########", "Hà Nội, Hồ Chí Minh, Đà Nẵng, Hải Phòng"),
    _country("THA", 2, "@@#######", "Bangkok, Chiang Mai, Phuket, Pattaya"),
    _country("MYS", 1, "@########", "Kuala Lumpur, George Town, Johor Bahru"),
    _country("SGP", 1, "@#######@", "Singapore"),
    _country("AUS", 2, "@@#######", "Sydney, Melbourne, Brisbane, Perth, Adelaide"),
    _country("NZL", 1, "@@######", "Auckland, Wellington, Christchurch"),
)

# Number plates as they are written, by ISO country code.
PLATE_PATTERNS: dict[str, tuple[str, ...]] = {
    "FR": ("@@-###-@@",),
    "DE": ("B-@@ ####", "M-@ ###", "HH-@@ ###", "K-@@ ####", "F-@ ####", "MÜ-@@ ##", "S-@@ ####"),
    "GB": ("@@## @@@",),
    "IT": ("@@ ###@@",),
    "ES": ("#### @@@",),
    "NL": ("##-@@@-#", "@@-###-@"),
    "BE": ("1-@@@-###", "2-@@@-###"),
    "PL": ("W@ #####", "K@ #####"),
    "CH": ("ZH ######", "GE ######", "VD ######"),
    "AT": ("W-#####@", "G-####@"),
    "SE": ("@@@ ##@",),
    "UA": ("@@####@@",),
    "RU": ("@###@@ ##", "@###@@ ###"),
    "TR": ("## @@ ####", "## @ #####"),
    "US": ("#@@@###", "@@@ ####", "###-@@@"),
    "CA": ("@@@@ ###",),
    "MX": ("@@@-###-@",),
    "BR": ("@@@#@##",),
    "AR": ("@@ ### @@",),
    "KE": ("K@@ ###@",),
    "ZA": ("@@ ## @@ GP", "CA ######"),
    "NG": ("@@@-###@@",),
    "IN": ("MH ## @@ ####", "DL ## @@ ####", "KA ## @@ ####"),
    "AU": ("@@@-###", "###-@@@"),
}

PLATE_WEIGHTS: dict[str, int] = {
    "FR": 8, "DE": 8, "GB": 6, "IT": 6, "ES": 5, "NL": 3, "BE": 3, "PL": 4, "CH": 2, "AT": 2, "SE": 2,
    "UA": 3, "RU": 4, "TR": 3, "US": 8, "CA": 3, "MX": 4, "BR": 4, "AR": 2, "KE": 2, "ZA": 3, "NG": 2,
    "IN": 4, "AU": 2,
}  # fmt: skip
