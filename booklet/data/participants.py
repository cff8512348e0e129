"""participants.yaml or participants.csv -> Participant models, every problem with file, line and key.

The two files hold the same record (contract.PARTICIPANT); a folder has one or the other. The CSV's rows
become the same mappings a YAML list gives (data/csvfile.py), so both are validated by the same code.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Participant
from .contract import PARTICIPANT, PARTICIPANT_COLUMNS
from .csvfile import load_csv
from .fields import Fields, Report, each_mapping, kept_entry
from .load import Map, Seq, present

YAML_FILE = "participants.yaml"
CSV_FILE = "participants.csv"


def read_participants(report: Report, folder: Path,
                      load_yaml) -> tuple[tuple[Participant, ...], tuple[Participant, ...]]:
    """The participants of whichever file the folder has (none: empty tuples), and apart those whose names are left
    out of the list, the fonts printing nothing of them, each `name` as written (its email may mail a proof:
    Booklet.left_out_participants).

    `load_yaml(report, folder, name, Seq)` reads a YAML data file (validate._load)."""
    has_yaml, has_csv = present(folder / YAML_FILE), present(folder / CSV_FILE)
    if has_yaml and has_csv:
        report.error(CSV_FILE, 1, "", f"both {YAML_FILE} and {CSV_FILE} list the participants; keep one of them")
        return (), ()
    if has_csv:
        rows = load_csv(folder / CSV_FILE, CSV_FILE, PARTICIPANT_COLUMNS, PARTICIPANT.required, report.problems)
        read = list(_read(report, rows or (), csv=True))
    else:
        read = list(_read(report, load_yaml(report, folder, YAML_FILE, Seq) or (), csv=False))
    return (tuple(participant for participant, left_out in read if not left_out),
            tuple(participant for participant, left_out in read if left_out))


def _read(report: Report, entries: Seq, csv: bool):
    for index, item in each_mapping(report, entries, "", "a participant", PARTICIPANT):
        path = "" if csv else f"[{index}]"  # a CSV row: its line says which
        found = kept_entry(report, _participant, item, path, "participant")  # (participant, left out)
        if found is not None:
            yield found


def _participant(report: Report, item: Map, path: str) -> tuple[Participant, bool] | None:
    """(the participant, whether their name is left out of the list: then as written), or None."""
    f = Fields(report, item, path, PARTICIPANT)
    name = f.text("name", required=True)
    affiliations, country = f.texts("affiliation"), f.text("country")
    email = f.email("email")
    if not name and f.left_out:  # (left out of the list; its email may mail a proof: Booklet.left_out_participants)
        return Participant(f.left_out[0], affiliations, country, email, f.source()), True
    return (Participant(name, affiliations, country, email, f.source()), False) if name else None
