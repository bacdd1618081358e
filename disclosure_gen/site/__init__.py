"""Stage 4b, site: checked models → the public static site.

Owns rendering (``render/``: pages, diagrams and charts, the generated MkDocs project), the SSG
run into a staging directory, the publish gate (``postcheck``), the only writer (``output``:
atomic files, locks, the directory swap) and the link listing of a built site. History arrives as
data (``render.history.SiteHistory``); nothing here runs git or diffs. It may import ``content``,
``markup``, ``check`` and ``export`` (the catalogue JSON is an export the site publishes).
"""
