"""Rapporteurs' own Word drafts, written as people write them, for the import of such drafts.

Some use Word's own styles (Title, Heading 1, List Bullet, List Number), others only direct
formatting: a bold line for a heading, a typed “•” or “-” for a bullet, “1.” typed before an
item. Footnotes, italic and bold words, and a reviewer's tracked changes and comment are
written as Word writes them (w:footnoteReference into footnotes.xml, w:ins and w:del with
author and date, comments.xml with its range and reference), in English, French and Spanish.
The two seed reports are here re-typed as plain drafts.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

SEEDS = Path(__file__).resolve().parent / "seeds"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REVIEWER = "Marta Ruiz"
REVIEW_DATE = "2026-11-12T09:14:00Z"


@dataclass(frozen=True)
class Marked:
    """Text typed bold or italic, inserted or deleted with Track Changes on by the reviewer,
    or a footnote (its text) called where it stands."""

    how: Literal["bold", "italic", "note", "inserted", "deleted"]
    text: str


Piece = str | Marked


@dataclass
class DraftWriter:
    """A Word document written paragraph by paragraph, as a rapporteur types it."""

    document: object = field(default_factory=Document)
    notes: list[str] = field(default_factory=list)
    revisions: int = 0

    def paragraph(self, *pieces: Piece, style: str | None = None) -> Paragraph:
        paragraph = self.document.add_paragraph(style=style)  # type: ignore[attr-defined]
        for piece in pieces:
            self._add(paragraph, piece)
        return paragraph

    def bold_line(self, text: str) -> Paragraph:
        return self.paragraph(Marked("bold", text))

    def heading(self, text: str, level: int = 1) -> Paragraph:
        return self.paragraph(text, style="Title" if level == 0 else f"Heading {level}")

    def bullet(self, *pieces: Piece, numbered: bool = False) -> Paragraph:
        return self.paragraph(*pieces, style="List Number" if numbered else "List Bullet")

    def comment(self, paragraph: Paragraph, text: str, author: str) -> None:
        """A comment on the paragraph's words, as Word's Review › New Comment leaves it."""
        comment = self.document.add_comment(paragraph.runs, text, author, "TF")  # type: ignore[attr-defined]
        comment._comment_elm.set(qn("w:date"), REVIEW_DATE)

    def _add(self, paragraph: Paragraph, piece: Piece) -> None:
        how = piece.how if isinstance(piece, Marked) else None
        if how == "note":
            assert isinstance(piece, Marked)
            self.notes.append(piece.text)
            run = paragraph.add_run()
            run.font.superscript = True
            reference = run._r.makeelement(qn("w:footnoteReference"), {})
            reference.set(qn("w:id"), str(len(self.notes)))
            run._r.append(reference)
        elif how in ("inserted", "deleted"):
            assert isinstance(piece, Marked)
            self._revision(paragraph, piece)
        else:
            run = paragraph.add_run(piece if isinstance(piece, str) else piece.text)
            run.bold = True if how == "bold" else None
            run.italic = True if how == "italic" else None

    def _revision(self, paragraph: Paragraph, piece: Marked) -> None:
        self.revisions += 1
        tag = "w:ins" if piece.how == "inserted" else "w:del"
        mark = paragraph._p.makeelement(qn(tag), {})
        for name, value in (("id", str(900 + self.revisions)), ("author", REVIEWER)):
            mark.set(qn(f"w:{name}"), value)
        mark.set(qn("w:date"), REVIEW_DATE)
        run = paragraph.add_run()
        text = run._r.makeelement(qn("w:t" if tag == "w:ins" else "w:delText"), {})
        text.text = piece.text
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        run._r.append(text)
        paragraph._p.remove(run._r)
        mark.append(run._r)
        paragraph._p.append(mark)

    def docx(self) -> bytes:
        if self.notes:
            self._add_footnotes_part()
        out = io.BytesIO()
        self.document.save(out)  # type: ignore[attr-defined]
        return out.getvalue()

    def _add_footnotes_part(self) -> None:
        """footnotes.xml as Word writes it: the two separators, then the notes."""
        root = etree.Element(f"{{{W}}}footnotes", nsmap={"w": W})
        for separator, kind in (("-1", "separator"), ("0", "continuationSeparator")):
            note = etree.SubElement(root, f"{{{W}}}footnote", {f"{{{W}}}type": kind})
            note.set(f"{{{W}}}id", separator)
            run = etree.SubElement(etree.SubElement(note, f"{{{W}}}p"), f"{{{W}}}r")
            etree.SubElement(run, f"{{{W}}}{kind}")
        for number, text in enumerate(self.notes, 1):
            note = etree.SubElement(root, f"{{{W}}}footnote", {f"{{{W}}}id": str(number)})
            paragraph = etree.SubElement(note, f"{{{W}}}p")
            mark = etree.SubElement(paragraph, f"{{{W}}}r")
            superscript = etree.SubElement(
                etree.SubElement(mark, f"{{{W}}}rPr"), f"{{{W}}}vertAlign"
            )
            superscript.set(f"{{{W}}}val", "superscript")
            etree.SubElement(mark, f"{{{W}}}footnoteRef")
            run = etree.SubElement(paragraph, f"{{{W}}}r")
            written = etree.SubElement(run, f"{{{W}}}t")
            written.text = " " + text
            written.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        part = Part(
            PackURI("/word/footnotes.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
            etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True),
            self.document.part.package,  # type: ignore[attr-defined]
        )
        self.document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class RapporteurDraft:
    """A draft, and the words of the sentences the report prints in its own wording instead."""

    name: str
    docx: bytes
    reworded: frozenset[str]
    """Words of the draft's own framing sentences (“The Co-chairs were”), which the report
    replaces by its theme's: the names they frame are data."""


def framing(words: str) -> frozenset[str]:
    """The words of a draft's framing sentences, written as a reader would list them."""
    return frozenset(words.split())


def styled_session_report() -> RapporteurDraft:
    """An English session report in Word's own styles, with a footnote, italic and bold words,
    a heading the report has no place for and a bulleted list outside any known list."""
    draft = DraftWriter()
    draft.heading("Roundtable 2: “Labour mobility and skills”", 0)
    draft.paragraph("Report of the Rapporteur", style="Subtitle")
    draft.paragraph("Rapporteur: Dr. Amina Diallo, Senior Adviser, Ministry of Labour, Senegal")
    draft.heading("Session 2.1: Fair recruitment of migrant workers")
    draft.paragraph(
        "The Co-chairs were Ms. Laura Chen, Director General, Ministry of Manpower, Singapore, "
        "and Mr. Pedro Alves, Senior Specialist, ILO."
    )
    draft.paragraph(
        "The panellists were Mr. Tomás Herrera, Colombia, and Ms. Grace Okoro, Executive "
        "Director, Lagos Migrant Workers Centre."
    )
    draft.paragraph(
        "The background paper, prepared by ILO in consultation with the co-chairs, explored:"
    )
    draft.bullet("Recruitment fees and related costs charged to workers;")
    draft.bullet("The role of ", Marked("italic", "bilateral labour agreements"), ".")
    draft.paragraph(
        "The session heard that recruitment fees still cost workers up to a year of wages",
        Marked("note", "World Bank, KNOMAD survey of recruitment costs, 2025."),
        ". Participants stressed ",
        Marked("italic", "zero-fee"),
        " recruitment as the norm.",
    )
    draft.heading("Side event on skills passports", 2)
    draft.paragraph("A side event presented a pilot of digital skills passports.")
    draft.bullet("Pilot countries shared their first results.")
    draft.heading("Conclusions", 2)
    draft.bullet("Workers should ", Marked("bold", "never"), " pay recruitment fees.")
    draft.bullet("Skills recognition needs bilateral agreements.")
    draft.paragraph("Mutual recognition pilots are under way.", style="List Bullet 2")
    draft.heading("Recommendations", 2)
    draft.bullet("States should ratify ILO Convention No. 181.", numbered=True)
    draft.bullet("Recruiters should be licensed and monitored.", numbered=True)
    return RapporteurDraft(
        "fair-recruitment.docx",
        draft.docx(),
        framing(
            "rapporteur the co chairs were and panellists background paper prepared by in "
            "consultation with explored conclusions recommendations"
        ),
    )


def typed_general_report() -> RapporteurDraft:
    """A French general report with direct formatting only: bold lines for headings, typed
    “•”, “-” and “1.” before items, a footnote on the subtitle."""
    draft = DraftWriter()
    draft.bold_line("Table ronde 3 : « La migration au service du développement social inclusif »")
    draft.paragraph(
        Marked("bold", "Rapport du Rapporteur général"),
        Marked(
            "note", "Ceci est un rapport préliminaire du rapporteur général de la table ronde 3."
        ),
    )
    draft.paragraph("par S.E. M. Jorge Lomónaco, Ambassadeur, Mexique")
    draft.paragraph(
        "Je tenterai de résumer les riches discussions de la table ronde 3, qui s’est tenue "
        "en deux sessions."
    )
    draft.bold_line("Session 3.1 : « Autonomiser les migrants et leurs communautés »")
    draft.paragraph("Les coprésidents étaient l’Équateur et la Grèce.")
    draft.paragraph(
        "Le panel était composé de Mme Sophie Laurent, Directrice, Organisation internationale "
        "pour les migrations, et M. Karim Benali, Conseiller, Ministère de l’Intérieur, Maroc."
    )
    draft.paragraph(
        "Cette session a examiné les mesures que les gouvernements peuvent prendre pour "
        "améliorer l’accès à la ",
        Marked("italic", "protection sociale"),
        ".",
    )
    draft.paragraph("Au cours du débat, plusieurs bonnes pratiques ont été présentées.")
    draft.paragraph(
        "S’agissant de la protection sociale, l’Équateur a présenté son fonds pour la diaspora."
    )
    draft.paragraph(
        "S’agissant de l’intégration, la Grèce a décrit ses centres d’accueil municipaux."
    )
    draft.bold_line("Recommandations")
    draft.paragraph("• Garantir la portabilité des droits à pension.")
    draft.paragraph("• Associer les diasporas aux stratégies de développement.")
    draft.bold_line("Session 3.2 : « Transferts et santé »")
    draft.paragraph("Les coprésidents étaient El Salvador et les Émirats arabes unis.")
    draft.paragraph("La session a formulé les conclusions suivantes :")
    draft.paragraph("1. Les transferts financent l’éducation.")
    draft.paragraph("2. La fuite des cerveaux devient peu à peu un gain de cerveaux.")
    draft.bold_line("Conclusions générales de la table ronde 3")
    draft.paragraph("- Le rôle des migrants comme partenaires du développement doit être reconnu.")
    draft.paragraph("- Il faut aller au-delà de la question des transferts.")
    draft.paragraph("Mes derniers mots sont pour rendre hommage à une présidence très réussie.")
    draft.paragraph(
        "Permettez-moi de conclure par les mots d’une participante : « rien pour nous sans nous »."
    )
    return RapporteurDraft(
        "table-ronde-3.docx",
        draft.docx(),
        framing(
            "par les coprésidents étaient le panel était composé de s agissant "
            "permettez moi conclure mots d une recommandations conclusions générales de la table "
            "ronde"
        ),
    )


def oral_report() -> RapporteurDraft:
    """A Spanish oral report opening with a salutation, in the theme's own sentences, with a
    numbered list in Word's style and the salutation said again at the end."""
    draft = DraftWriter()
    draft.paragraph("Muchas gracias, señor Presidente.")
    draft.paragraph(
        "Tengo el honor de informar sobre la sesión 1.3, “Migración laboral y desarrollo”."
    )
    draft.paragraph("La sesión fue copresidida por México y Marruecos.")
    draft.paragraph(
        "Los panelistas fueron la Sra. Ana Torres, Directora, Ministerio de Trabajo, Chile, "
        "y el Sr. Youssef Amrani, Asesor, OIT."
    )
    draft.paragraph(
        "La sesión examinó cómo los acuerdos bilaterales protegen a los ",
        Marked("italic", "trabajadores temporales"),
        ".",
    )
    draft.paragraph("Conclusiones")
    draft.bullet(
        "Los acuerdos deben incluir la portabilidad de la seguridad social.", numbered=True
    )
    draft.bullet("Las agencias de contratación deben estar reguladas.", numbered=True)
    draft.paragraph(
        "Permítanme concluir con las palabras de una participante: "
        "“nada sobre nosotros sin nosotros”."
    )
    draft.paragraph("Muchas gracias, señor Presidente.")
    return RapporteurDraft(
        "informe-oral.docx",
        draft.docx(),
        framing(
            "tengo el honor de informar sobre la sesión fue copresidida por los panelistas "
            "fueron y permítanme concluir con las palabras conclusiones"
        ),
    )


def reviewed_report() -> RapporteurDraft:
    """An English session report a reviewer has edited with Track Changes on and commented."""
    draft = DraftWriter()
    draft.heading("Session 1.1: “Climate change and human mobility”", 1)
    draft.paragraph("by Ms. Ingrid Holm, Norway")
    co_chairs = draft.paragraph("The Co-chairs were Fiji and Bangladesh.")
    draft.comment(
        co_chairs, "Check the order of the co-chairs with the programme.", "Task Force Secretariat"
    )
    draft.paragraph(
        "The session explored ",
        Marked("deleted", "slow"),
        Marked("inserted", "slow-onset"),
        " events and planned relocation",
        Marked("inserted", " of whole communities"),
        ".",
    )
    draft.heading("Recommendations", 2)
    draft.bullet("Include mobility in national adaptation plans.")
    draft.bullet(Marked("inserted", "Fund the relocation of communities that ask for it."))
    return RapporteurDraft(
        "climate-mobility.docx",
        draft.docx(),
        framing("by the co chairs were recommendations"),
    )


def seed_oral_draft() -> RapporteurDraft:
    """The 2019 oral report (tests/seeds/000…) re-typed as a plain draft, “-” bullets typed."""
    text = " ".join((SEEDS / "000_8bbe0913f8f25bd8.txt").read_text(encoding="utf-8").split())
    draft = DraftWriter()
    for paragraph in _split_at(text, _ORAL_SEED_STARTS):
        draft.paragraph(paragraph)
    return RapporteurDraft(
        "seed-oral.docx",
        draft.docx(),
        framing(
            "the roundtable was co chaired by and panel composed of paper presented for "
            "discussion prepared in consultation with explored let me end with a quote from "
            "on"
        ),
    )


_ORAL_SEED_STARTS = (
    "I wish to inform", "The panel was composed", "The paper presented", "- The rights-based",
    "- The scope", "- Current global", "- The need to change", "- And realizing",
    "During the panel", "On the need to build", "On policy formulation",
    "On the program design", "On the need to have", "San Francisco provides",
    "On the topic of integration", "The platform provided", "The implementation of the GCM",
    "In line with", "Let me end", "Thank you Chair.",
)  # fmt: skip
"""Where the seed's paragraphs start: its text was extracted with a line break per line."""


def _split_at(text: str, starts: tuple[str, ...]) -> list[str]:
    cuts = [0]
    for start in starts:
        cuts.append(text.index(start, cuts[-1] + 1))
    return [text[a:b].strip() for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]


def seed_general_draft() -> RapporteurDraft:
    """The 2014 general report (tests/seeds/001…) re-typed as a plain draft: its paragraphs,
    typed “•” and “1.” items, and its footnote on the subtitle made a Word footnote."""
    text = (SEEDS / "001_25572e5c17bfbca8.txt").read_text(encoding="utf-8")
    note = re.search(r"\n1 (This is a preliminary .*?Report\.”)", text, re.DOTALL)
    assert note is not None
    text = text.replace(note.group(0), "\n").replace("” \nGeneral", "”\n\nGeneral")
    draft = DraftWriter()
    for paragraph in re.split(r"\n\s*\n|\n(?= \S)", text):
        words = " ".join(paragraph.split())
        if words.endswith("Report1"):
            draft.paragraph(
                words.removesuffix("1"), Marked("note", " ".join(note.group(1).split()))
            )
        elif words:
            draft.paragraph(words)
    return RapporteurDraft(
        "seed-general.docx",
        draft.docx(),
        framing("by the co chairs were overall conclusions of rt"),
    )


def all_drafts() -> list[RapporteurDraft]:
    return [
        styled_session_report(),
        typed_general_report(),
        oral_report(),
        reviewed_report(),
        seed_oral_draft(),
        seed_general_draft(),
    ]
