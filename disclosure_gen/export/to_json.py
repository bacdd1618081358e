"""The whole public catalogue as JSON, described by ``schemas/export.schema.json``.

Published with the site (``data/algorithms.json`` beside ``data/export.schema.json``) so third
parties need not scrape HTML. Every human-readable value keeps its YAML shape — ``{zh, en}``,
with limited Markdown in rich-text fields — and rich-text fields add ``plain: {zh, en}``, the
same words without markup. Internal data stays out: waivers, review dates, the filing
fingerprint, allowed numbers and the interactive formula widgets. Key order is fixed and no
clock is read, so the bytes depend on the content only.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from typing import Any

from disclosure_gen.check.schema import schema_text
from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.filing import Placement
from disclosure_gen.content.model.rights import Complaints, Control, Explanation, ResponseTime
from disclosure_gen.content.model.site import Site
from disclosure_gen.content.model.text import Text, TextList
from disclosure_gen.export.blocks import plain_rich
from disclosure_gen.export.common import newest_date, page_url

FORMAT = "disclosure-gen/catalogue"
VERSION = 1
#: Where the site publishes the catalogue and its schema, relative to ``site.base_url``.
CATALOGUE_PATH = "data/algorithms.json"
SCHEMA_PATH = "data/export.schema.json"


def export_schema() -> bytes:
    """The JSON Schema of the catalogue, as published."""
    return schema_text("export").encode("utf-8")


def catalogue_json(
    site: Site, algorithms: Sequence[Algorithm], entries: Sequence[bytes] | None = None
) -> bytes:
    """The catalogue of ``algorithms`` as UTF-8 JSON bytes.

    ``entries`` are ``algorithm_json`` of each algorithm, in order, when the caller kept them
    (a build reuses those of unchanged algorithms); the bytes are the same either way.
    """
    head = json.dumps(_clean(_head(site, algorithms)), ensure_ascii=False, indent=2)
    items = entries if entries is not None else [algorithm_json(site, a) for a in algorithms]
    if not items:
        return (head + "\n").encode("utf-8")
    # "algorithms" is the last key: its list goes before the closing brace, two levels deep.
    assert head.endswith("\n}")
    body = b",\n    ".join(items)
    return (head[:-2] + ',\n  "algorithms": [\n    ').encode("utf-8") + body + b"\n  ]\n}\n"


def algorithm_json(site: Site, algo: Algorithm) -> bytes:
    """One algorithm's entry as it appears inside the catalogue's indented text."""
    text = json.dumps(_clean(_algorithm(site, algo)), ensure_ascii=False, indent=2)
    return text.replace("\n", "\n    ").encode("utf-8")


def catalogue(site: Site, algorithms: Sequence[Algorithm]) -> dict[str, Any]:
    """The catalogue as a JSON-ready dict."""
    return _clean(
        {**_head(site, algorithms), "algorithms": [_algorithm(site, a) for a in algorithms]}
    )


def _head(site: Site, algorithms: Sequence[Algorithm]) -> dict[str, Any]:
    """Everything but the list of algorithms (which comes last)."""
    base = site.site.base_url
    prov = site.provider
    return {
        "$schema": f"{base.rstrip('/')}/{SCHEMA_PATH}" if base else None,
        "format": FORMAT,
        "version": VERSION,
        "updated": _day(newest_date(algorithms)),
        "provider": {
            "name": _label(prov.name),
            "contact": {
                "email": prov.contact.email,
                "phone": prov.contact.phone,
                "address": _rich(prov.contact.address),
                "url": prov.contact.url,
            },
            "about": _rich(prov.about),
        },
        "site": {
            "title": _label(site.site.title),
            "description": _rich(site.site.description),
            "base_url": base,
            "languages": list(site.site.languages),
            "filing_query_url": site.site.filing_query_url,
        },
        "complaints": _complaints(site.complaints),
        "explanation": _explanation(site.explanation),
        "privacy": {
            "retention": _rich(site.privacy.retention),
            "rights": _rich(site.privacy.rights),
            "policy_url": site.privacy.policy_url,
            "effective": _day(site.privacy.effective),
        },
        "products": [
            {
                "id": p.id,
                "name": _label(p.name),
                "kind": p.kind,
                "platforms": list(p.platforms),
                "surfaces": [{"id": s.id, "name": _label(s.name)} for s in p.surfaces],
            }
            for p in site.products
        ],
    }


def _algorithm(site: Site, a: Algorithm) -> dict[str, Any]:
    f = a.filing
    return {
        "id": a.id,
        "name": _label(a.name),
        "category": a.category,
        "url": {
            "zh": page_url(site, a.id),
            "en": page_url(site, a.id, "en") if "en" in site.site.languages else None,
        }
        if site.site.base_url
        else None,
        "effective": _day(a.effective),
        "updated": _day(a.latest_date),
        "summary": _rich(a.summary),
        "products": [{"product": p.product, "surfaces": list(p.surfaces)} for p in a.products],
        "flags": asdict(a.flags),
        "filing": {
            "status": f.status,
            "number": f.number,
            "algorithm_name": f.algorithm_name,
            "submitted_on": _day(f.submitted_on),
            "filed_on": _day(f.filed_on),
            "service_started_on": _day(f.service_started_on),
            "terminated_on": _day(f.terminated_on),
            "deregistered_on": _day(f.deregistered_on),
            "public_info_link": f.public_info_link,
            "display": [_placement(p) for p in f.display],
            "changes": [
                {
                    "changed_on": _day(c.changed_on),
                    "filed_on": _day(c.filed_on),
                    "summary": _rich(c.summary),
                }
                for c in f.changes
            ],
        },
        "notice": {
            "text": _rich(a.notice.text),
            "placements": [_placement(p) for p in a.notice.placements],
        },
        "principles": _rich(a.principles),
        "purpose": _rich(a.purpose),
        "scenarios": _rich(a.scenarios),
        "objectives": _rich(a.objectives),
        "mechanisms": [
            {
                "id": m.id,
                "stage": m.stage,
                "title": _label(m.title),
                "description": _rich(m.description),
            }
            for m in a.mechanisms
        ],
        "diversity": _rich(a.diversity),
        "formulas": [
            {
                "id": x.id,
                "title": _label(x.title),
                "tex": x.tex,
                "text": _rich(x.text),
                "symbols": [{"symbol": s.symbol, "meaning": _rich(s.meaning)} for s in x.symbols],
                "relative_importance": _rich(x.relative_importance),
            }
            for x in a.formulas
        ],
        "inputs": [
            {
                "category": _label(i.category),
                "examples": _list(i.examples),
                "source": _rich(i.source),
                "personal": i.personal,
                "sensitive": i.sensitive,
                "use": _rich(i.use),
            }
            for i in a.inputs
        ],
        "user_controls": _user_controls(a),
        "complaints": _complaints(a.complaints),
        "explanation": _explanation(a.explanation),
        "workers": _workers(a),
        "ranking_list": _ranking_list(a),
        "pricing": _pricing(a),
        "minors": {"protections": _rich(a.minors.protections), "mode": _rich(a.minors.mode)}
        if a.minors
        else None,
        "elderly": {
            "services": _rich(a.elderly.services),
            "fraud_monitoring": _rich(a.elderly.fraud_monitoring),
        }
        if a.elderly
        else None,
        "generative": _generative(a),
        "charts": [
            {
                "id": c.id,
                "title": _label(c.title),
                "kind": c.kind,
                "caption": _rich(c.caption),
                "x_label": _label(c.x_label),
                "y_label": _label(c.y_label),
                "categories": _list(c.categories),
                "series": [{"name": _label(s.name), "values": list(s.values)} for s in c.series],
            }
            for c in a.charts
        ],
        "faq": [{"q": _label(q.q), "a": _rich(q.a)} for q in a.faq],
        "glossary": [{"term": g.term, "definition": _rich(g.definition)} for g in a.glossary],
        "versions": [
            {"version": v.version, "date": _day(v.date), "changes": _rich(v.changes)}
            for v in a.versions
        ],
    }


def _user_controls(a: Algorithm) -> dict[str, Any]:
    uc = a.user_controls
    pers = uc.personalisation
    return {
        "personalisation": {"kind": pers.kind, **_control(pers)} if pers else None,
        "tags": {"select": _control(uc.tag_select), "delete": _control(uc.tag_delete)},
        "not_interested": _control(uc.not_interested),
        "push_optout": _control(uc.push_optout),
    }


def _control(c: Control | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {
        "description": _rich(c.description),
        "effect": _rich(c.effect),
        "paths": [{"platform": p.platform, "steps": _list(p.steps)} for p in c.paths],
    }


def _generative(a: Algorithm) -> dict[str, Any] | None:
    """The public part of an AI feature; the labelling materials filed stay internal."""
    g = a.generative
    if g is None:
        return None
    implicit = g.labels.implicit
    return {
        "outputs": list(g.outputs),
        "audience": {
            k: _rich(getattr(g.audience, k)) for k in ("users", "occasions", "uses", "minors")
        },
        "models": [
            {
                "name": _label(m.name),
                "kind": m.kind,
                "number": m.number,
                "holder": _label(m.holder),
                "role": _rich(m.role),
                "public_list_url": m.public_list_url,
                "display": [_placement(p) for p in m.display],
            }
            for m in g.models
        ],
        "labels": {
            "explicit": [
                {
                    "modality": e.modality,
                    "form": e.form,
                    "wording": _label(e.wording),
                    "position": e.position,
                    "where": _rich(e.where),
                }
                for e in g.labels.explicit
            ],
            "implicit": {"fields": list(implicit.fields), "carrier": _rich(implicit.carrier)}
            if implicit
            else None,
        },
        "agreement": {
            "url": g.agreement.url,
            "clause": _rich(g.agreement.clause),
            "prompt": _rich(g.agreement.prompt),
        }
        if g.agreement
        else None,
        "reporting": _complaints(g.reporting) if g.reporting else None,
    }


def _workers(a: Algorithm) -> dict[str, Any] | None:
    w = a.workers
    if w is None:
        return None
    out: dict[str, Any] = {k: _rich(getattr(w, k)) for k in w.TEXT_FIELDS}
    if w.appeals:
        out["appeals"] = {
            "channel": _rich(w.appeals.channel),
            "covers": list(w.appeals.covers),
            "response_time": _response(w.appeals.response_time),
        }
    return out


def _ranking_list(a: Algorithm) -> dict[str, Any] | None:
    r = a.ranking_list
    if r is None:
        return None
    return {
        "principle": _rich(r.principle),
        "basis": _rich(r.basis),
        "factors": [
            {"name": _label(f.name), "description": _rich(f.description)} for f in r.factors
        ],
        "worked_example": _rich(r.worked_example),
        "refresh": _rich(r.refresh),
        "intervention": _rich(r.intervention),
        "log_fields": list(r.log_fields),
    }


def _pricing(a: Algorithm) -> dict[str, Any] | None:
    p = a.pricing
    if p is None:
        return None
    c = p.coupons
    return {
        "description": _rich(p.description),
        "features": list(p.features),
        "coupons": {
            "conditions": _rich(c.conditions),
            "quantity": _rich(c.quantity),
            "usage_rules": _rich(c.usage_rules),
            "failure_reasons": _rich(c.failure_reasons),
        }
        if c
        else None,
    }


def _complaints(c: Complaints) -> dict[str, Any]:
    return {
        "entry": _rich(c.entry),
        "url": c.url,
        "phone": c.phone,
        "process": _rich(c.process),
        "response_time": _response(c.response_time),
    }


def _explanation(e: Explanation | None) -> dict[str, Any] | None:
    if e is None:
        return None
    return {"channel": _rich(e.channel), "url": e.url, "response_time": _response(e.response_time)}


def _response(rt: ResponseTime | None) -> dict[str, Any] | None:
    if rt is None:
        return None
    return {
        "value": rt.value,
        "unit": rt.unit,
        "label": {"zh": rt.label("zh"), "en": rt.label("en")},
    }


def _placement(p: Placement) -> dict[str, Any]:
    return {"product": p.product, "surface": p.surface, "location": _rich(p.location)}


def _label(value: Text) -> dict[str, str] | None:
    if not value:
        return None
    return {"zh": value.zh, "en": value.en}


def _rich(value: Text) -> dict[str, Any] | None:
    if not value:
        return None
    plain = {"zh": plain_rich(value.zh), "en": plain_rich(value.en) if value.en else ""}
    return {"zh": value.zh, "en": value.en, "plain": plain}


def _list(value: TextList) -> dict[str, list[str]] | None:
    if not value:
        return None
    return {"zh": list(value.zh), "en": list(value.en)}


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _clean(value: Any) -> Any:
    """Drop keys whose value is None, '' or an empty list/dict, so absence has one spelling."""
    if isinstance(value, dict):
        out = {k: _clean(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value
