"""Stage 5, publish: what happens around a build as content changes in git.

Owns git access (``history_git``), the site's version history and field diffs (``history``,
``diff``, ``diff_format``), the ``build``/``render``/``serve`` commands that check, read history
and call the site stage (``commands``), translation stamps, ``init`` with its project templates.
It may import every stage below it; only the adapters on top (``cli``, ``config``,
``mkdocs_plugin``) import it.
"""
