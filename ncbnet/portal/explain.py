"""The domain engines' English explanations, findings and problems, and the services' refusals, in the officer's
language.

Person and identifier matching (``matching.name_comparison``, ``matching.persons``, ``matching.dates``,
``matching.mrz``, ``matching.identifiers``, ``records.identifier_search``) and notice screening
(``notices.screening``) explain themselves in English, and those texts stay English: they are part of the API
and of the audit trail. So do the services' refusals: a record's field errors (``records.cleaning`` and the
parsers it uses), a bulk file's report (``records.bulk``), a search's (``records.person_search``,
``records.text_search``, an identifier answer's ``error``), a notice request's (``notices.content``, pydantic's own
messages included, and the notices services, review, changes, diffusions and lifecycle), a message's
(``messaging.services``, ``recipients``, ``attachments``), and the access policy's ``Denied`` reasons.

The portal translates them at its edge instead, through one entry point, ``translate(line)`` (the ``explain``
filter in templates). Every sentence those modules can write is one template below, in two ordered tables tried
one after the other: ``TEMPLATES``, the engines' sentences, then ``ERRORS``, the services' refusals. A template's
English msgid is the sentence with its variable parts as ``%(name)s``; it also gives the pattern that recognises
the sentence (the literal parts as they are, each placeholder a named group), so the two cannot drift apart.
Values from the data (names, dates, numbers, terms, codes, what was typed) go back into the translated sentence
unchanged; the few fixed English phrases a module joins into a sentence (the missing identifiers, an excluded
offence category, a month's name, a notice's state, the holder of an ICAO code, "or"/"and" ending a list...) are
translated too, and the reason after "MRZ: " is itself translated. A line no template knows is shown as it came:
English, never lost.

``tests/portal/test_explain.py`` and ``tests/portal/test_explain_errors.py`` produce the lines by calling the
engines and the services and prove each one is known and rendered back word for word in English.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import NamedTuple

from django.utils import translation
from django.utils.dates import MONTHS
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ncbnet.portal import labels

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
# reasons. Tried after the engines' sentences above, in this order (the specific one first here too).
ERRORS: tuple[Promise, ...] = (
    # --- a record's fields (records.cleaning): shown beside the field, or after its name ---
    # Translators: what is wrong with one field of a police record; the field is named beside it.
    _("not a field of this record"),
    _("must be text"),
    _("is required"),
    _("contains a NUL character"),
    # Translators: %(count)s is a number as the service writes it, perhaps with a thousands comma ("4,000").
    _("at most %(count)s characters"),
    _("must be a whole number"),
    _("a whole number from %(low)s to %(high)s"),
    _("must be a list"),
    _("true or false"),
    # Translators: %(choices)s lists the accepted codes as the data and the API spell them ("M, F, X, U").
    _("one of %(choices)s"),
    _("a date is written YYYY-MM-DD"),
    # Translators: %(written)s is the date as the officer typed it.
    _("%(written)s: there is no month %(month_number)s"),
    # Translators: e.g. "2031-02-31: February 2031 has 28 days".
    _("%(written)s: %(month_name)s %(year_number)s has %(days)s days"),
    _("%(written)s: year before 1800"),
    # Translators: %(when)s is a date as typed: YYYY, YYYY-MM or YYYY-MM-DD.
    _("%(when)s is in the future"),
    _("none, allow or deny"),
    _("an allow-list needs at least one country"),
    _("above your own clearance"),
    _("1 (official use only), 2 (restricted) or 3 (confidential)"),
    _("must be text such as 1980-05-17, 1980-05, 1980 or 1975..1980"),
    _("each item is an object with country and number"),
    # Translators: %(keys)s are the unknown keys as the data spells them.
    _("unknown keys %(keys)s"),
    _("a person needs at least one name"),
    _("at most %(count)s names"),
    # Translators: %(kinds)s lists the codes of the kinds of name (primary, alias...).
    _("a name is text, or an object with full and kind (%(kinds)s)"),
    _("before the issue date"),
    _("a plate needs the country that issued it"),
    _("a vehicle needs a VIN or a registration plate"),
    # --- a name (matching.names) ---
    _("a name can have at most %(max)s characters, this one has %(count)s"),
    _("a name needs at least one letter"),
    _("the name has no letters that can be written in Latin letters"),
    # --- a date of birth (matching.dates) ---
    _("the date is empty"),
    # Translators: %(text)s is what was typed; YYYY, YYYY-MM, YYYY-MM-DD and the range are formats to keep as they are.
    _("'%(text)s' is not a date: write it as YYYY, YYYY-MM or YYYY-MM-DD, or a range such as 1975..1980"),
    _("year %(year)s is in the future"),
    _("year %(year)s is too early for a date of birth"),
    _("month %(month_number)s does not exist"),
    # Translators: e.g. "30 February 1980 does not exist".
    _("%(day_number)s %(month_name)s %(year)s does not exist"),
    _("the range %(range)s ends before it starts"),
    # --- identifiers (matching.identifiers, matching.mrz, records.identifier_search) ---
    # Translators: %(characters)s are the refused characters, each quoted as the service quotes them.
    _("the document number contains %(characters)s; only letters A-Z, digits and separators are allowed"),
    _("the number plate contains %(characters)s; only letters A-Z, digits and separators are allowed"),
    _("the serial number contains %(characters)s; only letters A-Z, digits and separators are allowed"),
    _("the document number is empty"),
    _("the number plate is empty"),
    _("the serial number is empty"),
    _("the document number has %(count)s letters and digits; at most %(max)s are allowed"),
    _("the number plate has %(count)s letters and digits; at most %(max)s are allowed"),
    _("the serial number has %(count)s letters and digits; at most %(max)s are allowed"),
    # Translators: %(code)s is the code as typed, in quotes.
    _("unknown country code %(code)s"),
    # Translators: ICAO codes for bodies that are not countries; %(holder)s is e.g. "the European Union".
    _("country code %(code)s designates %(holder)s, not a country"),
    _("a VIN has 17 characters; this one has %(count)s"),
    _("the VIN contains %(characters)s; only letters A-Z and digits are allowed"),
    _("the MRZ holds no document number"),
    _("a plate is searched with the country that issued it"),
    # Translators: %(field)s and %(fields)s are the API's names of what can be searched.
    _("cannot search by %(field)s; one of %(fields)s"),
    # Translators: MRZ is the machine-readable zone of a travel document; %(reason)s is why it cannot be read.
    _("MRZ: %(reason)s"),
    _("the machine-readable zone is empty; it should have 3 lines of 30 characters (TD1), 2 of 36 (TD2) or 2 of 44 "
      "(TD3)"),
    _("found 1 line of %(lengths)s characters; a machine-readable zone has 3 lines of 30 characters (TD1), 2 of 36 "
      "(TD2) or 2 of 44 (TD3)"),
    # Translators: %(lengths)s lists the lengths of the lines found, e.g. "30, 30 and 29".
    _("found %(count)s lines of %(lengths)s characters; a machine-readable zone has 3 lines of 30 characters (TD1), "
      "2 of 36 (TD2) or 2 of 44 (TD3)"),
    _("line %(line)s contains %(character)s at position %(position)s; a machine-readable zone holds only letters A-Z, "
      "digits and '<'"),
    # --- searches (records.person_search, records.text_search, records.frontline) ---
    _("give at least one name"),
    _("M, F, X or U"),
    _("from 1 to %(max)s"),
    _("from 0 to 1"),
    _("the text needs at least one word"),
    _("limit is from 1 to 100"),
    # Translators: work_of_art and person are the API's codes of the two kinds; %(kind)s another one.
    _("free text searches work_of_art and person, not %(kind)s"),
    _("each traveller needs a document, an MRZ or a name"),
    # --- bulk files (records.bulk): one line of the file, or the file ---
    _("longer than %(max)s bytes"),
    _("not valid UTF-8 (byte %(byte)s)"),
    # Translators: %(detail)s is the JSON reader's own explanation, in English.
    _("not valid JSON: %(detail)s"),
    _("each line is one JSON object"),
    _("more cells than the header has columns"),
    _("line %(line)s is not valid UTF-8 (byte %(byte)s)"),
    # Translators: %(detail)s is the CSV reader's own explanation, in English.
    _("line %(line)s: %(detail)s"),
    _("ndjson or csv"),
    _("already used on line %(line)s of this file"),
    # Translators: %(code)s is the ICAO code of the issuing country; %(country)s the officer's country code.
    _("only the issuing country's NCB may add a document issued by %(code)s; you act for %(country)s"),
    _("the file holds no records"),
    _("your NCB already has a record with this reference"),
    # --- changing a record (records.services) ---
    _("this person was deleted; it can no longer change"),
    _("this travel document was deleted; it can no longer change"),
    _("this vehicle was deleted; it can no longer change"),
    _("this work of art was deleted; it can no longer change"),
    _("this firearm was deleted; it can no longer change"),
    _("this person was already deleted"),
    _("this travel document was already deleted"),
    _("this vehicle was already deleted"),
    _("this work of art was already deleted"),
    _("this firearm was already deleted"),
    # --- a notice request's content (notices.content: pydantic's own messages, and the schema's) ---
    # Translators: pydantic's standard messages on the content of a notice request; the field is named beside them.
    _("Field required"),
    _("Extra inputs are not permitted"),
    _("Input should be a valid string"),
    _("String should have at least 1 character"),
    _("String should have at most %(max)s characters"),
    # Translators: the pattern means two capital letters, an ISO country code; keep it as it is.
    _("String should match pattern '^[A-Z]{2}$'"),
    _("Input should be a valid integer"),
    _("Input should be a valid integer, unable to parse string as an integer"),
    _("Input should be a valid integer, got a number with a fractional part"),
    _("Unable to parse input string as an integer, exceeded maximum size"),
    _("Input should be a finite number"),
    _("Input should be greater than or equal to %(min)s"),
    _("Input should be less than or equal to %(max)s"),
    _("Input should be a valid boolean"),
    _("Input should be a valid boolean, unable to interpret input"),
    _("Input should be a valid list"),
    _("List should have at least 1 item after validation, not 0"),
    # Translators: %(given)s is the number of items given.
    _("List should have at most %(max)s items after validation, not %(given)s"),
    # Translators: %(model)s is the part of the request expected: a charge, a warrant, an asset, an entity.
    _("Input should be a valid dictionary or instance of %(model)s"),
    _("Input should be a valid date"),
    # Translators: %(problem)s says what is wrong with the date, e.g. "month value is outside expected range of 1-12".
    _("Input should be a valid date or datetime, %(problem)s"),
    _("Input should be a valid date in the format YYYY-MM-DD, %(problem)s"),
    _("Datetimes provided to dates should have zero time - e.g. be exact dates"),
    # Translators: %(literals)s lists the accepted codes, quoted: "'prosecution' or 'sentence'".
    _("Input should be %(literals)s"),
    _("sentence_remaining_months is required when the person is sought to serve a sentence"),
    _("must be an object"),
    # --- a notice request (notices.services) ---
    # Translators: the list is the codes of the nine notice types; keep it as it is.
    _("unknown notice type %(value)s; one of red, yellow, blue, black, green, orange, purple, silver, un"),
    # Translators: %(notice_type)s is the notice's colour (or "UN"), as in "a red notice".
    _("a %(notice_type)s notice has no person as its subject"),
    _("a %(notice_type)s notice needs its subject: the id of a person record your country contributed"),
    _("a %(notice_type)s notice needs its subject's particulars"),
    _("no person record %(id)s of your country"),
    _("person record %(id)s was deleted"),
    _("an NCB names its subject by subject_person_id, a person record of its country"),
    _("an international body keeps no person records: give the subject's particulars in subject"),
    _("only Red, Yellow and UN Special Notices may have a public extract"),
    # Translators: %(fields)s are the API's names of the fields asked for.
    _("not public fields of a %(notice_type)s notice: %(fields)s"),
    _("a public extract must show the name"),
    _("an Orange Notice about a person needs the person's record"),
    _("a UN Special Notice names a person or, in content.entity, an entity"),
    _("a request keeps its type; withdraw it and request another"),
    _("the request does not meet the minimum criteria; nothing was submitted"),
    _("excluded or signal"),
    _("1 to %(max)s characters"),
    # --- review, and what follows publication (notices.review, notices.changes, notices.lifecycle) ---
    _("approve, refuse or return"),
    _("a decision to refuse must give its reasons to the requesting country"),
    _("a decision to return must give its reasons to the requesting country"),
    _("a suspension must give its reasons"),
    _("a withdrawal must give its reasons"),
    _("a cancellation must give its reasons"),
    _("a renewal must give its reasons"),
    _("a change of this notice is already in review; wait for its decision"),
    _("must be in the future"),
    _("a notice is suspended for at most %(months)s months: until %(date)s at the latest"),
    _("the commission's order reference, 1 to 100 characters"),
    _("a notice is deleted on an order of the data-protection commission: record the order first"),
    _("a notice is renewed in the last %(months)s months before it expires: from %(date)s"),
    # Translators: e.g. "a notice that is draft cannot be renewed; only one that is published, suspended".
    _("a notice that is %(state)s cannot be %(past_action)s; only one that is %(states)s"),
    # --- diffusions (notices.diffusions) ---
    _("a diffusion goes to member countries' NCBs: NCB:<country>, REGION:<group> or ALL"),
    _("a finding of non-compliance must give its reasons"),
    _("this diffusion is already found non-compliant by the General Secretariat"),
    _("this diffusion is already withdrawn by the sender"),
    # --- a message (messaging.services, messaging.attachments) ---
    _("must not be empty"),
    # Translators: %(language)s is the language code given, in quotes.
    _("%(language)s is not a working language (ar, en, fr, es)"),
    _("unknown country codes: %(codes)s"),
    # Translators: the most attachments a message may have.
    _("at most %(count)s"),
    _("file names must be unique within a message"),
    # Translators: %(filename)s is the file's name, in quotes.
    _("attachment %(filename)s: a plain file name is required"),
    _("attachment %(filename)s: is empty"),
    _("attachment %(filename)s: is %(size)s bytes; the limit is %(limit)s"),
    # Translators: %(content_type)s is a MIME type such as application/x-msdownload.
    _("attachment %(filename)s: content type %(content_type)s is not accepted"),
    _("attachment %(filename)s: is labelled %(declared)s but its content is %(real)s"),
    _("a search needs at least one word"),
    # --- a message's recipients (messaging.recipients: shown after "Recipient <address>:") ---
    # Translators: said of a recipient's address.
    _("is empty"),
    _("use NCB:<country>, REGION:<group>, AGENCY:<code>, GS or ALL"),
    _("at least one recipient is required"),
    _("no General Secretariat is configured"),
    # Translators: %(codes)s are the codes of the regional groups.
    _("no regional group of that name (known: %(codes)s)"),
    _("no member country's NCB has that code"),
    _("no national agency has that code"),
    _("names no organisation other than the sender"),
    # --- the access policy's refusals (Denied, shown after "Not allowed:") ---
    # Translators: %(role)s and %(action)s are the codes of a role and an action, as the audit trail records them.
    _("your role (%(role)s) may not perform %(action)s"),
    _("your agency is not authorised to search %(database)s"),
    _("your agency is not authorised to contribute to %(database)s"),
    _("only a member country contributes records"),
    _("only the owner country (%(country)s) may change this person"),
    _("only the owner country (%(country)s) may change this travel document"),
    _("only the owner country (%(country)s) may change this vehicle"),
    _("only the owner country (%(country)s) may change this work of art"),
    _("only the owner country (%(country)s) may change this firearm"),
    _("only the issuing country's NCB may add a travel document issued by %(code)s; you act for %(country)s"),
    _("a travel document's issuing country can only be the owner's own"),
    _("only the General Secretariat holds the records of international bodies' notice subjects"),
    _("only the requesting country (%(country)s) may change this notice"),
    _("only the requesting international body may change this notice"),
    _("notices are requested by a member country's NCB or an authorised international body"),
    _("your nationality is not recorded: a reviewer must not review requests of their own country, so reviewing "
      "needs it (ask an administrator)"),
    _("you are a national of %(country)s, the requesting country: another reviewer must decide"),
    _("you already decided on this request: a second reviewer must give the second decision"),
    _("diffusions are sent by a member country's NCB"),
    # Translators: %(address)s is the address the agency gave, e.g. NCB:DE.
    _("a national agency may address only its own NCB (NCB:%(country)s); %(address)s must go through it"),
    _("the owner's restrictions exclude %(country)s; it may not receive this message"),
    _("only an agency's own NCB may address it"),
    _("the owner's restrictions keep this message from national agencies"),
    _("an account outside every organisation sends nothing"),
    _("only a recipient or the sender of a message may forward it"),
    _("only a recipient organisation acknowledges a message"),
    _("only the owner's NCB answers a hit"),
    # Translators: %(reference)s is the hit's reference; %(hit_status)s its answer (confirmed or denied).
    _("hit %(reference)s was already answered (%(hit_status)s)"),
    _("a supervisor manages tokens only for accounts of their NCB or its agencies"),
    _("an NCB authorises only its own national agencies"),
)

# What each placeholder may hold; any other holds one character or more.
_DATE = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_VALUE_PATTERNS = {
    "query": rf"{_DATE}(?:\.\.{_DATE})?",
    "record": rf"{_DATE}(?:\.\.{_DATE})?",
    "date": r"\d{4}-\d{2}-\d{2}",
    "raw": r"[0-9A-Z<]{6}",
    "month": r"[0-9A-Z<]{2}",
    "day": r"[0-9A-Z<]{2}",
    "year": r"\d{4}",
    "found": r"[0-9A-Z]",
    "expected": r"[0-9X]",
    "sex": r"[0-9A-Z]",
    "digits": r"\d+",
    "letters": r"[IOQ](?:, [IOQ])*",
    "remaining": r"\d+",
    "minimum": r"\d+",
    "longest": r"\d+",
    "category": r"[^:]+",
    # the services' refusals
    "count": r"[\d,]+",
    "max": r"[\d,]+",
    "min": r"\d+",
    "low": r"\d+",
    "high": r"\d+",
    "given": r"\d+",
    "byte": r"\d+",
    "line": r"\d+",
    "position": r"\d+",
    "size": r"\d+",
    "limit": r"\d+",
    "months": r"\d+",
    "id": r"\d+",
    "days": r"\d+",
    "month_number": r"-?\d{1,2}",
    "day_number": r"\d{1,2}",
    "year_number": r"\d+",
    "month_name": "|".join(calendar.month_name[1:]),
    "when": _DATE,
    "range": rf"{_DATE}\.\.{_DATE}",
    "notice_type": r"[a-z]+",
    "state": r"[a-z ]+",
    "states": r"[a-z ]+(?:, [a-z ]+)*",
    "past_action": r"[a-z ]+",
    "literals": r"'[^']*'(?:, '[^']*')*(?: or '[^']*')?",
    "lengths": r"\d+(?:, \d+)*(?: and \d+)?",
    "model": r"\w+",
    "hit_status": r"\w+",
}
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")

# notices.screening joins these with ", " after "not enough identifiers to identify the person: ".
_MISSING_IDENTIFIERS = {
    "family name and forename": pgettext_lazy("missing identifier", "family name and forename"),
    "sex": pgettext_lazy("missing identifier", "sex"),
    "date of birth (at least the year)": pgettext_lazy("missing identifier", "date of birth (at least the year)"),
    "a photo, an identity document or a physical description":
        pgettext_lazy("missing identifier", "a photo, an identity document or a physical description"),
}
_LIST_SEPARATOR = pgettext_lazy("list separator", ", ")
# notices.terms: the excluded categories, as screening writes them (underscores as spaces).
_EXCLUDED_CATEGORIES = {
    "private dispute": pgettext_lazy("excluded offence category", "private dispute"),
    "administrative": pgettext_lazy("excluded offence category", "administrative"),
    "lawful elsewhere": pgettext_lazy("excluded offence category", "lawful elsewhere"),
}


def _missing_identifiers(value: str) -> str:
    items, rest = [], value
    while rest:
        item = next((k for k in _MISSING_IDENTIFIERS if rest == k or rest.startswith(k + ", ")), None)
        if item is None:
            return value  # a list screening did not write: leave it whole
        items.append(str(_MISSING_IDENTIFIERS[item]))
        rest = rest[len(item) + 2:]
    return str(_LIST_SEPARATOR).join(items)


def _excluded_category(value: str) -> str:
    known = _EXCLUDED_CATEGORIES.get(value)
    return value if known is None else str(known)


# --- the fixed English phrases the services put into their refusals ---

# matching.dates and records.cleaning name the month as the calendar module does (in English); Django's own
# catalogues name it in the officer's language.
_MONTH_NAMES = dict(zip(calendar.month_name[1:], MONTHS.values(), strict=True))
# matching.identifiers: ICAO 9303 codes for what is not a country ("country code XPO designates INTERPOL, ...").
_CODE_HOLDERS = {
    "the United Nations Organization": pgettext_lazy("ICAO code holder", "the United Nations Organization"),
    "a specialized agency of the United Nations":
        pgettext_lazy("ICAO code holder", "a specialized agency of the United Nations"),
    "the UN Interim Administration Mission in Kosovo":
        pgettext_lazy("ICAO code holder", "the UN Interim Administration Mission in Kosovo"),
    "the African Development Bank": pgettext_lazy("ICAO code holder", "the African Development Bank"),
    "the African Export-Import Bank": pgettext_lazy("ICAO code holder", "the African Export-Import Bank"),
    "the Caribbean Community": pgettext_lazy("ICAO code holder", "the Caribbean Community"),
    "the Council of Europe": pgettext_lazy("ICAO code holder", "the Council of Europe"),
    "the Common Market for Eastern and Southern Africa":
        pgettext_lazy("ICAO code holder", "the Common Market for Eastern and Southern Africa"),
    "the Economic Community of West African States":
        pgettext_lazy("ICAO code holder", "the Economic Community of West African States"),
    "the Southern African Development Community":
        pgettext_lazy("ICAO code holder", "the Southern African Development Community"),
    "the Organisation of Eastern Caribbean States":
        pgettext_lazy("ICAO code holder", "the Organisation of Eastern Caribbean States"),
    "the Parliamentary Assembly of the Mediterranean":
        pgettext_lazy("ICAO code holder", "the Parliamentary Assembly of the Mediterranean"),
    "INTERPOL": pgettext_lazy("ICAO code holder", "INTERPOL"),
    "the Sovereign Military Order of Malta": pgettext_lazy("ICAO code holder", "the Sovereign Military Order of Malta"),
    "a stateless person": pgettext_lazy("ICAO code holder", "a stateless person"),
    "a refugee (1951 Convention)": pgettext_lazy("ICAO code holder", "a refugee (1951 Convention)"),
    "a refugee (other than the 1951 Convention)":
        pgettext_lazy("ICAO code holder", "a refugee (other than the 1951 Convention)"),
    "a person of unspecified nationality": pgettext_lazy("ICAO code holder", "a person of unspecified nationality"),
    "the European Union": pgettext_lazy("ICAO code holder", "the European Union"),
}
# notices.services: the type's code as an adjective, "a red notice".
_NOTICE_TYPES = {
    "red": pgettext_lazy("notice type, as in 'a red notice'", "red"),
    "yellow": pgettext_lazy("notice type, as in 'a red notice'", "yellow"),
    "blue": pgettext_lazy("notice type, as in 'a red notice'", "blue"),
    "black": pgettext_lazy("notice type, as in 'a red notice'", "black"),
    "green": pgettext_lazy("notice type, as in 'a red notice'", "green"),
    "orange": pgettext_lazy("notice type, as in 'a red notice'", "orange"),
    "purple": pgettext_lazy("notice type, as in 'a red notice'", "purple"),
    "silver": pgettext_lazy("notice type, as in 'a red notice'", "silver"),
    "un": pgettext_lazy("notice type, as in 'a red notice'", "un"),
}
# notices.lifecycle: "a notice that is <state> cannot be <action>; only one that is <state>, <state>".
_NOTICE_STATES = {
    "draft": pgettext_lazy("a notice that is ...", "draft"),
    "in review": pgettext_lazy("a notice that is ...", "in review"),
    "returned": pgettext_lazy("a notice that is ...", "returned"),
    "refused": pgettext_lazy("a notice that is ...", "refused"),
    "published": pgettext_lazy("a notice that is ...", "published"),
    "suspended": pgettext_lazy("a notice that is ...", "suspended"),
    "withdrawn": pgettext_lazy("a notice that is ...", "withdrawn"),
    "cancelled": pgettext_lazy("a notice that is ...", "cancelled"),
    "deleted": pgettext_lazy("a notice that is ...", "deleted"),
    "expired": pgettext_lazy("a notice that is ...", "expired"),
}
_NOTICE_ACTIONS = {
    "edited": pgettext_lazy("a notice cannot be ...", "edited"),
    "submitted": pgettext_lazy("a notice cannot be ...", "submitted"),
    "approved": pgettext_lazy("a notice cannot be ...", "approved"),
    "refused": pgettext_lazy("a notice cannot be ...", "refused"),
    "returned": pgettext_lazy("a notice cannot be ...", "returned"),
    "updated": pgettext_lazy("a notice cannot be ...", "updated"),
    "suspended": pgettext_lazy("a notice cannot be ...", "suspended"),
    "resumed": pgettext_lazy("a notice cannot be ...", "resumed"),
    "withdrawn": pgettext_lazy("a notice cannot be ...", "withdrawn"),
    "cancelled": pgettext_lazy("a notice cannot be ...", "cancelled"),
    "ordered deleted": pgettext_lazy("a notice cannot be ...", "ordered deleted"),
    "deleted": pgettext_lazy("a notice cannot be ...", "deleted"),
    "renewed": pgettext_lazy("a notice cannot be ...", "renewed"),
    "expired": pgettext_lazy("a notice cannot be ...", "expired"),
}
# access.policy: the databases an agency may be authorised for, as the policy writes them ("travel documents").
_DATABASES = {code.replace("_", " "): name for code, name in labels.DATABASE.items()}
# pydantic (speedate): what is wrong with a date. Its problems with times, time zones and timestamps (a date was
# asked for) stay as pydantic wrote them.
_DATE_PROBLEMS = {
    "input is too short": pgettext_lazy("date problem", "input is too short"),
    "invalid character in year": pgettext_lazy("date problem", "invalid character in year"),
    "invalid character in month": pgettext_lazy("date problem", "invalid character in month"),
    "invalid character in day": pgettext_lazy("date problem", "invalid character in day"),
    "invalid date separator, expected `-`": pgettext_lazy("date problem", "invalid date separator, expected `-`"),
    "month value is outside expected range of 1-12":
        pgettext_lazy("date problem", "month value is outside expected range of 1-12"),
    "day value is outside expected range": pgettext_lazy("date problem", "day value is outside expected range"),
    "invalid datetime separator, expected `T`, `t`, `_` or space":
        pgettext_lazy("date problem", "invalid datetime separator, expected `T`, `t`, `_` or space"),
    "unexpected extra characters at the end of the input":
        pgettext_lazy("date problem", "unexpected extra characters at the end of the input"),
    "year 0 is out of range": pgettext_lazy("date problem", "year 0 is out of range"),
}
# notices.content: the parts of a request pydantic names by their class.
_MODELS = {
    "Charge": pgettext_lazy("part of a notice request", "Charge"),
    "Warrant": pgettext_lazy("part of a notice request", "Warrant"),
    "Asset": pgettext_lazy("part of a notice request", "Asset"),
    "Entity": pgettext_lazy("part of a notice request", "Entity"),
}
_CONTENT_TYPES = {"unknown binary": pgettext_lazy("content type", "unknown binary")}
_HIT_STATUSES = {"confirmed": pgettext_lazy("hit status", "confirmed"), "denied": pgettext_lazy("hit status", "denied")}
# Translators: the end of a list of choices, "'a', 'b' or 'c'": %(choices)s is "'a', 'b'", %(last)s is "'c'".
_OR = pgettext_lazy("list of choices", "%(choices)s or %(last)s")
# Translators: the end of a list, "30, 30 and 29": %(items)s is "30, 30", %(last)s is "29".
_AND = pgettext_lazy("list", "%(items)s and %(last)s")


def _phrase(phrases: Mapping[str, Promise | str]) -> Callable[[str], str]:
    """A value that is one of these English phrases, translated; any other as it is."""
    def translated(value: str) -> str:
        known = phrases.get(value)
        return value if known is None else str(known)
    return translated


def _phrases(phrases: Mapping[str, Promise | str]) -> Callable[[str], str]:
    """A list of such phrases joined with ", "; kept whole unless every one is known."""
    def translated(value: str) -> str:
        items = value.split(", ")
        if not all(item in phrases for item in items):
            return value
        return str(_LIST_SEPARATOR).join(str(phrases[item]) for item in items)
    return translated


def _last_joined(joined: Promise, key: str) -> Callable[[str], str]:
    """A list ending in "or" ("'a', 'b' or 'c'") or "and" ("30, 30 and 29"): its separators in the active
    language, its items as they are."""
    word = " or " if key == "choices" else " and "

    def translated(value: str) -> str:
        if word not in value:
            return value
        head, last = value.rsplit(word, 1)
        return str(joined) % {key: head.replace(", ", str(_LIST_SEPARATOR)), "last": last}
    return translated


# Placeholders holding a fixed English phrase rather than data.
_VALUE_TRANSLATIONS: dict[str, Callable[[str], str]] = {
    "missing": _missing_identifiers,
    "category": _excluded_category,
    "month_name": _phrase(_MONTH_NAMES),
    "holder": _phrase(_CODE_HOLDERS),
    "notice_type": _phrase(_NOTICE_TYPES),
    "state": _phrase(_NOTICE_STATES),
    "states": _phrases(_NOTICE_STATES),
    "past_action": _phrase(_NOTICE_ACTIONS),
    "database": _phrase(_DATABASES),
    "problem": _phrase(_DATE_PROBLEMS),
    "model": _phrase(_MODELS),
    "content_type": _phrase(_CONTENT_TYPES),
    "hit_status": _phrase(_HIT_STATUSES),
    "literals": _last_joined(_OR, "choices"),
    "lengths": _last_joined(_AND, "items"),
    "reason": lambda value: translate(value),  # "MRZ: <why the zone cannot be read>"
}


class _Entry(NamedTuple):
    pattern: re.Pattern[str]
    template: Promise
    english: str


def _pattern(english: str) -> re.Pattern[str]:
    """The English template as a pattern: literal text escaped, each placeholder a named group."""
    pieces = _PLACEHOLDER.split(english)  # literal, name, literal, name, ..., literal
    regex = "".join(
        re.escape(piece) if i % 2 == 0 else f"(?P<{piece}>{_VALUE_PATTERNS.get(piece, '.+')})"
        for i, piece in enumerate(pieces)
    )
    return re.compile(regex, re.DOTALL)


@cache
def _table() -> tuple[_Entry, ...]:
    templates = TEMPLATES + ERRORS
    with translation.override(None):  # the msgids: the engines' and services' own sentences
        english = [str(template) for template in templates]
    return tuple(_Entry(_pattern(e), t, e) for e, t in zip(english, templates, strict=True))


def _find(line: str) -> tuple[_Entry, dict[str, str]] | None:
    for entry in _table():
        match = entry.pattern.fullmatch(line)
        if match is not None:
            return entry, match.groupdict()
    return None


def known(line: str) -> bool:
    """Whether a template reads this line of an engine or a service."""
    return _find(line) is not None


def template(line: str) -> str | None:
    """The English template that reads this line (for tests and diagnosis), or None."""
    found = _find(line)
    return None if found is None else found[0].english


def translate(line: str) -> str:
    """An engine's or a service's English line in the active language, its data values as they are; an unknown
    line as it is."""
    found = _find(line)
    if found is None:
        return line
    entry, values = found
    if not values:
        return str(entry.template)
    return str(entry.template) % {
        name: _VALUE_TRANSLATIONS.get(name, str)(value) for name, value in values.items()
    }


# --- the fields of a screening finding: "subject", "content.charges", "content.charges.0.description" ---

_FIELDS = {
    "subject": pgettext_lazy("notice field", "subject"),
    "summary": pgettext_lazy("notice field", "summary"),
    "charges": pgettext_lazy("notice field", "charges"),
    "description": pgettext_lazy("notice field", "description"),
    "law": pgettext_lazy("notice field", "legal provision"),
    "maximum_penalty_months": pgettext_lazy("notice field", "maximum penalty"),
    "translation": pgettext_lazy("notice field", "the charge in English"),
    "sought_for": pgettext_lazy("notice field", "sought for"),
    "sentence_remaining_months": pgettext_lazy("notice field", "remaining sentence"),
    "warrants": pgettext_lazy("notice field", "warrants"),
    "kind": pgettext_lazy("notice field", "kind"),
    "authority": pgettext_lazy("notice field", "issuing authority"),
    "issued_on": pgettext_lazy("notice field", "date of issue"),
    "reference": pgettext_lazy("notice field", "reference"),
    "issuing_country": pgettext_lazy("notice field", "issuing country"),
    "extradition_assurance": pgettext_lazy("notice field", "extradition assurance"),
    "reason": pgettext_lazy("notice field", "reason"),
    "disappeared_on": pgettext_lazy("notice field", "date of disappearance"),
    "disappeared_at": pgettext_lazy("notice field", "place of disappearance"),
    "minor": pgettext_lazy("notice field", "minor"),
    "information_sought": pgettext_lazy("notice field", "information sought"),
    "offences": pgettext_lazy("notice field", "offences"),
    "found_on": pgettext_lazy("notice field", "date the body was found"),
    "found_at": pgettext_lazy("notice field", "place the body was found"),
    "cause_of_death": pgettext_lazy("notice field", "cause of death"),
    "criminal_activities": pgettext_lazy("notice field", "criminal activities"),
    "threat_from": pgettext_lazy("notice field", "the threat comes from"),
    "threat": pgettext_lazy("notice field", "threat"),
    "recommended_measures": pgettext_lazy("notice field", "recommended measures"),
    "modus_operandi": pgettext_lazy("notice field", "modus operandi"),
    "objects": pgettext_lazy("notice field", "objects"),
    "devices": pgettext_lazy("notice field", "devices"),
    "concealment_methods": pgettext_lazy("notice field", "concealment methods"),
    "assets": pgettext_lazy("notice field", "assets"),
    "location": pgettext_lazy("notice field", "location"),
    "estimated_value": pgettext_lazy("notice field", "estimated value"),
    "linked_offences": pgettext_lazy("notice field", "linked offences"),
    "committee": pgettext_lazy("notice field", "Security Council committee"),
    "un_reference": pgettext_lazy("notice field", "UN reference"),
    "sanctions": pgettext_lazy("notice field", "sanctions"),
    "entity": pgettext_lazy("notice field", "sanctioned entity"),
    "name": pgettext_lazy("notice field", "name"),
    "aliases": pgettext_lazy("notice field", "other names"),
    "address": pgettext_lazy("notice field", "address"),
}
# One item of a list field: "charges.0" is the first charge.
_ITEMS = {
    "charges": pgettext_lazy("notice field", "charge %(number)s"),
    "warrants": pgettext_lazy("notice field", "warrant %(number)s"),
    "information_sought": pgettext_lazy("notice field", "information sought %(number)s"),
    "offences": pgettext_lazy("notice field", "offence %(number)s"),
    "objects": pgettext_lazy("notice field", "object %(number)s"),
    "devices": pgettext_lazy("notice field", "device %(number)s"),
    "concealment_methods": pgettext_lazy("notice field", "concealment method %(number)s"),
    "assets": pgettext_lazy("notice field", "asset %(number)s"),
    "linked_offences": pgettext_lazy("notice field", "linked offence %(number)s"),
    "sanctions": pgettext_lazy("notice field", "sanction %(number)s"),
    "aliases": pgettext_lazy("notice field", "other name %(number)s"),
}
_FIELD_SEPARATOR = " › "  # mirrored in right-to-left text


def _field_names(field: str) -> list[str] | None:
    parts = field.split(".")
    if parts[0] == "content" and len(parts) > 1:
        parts = parts[1:]
    names: list[str] = []
    for i, part in enumerate(parts):
        if part.isdigit() and i > 0 and parts[i - 1] in _ITEMS:
            names[-1] = str(_ITEMS[parts[i - 1]]) % {"number": int(part) + 1}
        elif part in _FIELDS:
            names.append(str(_FIELDS[part]))
        else:
            return None
    return names


def known_field(field: str) -> bool:
    """Whether `field_name` names this field (rather than returning it as it is)."""
    return _field_names(field) is not None


def field_name(field: str) -> str:
    """A screening finding's field in the active language ("content.charges.0.description": "charge 1 ›
    description"); a field this table does not know, as it is."""
    names = _field_names(field)
    return field if names is None else _FIELD_SEPARATOR.join(names)
