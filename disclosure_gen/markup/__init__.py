"""Stage 2, markup: untrusted text from YAML → safe HTML.

Owns rich text (markdown-it-py with HTML off and an https/mailto link allowlist) and TeX (KaTeX at
build time, behind a command allowlist). ``check`` typesets every formula to refuse bad TeX, and
the site and exports render with the same code, so it sits below all three. It may import
``content``.
"""
