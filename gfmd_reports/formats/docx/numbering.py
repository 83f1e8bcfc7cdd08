"""Real list numbering: the theme's bullet for bullet lists, and numbers that restart with
each list, built element by element (never XML from text, so a theme's bullet ``&`` or ``<``
is a character like any other)."""

from __future__ import annotations

from gfmd_reports.formats.docx.wordml import w, word_element
from gfmd_reports.themes import DesignTokens

_ABSTRACT_NUM, _NUM, _CLEANUP = w("abstractNum"), w("num"), w("numIdMacAtCleanup")
_ABSTRACT_NUM_ID, _NUM_ID = w("abstractNumId"), w("numId")


class Numbering:
    """Numbering definitions: the theme's bullet for bullet lists, and numbers that restart.

    ``kind`` is the kind of report whose bullets new bullet lists take (a compilation holds
    reports of both kinds); each kind's definition is added when a list first needs it.
    """

    def __init__(self, document, tokens: DesignTokens, kind: str) -> None:
        self.numbering = document.part.numbering_part.element
        self.bullets = {"oral": tokens.bullet_oral, "written": tokens.bullet_written}
        self.kind = kind
        self.bullet_definitions = {kind: self._add_definition("bullet", self.bullets[kind])}
        self.number_definition = self._add_definition("decimal", "%1.")
        existing = [int(num.get(_NUM_ID)) for num in self.numbering.iter(_NUM)]
        self.last_list = max(existing, default=0)

    def _add_definition(self, format: str, text: str) -> int:
        existing = [int(a.get(_ABSTRACT_NUM_ID)) for a in self.numbering.iter(_ABSTRACT_NUM)]
        identifier = max(existing, default=0) + 1
        level = word_element(
            "w:lvl",
            word_element("w:start", val="1"),
            word_element("w:numFmt", val=format),
            word_element("w:lvlText", val=text),
            word_element("w:lvlJc", val="left"),
            word_element("w:pPr", word_element("w:ind", left="567", hanging="397")),
            ilvl="0",
        )
        definition = word_element(
            "w:abstractNum",
            word_element("w:multiLevelType", val="singleLevel"),
            level,
            abstractNumId=str(identifier),
        )
        # Word wants every abstractNum before the first num.
        first_num = self.numbering.find(_NUM)
        if first_num is not None:
            first_num.addprevious(definition)
        else:
            self.numbering.append(definition)
        return identifier

    def new_list(self, ordered: bool) -> int:
        """Start a list of its own: a new ``w:num`` whose count starts again at 1."""
        if not ordered and self.kind not in self.bullet_definitions:
            bullet = self._add_definition("bullet", self.bullets[self.kind])
            self.bullet_definitions[self.kind] = bullet
        definition = self.number_definition if ordered else self.bullet_definitions[self.kind]
        self.last_list += 1
        restart = word_element("w:lvlOverride", word_element("w:startOverride", val="1"), ilvl="0")
        num = word_element(
            "w:num",
            word_element("w:abstractNumId", val=str(definition)),
            restart,
            numId=str(self.last_list),
        )
        cleanup = self.numbering.find(_CLEANUP)  # the schema's last element
        if cleanup is not None:
            cleanup.addprevious(num)
        else:
            self.numbering.append(num)
        return self.last_list
