"""人工智能生成合成内容标识办法 第五条: an implicit label in the file's metadata."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.ai_scope import makes_content, missing_block
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import AI_LABELLING
from disclosure_gen.content.model.algorithm import Algorithm

#: What Article 5 lists, as alternatives of `implicit.fields` values, with Chinese labels.
_REQUIRED = (
    (("content_attribute",), "生成合成内容属性信息"),
    (("provider_name", "provider_code"), "服务提供者名称或者编码"),
    (("content_id",), "内容编号"),
)


class ImplicitLabel(Rule):
    """Generated files carry an implicit label with the content attribute, provider and content id.

    ## Why
    Article 5 of the labelling measures: following Article 16 of the Deep Synthesis Provisions,
    the provider adds an implicit label 「在生成合成内容的文件元数据中」, holding the content's
    attribute (that it is AI-generated), the provider's name or code and a content number.
    `generative.labels.implicit.fields` names what is written (`content_attribute`,
    `provider_name` or `provider_code`, `content_id`) and `carrier` which metadata carries it.

    ## Fails
    ```yaml
    generative:
      outputs: [image]
      labels:
        implicit:
          fields: [content_attribute]
          carrier: {zh: 图片文件的 XMP 元数据}
    ```

    ## Passes
    ```yaml
    generative:
      outputs: [image]
      labels:
        implicit:
          fields: [content_attribute, provider_code, content_id]
          carrier: {zh: 图片文件的 XMP 元数据}
    ```
    """

    code, name, severity = "LBL5-IMPLICIT-LABEL", "implicit-label-in-metadata", Severity.ERROR
    citation = Citation(
        AI_LABELLING,
        5,
        quote="在生成合成内容的文件元数据中添加隐式标识，隐式标识包含生成合成内容属性信息、"
        "服务提供者名称或者编码、内容编号等制作要素信息",
    )
    message = "没有说明写入文件元数据的隐式标识"
    fix = (
        "在 `generative.labels.implicit` 写明 `fields`（属性、提供者名称或编码、内容编号）"
        "和承载的元数据 `carrier`"
    )

    def applies(self, algo: Algorithm) -> bool:
        return makes_content(algo)

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        gen = algo.generative
        if gen is None:
            yield missing_block("说明隐式标识")
            return
        implicit = gen.labels.implicit
        path = ("generative", "labels", "implicit")
        if implicit is None:
            yield Hit(path)
            return
        missing = [label for keys, label in _REQUIRED if not set(keys) & set(implicit.fields)]
        if missing:
            yield Hit((*path, "fields"), f"隐式标识缺少{'、'.join(missing)}")
        if not implicit.carrier:
            yield Hit((*path, "carrier"), "没有说明隐式标识写在哪种文件元数据中：`carrier` 为空")
