"""One pagination for every public list: the listings and the search results.

Django's ``Paginator`` pages the objects, ``Pagination`` reads the page number and builds the
links that ``templates/includes/pagination.html`` shows (an accessible ``nav``, the elided page
range of ``Paginator.get_elided_page_range``, French text, plain links that work without
JavaScript). To change how pagination looks or how many numbers it shows, change that include
or ``ON_EACH_SIDE`` here.

Page numbers of a listing (``Pagination.from_request``): empty means 1; a page beyond the last
shows the last page, anything that is not a positive whole number shows the first page; both
with a French message (never a 404 or a 500).
"""

import re

from django.core.paginator import Paginator
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

PAGE_PARAM = "page"
ON_EACH_SIDE = 1
ON_ENDS = 1
MAX_SHOWN_VALUE = 40

_DIGITS = re.compile(r"[0-9]+", re.ASCII)
# Beyond this many digits a page number is simply "too large" (and int() would refuse it).
_MAX_PAGE_DIGITS = 12


def shown(value):
    """A visitor's value as quoted back in a message: shortened."""
    return Truncator(value).chars(MAX_SHOWN_VALUE)


def count_only(total):
    """Something ``Paginator`` can page when only the number of objects is known (search)."""
    return range(total)


class Pagination:
    """Page ``number`` of ``paginator``; ``url(number)`` gives the address of a page.

    ``number`` may lie beyond the last page (the search shows a notice then): no page is
    current and the links lead back into the range.
    """

    def __init__(self, paginator, number, url, on_each_side=ON_EACH_SIDE, messages=()):
        self.paginator = paginator
        self.number = number
        self.url = url
        self.on_each_side = on_each_side
        self.messages = list(messages)

    @classmethod
    def from_request(cls, request, paginator, url, **kwargs):
        """Read ``?page=`` leniently: a wrong number becomes the first or last page, said in
        ``messages``."""
        number, message = read_page_number(request, paginator.num_pages)
        return cls(paginator, number, url, messages=[message] if message else [], **kwargs)

    @property
    def num_pages(self):
        return self.paginator.num_pages

    @property
    def is_paginated(self):
        return self.num_pages > 1

    @property
    def out_of_range(self):
        return self.number > self.num_pages

    def page(self):
        return self.paginator.page(min(self.number, self.num_pages))

    @property
    def links(self):
        """(number or None for an ellipsis, url, is_current), from the elided page range."""
        links = []
        around = min(self.number, self.num_pages)
        for number in self.paginator.get_elided_page_range(
            around, on_each_side=self.on_each_side, on_ends=ON_ENDS
        ):
            if number == Paginator.ELLIPSIS:
                links.append((None, None, False))
            else:
                links.append((number, self.url(number), number == self.number))
        return links

    @property
    def previous_url(self):
        return self.url(self.number - 1) if 1 < self.number <= self.num_pages else None

    @property
    def next_url(self):
        return self.url(self.number + 1) if self.number < self.num_pages else None

    @property
    def last_url(self):
        return self.url(self.num_pages)


def read_page_number(request, last):
    """(number, message or None) from ``?page=``, within 1..``last``."""
    values = [v.strip() for v in request.GET.getlist(PAGE_PARAM) if v.strip()]
    if not values:
        return 1, None
    raw = values[0]
    digits = raw.lstrip("0")
    if not _DIGITS.fullmatch(raw) or not digits:
        return 1, _("« %(value)s » n'est pas un numéro de page : voici la première page.") % {
            "value": shown(raw)
        }
    if len(digits) > _MAX_PAGE_DIGITS or int(digits) > last:
        return last, ngettext(
            "La page %(value)s n'existe pas : il n'y a qu'une seule page.",
            "La page %(value)s n'existe pas : voici la dernière page (%(last)s).",
            last,
        ) % {"value": shown(raw), "last": last}
    return int(digits), None
