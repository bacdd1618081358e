"""The ``generative:`` block: an algorithm that generates or synthesises content with AI.

Generative and deep-synthesis algorithms are filed through the same algorithm filing system as
recommendation algorithms (category 生成合成类, 网信算备 numbers), so an AI feature is an
algorithm file with this block. Its ``filing`` is the deep-synthesis filing; pages, exports,
history and filing checks treat it as any other algorithm. Field names are the YAML keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

from disclosure_gen.content.model.filing import Placement
from disclosure_gen.content.model.rights import Complaints
from disclosure_gen.content.model.text import Text, parse_date

#: Output modalities, in the order of 深度合成 第十七条 and the labelling measures.
MODALITIES = ("text", "image", "audio", "video", "virtual_scene")
_CORNERS = ("top_left", "top_right", "bottom_left", "bottom_right", "top", "bottom")
#: Where an explicit label can sit, per modality. A text has a start and an end but no corner;
#: a sound has no corner; an image has no start; `interface` is the surrounding screen.
POSITIONS: dict[str, tuple[str, ...]] = {
    "text": ("start", "middle", "end", "interface"),
    "image": (*_CORNERS, "interface"),
    "audio": ("start", "middle", "end", "interface"),
    "video": ("start", "middle", "end", *_CORNERS, "interface"),
    "virtual_scene": ("start", *_CORNERS, "interface"),
}
#: Every position any modality allows, in a fixed order (the schema's enum).
ALL_POSITIONS = ("start", "middle", "end", *_CORNERS, "interface")
#: How an explicit label is presented (标识办法 第三条: 以文字、声音、图形等方式呈现).
FORMS = ("text", "voice", "graphic")
#: Modalities that have sound, so a spoken label can accompany them.
VOICED = frozenset({"audio", "video", "virtual_scene"})
#: What an implicit label can record (标识办法 第五条: 属性信息、服务提供者名称或者编码、内容编号).
IMPLICIT_FIELDS = ("content_attribute", "provider_name", "provider_code", "content_id", "watermark")
#: A model is filed (备案, 备案号) or, when an app calls a filed model, registered (登记, 上线编号).
MODEL_KINDS = ("filed", "registered")

# Display names (Chinese, English) of the enums above, for the site, the exports and messages.
MODALITY_NAMES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "text": ("文本", "Text"),
        "image": ("图片", "Image"),
        "audio": ("音频", "Audio"),
        "video": ("视频", "Video"),
        "virtual_scene": ("虚拟场景", "Virtual scene"),
    }
)
POSITION_NAMES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "start": ("开头", "at the start"),
        "middle": ("中间", "in the middle"),
        "end": ("末尾", "at the end"),
        "top_left": ("左上角", "top-left corner"),
        "top_right": ("右上角", "top-right corner"),
        "bottom_left": ("左下角", "bottom-left corner"),
        "bottom_right": ("右下角", "bottom-right corner"),
        "top": ("顶部", "top edge"),
        "bottom": ("底部", "bottom edge"),
        "interface": ("所在界面", "on the surrounding screen"),
    }
)
FORM_NAMES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {"text": ("文字", "text"), "voice": ("语音", "voice"), "graphic": ("图形角标", "badge")}
)
IMPLICIT_FIELD_NAMES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "content_attribute": ("内容由人工智能生成合成的属性", "that the content is AI-generated"),
        "provider_name": ("服务提供者名称", "the provider's name"),
        "provider_code": ("服务提供者编码", "the provider's code"),
        "content_id": ("内容编号", "a content number"),
        "watermark": ("数字水印", "a digital watermark"),
    }
)
MODEL_KIND_NAMES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {"filed": ("已备案（备案号）", "Filed"), "registered": ("已登记（上线编号）", "Registered")}
)


@dataclass(frozen=True)
class Audience:
    """适用人群、场合、用途 (GenAI 第十条), and the measures against minors' over-reliance."""

    users: Text = Text()
    occasions: Text = Text()
    uses: Text = Text()
    minors: Text = Text()


@dataclass(frozen=True)
class GenModel:
    """A generative model the feature uses, with its 备案号 (filed) or 上线编号 (registered)."""

    name: Text
    kind: str = "filed"
    number: str = ""
    holder: Text = Text()
    role: Text = Text()
    public_list_url: str = ""
    display: tuple[Placement, ...] = ()


@dataclass(frozen=True)
class ExplicitLabel:
    """A label users perceive: the content it marks, how it is presented, its words, its place."""

    modality: str
    form: str = "text"
    wording: Text = Text()
    position: str = ""
    where: Text = Text()


@dataclass(frozen=True)
class ImplicitLabel:
    """The label written into the file: which facts it records and which metadata carries it."""

    fields: tuple[str, ...] = ()
    carrier: Text = Text()


@dataclass(frozen=True)
class Labels:
    explicit: tuple[ExplicitLabel, ...] = ()
    implicit: ImplicitLabel | None = None


@dataclass(frozen=True)
class Agreement:
    """The labelling clause of the user agreement (标识办法 第八条) and how users are told."""

    url: str = ""
    clause: Text = Text()
    prompt: Text = Text()


@dataclass(frozen=True)
class LabellingMaterials:
    """What was handed in with the filing or assessment (标识办法 第十二条). Internal only."""

    document: str = ""
    submitted_on: date | None = None


@dataclass(frozen=True)
class Generative:
    """What an AI feature generates, with which models, for whom, and how its output is labelled."""

    outputs: tuple[str, ...]
    audience: Audience = Audience()
    models: tuple[GenModel, ...] = ()
    labels: Labels = Labels()
    agreement: Agreement | None = None
    reporting: Complaints | None = None
    labelling_materials: LabellingMaterials | None = None

    @classmethod
    def of(cls, data: Any) -> Generative | None:
        if data is None:
            return None
        audience = data.get("audience") or {}
        labels = data.get("labels") or {}
        implicit = labels.get("implicit")
        agreement = data.get("agreement")
        materials = data.get("labelling_materials")
        return cls(
            outputs=tuple(data["outputs"]),
            audience=Audience(
                **{k: Text.of(audience.get(k)) for k in ("users", "occasions", "uses", "minors")}
            ),
            models=tuple(_model(m) for m in data.get("models", ())),
            labels=Labels(
                tuple(_explicit(e) for e in labels.get("explicit", ())),
                ImplicitLabel(tuple(implicit.get("fields", ())), Text.of(implicit.get("carrier")))
                if implicit is not None
                else None,
            ),
            agreement=Agreement(
                agreement.get("url", ""),
                Text.of(agreement.get("clause")),
                Text.of(agreement.get("prompt")),
            )
            if agreement is not None
            else None,
            reporting=Complaints.of(data.get("reporting")),
            labelling_materials=LabellingMaterials(
                materials.get("document", ""), parse_date(materials.get("submitted_on"))
            )
            if materials is not None
            else None,
        )

    def explicit_for(self, modality: str) -> tuple[ExplicitLabel, ...]:
        """The explicit labels declared for one output modality."""
        return tuple(e for e in self.labels.explicit if e.modality == modality)


def _model(data: Any) -> GenModel:
    return GenModel(
        Text.of(data["name"]),
        data.get("kind", "filed"),
        data.get("number", ""),
        Text.of(data.get("holder")),
        Text.of(data.get("role")),
        data.get("public_list_url", ""),
        tuple(Placement.of(p) for p in data.get("display", ())),
    )


def _explicit(data: Any) -> ExplicitLabel:
    return ExplicitLabel(
        data["modality"],
        data.get("form", "text"),
        Text.of(data.get("wording")),
        data.get("position", ""),
        Text.of(data.get("where")),
    )
