"""Stage 4a, export: checked models → privacy-policy section, notices, filing text, JSON, CSV.

Renderers are pure (bytes out; only the CLI writes). It may import ``content``, ``markup`` and
``check``. This module holds the registry of formats the CLI offers (name, what it is).
"""

EXPORT_FORMATS = (
    ("privacy-md", "隐私政策章节 Markdown / privacy-policy section, Markdown"),
    ("privacy-html", "隐私政策章节 HTML 片段 / privacy-policy section, HTML fragment"),
    ("privacy-docx", "隐私政策章节 Word / privacy-policy section, DOCX"),
    ("privacy-txt", "隐私政策章节纯文本 / privacy-policy section, plain text"),
    (
        "ai-privacy-md",
        "AI 功能隐私政策章节 Markdown / AI features' privacy-policy section, Markdown",
    ),
    (
        "ai-privacy-html",
        "AI 功能隐私政策章节 HTML 片段 / AI features' privacy-policy section, HTML",
    ),
    ("ai-privacy-docx", "AI 功能隐私政策章节 Word / AI features' privacy-policy section, DOCX"),
    ("ai-privacy-txt", "AI 功能隐私政策章节纯文本 / AI features' privacy-policy section, text"),
    ("ai-agreement-md", "用户协议标识条款 Markdown / user-agreement labelling clause, Markdown"),
    ("ai-agreement-html", "用户协议标识条款 HTML 片段 / user-agreement labelling clause, HTML"),
    ("ai-agreement-docx", "用户协议标识条款 Word / user-agreement labelling clause, DOCX"),
    ("ai-agreement-txt", "用户协议标识条款纯文本 / user-agreement labelling clause, plain text"),
    ("notice-txt", "显著告知文本 / in-app notices, plain text"),
    ("notice-json", "显著告知 JSON / in-app notices, JSON"),
    ("filing-txt", "拟公示内容（含字数）/ filing disclosure text with character counts"),
    ("self-assessment-md", "算法安全自评估报告草稿 Markdown / self-assessment draft, Markdown"),
    ("self-assessment-docx", "算法安全自评估报告草稿 Word / self-assessment draft, DOCX"),
    (
        "responsibility-md",
        "落实算法安全主体责任基本情况草稿 Markdown / primary-responsibility paper draft, Markdown",
    ),
    (
        "responsibility-docx",
        "落实算法安全主体责任基本情况草稿 Word / primary-responsibility paper draft, DOCX",
    ),
    ("pia-md", "个人信息保护影响评估记录草稿 Markdown / PI impact assessment drafts, Markdown"),
    ("pia-docx", "个人信息保护影响评估记录草稿 Word / PI impact assessment drafts, DOCX"),
    ("json", "完整目录 JSON（export.schema.json）/ the whole catalogue, JSON"),
    ("csv", "目录 CSV（UTF-8 BOM）/ the catalogue, CSV for spreadsheets"),
)
