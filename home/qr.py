"""QR codes drawn on the server as SVG (segno), inline in a sheet or as a small SVG file of the
site for the booklet (whose HTML would otherwise carry one 2 KB drawing per sheet): no request
elsewhere."""

import io

import segno
from django.utils.html import format_html
from django.utils.safestring import mark_safe


def qr_svg(data, title):
    """``data`` (an address) as an SVG QR code sized by CSS (``viewBox`` only), with a
    ``<title>`` for screen readers. Error correction M survives a creased printed sheet."""
    code = segno.make(data, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=2, omitsize=True, svgclass="qr-code", title=str(title))
    return mark_safe(svg)  # noqa: S308 - segno escapes the title; the rest is its own markup


def qr_svg_file(data, title):
    """The same drawing as a standalone SVG file (bytes), for an ``<img>``."""
    buffer = io.BytesIO()
    segno.make(data, error="m", micro=False).save(
        buffer, kind="svg", scale=1, border=2, omitsize=True, xmldecl=False, title=str(title)
    )
    return buffer.getvalue()


def qr_image_figure(src, data, caption):
    """The QR code as an image of the site (``src``: the SVG of ``qr_svg_file``), with the
    address written under it."""
    return format_html(
        '<figure class="qr"><img class="qr-code" src="{}" alt="{}" width="136" height="136">'
        "<figcaption>{}</figcaption></figure>",
        src,
        caption,
        data,
    )


def qr_figure(data, caption):
    """The QR code with the address written under it, for a printed sheet."""
    return format_html(
        '<figure class="qr">{}<figcaption>{}</figcaption></figure>', qr_svg(data, caption), data
    )
