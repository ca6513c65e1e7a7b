"""Every diagnostic rule id with its default severity and a one-line description.

One table shared by SARIF ``rules``, the docs (a test checks that docs/check.md
lists every id) and, later, the language server's code descriptions.
"""

from __future__ import annotations

from dataclasses import dataclass

@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # default severity: "error" | "warning" | "info"
    description: str


_TABLE: list[tuple[str, str, str]] = [
    # chart and values inputs
    ("chart-load", "error", "The chart cannot be loaded (unreadable file, invalid Chart.yaml, oversized file)."),
    ("chart-yaml", "error", "Chart.yaml does not match the chart schema (name, version SemVer, apiVersion, "
                            "dependencies, maintainers)."),
    ("values-error", "error", "The values cannot be coalesced as Helm does (wrong type for a subchart section, "
                              "bad --set)."),
    ("values-schema", "error", "A values file violates the chart's values.schema.json."),
    ("undefined-value", "warning", "A template reads .Values.x that no values file or values.schema.json defines."),
    ("unused-value", "info", "A value is defined in values.yaml but read by no template."),
    # templates
    ("parse-error", "error", "A template does not parse (Go text/template syntax)."),
    ("render-error", "error", "A template fails while rendering (fail, required, a function error, ...)."),
    ("unknown-template", "error", "An include or template names a template no chart in the tree defines."),
    # rendered manifests
    ("yaml-syntax", "error", "Rendered output is not valid YAML, or a document is not a mapping."),
    ("duplicate-key", "error", "Rendered output sets the same key twice in one mapping."),
    ("missing-apiversion", "error", "A rendered object has no apiVersion."),
    ("missing-kind", "error", "A rendered object has no kind."),
    ("missing-name", "error", "A rendered object has no metadata.name (or metadata.generateName)."),
    ("api-removed", "error", "The apiVersion is not served for this kind at the chosen Kubernetes version."),
    ("unknown-kind", "error", "The apiVersion exists but has no such kind at the chosen Kubernetes version."),
    ("no-schema", "info", "A custom resource has no schema (no CRD in the chart, no --schema-location); "
                          "an error with --strict."),
    ("schema-unknown-field", "error", "A field the schema does not define (a misspelt or misplaced key)."),
    ("schema-required", "error", "A field the schema requires is missing."),
    ("schema-type", "error", "A value has the wrong type (string for integer, map for list, ...)."),
    ("schema-enum", "error", "A value is not one of the values the schema allows."),
    ("schema-format", "error", "A value does not have the schema's format."),
    ("schema-pattern", "error", "A value does not match the schema's pattern."),
    ("schema-other", "error", "Another schema constraint fails (bounds, lengths, item counts, ...)."),
    # chartlsp itself
    ("internal-error", "error", "chartlsp failed on this chart (a bug in chartlsp: please report it)."),
]

RULES: dict[str, Rule] = {rid: Rule(rid, sev, desc) for rid, sev, desc in _TABLE}


def rule(rule_id: str) -> Rule:
    """The rule for an id; an id missing from the table still gets a usable entry."""
    return RULES.get(rule_id) or Rule(rule_id, "error", rule_id.replace("-", " "))


__all__ = ["RULES", "Rule", "rule"]
