"""The engines' sentences (person and identifier matching, MRZ parsing, notice screening), as msgids whose
placeholders mark the data values. Order matters: the specific template first."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Order matters where two templates could read the same line: the specific one first.
TEMPLATES: tuple[Promise, ...] = (
    # --- person search: one word of the searched name against one of the record's (name_comparison) ---
    # Translators: why a person record matched. The quoted words are names as the data spells them, folded to
    # lower case; keep the quotes (or use your language's). "~" means "compared with".
    _("'%(name)s' matches"),
    _("'%(query_name)s' ~ '%(record_name)s' (spelling variant)"),
    _("'%(query_name)s' ~ '%(record_name)s' (same name, particle or romanisation aside)"),
    _("'%(initial)s' is the initial of '%(name)s'"),
    _("'%(query_name)s' ~ '%(record_name)s' (written together)"),
    _("'%(query_name)s' ~ '%(record_name)s' (close spelling)"),
    _("middle name '%(name)s' not in the record"),
    _("'%(name)s' not in the record"),
    _("the record also has the middle name '%(name)s'"),
    _("the record also has '%(name)s'"),
    _("names in a different order"),
    _("no name in common"),
    _("no name to compare"),
    # --- person search: date of birth, sex, nationality (persons, dates) ---
    _("the record has no date of birth"),
    # Translators: M is male, F female: the query says one, the record the other.
    _("sex differs: query M, record F"),
    _("sex differs: query F, record M"),
    _("sex matches"),
    # Translators: %(country)s is an ISO country code; %(countries)s a list of them.
    _("nationality %(country)s matches"),
    _("nationality differs: query %(country)s, record %(countries)s"),
    # Translators: dates of birth as YYYY, YYYY-MM, YYYY-MM-DD or a range YYYY..YYYY, as the data holds them.
    _("date of birth matches exactly"),
    _("date of birth %(query)s matches (not a full date)"),
    _("day and month swapped: query %(query)s, record %(record)s"),
    _("year differs by one: query %(query)s, record %(record)s"),
    _("one digit differs: query %(query)s, record %(record)s"),
    _("two digits swapped: query %(query)s, record %(record)s"),
    _("year of birth differs by one: query %(query)s, record %(record)s"),
    _("date of birth differs: query %(query)s, record %(record)s"),
    _("date of birth compatible: %(query)s is within the record's %(record)s"),
    _("date of birth compatible: the record's %(record)s is within %(query)s"),
    _("date ranges overlap: query %(query)s, record %(record)s"),
    # --- identifier search (records.identifier_search) ---
    _("document number matches exactly"),
    # Translators: scanned text confuses O and 0, I and 1, S and 5...: the number is probably the same.
    _("document number %(number)s matches once scanned-text confusions are folded"),
    _("issuing country matches"),
    _("document type matches"),
    _("plate and its country match"),
    _("VIN matches exactly"),
    _("VIN %(vin)s matches once confusions are folded"),
    _("serial number matches exactly"),
    _("serial number %(number)s matches once confusions are folded"),
    # --- a VIN read with warnings (matching.identifiers.parse_vin) ---
    _("a VIN never contains the letters I, O or Q; read %(letters)s as 1 or 0"),
    _("check digit (9th character) of the VIN is %(found)s, expected %(expected)s"),
    _("the VIN's check digit does not match"),
    # --- a machine-readable zone read with problems (matching.mrz) ---
    # Translators: the check digits of a passport's machine-readable zone; "missing" means the filler '<'.
    _("check digit of the document number is missing, expected %(expected)s"),
    _("check digit of the document number is %(found)s, expected %(expected)s"),
    _("check digit of the date of birth is missing, expected %(expected)s"),
    _("check digit of the date of birth is %(found)s, expected %(expected)s"),
    _("check digit of the expiry date is missing, expected %(expected)s"),
    _("check digit of the expiry date is %(found)s, expected %(expected)s"),
    _("check digit of the optional data is missing, expected %(expected)s"),
    _("check digit of the optional data is %(found)s, expected %(expected)s"),
    _("check digit of the zone as a whole (composite) is missing, expected %(expected)s"),
    _("check digit of the zone as a whole (composite) is %(found)s, expected %(expected)s"),
    # Translators: %(raw)s is the date as written in the zone, YYMMDD.
    _("date of birth %(raw)s is not a date"),
    _("expiry date %(raw)s is not a date"),
    _("date of birth %(raw)s is not a date: there is no month %(month)s"),
    _("expiry date %(raw)s is not a date: there is no month %(month)s"),
    _("date of birth %(raw)s is not a date: there is no day %(day)s in %(year)s-%(month)s"),
    _("expiry date %(raw)s is not a date: there is no day %(day)s in %(year)s-%(month)s"),
    _("date of birth %(date)s is in the future"),
    _("sex %(sex)s is not F, M or <"),
    _("the name contains the digits %(digits)s; the zone may be misread"),
    # --- notice screening (notices.screening) ---
    # Translators: %(missing)s lists what is missing, e.g. "sex, date of birth (at least the year)".
    _("not enough identifiers to identify the person: %(missing)s missing"),
    _("a Red Notice needs the arrest warrant or judgment (authority, date, reference)"),
    _("the requesting country must give its assurance that extradition will be sought"),
    # Translators: %(remaining)s and %(minimum)s are numbers of months.
    _("%(remaining)s months of the sentence remain; a Red Notice needs at least %(minimum)s"),
    _("the heaviest maximum penalty charged is %(longest)s months; a Red Notice for prosecution needs an "
      "offence punishable by at least 2 years"),
    _("a person who cannot be named needs a photo or a physical description"),
    _("the subject's record has no name"),
    # Translators: %(text)s is the offence as the request words it, %(term)s the listed term found in it.
    _("'%(text)s' falls under an excluded offence category (%(category)s: '%(term)s')"),
    _("possible political character: '%(term)s'"),
    _("possible military character: '%(term)s'"),
    _("possible religious character: '%(term)s'"),
    _("possible racial character: '%(term)s'"),
    # Translators: %(signal)s is a category the General Secretariat added to the screening list, in English.
    _("possible %(signal)s character: '%(term)s'"),
)

# The services' refusals: the errors of a record, a search, a notice request, a message, and the access policy's
