"""Parses FHIR R4 Bundles with fhir.resources (an independent FHIR library) and prints, for each,
what the parsed objects say: the Rust test compares that with the database.

Usage: check_bundles.py BUNDLE.json...   Exits non-zero, naming the file, on the first that fails.
"""
import json
import sys

import fhir.resources
from fhir.resources.bundle import Bundle


def reference(ref):
    return {"reference": ref.reference, "display": ref.display}


def answers(item):
    values = []
    for answer in item.answer or []:
        for value in (answer.valueInteger, answer.valueBoolean):
            if value is not None:
                values.append(value)
    return values


def summary(bundle):
    out = {"type": bundle.type, "entries": len(bundle.entry or []), "kinds": {}}
    for entry in bundle.entry or []:
        resource = entry.resource
        kind = resource.resource_type
        out["kinds"][kind] = out["kinds"].get(kind, 0) + 1
        if kind == "Patient":
            out["patient"] = {
                "id": resource.id,
                "name": resource.name[0].text,
                "contacts": [
                    {"name": c.name.text, "phone": c.telecom[0].value} for c in resource.contact or []
                ],
            }
        elif kind == "CarePlan":
            out["care_plan"] = {
                "status": resource.status,
                "intent": resource.intent,
                "goals": [g.display for g in resource.goal or []],
                "notes": [n.text for n in resource.note or []],
                "activities": [
                    {
                        "description": a.detail.description,
                        "status": a.detail.status,
                        "performer": [reference(p) for p in a.detail.performer or []],
                        "due": str(a.detail.scheduledPeriod.end) if a.detail.scheduledPeriod else None,
                    }
                    for a in resource.activity or []
                ],
            }
        elif kind == "Goal":
            out.setdefault("goals", []).append(
                {
                    "id": resource.id,
                    "title": resource.description.text,
                    "steps": [n.text for n in resource.note or []],
                    "achievement": resource.achievementStatus.coding[0].code
                    if resource.achievementStatus
                    else None,
                }
            )
        elif kind == "Questionnaire":
            out.setdefault("questionnaires", {})[resource.url] = [i.linkId for i in resource.item or []]
        elif kind == "QuestionnaireResponse":
            out.setdefault("responses", []).append(
                {
                    "id": resource.id,
                    "questionnaire": resource.questionnaire,
                    "authored": resource.authored.isoformat().replace("+00:00", "Z"),
                    "answers": {i.linkId: answers(i) for i in resource.item or []},
                }
            )
        elif kind == "Observation":
            out.setdefault("observations", []).append(
                {
                    "id": resource.id,
                    "code": resource.code.coding[0].code,
                    "effective": resource.effectiveDateTime.isoformat().replace("+00:00", "Z"),
                    "derived_from": resource.derivedFrom[0].reference,
                    "components": {
                        c.code.coding[0].code: c.valueInteger
                        if c.valueInteger is not None
                        else float(c.valueQuantity.value)
                        for c in resource.component or []
                    },
                }
            )
        elif kind == "Consent":
            provision = resource.provision
            out.setdefault("consents", []).append(
                {
                    "id": resource.id,
                    "status": resource.status,
                    "scope": resource.scope.coding[0].code,
                    "actor": reference(provision.actor[0].reference),
                    "section": provision.code[0].coding[0].code,
                    "start": provision.period.start.isoformat().replace("+00:00", "Z"),
                    "end": provision.period.end.isoformat().replace("+00:00", "Z") if provision.period.end else None,
                }
            )
        elif kind == "RelatedPerson":
            out.setdefault("related", []).append({"id": resource.id, "name": resource.name[0].text})
        elif kind == "CareTeam":
            out["care_team"] = {
                "name": resource.name,
                "members": [reference(p.member) for p in resource.participant or []],
            }
    return out


def main():
    assert fhir.resources.__fhir_version__ == "4.0.1", fhir.resources.__fhir_version__
    results = []
    for path in sys.argv[1:]:
        try:
            bundle = Bundle.parse_file(path)
        except Exception as error:  # the library's own message says what is wrong
            print(f"{path}: {error}", file=sys.stderr)
            sys.exit(1)
        results.append(summary(bundle))
    json.dump(results, sys.stdout)


main()
