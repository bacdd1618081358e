"""The filing and assessment papers: drafts prefilled from the YAML, 【待补充】 where it is silent.

``PAPERS`` maps the name in the export formats (``<name>-md``, ``<name>-docx``) to its builder:
site and chosen algorithms → one ``Document``. What the papers share is in ``common.py``.
"""

from collections.abc import Callable, Sequence

from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.site import Site
from disclosure_gen.export.blocks import Document
from disclosure_gen.export.papers.pia import NothingToAssess, pia
from disclosure_gen.export.papers.responsibility import responsibility
from disclosure_gen.export.papers.self_assessment import self_assessment

PAPERS: dict[str, Callable[[Site, Sequence[Algorithm]], Document]] = {
    "self-assessment": self_assessment,
    "responsibility": responsibility,
    "pia": pia,
}

__all__ = ["PAPERS", "NothingToAssess"]
