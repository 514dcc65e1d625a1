"""Every operation of the OpenAPI description, called with requests generated from it (schemathesis, valid and
invalid), through the real WSGI application: no answer is a 500, and every answer has a status, a media type,
headers and a body its operation documents. Signed in as an NCB officer, who may call most operations (the rest
answer 403, which they document too), and as callers whom most refuse: an agency officer whose scope is one
database, a front-line system, an auditor.

A generated id names nothing, so an operation on one thing (a record, a message, a notice, a hit...) would only
ever answer 404: each such request is sent a second time naming what a small world holds (``Scene``), so that the
generated parameters and bodies reach the operation itself."""

from __future__ import annotations

import functools
import itertools

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from ncbnet.access.levels import Role
from ncbnet.api.hotpath import HotPath
from ncbnet.api.records import SEGMENTS
from ncbnet.members.services import issue_token
from ncbnet.messaging.services import AttachmentUpload
from ncbnet.notices import diffusions
from ncbnet.notices.services import add_screening_term
from ncbnet.records.attachments import add_photo
from ncbnet.records.identifier_search import IdentifierQuery, check_identifiers
from ncbnet.records.services import create_record
from ncbnet.serving import RequestOnly
from tests.notices.conftest import Bureau
from tests.public.conftest import png
from tests.records.conftest import passport

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]

# The server's WSGI application as ncbnet/wsgi.py builds it, without what that module does to the process (the
# PostgreSQL actor cache's listener, freezing the collector).
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", RequestOnly(HotPath(WSGIHandler())))


RECORDS = {
    "person": {"national_reference": "P1", "names": ["Jean Dupont"], "birth_date": "1980-05", "role": "wanted",
               "nationalities": ["FR"], "distinguishing_marks": "scar on the left cheek"},
    "travel_document": passport(),
    "vehicle": {"national_reference": "V1", "vin": "1HGCM82633A004352", "make": "Honda", "plate": "AB-123-CD",
                "plate_country": "FR"},
    "work_of_art": {"national_reference": "A1", "title": "Portrait of a Lady", "category": "painting"},
    "firearm": {"national_reference": "F1", "make": "Glock", "model": "17", "firearm_type": "pistol",
                "serial_number": "BXK-472"},
}


class Scene:
    """What NCB France's officer can act on: a record of each kind its NCB owns (the person and the work of art
    with a photo), a message from Germany with an attachment, a hit on its passport that it answers, a draft
    notice, a diffusion it sent, one of its agencies, a token, a screening term."""

    def __init__(self, world):
        bureau = Bureau(world)
        self.records = {kind: create_record(bureau.fr, kind, raw).record.pk for kind, raw in RECORDS.items()}
        self.photos = {kind: add_photo(bureau.fr, kind, self.records[kind], "face.png", png(i)).blob_id
                       for i, kind in enumerate(["person", "work_of_art"])}
        de_user = world.officer("DE")
        message = world.send(de_user, ["NCB:FR"], attachments=[AttachmentUpload("scan.png", png(9), "image/png")])
        [answer] = check_identifiers(world.actor(de_user), [IdentifierQuery("number", RECORDS["travel_document"]["number"])])
        diffusion = diffusions.send_diffusion(bureau.fr, diffusions.DiffusionRequest(
            kind="wanted", title="Wanted: Jean DUPONT", body="Armed robbery in Lyon.", recipients=["NCB:DE"]))
        self.values = {
            "message_id": message.pk, "notice_id": bureau.draft().pk, "diffusion_id": diffusion.pk,
            "reference": answer.matches[0].hit.reference, "code": world.agency("FR", "FR-PAF").code,
            "prefix": issue_token(world.officer("FR"), "scene").token.prefix,
            "term_id": add_screening_term(bureau.rev_br, "signal", "terror", "en", "bomb").pk,
        }
        self.attachment = message.attachments.get().blob_id
        self.segments = itertools.cycle(SEGMENTS)
        self.photo_segments = itertools.cycle(["persons", "works-of-art"])

    def real(self, generated: dict) -> dict | None:
        """The path parameters of ``generated`` replaced by things that exist; None if it names something else."""
        out = dict(generated)
        for name in generated:
            if name == "segment":  # each of the five databases in turn; for a photo, a kind that has photos
                out[name] = next(self.photo_segments if "sha256" in generated else self.segments)
            elif name in self.values:
                out[name] = self.values[name]
            elif name not in ("record_id", "sha256"):  # those two: below, by the segment
                return None
        if "record_id" in out:
            kind = SEGMENTS[out["segment"]]
            out["record_id"] = self.records[kind]
            if "sha256" in out:
                out["sha256"] = self.photos[kind]
        elif "sha256" in out:
            out["sha256"] = self.attachment
        return out


@pytest.fixture
def scene(world):
    """The world, and an NCB officer's token; the test's requests keep the test's transaction (as Django's test
    client does, the request signals do not close its connection), so that everything they write is rolled back
    after it."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield functools.cache(lambda: Scene(world)), world.token(world.officer("FR"))  # made for operations on one thing
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


REFUSED = {  # callers whom most operations refuse, and the accounts they are
    "agency officer, travel documents only": lambda w: w.user(
        w.agency("DE", "DE-BPOL", databases=("travel_documents",)), Role.AGENCY_OFFICER),
    "front-line system": lambda w: w.user(w.agency("ES", "ES-PN", databases=("travel_documents", "persons")),
                                          Role.FRONTLINE_SYSTEM, is_machine=True),
    "auditor": lambda w: w.user(w.gs(), Role.AUDITOR),
}


@pytest.fixture(params=list(REFUSED))
def refused_scene(request, scene, world):
    """The same world (whose things are France's), and the token of a caller whom most operations refuse."""
    return scene[0], world.token(REFUSED[request.param](world))


def _call(case, made, token) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    case.call_and_validate(headers=headers, checks=CHECKS)
    if case.path_parameters:
        real = made().real(case.path_parameters)
        assert real is not None, f"the scene has nothing for {case.operation.path}: add it"
        case.path_parameters = real
        case.call_and_validate(headers=headers, checks=CHECKS)


def _every_operation(test):
    """The test, run for every operation of the description with generated requests (3 examples per phase).
    The bulk upload's NDJSON body has no serializer here; tests/records/test_bulk.py and test_records_api.py send
    it."""
    checked = settings(max_examples=3, deadline=None, derandomize=True, database=None,
                       suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                              HealthCheck.filter_too_much])(test)
    return pytest.mark.filterwarnings("ignore:Skipped test cases with unsupported payload media types")(
        schema.parametrize()(checked))


@_every_operation
def test_every_answer_is_one_its_operation_documents(case, scene):
    _call(case, *scene)


@_every_operation  # refusals are answers too
def test_every_answer_to_a_caller_most_operations_refuse_is_one_its_operation_documents(case, refused_scene):
    _call(case, *refused_scene)
