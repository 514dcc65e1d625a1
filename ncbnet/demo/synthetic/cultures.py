"""The naming cultures of the synthetic persons: how often each occurs, in which script its names are
written, which romanisation schemes its passports use, and where its people are born.

Shares are chosen for a police database with an international reach: Latin-script names are the
majority, about a third are written first in another script (Arabic, Cyrillic, Greek, Hebrew,
Devanagari, Han, Kana, Hangul) and stored under a romanisation.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Culture:
    key: str  # a Faker locale, or the language of a hand-made table
    weight: float
    script: str  # script of the names as their bearers write them
    language: str  # 'latin' or the romanisation language: ar, fa, he, ru, uk, el, hi, zh, ja, ko
    style: str  # naming pattern: western, spanish, portuguese, dutch, polish, arabic, eastern_slavic...
    countries: tuple[tuple[str, int], ...]  # ISO2 birth countries and their weights
    diaspora: tuple[str, ...] = ()  # ISO2 countries where some are born and naturalised
    middle_share: float = 0.1  # share of persons with a second given name
    compound_share: float = 0.0  # share of hyphenated double family names
    married_name: bool = True  # whether women commonly take the husband's family name
    schemes: tuple[tuple[str, int], ...] = ()  # romanisation schemes and their share in passports


CULTURES: tuple[Culture, ...] = (
    Culture("en_US", 8, "Latin", "latin", "western", (("US", 1),), middle_share=0.45, compound_share=0.01),
    Culture("en_GB", 5, "Latin", "latin", "western", (("GB", 9), ("IE", 1)), middle_share=0.3, compound_share=0.02),
    Culture("fr_FR", 6, "Latin", "latin", "french", (("FR", 8), ("BE", 1), ("CH", 1), ("CA", 1)),
            ("GB", "CA"), middle_share=0.15, compound_share=0.03),
    Culture("es_ES", 4, "Latin", "latin", "spanish", (("ES", 1),), married_name=False),
    Culture("es_MX", 4, "Latin", "latin", "spanish", (("MX", 1),), ("US",), married_name=False),
    Culture("es_CO", 2, "Latin", "latin", "spanish", (("CO", 4), ("VE", 2), ("PE", 1)), ("ES", "US"),
            married_name=False),
    Culture("pt_BR", 4, "Latin", "latin", "portuguese", (("BR", 8), ("PT", 1)), ("PT", "US"), married_name=False),
    Culture("de_DE", 5, "Latin", "latin", "german", (("DE", 6), ("AT", 1), ("CH", 1)), middle_share=0.15,
            compound_share=0.04),
    Culture("it_IT", 4, "Latin", "latin", "western", (("IT", 1),), ("DE", "BE"), middle_share=0.1,
            married_name=False),
    Culture("nl_NL", 2.5, "Latin", "latin", "dutch", (("NL", 4), ("BE", 1)), middle_share=0.2, compound_share=0.03),
    Culture("pl_PL", 3, "Latin", "latin", "polish", (("PL", 1),), ("DE", "GB"), middle_share=0.15),
    Culture("ro_RO", 1.5, "Latin", "latin", "western", (("RO", 5), ("MD", 1)), ("IT", "ES"), middle_share=0.15),
    Culture("tr_TR", 4, "Latin", "latin", "turkish", (("TR", 1),), ("DE", "NL", "FR"), middle_share=0.2),
    Culture("en_NG", 4, "Latin", "latin", "western", (("NG", 8), ("GH", 1)), ("GB", "US"), middle_share=0.4),
    Culture("id_ID", 2.5, "Latin", "latin", "western", (("ID", 1),), ("NL", "MY"), middle_share=0.2),
    Culture("ar", 8, "Arabic", "ar", "arabic",
            (("EG", 3), ("SA", 2), ("MA", 2), ("DZ", 2), ("IQ", 2), ("SY", 2), ("JO", 1), ("TN", 1), ("LB", 1),
             ("AE", 1)), ("FR", "DE", "GB", "SE", "BE"), middle_share=0, married_name=False, schemes=(("english", 1),)),
    Culture("fa", 2, "Arabic", "fa", "persian", (("IR", 8), ("AF", 1)), ("DE", "SE", "US"), middle_share=0.05,
            married_name=False),
    Culture("he", 1, "Hebrew", "he", "western", (("IL", 1),), ("US", "FR"), middle_share=0.15),
    Culture("ru_RU", 4.5, "Cyrillic", "ru", "eastern_slavic", (("RU", 8), ("BY", 1), ("KZ", 1)), ("DE", "IL"),
            schemes=(("icao", 55), ("bgn", 15), ("popular", 20), ("german", 3), ("french", 5), ("scientific", 2))),
    Culture("uk_UA", 2.5, "Cyrillic", "uk", "eastern_slavic", (("UA", 1),), ("PL", "DE"),
            schemes=(("national", 75), ("old", 22), ("scientific", 3))),
    Culture("el_GR", 1.5, "Greek", "el", "western", (("GR", 6), ("CY", 1)), ("DE", "AU"), middle_share=0.05,
            schemes=(("elot", 75), ("phonetic", 12), ("phonetic_h", 4), ("traditional", 4), ("letter", 5))),
    Culture("hi_IN", 3, "Devanagari", "hi", "western", (("IN", 1),), ("GB", "AE", "US"), middle_share=0.1,
            schemes=(("plain", 25), ("long", 15), ("w", 60))),
    Culture("zh_CN", 3.5, "Han", "zh", "chinese", (("CN", 1),), ("US", "CA", "AU"), middle_share=0, married_name=False,
            schemes=(("pinyin", 85), ("pinyin_hyphen", 8), ("wade_giles", 5), ("wade_giles_joined", 2))),
    Culture("ja_JP", 1, "Han", "ja", "japanese", (("JP", 1),), ("US",), middle_share=0,
            schemes=(("hepburn", 80), ("hepburn_oh", 8), ("hepburn_long", 6), ("hepburn_macron", 2), ("kunrei", 4))),
    Culture("ko_KR", 1.5, "Hangul", "ko", "korean", (("KR", 1),), ("US",), middle_share=0, married_name=False,
            schemes=(("rr", 30), ("rr_hyphen", 20), ("popular_hyphen", 25), ("popular", 15), ("mr_hyphen", 10))),
)  # fmt: skip

# Arabic names are spelt the French way in the Maghreb and Lebanon (Mohamed, Youssef, Rachid).
FRENCH_ROMANISING_COUNTRIES = frozenset({"MA", "DZ", "TN", "LB", "FR", "BE"})
# Arabic countries where the nasab is written with bin/ibn (Gulf) or ben (Maghreb).
NASAB_COUNTRIES = frozenset({"SA", "AE", "IQ", "JO", "MA", "DZ", "TN"})

CITIES: dict[str, tuple[str, ...]] = {
    code: tuple(city.strip() for city in cities.split(","))
    for code, cities in {
        "US": "New York, Los Angeles, Chicago, Houston, Miami, Phoenix, Seattle, Atlanta, Detroit, Denver",
        "GB": "London, Birmingham, Manchester, Glasgow, Liverpool, Leeds, Bristol, Cardiff, Belfast",
        "IE": "Dublin, Cork, Limerick, Galway",
        "FR": "Paris, Marseille, Lyon, Toulouse, Nice, Lille, Bordeaux, Strasbourg, Nantes, Rennes",
        "BE": "Bruxelles, Antwerpen, Liège, Gent, Charleroi",
        "CH": "Zürich, Genève, Basel, Lausanne, Bern",
        "CA": "Montréal, Toronto, Québec, Ottawa, Vancouver",
        "ES": "Madrid, Barcelona, Valencia, Sevilla, Málaga, Bilbao, Zaragoza, Murcia",
        "MX": "Ciudad de México, Guadalajara, Monterrey, Puebla, Tijuana, Culiacán, Cancún",
        "CO": "Bogotá, Medellín, Cali, Barranquilla, Cartagena",
        "VE": "Caracas, Maracaibo, Valencia, Barquisimeto",
        "PE": "Lima, Arequipa, Trujillo, Cusco",
        "BR": "São Paulo, Rio de Janeiro, Brasília, Salvador, Recife, Belo Horizonte, Fortaleza, Manaus",
        "PT": "Lisboa, Porto, Braga, Coimbra, Faro",
        "DE": "Berlin, Hamburg, München, Köln, Frankfurt am Main, Stuttgart, Leipzig, Dortmund",
        "AT": "Wien, Graz, Linz, Salzburg, Innsbruck",
        "IT": "Roma, Milano, Napoli, Torino, Palermo, Firenze, Bologna, Bari",
        "NL": "Amsterdam, Rotterdam, Den Haag, Utrecht, Eindhoven, Groningen",
        "PL": "Warszawa, Kraków, Łódź, Wrocław, Poznań, Gdańsk, Lublin",
        "RO": "București, Cluj-Napoca, Timișoara, Iași, Constanța",
        "MD": "Chișinău, Bălți, Tiraspol",
        "TR": "İstanbul, Ankara, İzmir, Bursa, Antalya, Gaziantep, Diyarbakır",
        "NG": "Lagos, Abuja, Kano, Ibadan, Port Harcourt, Enugu, Benin City",
        "GH": "Accra, Kumasi, Tamale, Takoradi",
        "SN": "Dakar, Thiès, Saint-Louis, Ziguinchor",
        "ID": "Jakarta, Surabaya, Bandung, Medan, Semarang, Makassar, Denpasar",
        "MY": "Kuala Lumpur, George Town, Johor Bahru",
        "EG": "Cairo, Alexandria, Giza, Luxor, Aswan, Port Said, Mansoura",
        "SA": "Riyadh, Jeddah, Mecca, Medina, Dammam",
        "MA": "Casablanca, Rabat, Marrakech, Fès, Tanger, Agadir, Oujda",
        "DZ": "Alger, Oran, Constantine, Annaba, Sétif",
        "IQ": "Baghdad, Basra, Mosul, Erbil, Najaf",
        "SY": "Damascus, Aleppo, Homs, Latakia, Hama",
        "JO": "Amman, Zarqa, Irbid, Aqaba",
        "TN": "Tunis, Sfax, Sousse, Kairouan",
        "LB": "Beirut, Tripoli, Sidon, Tyre",
        "AE": "Dubai, Abu Dhabi, Sharjah",
        "SE": "Stockholm, Göteborg, Malmö, Uppsala",
        "IR": "Tehran, Mashhad, Isfahan, Tabriz, Shiraz, Karaj",
        "AF": "Kabul, Herat, Kandahar, Mazar-i-Sharif",
        "IL": "Jerusalem, Tel Aviv, Haifa, Beersheba, Netanya",
        "RU": "Moskva, Sankt-Peterburg, Novosibirsk, Yekaterinburg, Kazan, Nizhny Novgorod, Rostov-na-Donu",
        "BY": "Minsk, Gomel, Brest, Vitebsk",
        "KZ": "Almaty, Astana, Shymkent, Karaganda",
        "UA": "Kyiv, Kharkiv, Odesa, Dnipro, Lviv, Zaporizhzhia",
        "GR": "Athína, Thessaloníki, Pátra, Irákleio, Lárisa",
        "CY": "Lefkosía, Lemesós, Lárnaka",
        "AU": "Sydney, Melbourne, Brisbane, Perth, Adelaide",
        "IN": "Mumbai, Delhi, Bengaluru, Kolkata, Lucknow, Jaipur, Patna, Kanpur",
        "CN": "Beijing, Shanghai, Guangzhou, Shenzhen, Chengdu, Wuhan, Tianjin, Xi'an",
        "JP": "Tokyo, Osaka, Yokohama, Nagoya, Sapporo, Fukuoka",
        "KR": "Seoul, Busan, Incheon, Daegu, Gwangju",
    }.items()
}
