"""Stage 1, content: YAML bytes in, positions and frozen models out.

Owns the safe YAML loader with its ``Locator`` (YAML path → file:line:col), the content model
(``model/``, one module per topic) and the fingerprint of the filed texts (``disclosed``). It
reads files but judges nothing. It may import only the standard library, third-party packages
and ``disclosure_gen.__version__``.
"""
