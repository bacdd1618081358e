"""The fingerprint of what was filed: the Chinese texts of the 拟公示内容 and filing facts.

Article 24 ¶2 asks for a change filing within ten working days when filed information changes.
To notice such a change in CI, ``filing.disclosure_hash`` records a SHA-256 of the disclosed
fields as they stood when the filing (or the last change filing) went through; ``check``
recomputes it.

What goes in, and why:

* the five rows of the 拟公示内容 as filed in practice: 算法名称 (``name``), 基本原理
  (``principles``), 运行机制 (``mechanisms``: each stage's title and description, in order),
  应用场景 (``scenarios``), 目的意图 (``purpose``);
* 算法类别 (``category``): 算法类型 is filing information under Art 24 ¶1 and a column of the
  published list;
* 应用产品: the Chinese names of the products the algorithm is used in (sorted). The published
  list records 「新增算法使用产品」 as a change, so adding a product is one. Surfaces inside a
  product are not filed, so they stay out.

Only Chinese goes in: the filing is in Chinese, and English edits need no filing. Whitespace is
normalised so that re-wrapping a YAML block does not look like a change: lines are stripped and
joined, whitespace between two CJK characters is dropped (a line break there renders as
nothing), and other runs of whitespace become one space; blank lines still separate paragraphs.
The canonical JSON carries a scheme tag, so a future change of these rules is explicit.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from typing import Any

from disclosure_gen.content.model.algorithm import Algorithm

SCHEME = "disclosure-gen/filing-v1"

#: CJK ideographs, kana, CJK punctuation and full-width forms.
_CJK = (
    r"[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf"
    r"\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
)
_CJK_GAP = re.compile(rf"(?<={_CJK})\s+(?={_CJK})")
_SPACES = re.compile(r"\s+")
_PARAGRAPHS = re.compile(r"\n\s*\n")


def normalise(text: str) -> str:
    """Return ``text`` with layout-only differences removed (see the module docstring)."""
    text = unicodedata.normalize("NFC", text)
    paragraphs = []
    for para in _PARAGRAPHS.split(text.strip()):
        joined = _CJK_GAP.sub("", para.strip())
        paragraphs.append(_SPACES.sub(" ", joined))
    return "\n\n".join(p for p in paragraphs if p)


def disclosed_fields(algo: Algorithm) -> dict[str, Any]:
    """The canonical document whose hash is the filing fingerprint."""
    products = sorted(
        {
            normalise(product.name.zh) if product and product.name else ref.product
            for ref in algo.products
            for product in (algo.site.product(ref.product),)
        }
    )
    return {
        "scheme": SCHEME,
        "name": normalise(algo.name.zh),
        "category": algo.category,
        "products": products,
        "principles": normalise(algo.principles.zh),
        "mechanisms": [
            {"title": normalise(m.title.zh), "description": normalise(m.description.zh)}
            for m in algo.mechanisms
        ],
        "scenarios": normalise(algo.scenarios.zh),
        "purpose": normalise(algo.purpose.zh),
    }


def canonical_json(doc: dict[str, Any]) -> bytes:
    """Sorted keys, no insignificant whitespace, UTF-8 text rather than escapes."""
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def disclosure_hash(algo: Algorithm) -> str:
    """The 64-hex SHA-256 to record in ``filing.disclosure_hash``."""
    return hashlib.sha256(canonical_json(disclosed_fields(algo))).hexdigest()


def hash_lines(algorithms: tuple[Algorithm, ...]) -> list[str]:
    """One line per algorithm: fingerprint, id, and how it compares with the recorded one."""
    out = []
    for algo in sorted(algorithms, key=lambda a: a.id):
        current = disclosure_hash(algo)
        recorded = algo.filing.disclosure_hash
        if not recorded:
            state = "未记录 filing.disclosure_hash"
        elif recorded == current:
            state = "与 filing.disclosure_hash 一致"
        else:
            state = "与 filing.disclosure_hash 不同：公示内容已变更"
        out.append(f"{current}  {algo.id}  {state}")
    return out
