"""The rule catalog of the schema checked against its meta-schema before anything is generated.

``schema/rule-catalog.schema.json`` fixes the keys every rule declares and those of its kind;
``schema/parse-log-catalog.schema.json`` those of a parse code. A declaration that does not fit
fails generation with a message naming the rule, the key and what is wrong.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource

META_SCHEMA = "rule-catalog.schema.json"
PARSE_META_SCHEMA = "parse-log-catalog.schema.json"


class CatalogError(ValueError):
    """A rule declaration does not fit the catalog's meta-schema."""


def _resource(schema_dir: Path, name: str) -> Resource[Any]:
    return Resource.from_contents(json.loads((schema_dir / name).read_text(encoding="utf-8")))


def _describe(error: ValidationError, rules: list[Any], schema_file: Path) -> str:
    path = list(error.absolute_path)
    where = f"rules[{path[0]}]" if path else "rules"
    if path and isinstance(rules[path[0]], dict) and "code" in rules[path[0]]:
        where += f" ({rules[path[0]]['code']})"
    key = "/".join(str(p) for p in path[1:])
    return f"{schema_file}: {where}{' at ' + key if key else ''}: {error.message}"


def check_catalog(rules: list[Any], schema_dir: Path, schema_file: Path) -> None:
    """Raise CatalogError listing every declaration of ``rules`` that breaks the meta-schema."""
    registry: Registry[Any] = Registry().with_resources(
        (name, _resource(schema_dir, name)) for name in (META_SCHEMA, PARSE_META_SCHEMA))
    meta = registry.contents(META_SCHEMA)
    validator = Draft202012Validator(meta, registry=registry)
    errors = list(validator.iter_errors(rules))
    if not errors:
        return
    # One message per offending declaration, the most telling error of each.
    by_rule: dict[Any, list[ValidationError]] = {}
    for error in errors:
        by_rule.setdefault(error.absolute_path[0] if error.absolute_path else None, []).append(error)
    # A key of a kind whose other keys are wrong is also "unevaluated": name the cause, not that echo.
    messages = [_describe(best_match([e for e in group if e.validator != "unevaluatedProperties"] or group),
                          rules, schema_file) for group in by_rule.values()]
    raise CatalogError("the rule catalog does not fit schema/" + META_SCHEMA + ":\n  " + "\n  ".join(messages))
