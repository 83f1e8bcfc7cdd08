"""The document's settings: an allow-list of Word's settings, always in the schema's order.

A reference document may hold settings that have no place in a report: an attached template
(which Word fetches), a mail merge and its data source, document protection, tracked changes,
document variables, revision ids. Only the settings below are kept, and each setting this
package adds goes to its place in the schema's sequence, whatever the reference holds, since
Word reads them in that order and repairs a file that breaks it.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

KEPT_SETTINGS = tuple(
    qn(name)
    for name in (
        "w:zoom",
        "w:removePersonalInformation",
        "w:removeDateAndTime",
        "w:doNotDisplayPageBoundaries",
        "w:displayBackgroundShape",
        "w:mirrorMargins",
        "w:alignBordersAndEdges",
        "w:bordersDoNotSurroundHeader",
        "w:bordersDoNotSurroundFooter",
        "w:gutterAtTop",
        "w:trackRevisions",
        "w:defaultTabStop",
        "w:autoHyphenation",
        "w:consecutiveHyphenLimit",
        "w:hyphenationZone",
        "w:doNotHyphenateCaps",
        "w:evenAndOddHeaders",
        "w:drawingGridHorizontalSpacing",
        "w:drawingGridVerticalSpacing",
        "w:displayHorizontalDrawingGridEvery",
        "w:displayVerticalDrawingGridEvery",
        "w:doNotUseMarginsForDrawingGridOrigin",
        "w:drawingGridHorizontalOrigin",
        "w:drawingGridVerticalOrigin",
        "w:noPunctuationKerning",
        "w:characterSpacingControl",
        "w:strictFirstAndLastChars",
        "w:noLineBreaksAfter",
        "w:noLineBreaksBefore",
        "w:hdrShapeDefaults",
        "w:footnotePr",
        "w:compat",
        "m:mathPr",
        "w:themeFontLang",
        "w:clrSchemeMapping",
        "w:shapeDefaults",
        "w:decimalSymbol",
        "w:listSeparator",
    )
)
"""The settings a report keeps, in the order of the schema's CT_Settings sequence (tracking
changes only as ``track_changes`` sets it)."""

_FULL_ZOOM = "100"


def keep_allowed_settings(settings) -> None:
    """Drop every setting not in the allow-list and put the rest in the schema's order."""
    kept = [child for child in settings if child.tag in KEPT_SETTINGS]
    for child in list(settings):
        settings.remove(child)
    for child in sorted(kept, key=lambda child: KEPT_SETTINGS.index(child.tag)):
        settings.append(child)
    zoom = settings.find(qn("w:zoom"))
    if zoom is not None and zoom.get(qn("w:percent")) is None:
        zoom.set(qn("w:percent"), _FULL_ZOOM)  # the schema requires it; Word shows 100 %


def put_setting(settings, setting) -> None:
    """Add a setting, replacing one of the same name; keep_allowed_settings orders them."""
    for old in settings.findall(setting.tag):
        settings.remove(old)
    settings.append(setting)


def hyphenate(settings, automatic: bool) -> None:
    """Turn automatic hyphenation on, as the PDF has it, unless a reference document chose;
    or (``automatic`` false, for a reading copy) off, whatever the reference chose."""
    if not automatic:
        put_setting(settings, OxmlElement("w:autoHyphenation", {qn("w:val"): "false"}))
    elif settings.find(qn("w:autoHyphenation")) is None:
        put_setting(settings, OxmlElement("w:autoHyphenation"))


def track_changes(settings, tracked: bool) -> None:
    """Have Word track the edits made to a redline, which reviewers go on revising under the
    same rules, and to no other document, whatever a reference document chose."""
    for old in settings.findall(qn("w:trackRevisions")):
        settings.remove(old)
    if tracked:
        settings.append(OxmlElement("w:trackRevisions"))
