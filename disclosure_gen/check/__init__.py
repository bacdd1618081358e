"""Stage 3, check: documents and models → findings → reports.

Owns the JSON Schemas' validation (``schema``), the finding types, the engine (schema, rules,
cross-file checks, waivers, select/ignore, severities), the rule catalogue (``rules/``, one
module per legal article; a rule's docstring is its documentation), the working-day calendar the
deadline rules count with, and the report formats (``reporters/``). It may import ``content`` and
``markup``.
"""
