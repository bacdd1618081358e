"""互联网信息服务深度合成管理规定 第十七条: a prominent label on every kind of generated content."""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.ai_scope import makes_content, missing_block, modality_name
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import DEEP_SYNTHESIS
from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.generative import POSITIONS, VOICED

#: The item of Article 17(1) each modality falls under, for messages.
_ITEM = {
    "text": "（一）智能对话、智能写作等文本生成",
    "audio": "（二）合成人声、仿声等语音生成",
    "image": "（三）人物图像生成或（五）其他生成",
    "video": "（三）人物视频生成或（五）其他生成",
    "virtual_scene": "（四）沉浸式拟真场景生成",
}
#: A label described as living in the file's data is an implicit one, whoever calls it explicit.
#: (A visible watermark is explicit, so 水印 is not in the list.)
_HIDDEN = re.compile(r"元数据|EXIF|XMP|metadata|文件属性|文件头|不可见|invisible", re.I)


class ExplicitLabels(Rule):
    """Every kind of content an AI feature generates carries a label users can perceive.

    ## Why
    Article 17(1) of the Deep Synthesis Provisions: services that generate text, voices, images
    and video of people, immersive scenes or any other content must label it 「在生成或者编辑的
    信息内容的合理位置、区域」, prominently. The labelling measures (第三条) call such a label
    explicit: shown as text, sound or graphics and 「可以被用户明显感知到」. So every modality in
    `generative.outputs` needs an entry in `generative.labels.explicit`, with its `wording`, at a
    `position` that exists for that modality, spoken (`form: voice`) only where there is sound.
    A label described as written into the file's metadata is implicit, not explicit: metadata
    alone does not satisfy this article. A 生成合成类 algorithm without a `generative` block
    fails at the block.

    ## Fails
    ```yaml
    generative:
      outputs: [image]
      labels:
        implicit: {fields: [content_attribute, provider_name, content_id]}
    ```

    ## Passes
    ```yaml
    generative:
      outputs: [image]
      labels:
        explicit:
          - modality: image
            form: text
            wording: {zh: AI 生成}
            position: bottom_right
    ```
    """

    code, name, severity = "DS17-EXPLICIT-LABEL", "explicit-label-on-every-output", Severity.ERROR
    citation = Citation(
        DEEP_SYNTHESIS,
        17,
        paragraph=1,
        quote="应当在生成或者编辑的信息内容的合理位置、区域进行显著标识，向公众提示深度合成情况",
    )
    message = "生成的内容没有用户可以明显感知的显式标识"
    fix = (
        "在 `generative.labels.explicit` 为 `generative.outputs` 中的每种内容"
        "写明标识文字 `wording` 和位置 `position`"
    )

    def applies(self, algo: Algorithm) -> bool:
        return makes_content(algo)

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        gen = algo.generative
        if gen is None:
            yield missing_block("说明生成的内容和标识")
            return
        labels = gen.labels.explicit
        for modality in gen.outputs:
            if not any(e.modality == modality for e in labels):
                name = modality_name(modality)
                yield Hit(
                    ("generative", "labels", "explicit"),
                    f"生成{name}（第十七条第一款{_ITEM[modality]}），但没有{name}的显式标识",
                )
        for i, label in enumerate(labels):
            path = ("generative", "labels", "explicit", i)
            name = modality_name(label.modality)
            if label.modality not in gen.outputs:
                yield Hit(
                    (*path, "modality"),
                    f"`generative.outputs` 中没有{name}，这条标识对应的内容不存在",
                )
            if not label.wording:
                yield Hit(
                    (*path, "wording"), f"{name}的显式标识没有写明用户看到或听到的文字 `wording`"
                )
            if not label.position:
                yield Hit((*path, "position"), f"{name}的显式标识没有写明位置 `position`")
            elif label.position not in POSITIONS[label.modality]:
                yield Hit((*path, "position"), f"位置 `{label.position}` 不适用于{name}")
            if label.form == "voice" and label.modality not in VOICED:
                yield Hit((*path, "form"), f"{name}没有声音，不能用语音标识")
            for key, text in (("wording", label.wording), ("where", label.where)):
                if _HIDDEN.search(text.zh) or _HIDDEN.search(text.en):
                    yield Hit(
                        (*path, key),
                        "显式标识必须能被用户明显感知，写入元数据的是隐式标识，不能代替显式标识",
                    )
