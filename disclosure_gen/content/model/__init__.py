"""The content model: frozen dataclasses for valid documents; field names are the YAML keys.

``from_data`` is only called on data that passed the JSON Schema, so it trusts shapes and
fills defaults for optional keys; it never validates. One module per topic; import from the
module that defines a name (this package re-exports nothing).
"""
