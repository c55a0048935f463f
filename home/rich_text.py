"""The rich-text feature lists of every RichTextField and rich-text block, defined once.

Changing a list changes the editors' toolbar; a block's list is also recorded in the
migrations of the StreamFields that use it (``makemigrations`` then says so)."""

# A sentence or two: the introductions of the home page and the sections.
INLINE = ["bold", "italic", "link"]
# Short texts with lists: an organisation's presentation, a community's objectives.
LISTS = ["bold", "italic", "link", "ol", "ul"]
# A community's way of working.
LISTS_AND_HEADINGS = [*LISTS, "h3"]
# The long texts of practices, tools, frames and meeting records, and body paragraphs.
FULL = [*LISTS_AND_HEADINGS, "document-link"]
