"""A rapporteur's own Word draft read into a report: what is placed, what is warned, and that
no word of the draft is lost."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from conftest import ORAL_EXAMPLE, WRITTEN_EXAMPLE
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from rapporteur_drafts import (
    REVIEWER,
    DraftWriter,
    Marked,
    RapporteurDraft,
    all_drafts,
    oral_report,
    reviewed_report,
    seed_general_draft,
    seed_oral_draft,
    styled_session_report,
    typed_general_report,
)
from test_importing_cli import _run as run_import

from gfmd_reports.formats import render
from gfmd_reports.formats.docx.reading import read_docx
from gfmd_reports.i18n import speaking
from gfmd_reports.importing import ImportResult
from gfmd_reports.loading import validate_data, validate_file
from gfmd_reports.model import PLACEHOLDER_MARK
from gfmd_reports.word_drafts import read_foreign_report

FORUM = {"name": "Global Forum on Migration and Development", "year": 2019}


def imported(draft: RapporteurDraft) -> ImportResult:
    return read_foreign_report(read_docx(draft.docx, draft.name), draft.name)


def warnings(result: ImportResult) -> list[str]:
    return [str(problem) for problem in result.problems]


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _texts(value) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return [str(value)]


def _written_words(docx: bytes) -> set[str]:
    """Every word the DOCX's XML holds: body, notes, comments, deleted text included."""
    words: set[str] = set()
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        for part in ("document", "footnotes", "comments"):
            if f"word/{part}.xml" in package.namelist():
                xml = package.read(f"word/{part}.xml").decode()
                for text in re.findall(r"<w:(?:t|delText)(?: [^>]*)?>([^<]*)<", xml):
                    words |= _words(text)
    return words


@pytest.mark.parametrize("draft", all_drafts(), ids=lambda draft: draft.name)
def test_every_word_of_a_draft_is_in_the_data_or_a_warning(draft: RapporteurDraft) -> None:
    result = imported(draft)
    kept = _words(" ".join(_texts(result.data))) | _words(" ".join(warnings(result)))
    assert _written_words(draft.docx) - kept - draft.reworded == set()


@pytest.mark.parametrize("draft", all_drafts(), ids=lambda draft: draft.name)
def test_a_draft_gives_a_report_once_the_forum_is_named(draft: RapporteurDraft) -> None:
    data = imported(draft).data
    missing = validate_data(data, draft.name)
    assert {problem.field for problem in missing.errors} == {"forum.name", "forum.year"}
    assert all(PLACEHOLDER_MARK in problem.message for problem in missing.errors)
    assert validate_data(data | {"forum": FORUM}, draft.name).errors == []


def test_a_draft_in_words_styles_is_read_part_by_part() -> None:
    result = imported(styled_session_report())
    data = result.data
    assert (data["kind"], data["language"]) == ("session", "en")
    assert data["roundtable"] == {"number": 2, "title": "Labour mobility and skills"}
    assert data["subtitle"] == "Report of the Rapporteur"
    assert data["rapporteur"] == {
        "honorific": "Dr.",
        "name": "Amina Diallo",
        "position": "Senior Adviser",
        "organisation": "Ministry of Labour",
        "country": "Senegal",
    }
    [session] = data["sessions"]
    assert (session["number"], session["title"]) == ("2.1", "Fair recruitment of migrant workers")
    assert session["co_chairs"] == [
        {
            "honorific": "Ms.",
            "name": "Laura Chen",
            "position": "Director General",
            "organisation": "Ministry of Manpower",
            "country": "Singapore",
        },
        {
            "honorific": "Mr.",
            "name": "Pedro Alves",
            "position": "Senior Specialist",
            "organisation": "ILO",
        },
    ]
    assert session["panel"] == [
        {"honorific": "Mr.", "name": "Tomás Herrera", "country": "Colombia"},
        {
            "honorific": "Ms.",
            "name": "Grace Okoro",
            "position": "Executive Director",
            "organisation": "Lagos Migrant Workers Centre",
        },
    ]
    assert session["background_paper"] == {
        "prepared_by": "ILO",
        "in_consultation_with": "the co-chairs",
        "topics": [
            "Recruitment fees and related costs charged to workers;",
            "The role of *bilateral labour agreements*.",
        ],
    }
    assert session["narrative"][0] == (
        "The session heard that recruitment fees still cost workers up to a year of wages[^1]. "
        "Participants stressed *zero-fee* recruitment as the norm."
    )
    assert data["footnotes"] == {"1": "World Bank, KNOMAD survey of recruitment costs, 2025."}
    assert session["conclusions"] == {
        "items": [
            "Workers should **never** pay recruitment fees.",
            "Skills recognition needs bilateral agreements.",
            "Mutual recognition pilots are under way.",
        ]
    }
    assert session["recommendations"]["items"] == [
        "States should ratify ILO Convention No. 181.",
        "Recruiters should be licensed and monitored.",
    ]


def test_what_a_draft_has_no_place_for_is_kept_and_warned_with_its_paragraph() -> None:
    result = imported(styled_session_report())
    assert result.data["sessions"][0]["narrative"][1:] == [
        "Side event on skills passports",
        "A side event presented a pilot of digital skills passports.",
        "Pilot countries shared their first results.",
    ]
    assert warnings(result)[1:] == [
        "fair-recruitment.docx: warning: paragraph 11 (“Side event on skills passports”): a "
        "heading the report has no place for: kept in the narrative of session 2.1; move it "
        "where it belongs",
        "fair-recruitment.docx: warning: paragraph 13 (“Pilot countries shared their first "
        "results.”): a list item outside the lists the report knows: kept in the narrative of "
        "session 2.1; move it where it belongs",
        "fair-recruitment.docx: warning: paragraph 17 (“Mutual recognition pilots are under "
        "way.”): an item under an item, which a report's lists do not have: kept as an item of "
        "its own; join it to the item above if it belongs to it",
    ]


def test_the_kind_guessed_is_said() -> None:
    said = {
        draft.name: (imported(draft).data["kind"], warnings(imported(draft))[0])
        for draft in (styled_session_report(), typed_general_report(), oral_report())
    }
    assert said == {
        "fair-recruitment.docx": (
            "session",
            "fair-recruitment.docx: warning: kind: read as a session report, as it reports on "
            "one session: if it was read to the plenary, write kind: oral in the report file; "
            "if it covers a roundtable, kind: general",
        ),
        "table-ronde-3.docx": (
            "general",
            "table-ronde-3.docx: warning: kind: read as a general rapporteur's report, as it "
            "covers several sessions or has overall conclusions: if it reports on one session, "
            "write kind: session in the report file",
        ),
        "informe-oral.docx": (
            "oral",
            "informe-oral.docx: warning: kind: read as an oral report, as it opens with a "
            "salutation: if it is a written report, write kind: session or kind: general in the "
            "report file",
        ),
    }


def test_a_french_draft_with_direct_formatting_only() -> None:
    data = imported(typed_general_report()).data
    assert (data["kind"], data["language"]) == ("general", "fr")
    assert data["roundtable"] == {
        "number": 3,
        "title": "La migration au service du développement social inclusif",
    }
    assert data["subtitle"] == "Rapport du Rapporteur général"
    assert data["subtitle_footnote"] == (
        "Ceci est un rapport préliminaire du rapporteur général de la table ronde 3."
    )
    assert "footnotes" not in data
    assert data["rapporteur"] == {
        "honorific": "S.E. M.",
        "name": "Jorge Lomónaco",
        "position": "Ambassadeur",
        "country": "Mexique",
    }
    assert data["introduction"] == [
        "Je tenterai de résumer les riches discussions de la table ronde 3, qui s’est tenue en "
        "deux sessions."
    ]
    first, second = data["sessions"]
    assert first["co_chairs"] == [{"country": "l’Équateur"}, {"country": "la Grèce"}]
    assert first["panel"][1] == {
        "honorific": "M.",
        "name": "Karim Benali",
        "position": "Conseiller",
        "organisation": "Ministère de l’Intérieur",
        "country": "Maroc",
    }
    assert first["discussion"] == {
        "lead_in": "Au cours du débat, plusieurs bonnes pratiques ont été présentées.",
        "points": [
            {
                "theme": "la protection sociale",
                "text": "l’Équateur a présenté son fonds pour la diaspora.",
            },
            {
                "theme": "l’intégration",
                "text": "la Grèce a décrit ses centres d’accueil municipaux.",
            },
        ],
    }
    assert first["recommendations"] == {
        "items": [
            "Garantir la portabilité des droits à pension.",
            "Associer les diasporas aux stratégies de développement.",
        ]
    }
    assert second["conclusions"] == {
        "lead_in": "La session a formulé les conclusions suivantes :",
        "items": [
            "Les transferts financent l’éducation.",
            "La fuite des cerveaux devient peu à peu un gain de cerveaux.",
        ],
    }
    assert data["overall_conclusions"]["items"] == [
        "Le rôle des migrants comme partenaires du développement doit être reconnu.",
        "Il faut aller au-delà de la question des transferts.",
    ]
    assert data["closing"] == [
        "Mes derniers mots sont pour rendre hommage à une présidence très réussie."
    ]
    assert data["quote"] == {"attribution": "une participante", "text": "rien pour nous sans nous"}


def test_a_spanish_oral_report_in_the_themes_own_sentences() -> None:
    result = imported(oral_report())
    data = result.data
    assert (data["kind"], data["language"]) == ("oral", "es")
    assert data["salutation"] == "Muchas gracias, señor Presidente."
    assert "closing" not in data  # the salutation said again is the oral report's own ending
    [session] = data["sessions"]
    assert (session["number"], session["title"]) == ("1.3", "Migración laboral y desarrollo")
    assert data["roundtable"] == {"number": 1}
    assert session["co_chairs"] == [{"country": "México"}, {"country": "Marruecos"}]
    assert session["panel"] == [
        {
            "honorific": "Sra.",
            "name": "Ana Torres",
            "position": "Directora",
            "organisation": "Ministerio de Trabajo",
            "country": "Chile",
        },
        {"honorific": "Sr.", "name": "Youssef Amrani", "position": "Asesor", "organisation": "OIT"},
    ]
    assert session["conclusions"]["items"] == [
        "Los acuerdos deben incluir la portabilidad de la seguridad social.",
        "Las agencias de contratación deben estar reguladas.",
    ]
    assert data["quote"] == {
        "attribution": "una participante",
        "text": "nada sobre nosotros sin nosotros",
    }
    assert warnings(result)[1] == (
        "informe-oral.docx: warning: paragraph 2 (“Tengo el honor de informar sobre la sesión "
        "1.3, “…”): read as the session's opening sentence, which the report words its own way: "
        "“Tengo el honor de informar sobre la sesión 1.3, “Migración laboral y desarrollo”…”"
    )


def test_tracked_changes_and_comments_are_warned_and_their_accepted_text_used() -> None:
    result = imported(reviewed_report())
    [session] = result.data["sessions"]
    assert session["narrative"] == [
        "The session explored slow-onset events and planned relocation of whole communities."
    ]
    assert session["recommendations"]["items"][1] == (
        "Fund the relocation of communities that ask for it."
    )
    assert result.data["rapporteur"] == {
        "honorific": "Ms.",
        "name": "Ingrid Holm",
        "country": "Norway",
    }
    paragraph_4 = "paragraph 4 (“The session explored slow-onset events and planne…”)"
    tracked = f"by {REVIEWER} (2026-11-12) is still a tracked change; read as accepted"
    assert warnings(result)[1:] == [
        f"climate-mobility.docx: warning: {paragraph_4}: text deleted {tracked} (left out): “slow”",
        f"climate-mobility.docx: warning: {paragraph_4}: text inserted {tracked}: “slow-onset”",
        f"climate-mobility.docx: warning: {paragraph_4}: text inserted {tracked}: “ of whole "
        "communities”",
        "climate-mobility.docx: warning: paragraph 7 (“Fund the relocation of communities that "
        f"ask for i…”): text inserted {tracked}: “Fund the relocation of communities that ask "
        "for it.”",
        "climate-mobility.docx: warning: paragraph 3 (“The Co-chairs were Fiji and Bangladesh.”): "
        "a comment by Task Force Secretariat (2026-11-12), which a report does not keep: “Check "
        "the order of the co-chairs with the programme.”",
    ]


def test_the_warnings_are_said_in_the_users_language() -> None:
    draft = reviewed_report()
    with speaking("fr"):
        said = warnings(imported(draft))
    assert said[-1] == (
        "climate-mobility.docx: avertissement\u00a0: paragraphe 3 («\u00a0The Co-chairs were "
        "Fiji and Bangladesh.\u00a0»)\u00a0: un commentaire de Task Force Secretariat "
        "(2026-11-12), qu’un rapport ne garde pas\u00a0: «\u00a0Check the order of the co-chairs "
        "with the programme.\u00a0»"
    )


def _as_report(data: dict) -> dict:
    report = validate_data(data).report
    assert report is not None
    return report.model_dump(mode="json", exclude_none=True, exclude_defaults=True)


def test_the_2014_general_report_retyped_reads_as_its_transcription() -> None:
    """The hand-made transcription in examples/ and the draft read back differ only where
    the draft cannot say: the forum, the subtitle kept as written, a name to print as is."""
    data = imported(seed_general_draft()).data
    example = _as_report(validate_file(WRITTEN_EXAMPLE).data)
    assert data["subtitle"] == "General Rapporteur’s Report"
    read = _as_report(data | {"forum": example["forum"]} | {"subtitle": None})
    assert read["sessions"][1]["co_chairs"][1] == {"country": "United Arab Emirates"}
    example["sessions"][1]["co_chairs"][1] = {"country": "United Arab Emirates"}
    assert read == example


def test_the_2019_oral_report_retyped_reads_as_its_transcription_where_it_can() -> None:
    data = imported(seed_oral_draft()).data
    example = _as_report(validate_file(ORAL_EXAMPLE).data)
    read = _as_report(data | {"forum": example["forum"]})
    assert read["salutation"] == example["salutation"]
    assert read["quote"] == example["quote"]
    session, expected = read["sessions"][0], example["sessions"][0]
    for field in ("number", "title", "co_chairs", "panel"):
        assert session[field] == expected[field]
    paper = {**session["background_paper"], "topics": None}
    assert paper == {**expected["background_paper"], "topics": None}
    assert session["discussion"]["lead_in"] == expected["discussion"]["lead_in"]
    themes = [point.get("theme") for point in session["discussion"]["points"][:6]]
    assert themes == [point.get("theme") for point in expected["discussion"]["points"]]


def test_a_note_on_a_sentence_the_report_words_itself_is_kept_and_warned() -> None:
    draft = DraftWriter()
    draft.heading("Session 4.1: Return and reintegration")
    draft.paragraph(
        "The Co-chairs were Ecuador and Greece", Marked("note", "Greece stood in for Sweden."), "."
    )
    result = read_foreign_report(read_docx(draft.docx(), "notes.docx"), "notes.docx")
    assert result.data["sessions"][0]["co_chairs"] == [
        {"country": "Ecuador"},
        {"country": "Greece"},
    ]
    assert result.data["footnotes"] == {"1": "Greece stood in for Sweden."}
    assert warnings(result)[-1] == (
        "notes.docx: warning: footnotes: a footnote whose call the report has no place for, "
        "kept as footnote 1: write [^1] where it is called, or delete it: “Greece stood in for "
        "Sweden.”"
    )


def test_a_draft_without_sessions_is_kept_whole_and_said_so() -> None:
    draft = DraftWriter()
    draft.paragraph("Notes taken during the morning; to be turned into the report.")
    draft.paragraph("Delegates asked for more data on return migration.")
    result = read_foreign_report(read_docx(draft.docx(), "notes.docx"), "notes.docx")
    assert result.data["introduction"] == [
        "Notes taken during the morning; to be turned into the report.",
        "Delegates asked for more data on return migration.",
    ]
    assert result.data["sessions"] == [
        {"number": "FILL IN", "title": "FILL IN", "co_chairs": [{"name": "FILL IN"}]}
    ]
    assert warnings(result)[1] == (
        "notes.docx: warning: sessions: no session was found: no heading such as “Session 2.1: "
        "Title” and no sentence naming the session; its number, title and co-chairs are left to "
        "fill in, and the text is kept as the report's opening paragraphs"
    )


def test_a_pasted_paragraph_of_any_length_is_kept_as_prose() -> None:
    """A paragraph too long to be a framing sentence is not read as one: kept as it is."""
    text = "Let me end with a quote from " + "a delegate on trust: “yes”, " * 800 + "and more."
    draft = DraftWriter()
    draft.heading("Session 5.1: Data and evidence")
    draft.paragraph(text)
    result = read_foreign_report(read_docx(draft.docx(), "long.docx"), "long.docx")
    assert result.data["sessions"][0]["narrative"] == [" ".join(text.split())]
    assert "quote" not in result.data


def test_a_rendered_report_whose_data_was_lost_reads_back_in_the_themes_sentences() -> None:
    """Text pasted out of a rendered report into a new document: the theme's own headings,
    byline and sentences are recognised as a draft's are."""
    report = validate_file(WRITTEN_EXAMPLE).report
    assert report is not None
    document = read_docx(render(report, "docx"), "pasted.docx")
    data = read_foreign_report(replace(document, embedded_report=None), "pasted.docx").data
    example = report.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    read = _as_report(data | {"forum": example["forum"], "subtitle": None})
    example["sessions"][1]["co_chairs"][1] = {"country": "United Arab Emirates"}
    assert read == example


def test_import_reads_a_reviewed_draft_into_a_report_file(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "climate-mobility.docx").write_bytes(reviewed_report().docx)
    status, out, err = run_import(capsys, monkeypatch, "en", "climate-mobility.docx")
    assert (status, err) == (1, "")
    lines = out.splitlines()
    assert lines[0] == (
        "climate-mobility.docx: warning: this Word document carries no report data of "
        "gfmd-reports (it was not rendered by gfmd-reports, or a program that saved it dropped "
        "the data): read as a rapporteur's own draft, as well as its shape allows; check the "
        "report file against the document"
    )
    assert lines[1:7] == [str(problem) for problem in imported(reviewed_report()).problems]
    assert lines[7:] == [
        "climate-mobility.docx: forum.name: still holds the placeholder “FILL IN”: replace it "
        "with your text, or delete the field if it is optional",
        "climate-mobility.docx: forum.year: still holds the placeholder “FILL IN”: replace it "
        "with your text, or delete the field if it is optional",
        "climate-mobility.docx: imported into climate-mobility.yaml: read as a rapporteur's own "
        "draft, 2 errors, "
        "7 warnings; the report is written as read: correct the errors above in "
        "climate-mobility.yaml",
    ]
    written = validate_file(tmp_path / "climate-mobility.yaml")
    assert written.data == imported(reviewed_report()).data
    assert [(problem.field, problem.line) for problem in written.errors] == [
        ("forum.name", 4),
        ("forum.year", 5),
    ]


def test_import_says_in_french_how_it_read_a_french_draft(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "table-ronde-3.docx").write_bytes(typed_general_report().docx)
    status, out, err = run_import(capsys, monkeypatch, "fr", "table-ronde-3.docx")
    assert (status, err) == (1, "")
    assert out.splitlines()[1:3] == [
        "table-ronde-3.docx: avertissement\u00a0: kind: lu comme un rapport du rapporteur "
        "général, car il couvre plusieurs sessions ou comporte des conclusions générales\u00a0: "
        "s’il rend compte d’une seule session, écrivez kind: session dans le fichier du rapport",
        "table-ronde-3.docx: forum.name: contient encore le texte à remplacer «\u00a0FILL "
        "IN\u00a0»\u00a0: remplacez-le par votre texte, ou supprimez le champ s’il est facultatif",
    ]
    assert validate_file(tmp_path / "table-ronde-3.yaml").data["sessions"][1]["conclusions"] == {
        "lead_in": "La session a formulé les conclusions suivantes :",
        "items": [
            "Les transferts financent l’éducation.",
            "La fuite des cerveaux devient peu à peu un gain de cerveaux.",
        ],
    }


WORD_2010_SHAPES = (
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _imported_after_editing(edit: Callable[[Any], None]) -> ImportResult:
    """The styled draft imported after an edit of the XML of its paragraph 10 (“The session
    heard …”), as Word would have saved it."""
    draft = styled_session_report()
    document = Document(io.BytesIO(draft.docx))
    edit(next(p for p in document.paragraphs if p.text.startswith("The session heard"))._p)
    buffer = io.BytesIO()
    document.save(buffer)
    return read_foreign_report(read_docx(buffer.getvalue(), draft.name), draft.name)


def test_a_text_box_is_kept_after_its_anchor_and_warned() -> None:
    """A text box as Word writes it: DrawingML, and VML for older readers, in one run."""
    box = (
        "<w:txbxContent><w:p><w:r><w:t>KEY MESSAGE IN A TEXT BOX: no worker pays to work."
        "</w:t></w:r></w:p></w:txbxContent>"
    )
    run = parse_xml(
        f"<w:r {nsdecls('w')} {WORD_2010_SHAPES}><mc:AlternateContent>"
        '<mc:Choice Requires="wps">'
        f"<w:drawing><wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>"
    )
    result = _imported_after_editing(lambda anchor: anchor.append(run))
    narrative = result.data["sessions"][0]["narrative"]
    assert narrative[:2] == [
        "The session heard that recruitment fees still cost workers up to a year of wages"
        "[^1]. Participants stressed *zero-fee* recruitment as the norm.",
        "KEY MESSAGE IN A TEXT BOX: no worker pays to work.",
    ]
    assert warnings(result)[1] == (
        "fair-recruitment.docx: warning: paragraph 11 (“KEY MESSAGE IN A TEXT BOX: no worker "
        "pays to work.”): the text of a text box, which a report does not have: kept in the "
        "narrative of session 2.1; move it where it belongs"
    )


def test_an_equation_and_an_embedded_document_are_warned_not_dropped() -> None:
    math = 'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'

    def edit(anchor) -> None:
        anchor.append(parse_xml(f"<m:oMath {math}><m:r><m:t>x+1</m:t></m:r></m:oMath>"))
        anchor.addnext(parse_xml(f'<w:altChunk {nsdecls("w", "r")} r:id="rIdChunk"/>'))

    result = _imported_after_editing(edit)
    paragraph_10 = "fair-recruitment.docx: warning: paragraph 10 (“The session heard that"
    assert [text for text in warnings(result) if text.startswith(paragraph_10)] == [
        f"{paragraph_10} recruitment fees still cos…”): an equation, which a report cannot "
        "hold, is not read: “x+1”",
        f"{paragraph_10} recruitment fees still cos…”): a document embedded in this one is "
        "not read: open this document in Word and save it again, which makes it part of the text",
    ]


def _draft_of(writer: DraftWriter) -> RapporteurDraft:
    return RapporteurDraft("draft.docx", writer.docx(), frozenset())


def test_a_note_call_typed_as_text_is_text_and_the_real_call_still_a_note() -> None:
    writer = DraftWriter()
    writer.heading("Roundtable 2: “Labour mobility and skills”", 0)
    writer.paragraph(
        "Report of the Rapporteur, see [^note-1]",
        Marked("note", "A preliminary report."),
        style="Subtitle",
    )
    data = imported(_draft_of(writer)).data
    assert data["subtitle"] == "Report of the Rapporteur, see \\[^note-1]"
    assert data["subtitle_footnote"] == "A preliminary report."


def test_italics_beside_punctuation_and_a_letter_read_back_as_italics() -> None:
    writer = DraftWriter()
    writer.heading("Roundtable 2: “Labour mobility and skills”", 0)
    writer.paragraph("Participants read the ", Marked("italic", "Migrants’"), "s view closely.")
    writer.paragraph("They quoted a", Marked("italic", "…"), "b in full.")
    result = imported(_draft_of(writer))
    assert "Participants read the *Migrants*’s view closely." in result.data["introduction"]
    assert "They quoted a…b in full." in result.data["introduction"]
    assert any(
        "the italics on “…” cannot be written in the report's syntax" in warning
        for warning in warnings(result)
    )
