"""Pure renderers: content models in, page Markdown, HTML, SVG and assets out."""
