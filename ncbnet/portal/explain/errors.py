"""The services' refusals (a record's fields, a bulk file, a search, a notice request, a message, the access
policy's reasons), as msgids whose placeholders mark the data values. Tried after ``sentences.TEMPLATES``."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# reasons. Tried after the engines' sentences above, in this order (the specific one first here too).
ERRORS: tuple[Promise, ...] = (
    # --- a record's fields (records.cleaning): shown beside the field, or after its name ---
    # Translators: what is wrong with one field of a police record; the field is named beside it.
    _("not a field of this record"),
    _("must be text"),
    _("is required"),
    _("contains a NUL character"),
    # Translators: "\ud800" is written as it is, the escape in a JSON file that breaks a character in two.
    _("contains half of a character (a lone surrogate such as \\ud800, which no database can store)"),
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
