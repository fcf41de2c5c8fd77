"""Text that XML can hold: an SVG chart and an Excel file are XML, and refuse the control
characters people paste in from Word or a PDF (a vertical tab for a soft line break, a form
feed). They carry nothing a reader sees, so they are dropped rather than refused."""

import re

# XML 1.0's Char production, negated: C0 controls but tab, line feed and carriage return;
# lone surrogates; U+FFFE and U+FFFF.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML cannot hold."""
    return NOT_XML.sub("", text)
