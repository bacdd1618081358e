"""Fixed Chinese and English text for AI features: section titles, labels, enum names.

Merged into ``i18n.UI``. The names of the schema's enums (modalities, positions, forms, implicit
fields, model kinds) live beside the enums in content/model/generative.py, because the exports
use them too. Never YAML text.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

AI_UI: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        # algorithm-page sections
        "ai_audience": ("适用人群、场合和用途", "Who it is for, when and what for"),
        "ai_models": ("使用的模型", "Models used"),
        "ai_labels": ("生成内容标识", "How generated content is labelled"),
        "ai_explicit": ("显式标识", "Visible labels"),
        "ai_implicit": ("隐式标识", "Labels in file metadata"),
        "ai_agreement": ("用户协议中的标识条款", "The labelling clause of the user agreement"),
        "ai_report": ("举报未标识的 AI 内容", "Reporting unlabelled AI content"),
        # facts
        "ai_outputs": ("生成内容", "Generates"),
        "ai_users": ("适用人群", "Intended users"),
        "ai_occasions": ("适用场合", "Occasions"),
        "ai_uses": ("用途", "Uses"),
        "ai_minors": ("防范未成年人过度依赖", "Protecting minors from over-reliance"),
        "quick_labels": ("AI 内容标识", "AI content labels"),
        "ai_off_switch": ("关闭此功能", "Switching the feature off"),
        "ds_filing_number": (
            "备案编号（深度合成服务算法）",
            "Filing number (deep-synthesis algorithm)",
        ),
        # models
        "model_name": ("模型名称", "Model"),
        "model_kind": ("备案或登记", "Filed or registered"),
        "model_number": ("备案号或上线编号", "Filing or registration number"),
        "model_holder": ("备案或登记主体", "Filed or registered by"),
        "model_role": ("在本功能中的作用", "Role in this feature"),
        "model_display": ("编号展示位置", "Where the number is shown"),
        "model_list": ("公示名单", "Public list"),
        "model_list_link": ("查看公示名单", "View the public list"),
        "models_caption": (
            "本功能使用的生成式人工智能模型及其备案号或上线编号",
            "The generative-AI models this feature uses, with their filing or registration numbers",
        ),
        "models_neutral": (
            "备案号和上线编号说明模型已按规定备案或登记，不是监管部门对模型的评价、认证或推荐。",
            "A filing or registration number shows that the model has been filed or registered "
            "as required. It is not an evaluation, certification or endorsement by the regulator.",
        ),
        # labels
        "ai_labels_intro": (
            "我们用两种标识告诉你内容由人工智能生成：显式标识是你能直接看到或听到的文字、声音或图形；"
            "隐式标识写在文件的元数据里，你一般看不到，但软件和平台可以读取。",
            "We tell you that content is AI-generated in two ways. A visible label is text, "
            "sound or a graphic you see or hear directly; an implicit label is written into the "
            "file's metadata, which you do not usually see but software and platforms can read.",
        ),
        "ai_samples_note": (
            "下面的示意图按产品中的文字和位置绘制，不是截图。",
            "The samples below are drawn from the wording and position used in the product; they "
            "are not screenshots.",
        ),
        "ai_sample_caption": (
            "{modality} · {position} · {form}：",
            "{modality} · {position} · {form}: ",
        ),
        "ai_implicit_fields": ("写入的信息", "What it records"),
        "ai_implicit_carrier": ("写在哪里", "Where it is written"),
        "ai_no_removal": (
            "任何组织和个人不得采用技术手段删除、篡改、隐匿这些标识。",
            "No one may remove, alter or hide these labels by technical means.",
        ),
        "agreement_link": ("查看用户服务协议", "Read the user agreement"),
        "agreement_prompt": ("如何提示你阅读", "How you are asked to read it"),
        "ai_report_intro": (
            "发现本功能生成的内容没有标识，或者标识被删除、遮挡，可以通过下面的渠道举报。",
            "If content made with this feature has no label, or its label was removed or "
            "covered, report it here.",
        ),
        "ai_report_shared": (
            "本功能使用上面的投诉与反馈渠道受理举报。",
            "Reports go through the complaint channel above.",
        ),
        # site-wide page and home
        "ai_labels_page": ("AI 生成内容标识", "Labels on AI-generated content"),
        "ai_about": ("什么是 AI 生成内容标识", "What the labels are"),
        "ai_features": ("各功能的标识措施", "Labelling measures by feature"),
        "ai_feature": ("功能", "Feature"),
        "ai_feature_page": ("查看功能说明", "The feature's page"),
        "ai_report_all": ("发现未标识的 AI 内容怎么办", "Found unlabelled AI content?"),
        "ai_home": ("人工智能生成合成功能", "AI generation features"),
        "ai_home_intro": (
            "以下功能使用人工智能生成文字、图片等内容。每个功能的页面说明它用了哪些模型、"
            "适合谁用，以及生成的内容怎样标识。",
            "These features use AI to generate text, images and other content. Each feature's "
            "page says which models it uses, who it is for and how what it makes is labelled.",
        ),
        "ai_models_short": ("模型与编号", "Models and numbers"),
        "colon": ("：", ": "),
    }
)
