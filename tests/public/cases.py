"""The searches and the bad inputs that the API and the site must answer alike (one table for both)."""

from __future__ import annotations

# (query string, the extracts expected, newest publication first)
RED_FILTERS = [
    ("", ["muller", "rashid", "garcia", "dubois"]),
    ("name=muller", ["muller"]),
    ("name=M%C3%9CLLER", ["muller"]),  # MÜLLER, folded
    ("name=mull", ["muller"]),
    ("name=rashid", ["rashid"]),
    ("name=al-rashid", ["rashid"]),
    ("name=hans", ["muller"]),  # name and forename both look in the whole folded name
    ("name=nobody", []),
    ("name=m_ller", []),  # LIKE's wildcards are taken literally
    ("name=mu%25", []),
    ("freeText=rob%25ery", []),
    ("forename=hans+peter", ["muller"]),
    ("forename=mar%C3%ADa", ["garcia"]),  # María
    ("forename=maria", ["garcia"]),
    ("name=garcia&forename=maria", ["garcia"]),
    ("name=garcia&forename=hans", []),
    ("nationality=FR", ["rashid"]),
    ("nationality=fr", ["rashid"]),
    ("nationality=DE", ["muller"]),
    ("nationality=AT", ["muller"]),
    ("nationality=IT", []),  # Dubois's nationality was not published: not searchable either
    ("ageMin=0", ["muller", "rashid", "garcia"]),  # no date of birth published: out of any age search
    ("ageMin=30", ["muller", "rashid"]),
    ("ageMin=31", ["rashid"]),
    ("ageMax=30", ["muller", "garcia"]),  # Müller turns 30 today
    ("ageMax=29", ["garcia"]),
    ("ageMin=22&ageMax=22", ["garcia"]),
    ("ageMax=21", []),
    ("ageMin=40&ageMax=50", ["rashid"]),  # born in a year: the latest possible day counts
    ("sexId=F", ["garcia"]),
    ("sexId=M", ["muller", "rashid"]),
    ("sexId=m", ["muller", "rashid"]),
    ("sexId=U", ["dubois"]),  # sex not published
    ("arrestWarrantCountryId=ES", ["rashid", "garcia"]),  # Spain's own warrant, and Spain's warrant for France
    ("arrestWarrantCountryId=DE", ["muller"]),
    ("arrestWarrantCountryId=FR", []),
    ("arrestWarrantCountryId=IT", []),  # Dubois's warrants were not published
    ("freeText=robbery", ["muller"]),
    ("freeText=organisee+fraude", ["rashid"]),  # every word, any order, folded
    ("freeText=Berlin", ["muller"]),
    ("freeText=anchor", ["muller"]),
    ("freeText=robbery+berlin", ["muller"]),
    ("freeText=robbery+madrid", []),
    ("freeText=murder", []),  # Dubois's charge was not published
    ("nationality=DE&sexId=M&ageMin=25&freeText=robbery", ["muller"]),
    ("name=m&resultPerPage=1", ["muller"]),
    ("name=m&resultPerPage=1&page=2", ["rashid"]),
]

OTHER_FILTERS = [
    ("yellow", "", ["novak", "doe"]),
    ("yellow", "name=novak", ["novak"]),
    ("yellow", "sexId=U", ["doe"]),
    ("yellow", "ageMax=15", ["novak"]),
    ("yellow", "freeText=zagreb", ["novak"]),
    ("yellow", "nationality=HR", ["novak"]),
    ("un", "", ["acme"]),
    ("un", "name=acme", ["acme"]),
    ("un", "freeText=trading+llc", ["acme"]),
    ("un", "name=novak", []),
]

# (query string, the parameter the refusal names)
BAD_INPUT = [
    ("resultPerPage=1000", "resultPerPage"),
    ("resultPerPage=161", "resultPerPage"),
    ("resultPerPage=0", "resultPerPage"),
    ("page=0", "page"),
    ("page=-1", "page"),
    ("page=abc", "page"),
    ("page=1.5", "page"),
    ("page=99999999999999999999", "page"),
    ("ageMin=50&ageMax=30", "ageMin"),
    ("ageMin=121", "ageMin"),
    ("ageMax=x", "ageMax"),
    ("ageMax=%EF%BC%93", "ageMax"),  # a full-width digit 3
    ("nationality=ZZ", "nationality"),
    ("nationality=AQ", "nationality"),  # ISO 3166, but not a country the network knows
    ("nationality=FRA", "nationality"),
    ("nationality=F1", "nationality"),
    ("arrestWarrantCountryId=XX", "arrestWarrantCountryId"),
    ("sexId=X", "sexId"),
    ("name=" + "a" * 101, "name"),
    ("name=a%00b", "name"),
    ("freeText=%21%21%21", "freeText"),
    ("forename=a&forename=b", "forename"),
    ("foo=bar", "foo"),
    ("resultperpage=10", "resultperpage"),  # a misspelt parameter is refused, not ignored
]
