"""QR codes drawn on the server as inline SVG (segno): no image file, no request elsewhere."""

import segno
from django.utils.html import format_html
from django.utils.safestring import mark_safe


def qr_svg(data, title):
    """``data`` (an address) as an SVG QR code sized by CSS (``viewBox`` only), with a
    ``<title>`` for screen readers. Error correction M survives a creased printed sheet."""
    code = segno.make(data, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=2, omitsize=True, svgclass="qr-code", title=str(title))
    return mark_safe(svg)  # noqa: S308 - segno escapes the title; the rest is its own markup


def qr_figure(data, caption):
    """The QR code with the address written under it, for a printed sheet."""
    return format_html(
        '<figure class="qr">{}<figcaption>{}</figcaption></figure>', qr_svg(data, caption), data
    )
