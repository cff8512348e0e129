"""The sample conference -> speaker proofs: each the booklet's own pages plus a PROOF header and mark; the manifest; the CLI."""

from __future__ import annotations

import csv
import datetime as dt
import errno
import functools
import io
import os
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from click.testing import CliRunner
from PIL import Image
from pypdf import PdfReader

from booklet.text import markup
from booklet.build import build_booklet
from booklet.cli import main
from booklet.layout.common import Context
from booklet.layout.page import page_for
from booklet.layout.programme import day_title
from booklet.proofs import MANIFEST_COLUMNS, overlay_text, page_ranges, write_proofs
from booklet.data.people import People
from booklet.data.validate import read_booklet

from .helpers import BASE, DATA, poster_days_programme, ROOT, extend, write_conference, yaml_text
from .pdftext import Pdf, norm

REPLY_BY = dt.date(2027, 5, 20)
BASE_ABSTRACTS = BASE["abstracts.yaml"]


@pytest.fixture(scope="module")
def sample(tmp_path_factory, sample_build):
    """The booklet as `booklet build` makes it, and every proof of the sample (written by two processes)."""
    folder = tmp_path_factory.mktemp("proofs")
    built = sample_build
    result = write_proofs(DATA, folder / "proofs", reply_by=REPLY_BY, workers=2)
    booklet, _ = read_booklet(DATA)
    with (folder / "proofs" / "manifest.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))

    @functools.cache
    def texts(file: str) -> tuple[str, ...]:
        """The text pypdf extracts from each page of the proof `file`: extracted once for the module's tests that
        read the proofs' words (every proof's, for some of them), not once a test."""
        return tuple(page.extract_text() for page in PdfReader(folder / "proofs" / file).pages)

    return SimpleNamespace(built=built, pdf=Pdf(built.output), result=result, booklet=booklet, rows=rows,
                           folder=folder / "proofs", by_id={p.id: p for p in result.proofs}, texts=texts)


def proof_of(sample, kind: str, entry: str):
    return next(p for p in sample.result.proofs if p.kind == kind and p.entry == entry)


def test_every_abstract_proof_is_its_booklet_page_plus_header_and_mark(sample):
    page = page_for("A5")
    for index, abstract in enumerate(sample.booklet.abstracts):
        proof = proof_of(sample, "abstract", abstract.id)
        own = [number for number in proof.pages if number not in dict(proof.page_lines)]  # (not a session chaired)
        assert own[0] == sample.built.anchors[f"abstract-{index}"], abstract.id
        reader = PdfReader(sample.folder / proof.file)
        assert len(reader.pages) == len(proof.pages)
        for copy, number, proof_text in zip(reader.pages, proof.pages, sample.texts(proof.file), strict=True):
            booklet_text = sample.pdf.texts[number - 1]
            assert proof_text.startswith(booklet_text), abstract.id
            added = [line for line in proof_text[len(booklet_text):].splitlines() if line.strip()]
            assert added == overlay_text(proof, page, at=number), abstract.id
            assert "/Annots" not in copy  # links point into the booklet: left out
        # the pages hold the whole abstract: its title first, its last words last
        assert norm(markup.plain(abstract.title)) in sample.pdf.norms[own[0] - 1]
        last_words = norm(" ".join(markup.plain(abstract.text).split()[-3:]))
        assert last_words in sample.pdf.norms[own[-1] - 1], abstract.id
    # the sample's chairs who speak have their sessions' programme pages in their talk's proof
    chairing = [p for p in sample.result.proofs if p.page_lines]
    assert chairing and all(line.startswith("Session you chair: ") for p in chairing for _, (line, _) in p.page_lines)


def test_proof_pages_are_the_printed_pages_byte_for_byte_cropped_to_the_trim(sample, sample_build):
    """The content streams of a default `booklet build` (bleed and all) reappear unchanged; each copy is cropped
    to its trim box, so it shows the page as cut (PDFium renders the crop box)."""
    import pypdfium2

    printed = PdfReader(sample_build.output)
    bleed = 3 * 72 / 25.4
    for proof in sample.result.proofs[::7]:
        rendered = pypdfium2.PdfDocument(sample.folder / proof.file)
        for index, (copy, number) in enumerate(zip(PdfReader(sample.folder / proof.file).pages, proof.pages)):
            streams = copy["/Contents"]
            original = printed.pages[number - 1]
            assert streams[1].get_object().get_data() == original.get_contents().get_data()
            assert streams[0].get_object().get_data().strip() == b"q"  # the page's own content is wrapped in q/Q
            assert copy.mediabox == original.mediabox and copy.trimbox == original.trimbox
            assert copy.cropbox == original.trimbox != original.mediabox
            assert abs(float(original.mediabox.width - original.trimbox.width) - 2 * bleed) < 0.01
            width, height = rendered[index].get_size()
            assert abs(width - 148 * 72 / 25.4) < 0.01 and abs(height - 210 * 72 / 25.4) < 0.01  # A5, as cut


def test_a_proof_embeds_only_the_fonts_its_pages_and_their_forms_name(tmp_path, monkeypatch):
    """ReportLab gives every page and every form (a page's running head and number, drawn as a form in a booklet
    built in parts; a proof's header) its document's whole font list; a proof carries the fonts its pages' content
    and their forms name, and no other."""
    from booklet.output import parallel

    monkeypatch.setattr(parallel, "MIN_WEIGHT", 0.0)  # the sample built in parts, as a big book is
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    result = write_proofs(DATA, tmp_path / "proofs", reply_by=REPLY_BY)
    named_in = lambda code: {name.decode() for name in re.findall(rb"(/[^\s/\[\]<>()]+) [\d.]+ Tf", code)}
    decorations = 0
    for proof in result.proofs[::3]:
        raw = (tmp_path / "proofs" / proof.file).read_bytes()
        shown = set()  # the font objects the proof's content names
        for copy in PdfReader(io.BytesIO(raw)).pages:
            fonts = copy["/Resources"]["/Font"]
            assert set(fonts) == named_in(copy.get_contents().get_data())
            shown |= {ref.idnum for ref in fonts.values()}
            for name, ref in copy["/Resources"]["/XObject"].items():
                form = ref.get_object()
                if form["/Subtype"] != "/Form":  # a photo
                    continue
                fonts = form["/Resources"]["/Font"]
                assert set(fonts) == named_in(form.get_data()), (proof.file, name)
                shown |= {value.idnum for value in fonts.values()}
                decorations += name.startswith("/FormXob.page")
        assert raw.count(b"/FontFile2") == len(shown), proof.file  # every font embedded is one shown
    assert decorations  # the booklet's pages' forms were copied
    # made again from what this run kept of the booklet's pages (the forms as cut, kept with them): the same bytes
    again = write_proofs(DATA, tmp_path / "again", reply_by=REPLY_BY)
    assert [proof.file for proof in again.proofs] == [proof.file for proof in result.proofs]
    for proof in result.proofs:
        assert (tmp_path / "again" / proof.file).read_bytes() == (tmp_path / "proofs" / proof.file).read_bytes()


@pytest.mark.parametrize("content, kept", [
    (b"BT /F1+0 9 Tf 1 0 0 1 5 5 Tm (Abstracts) Tj ET", b" /F1+0 11 0 R"),
    (b"BT /F2+0\n9 Tf (x) Tj ET", b" /F2+0 12 0 R"),  # a line break between a font's name and its size
    (b"BT /F1+0 9 Tf (a) Tj /F11+0 8.5 Tf (Done) Tj ET", b" /F1+0 11 0 R /F11+0 13 0 R"),  # /F1+0 is not /F11+0's
    (b"0 0 1 rg 0 0 5 5 re f", b""),  # no text: no font
    (b"q /FormXob.inner Do Q BT /F1+0 9 Tf (a) Tj ET", None),  # a form inside may take its fonts from this one
    (b"BT /F1+0 9 Tf (a Tf b) Tj ET", None),  # a Tf not read as a font set (here in a string): kept whole
])
def test_a_form_copied_into_a_proof_keeps_the_fonts_its_content_sets(content, kept):
    """pagecopy._fonts_cut: a form's font list (ReportLab's `/Font N 0 R`, the whole document's) written into it, cut to
    the fonts its Tf operators set; the form as it was (None) where it could set others."""
    import zlib

    from booklet.proofs.pagecopy import _fonts_cut

    data = zlib.compress(content)
    form = (b"5 0 obj\n<<\n/BBox [ 0 0 10 10 ] /Filter [ /FlateDecode ] /Length %d /Resources <<\n/Font 9 0 R "
            b"/ProcSet [ /PDF /Text ]\n>> /Subtype /Form /Type /XObject\n>>\nstream\n%s\nendstream\nendobj\n"
            % (len(data), data))
    fonts = {9: b"9 0 obj\n<<\n/F1+0 11 0 R /F2+0 12 0 R /F11+0 13 0 R\n>>\nendobj\n"}
    cut = _fonts_cut(form, fonts.__getitem__)
    if kept is None:
        assert cut is None
        return
    assert cut == form.replace(b"/Font 9 0 R", b"/Font <<%s >>" % kept)  # the stream, and all else, as it was


def font_programs(data: bytes) -> dict[str, set[str]]:
    """Every font dictionary's /BaseFont and every font descriptor's /FontName in a whole PDF -> the digests of the
    font programs (FontFile, FontFile2, FontFile3 data, decoded) they stand for ('' for none)."""
    import hashlib

    from pypdf.generic import ArrayObject, DictionaryObject

    def program(font) -> str:
        font = font.get_object()
        if "/DescendantFonts" in font:
            descendants = font["/DescendantFonts"].get_object()
            return program(descendants[0]) if isinstance(descendants, ArrayObject) and descendants else ""
        descriptor = font if font.get("/Type") == "/FontDescriptor" else font.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else {}
        for key in ("/FontFile2", "/FontFile", "/FontFile3"):
            if key in descriptor:
                return hashlib.sha256(descriptor[key].get_object().get_data()).hexdigest()
        return ""

    reader = PdfReader(io.BytesIO(data))
    found: dict[str, set[str]] = {}
    for number in reader.xref.get(0, {}):
        obj = reader.get_object(number)
        if not isinstance(obj, DictionaryObject):
            continue
        key = {"/Font": "/BaseFont", "/FontDescriptor": "/FontName"}.get(obj.get("/Type"))
        if key is not None and key in obj:
            found.setdefault(str(obj[key]), set()).add(program(obj))
    return found


def test_one_font_name_never_stands_for_two_font_programs_in_the_booklet_or_a_proof(sample):
    """ISO 32000-1, 9.6.4: different subsets in one PDF have different tags. ReportLab tags the first subset of every
    font 'AAAAAA+': so did the venue map (a PDF ReportLab made, placed as an extra page) and so does the proof marks'
    canvas, with other glyphs than the booklet's own 'AAAAAA+NotoSans-Regular'. A RIP matching fonts by name may
    print one subset's glyphs for the other's codes."""
    from booklet.layout.page import page_for
    from booklet.proofs.marks import draw_overlays, overlay_forms, reply_line
    from booklet.proofs.pagecopy import PageCopier

    def clashes(data: bytes) -> dict[str, set[str]]:
        return {name: programs for name, programs in font_programs(data).items() if len(programs) > 1}

    booklet = sample.built.output.read_bytes()
    fonts = font_programs(booklet)
    assert sum(name.startswith("/AAAAAA+") for name in fonts) >= 2  # the booklet's own subsets, as ReportLab tags them
    assert clashes(booklet) == {}
    abstract = sample.booklet.abstracts[0]
    proof = (sample.folder / f"{abstract.id}.pdf").read_bytes()
    assert any(name.startswith("/AAAAAA+") for name in font_programs(proof))  # the page's fonts are there
    assert clashes(proof) == {}
    # a proof of the venue map's page (the page drawing a supplied PDF as a form), with the marks drawn on it
    reader = PdfReader(io.BytesIO(booklet))
    map_page = next(index for index, page in enumerate(reader.pages)
                    if b"/FormXob.BookletPage0 Do" in page.get_contents().get_data())
    page = page_for("A5")
    copier = PageCopier(booklet)
    media, trim = copier.boxes()
    copier.use_overlay(draw_overlays([proof_of(sample, "abstract", abstract.id)], page, media, trim,
                                     reply_line(None, REPLY_BY, page)[0]))
    copy = copier.copy([(map_page, overlay_forms(0, map_page + 1, page, trim))])
    assert len(font_programs(copy)) >= 4  # the map's fonts and the marks'
    assert clashes(copy) == {}


def test_the_booklet_is_parsed_by_a_strict_reader_that_reads_leniently_and_a_file_it_refuses_leniently(sample):
    """pagecopy._read: the booklet's objects where a lenient pypdf reader finds them, without the header of each read
    first (a strict reader's read); the reader lenient afterwards, as it reads pages. A file a strict reader refuses
    (a header before '%PDF-') is read leniently, as before; so is one whose table points an object amiss, which a
    strict reader takes as it is: the lenient reader mends the table (it was a ValueError from reader_spans)."""
    from booklet.proofs.pagecopy import PdfObjects, _read

    booklet = sample.built.output.read_bytes()
    lenient = PdfReader(io.BytesIO(booklet))
    reader, spans = _read(booklet)
    assert reader.strict is False
    assert reader.xref == lenient.xref and reader.trailer["/Size"] == lenient.trailer["/Size"] > 100
    assert len(reader.pages) == len(lenient.pages) == sample.built.pages
    parsed = PdfObjects(booklet)
    assert parsed.spans == spans
    assert parsed.spans[parsed.page(0)[1]][0] == lenient.xref[0][parsed.page(0)[1]]
    shifted = b"junk" + booklet  # every offset off by four: a strict reader refuses it, a lenient one repairs it
    with pytest.raises(Exception):
        PdfReader(io.BytesIO(shifted), strict=True)
    assert len(_read(shifted)[0].pages) == sample.built.pages
    table = re.search(rb"\nxref\n0 \d+\n0000000000 65535 f\s*\n(\d{10})", booklet)  # object 1's entry, 3 bytes off
    amiss = booklet[:table.start(1)] + b"%010d" % (int(table.group(1)) + 3) + booklet[table.end(1):]
    strict = PdfReader(io.BytesIO(amiss), strict=True)
    assert strict.xref[0][1] == int(table.group(1)) + 3  # (taken as it is)
    parsed = PdfObjects(amiss)
    mended = PdfReader(io.BytesIO(amiss))
    assert 1 not in mended.xref[0] and parsed.spans == {number: span for number, span in spans.items() if number != 1}
    assert len(parsed.reader.pages) == sample.built.pages


def test_header_says_for_whom_when_where_which_page_and_whom_to_tell(sample):
    abstract = sample.booklet.abstracts[0]
    proof = proof_of(sample, "abstract", abstract.id)
    slot = Context(sample.booklet, page_for("A5")).slots["abstract:" + abstract.id]
    (first, _), (second, _), (third, _) = proof.header
    assert first == f"PROOF for {abstract.speakers[0].name} \u00b7 booklet page {proof.pages[0]}"
    assert day_title(slot.day) in second and str(slot.item.time) in second
    assert (slot.item.room or slot.session.room) in second
    assert sample.booklet.conference.contact in third and "Thursday, 20 May 2027" in third  # CLDR en_GB


def test_manifest_has_one_row_per_abstract_tutorial_and_poster_author(sample):
    assert tuple(sample.rows[0]) == MANIFEST_COLUMNS
    booklet = sample.booklet
    who = People(booklet.people)  # (one proof per person as people.yaml has them: "O. Lindqvist" is Oskar Lindqvist)
    authors = {" ".join(who.of(person.name).name.casefold().split()) for poster in booklet.posters
               for person in poster.authors}
    kinds = [row["kind"] for row in sample.rows]
    assert kinds.count("abstract") == len(booklet.abstracts)
    assert kinds.count("tutorial") == len(booklet.tutorials)
    assert kinds.count("poster") == len(authors)
    assert len({row["id"] for row in sample.rows}) == len(sample.rows)
    slots = Context(booklet, page_for("A5")).slots
    rows = {(row["kind"], row["id"]): row for row in sample.rows}
    for index, abstract in enumerate(booklet.abstracts):
        row = rows["abstract", abstract.id]
        chaired = {number for number, _ in sample.by_id[row["id"]].page_lines}  # its speaker's sessions' pages
        assert _pages_in(row["pages"]) == sorted({sample.built.anchors[f"abstract-{index}"], *chaired})
        assert row["file"] == f"{abstract.id}.pdf" and (sample.folder / row["file"]).is_file()
        assert row["names"] == "; ".join(p.name for p in abstract.speakers)
        slot = slots.get("abstract:" + abstract.id)
        assert (row["day"], row["time"]) == ((day_title(slot.day), str(slot.item.time)) if slot else ("", ""))
    for tutorial in booklet.tutorials:
        row = rows["tutorial", tutorial.id]
        first = sample.built.anchors[f"tutorial-{tutorial.number}"]  # (the first runs on to a second page)
        assert row["pages"] in (str(first), f"{first}-{first + 1}")
        assert row["day"] == day_title(slots["tutorial:" + tutorial.id].day)
    for index, poster in enumerate(booklet.posters):
        for person in poster.authors:
            row = next(r for r in sample.rows if r["kind"] == "poster" and r["names"] == who.of(person.name).name)
            assert str(sample.built.anchors[f"poster-{index}"]) in row["pages"].replace("-", ", ").split(", ")
            proof = sample.by_id[row["id"]]
            text = norm("".join(sample.texts(proof.file)))
            assert norm(person.name) in text and norm(markup.plain(poster.title)) in text


def _pages_in(cell: str) -> list[int]:
    """A manifest's pages ("4, 8-9") as numbers."""
    pages = []
    for run in cell.split(", "):
        first, _, last = run.partition("-")
        pages += range(int(first), int(last or first) + 1)
    return pages


def test_speaker_emails_are_in_the_manifest_and_nowhere_in_the_booklet(sample):
    people = [p for a in sample.booklet.abstracts for p in a.speakers]
    people += [p for poster in sample.booklet.posters for p in poster.authors]
    emails = {p.email for p in people if p.email}
    assert len(emails) > 20
    manifest_emails = {e for row in sample.rows for e in row["emails"].split("; ") if e}
    assert emails <= manifest_emails
    booklet_text = "\n".join(sample.pdf.texts)
    proof_text = "\n".join(text for path in sample.folder.glob("*.pdf") for text in sample.texts(path.name))
    for email in emails:
        assert email not in booklet_text and email not in proof_text, email
        assert norm(email) not in "".join(sample.pdf.norms), email


def test_proofs_without_an_email_are_the_warnings(sample):
    """A proof nobody can be mailed is a warning; so is each person a proof of several (a tutorial's presenters)
    has without an address, whom the mail merge leaves out."""
    missing = {row["file"] for row in sample.rows if not row["emails"]}
    whole = [p for p in sample.result.no_email if " only; send it to " not in p.message]
    assert missing and {p.message.split("send ")[1].split()[0] for p in whole} == missing
    some = {p.file for p in sample.result.proofs if p.emails and not all(person.email for person in p.people)}
    assert {p.message.split("): ")[1].split()[0] for p in sample.result.no_email if p not in whole} == some
    assert all(p.severity == "warning" and p.kind == ("no-email" if p in whole else "no-email-some") and p.file
               for p in sample.result.no_email)  # (counted apart in the summary)


def test_page_ranges_follow_anchors_to_the_next_entry_or_section():
    anchors = {"abstracts": 5, "abstract-0": 5, "abstract-1": 6, "abstract-2": 9, "tutorials": 10, "tutorial-1": 10,
               "posters": 11, "poster-0": 11, "poster-1": 11, "poster-2": 12, "poster-3": 14, "practical": 16}
    ranges = page_ranges(anchors, 17, long_posters={"poster-2"})
    assert ranges["abstract-0"] == (5,) and ranges["abstract-1"] == (6, 7, 8) and ranges["abstract-2"] == (9,)
    assert ranges["tutorial-1"] == (10,)
    assert ranges["poster-0"] == (11,) and ranges["poster-1"] == (11,)
    assert ranges["poster-2"] == (12, 13, 14)  # long: it may run on to the next entry's page
    assert ranges["poster-3"] == (14, 15)  # the last one runs up to the next section


def test_an_abstract_longer_than_a_page_gets_all_its_pages(tmp_path):
    entry = {"id": "long-one", "title": "A long abstract", "speaker": {"name": "Li Wei", "email": "li@example.org"},
             "abstract": "\n\n".join(["A paragraph of a long abstract that goes on and on. " * 12] * 9)}
    folder = write_conference(tmp_path / "conf", {"abstracts/long-one.yaml": yaml.safe_dump(entry)})
    result = write_proofs(folder, tmp_path / "out")
    proof = next(p for p in result.proofs if p.id == "long-one")
    assert len(proof.pages) >= 2
    assert len(PdfReader(tmp_path / "out" / "long-one.pdf").pages) == len(proof.pages)
    assert f"booklet pages {proof.pages[0]}\u2013{proof.pages[-1]}" in proof.header[0][0]


def test_proof_command_writes_one_proof_and_its_png(sample, tmp_path):
    abstract = sample.booklet.abstracts[3]
    out = tmp_path / "one.pdf"
    run = CliRunner().invoke(main, ["proof", abstract.id, str(DATA), "-o", str(out), "--png",
                                    "--reply-by", "2027-05-20"])
    assert run.exit_code == 0, run.output
    expected = sample.texts(f"{abstract.id}.pdf")[0]
    assert PdfReader(out).pages[0].extract_text() == expected
    png = tmp_path / "one-1.png"
    with Image.open(png) as image:
        assert image.format == "PNG" and image.width > 500 and image.height > image.width
    assert f"Wrote {out} and 1 PNG" in run.output


def test_unknown_proof_id_is_a_message_with_a_suggestion(tmp_path):
    run = CliRunner().invoke(main, ["proof", "oyelaren", str(DATA), "-o", str(tmp_path / "x.pdf")])
    assert run.exit_code == 1
    assert "no proof 'oyelaren'" in run.output and "(did you mean 'oyelaran'?)" in run.output
    assert "Traceback" not in run.output and not (tmp_path / "x.pdf").exists()


def test_a_proof_id_typed_in_other_capitals_is_that_proof(tmp_path):
    """A LOC typed `booklet proof Chair-Sigrid-Overgaard` (the name as written) and got "no proof" with the id it
    meant as a guess: ids are found case aside, the chair's proof written."""
    out = tmp_path / "chair.pdf"
    run = CliRunner().invoke(main, ["proof", "Chair-Sigrid-Overgaard", str(DATA), "-o", str(out),
                                    "--reply-by", REPLY_BY.isoformat()])
    assert run.exit_code == 0, run.output
    assert "proof of booklet pages 6, 12 for Sigrid Øvergaard." in run.output
    assert "Opening Keynote" in PdfReader(out).pages[0].extract_text()


def test_find_proof_takes_any_case_and_a_miss_names_the_nearest_ids():
    """`OKAFOR` is the abstract okafor's proof, `Chair-Ada-Lovelace` chair-ada-lovelace, `POSTER-BO-JONES` the poster
    author's; two entries told apart by case alone are not guessed between, and a miss names the nearest ids, case
    aside (`OYELAREN` suggested nothing: difflib compared it as typed), or those it begins."""
    from booklet.proofs import UnknownProof, find_proof
    from booklet.proofs.plan import Proof

    def made(id_, kind, entry):
        return Proof(id_, kind, entry, "A title", (), ())

    proofs = [made("okafor", "abstract", "okafor"), made("oyelaran", "abstract", "oyelaran"),
              made("ab", "abstract", "ab"), made("AB-2", "abstract", "AB"), made("bayes", "tutorial", "Bayes"),
              made("poster-bo-jones", "poster", "3"), made("chair-ada-lovelace", "chair", "Inference I")]
    assert find_proof(proofs, "OKAFOR").id == "okafor"
    assert find_proof(proofs, "bayes").id == "bayes" and find_proof(proofs, "BAYES").id == "bayes"
    assert find_proof(proofs, "POSTER-BO-JONES").id == "poster-bo-jones"
    assert find_proof(proofs, "Chair-Ada-Lovelace").id == "chair-ada-lovelace"
    assert find_proof(proofs, "AB").id == "AB-2" and find_proof(proofs, "ab").id == "ab"
    with pytest.raises(UnknownProof) as both:
        find_proof(proofs, "Ab")
    assert both.value.nearest == ["ab", "AB"]
    with pytest.raises(UnknownProof) as typo:
        find_proof(proofs, "OYELAREN")
    assert typo.value.nearest == ["oyelaran"]
    with pytest.raises(UnknownProof) as start:
        find_proof(proofs, "Chair-Ada")
    assert start.value.nearest == ["chair-ada-lovelace"]
    with pytest.raises(UnknownProof) as none:
        find_proof(proofs, "zzzz")
    assert none.value.nearest == []


def test_a_proof_id_missed_lists_the_nearest_ids(tmp_path):
    run = CliRunner().invoke(main, ["proof", "Poster-N", str(DATA), "-o", str(tmp_path / "x.pdf")])
    assert run.exit_code == 1
    assert ("booklet: no proof 'Poster-N' in " + str(DATA) + " (did you mean 'poster-nora-bakke' or "
            "'poster-ngozi-eze'?);") in run.output
    assert "Traceback" not in run.output and not (tmp_path / "x.pdf").exists()


def test_proofs_command_lists_entries_without_email_at_the_end(tmp_path):
    folder = write_conference(tmp_path / "conf")  # nobody there has an email
    run = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(tmp_path / "out")])
    assert run.exit_code == 0, run.output
    lines = run.output.strip().splitlines()
    wrote = next(i for i, line in enumerate(lines) if line.startswith("Wrote 5 proofs"))
    assert "(2 abstracts, 1 tutorial, 1 poster author, 1 chair)" in lines[wrote]  # (the session's chair, Mei Chen)
    assert lines[wrote + 1].startswith("No email address")
    assert len(lines) - wrote - 2 == 5 and all("warning: no email for" in line for line in lines[wrote + 2:])
    places = [(line.split(":")[0], int(line.split(":")[1])) for line in lines[wrote + 2:]]
    assert places == sorted(places)  # in the data's order (they were in the booklet's: posters first here)


def _proofs_run(tmp_path, files: dict[str, str]) -> tuple[str, dict[str, dict[str, str]]]:
    """`booklet proofs` of the base conference with `files` replaced: (its output, the manifest's rows by id)."""
    folder = write_conference(tmp_path / "conf", files)
    out = tmp_path / "out"
    run = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(out)])
    assert run.exit_code == 0, run.output
    with (out / "manifest.csv").open(encoding="utf-8-sig", newline="") as file:
        return run.output, {row["id"]: row for row in csv.DictReader(file)}


def test_a_persons_email_given_on_one_entry_is_theirs_on_the_others(tmp_path):
    """A LOC's run (a German workshop): Max Weiß had `email:` on his abstract `weiss`, and the index of authors listed
    him once; but his abstract `weiss-2` and his poster had no address in manifest.csv, and a no-email warning each.
    A person without an address on an entry gets the one the data gives them elsewhere (one person as the index has
    them: people.yaml's spellings too); their own address is kept, and of several elsewhere none is chosen."""
    abstracts = extend("abstracts.yaml", """\
        - id: weiss
          title: Tensor networks
          speaker: {name: Max Weiß, email: max.weiss@example.org}
        - id: weiss-2
          title: Summary of the workshop
          speaker: {name: Max  Weiß}
        - id: weiss-3
          title: Outlook
          speaker: {name: M. Weiß}
        - id: weiss-4
          title: Elsewhere
          speaker: {name: Max Weiß, email: max@home.example}
        - id: lee
          title: Two addresses
          speaker: {name: Kim Lee, email: kim@a.example}
        - id: lee-2
          title: Which one
          speaker: {name: Kim Lee}
        """)
    posters = extend("posters.yaml", """\
        - number: 2
          authors: [{name: Max Weiß}]
          title: PEPS
        """)
    participants = "- {name: Kim Lee, email: kim@b.example}\n- {name: Sven Oberg, email: sven@nbi.example}\n"
    output, rows = _proofs_run(tmp_path, {"abstracts.yaml": abstracts, "posters.yaml": posters,
                                          "participants.yaml": participants,
                                          "people.yaml": "- {name: Max Weiß, aliases: [M. Weiß]}\n"})
    assert rows["weiss"]["emails"] == "max.weiss@example.org"
    assert rows["weiss-4"]["emails"] == "max@home.example"  # its own
    # two addresses for Max Weiß elsewhere: none chosen for weiss-2, weiss-3, his poster
    assert [rows[key]["emails"] for key in ("weiss-2", "weiss-3", "poster-max-weiss")] == ["", "", ""]
    assert ("abstracts.yaml:16: [3].speaker: warning: no email for Max Weiß (abstract 'weiss-2'): send weiss-2.pdf "
            "another way, or give Max Weiß one of the addresses the data gives elsewhere (max.weiss@example.org, "
            "max@home.example) here") in output
    assert rows["lee"]["emails"] == "kim@a.example" and rows["lee-2"]["emails"] == ""
    assert "(kim@a.example, kim@b.example)" in output
    assert rows["bayes-intro"]["emails"] == "sven@nbi.example"  # from the list of participants

    # with one address: every entry of his has it, and no warning names him
    abstracts = abstracts.replace("email: max@home.example", "email: MAX.WEISS@example.org")
    output, rows = _proofs_run(tmp_path / "one", {"abstracts.yaml": abstracts, "posters.yaml": posters,
                                                  "people.yaml": "- {name: Max Weiß, aliases: [M. Weiß]}\n"})
    assert [rows[key]["emails"] for key in ("weiss-2", "weiss-3", "poster-max-weiss")] == [
        "max.weiss@example.org"] * 3
    assert rows["weiss-4"]["emails"] == "MAX.WEISS@example.org"
    assert "no email for Max" not in output and "no email for M. Weiß" not in output


def test_one_address_written_in_two_cases_is_mailed_once(tmp_path):
    """Two speakers of one talk written with one address in two cases ("Ana@Uni.edu", "ana@uni.edu": one mailbox)
    had both in the manifest's emails column, and the mail merge sent the proof twice: the proof's own list compared
    addresses with their case, where an address the data gives elsewhere was compared without. One rule now: without
    case, the first spelling written kept."""
    abstracts = BASE_ABSTRACTS.replace("presenting: true}", "presenting: true, email: Ana@Uni.edu}").replace(
        "- {name: Bo Jones}", "- {name: Bo Jones, presenting: true, email: ana@uni.edu}")
    output, rows = _proofs_run(tmp_path, {"abstracts.yaml": abstracts})
    assert (rows["okafor"]["names"], rows["okafor"]["emails"]) == ("Chiamaka Okafor; Bo Jones", "Ana@Uni.edu")
    assert "okafor" not in "".join(line for line in output.splitlines() if "no email" in line)


def test_a_proof_of_an_entry_whose_every_name_is_left_out_names_no_one(tmp_path):
    """A speaker's name the fonts print nothing of (emoji alone) is left out of the booklet: its abstract's proof is
    for no one. Its warning said "no email for  (abstract 'lund-2026')", `booklet proof` "... for .", and the PDF's
    title "Proof for : ..."; they now say there is no one. File names stay the entry's own."""
    abstracts = BASE["abstracts.yaml"].replace("{name: Ana Smith, affiliation: Uni A}",
                                               "{name: 🎉, affiliation: Uni A}")
    output, rows = _proofs_run(tmp_path, {"abstracts.yaml": abstracts})
    assert rows["lund-2026"]["names"] == "" and rows["lund-2026"]["file"] == "lund-2026.pdf"
    assert [line for line in output.splitlines() if "lund-2026" in line] == [
        "abstracts.yaml:1: [0]: warning: no one to send lund-2026.pdf to (abstract 'lund-2026'): each of its names is "
        "left out of the booklet: send it another way"]
    assert PdfReader(tmp_path / "out" / "lund-2026.pdf").metadata.title == "Proof: A talk about Lund (TC2027)"
    run = CliRunner().invoke(main, ["proof", "lund-2026", str(tmp_path / "conf"), "-o", str(tmp_path / "one.pdf")])
    assert run.exit_code == 0 and f"Wrote {tmp_path / 'one.pdf'}: proof of booklet page 5." in run.output.splitlines()


def test_a_poster_or_session_whose_every_name_is_left_out_has_a_proof_for_no_one(tmp_path):
    """A poster whose one author the fonts print nothing of (`author: 🎉🎉`) and a session whose one chair is so
    (`chair: 🎈`) got no proof, and `booklet proofs` said nothing of them: "Wrote 3 proofs (2 abstracts, 1
    tutorial)"; a LOC mailing the proofs never learnt that the poster's and the session's pages went unproofed. They
    get a proof each, as an abstract whose speaker's name is left out does: for no one (its header says the name
    cannot be printed), a row of the manifest without names, and a warning at the entry's file and line saying there
    is no one to send it to."""
    posters = BASE["posters.yaml"].replace("author: Zoe Papadopoulou", "author: 🎉🎉")
    programme = BASE["programme.yaml"].replace("chair: Mei Chen", "chair: 🎈")
    output, rows = _proofs_run(tmp_path, {"posters.yaml": posters, "programme.yaml": programme})
    assert [(key, row["kind"], row["names"], row["file"], row["pages"]) for key, row in rows.items()
            if key.startswith(("poster", "chair"))] == [("chair-inference", "chair", "", "chair-inference.pdf", "4"),
                                                       ("poster-1", "poster", "", "poster-1.pdf", "8")]
    assert [line for line in output.splitlines() if "no one to send" in line] == [
        "posters.yaml:1: [0]: warning: no one to send poster-1.pdf to (poster '1'): each of its names is left out of "
        "the booklet: send it another way",
        "programme.yaml:8: days[0].items[3].chair: warning: no one to send chair-inference.pdf to (chair of "
        "'Inference'): each of its names is left out of the booklet: send it another way"]
    assert [line for line in output.splitlines() if line.startswith("Wrote ")][0].startswith(
        "Wrote 5 proofs (2 abstracts, 1 tutorial, 1 poster, 1 chair) to ")
    assert "PROOF (name not printable) · booklet page 8" in Pdf(tmp_path / "out" / "poster-1.pdf").lines(0)
    assert "PROOF (name not printable) · booklet page 4" in Pdf(tmp_path / "out" / "chair-inference.pdf").lines(0)


def test_a_chair_left_out_of_the_booklet_gets_the_email_the_participants_give_the_name(tmp_path):
    """A session's chair whose name the fonts print nothing of (`chair: 王小明`) had a proof for no one and a warning
    that there was no one to send it to, though participants.yaml gives that name, as written, an `email:` (the
    participant left out of the list as well). The proof now goes to that address; a chair the participants do not
    list keeps the warning at the session's `chair` line."""
    programme = BASE["programme.yaml"].replace("chair: Mei Chen", "chair: 王小明")
    participants = "- {name: 王小明, email: wang@example.org}\n- {name: Ana Smith, email: ana@example.org}\n"
    output, rows = _proofs_run(tmp_path, {"programme.yaml": programme, "participants.yaml": participants})
    assert (rows["chair-inference"]["names"], rows["chair-inference"]["emails"]) == ("", "wang@example.org")
    assert "chair-inference" not in "".join(line for line in output.splitlines() if "no one to send" in line)
    assert "PROOF (name not printable) · booklet page 4" in Pdf(tmp_path / "out" / "chair-inference.pdf").lines(0)
    output, rows = _proofs_run(tmp_path / "unlisted", {"programme.yaml": programme.replace("王小明", "王小")})
    assert rows["chair-inference"]["emails"] == ""
    assert ("programme.yaml:8: days[0].items[3].chair: warning: no one to send chair-inference.pdf to (chair of "
            "'Inference'): each of its names is left out of the booklet: send it another way") in output.splitlines()


def test_a_co_chair_left_out_of_the_booklet_gets_the_sessions_proof_at_the_participants_address(tmp_path):
    """`chair: [Mei Chen, 王小明]`: the co-chair whose name the fonts print nothing of (left out of the chair line, and
    check warns at chair[1]) had no proof, though participants.yaml gives the name an address: only Mei Chen's proof
    had the session's page. The co-chair now has the session's proof for no one, chair-inference.pdf, "PROOF (name
    not printable)", mailed to that address, as a chair left out alone has; without an address, no proof is added
    (Mei Chen's has the page) and the name's warning is the one given."""
    programme = BASE["programme.yaml"].replace("chair: Mei Chen", "chair: [Mei Chen, 王小明]")
    participants = "- {name: 王小明, email: wang@example.org}\n- {name: Mei Chen, email: mei@example.org}\n"
    output, rows = _proofs_run(tmp_path, {"programme.yaml": programme, "participants.yaml": participants})
    assert [(key, row["kind"], row["names"], row["emails"], row["pages"]) for key, row in rows.items()
            if row["kind"] == "chair"] == [("chair-inference", "chair", "", "wang@example.org", "4"),
                                           ("chair-mei-chen", "chair", "Mei Chen", "mei@example.org", "4")]
    lines = Pdf(tmp_path / "out" / "chair-inference.pdf").lines(0)
    assert "PROOF (name not printable) · booklet page 4" in lines and "Chair: Mei Chen" in lines
    assert "Session you chair: Inference · Monday 13 September · 10:30–11:00" in lines
    assert ("programme.yaml:8: days[0].items[3].chair[1]: warning: the booklet's fonts cannot print '王' (U+738B), "
            "'小' (U+5C0F), '明' (U+660E); nothing of the name is left to print, so the name is left out of the "
            "booklet: give theme.yaml's `fonts:` a font that has them") in output.splitlines()
    assert "no one to send" not in output and "chair-inference" not in output
    output, rows = _proofs_run(tmp_path / "none", {"programme.yaml": programme,
                                                   "participants.yaml": "- {name: Mei Chen, email: mei@example.org}\n"})
    assert [key for key, row in rows.items() if row["kind"] == "chair"] == ["chair-mei-chen"]
    assert "chair[1]: warning: the booklet's fonts cannot print" in output and "no one to send" not in output


def test_a_room_the_fonts_print_nothing_of_is_not_in_the_manifest_nor_the_proofs_header(tmp_path):
    """`room: 会议室` (CJK alone, warned of), on a talk's line and on a session, prints nothing in the booklet (the
    programme leaves it out with its dot); manifest.csv still had it in the `room` column, and the proof's header
    line ended in a dot: 'Your talk: Monday 13 September · 10:30–11:00 ·'. Both now say what the page does: the
    room's cell is empty, the header ends at the time; a room that prints in part is written as it prints."""
    programme = BASE["programme.yaml"].replace("session: Inference", "session: Inference\n        room: 会议室").replace(
        '{time: "09:20-10:00", talk: lund-2026}', '{time: "09:20-10:00", talk: lund-2026, room: "Aula 会议室"}')
    output, rows = _proofs_run(tmp_path, {"programme.yaml": programme})
    assert [(key, rows[key]["time"], rows[key]["room"]) for key in ("lund-2026", "okafor", "chair-mei-chen")] == [
        ("lund-2026", "09:20–10:00", "Aula"), ("okafor", "10:30–11:00", ""), ("chair-mei-chen", "10:30–11:00", "")]
    assert "Your talk: Monday 13 September · 10:30–11:00" in Pdf(tmp_path / "out" / "okafor.pdf").lines(0)
    assert "Your talk: Monday 13 September · 09:20–10:00 · Aula" in Pdf(tmp_path / "out" / "lund-2026.pdf").lines(0)
    assert ("Session you chair: Inference · Monday 13 September · 10:30–11:00"
            in Pdf(tmp_path / "out" / "chair-mei-chen.pdf").lines(0))


def test_no_one_to_send_a_talks_proof_to_says_which_names_are_left_out(tmp_path):
    """A talk whose one speaker's name the fonts print nothing of, given no email (`{name: 王小明, presenting: true}`),
    beside a named co-author who does not present it (Bo Jones), was warned of at the abstract's first line as having
    "each of its names left out of the booklet": untrue, Bo Jones is printed. The warning now says the speaker's name
    is left out without an address, and names the co-author who does not present it, at the speaker's line and key,
    where an address would go; so for a tutorial's presenter beside a named co-author, and for two speakers. A talk
    whose every name is left out keeps its words."""
    abstracts = BASE_ABSTRACTS.replace("- {name: Chiamaka Okafor, affiliation: Uni B, presenting: true}",
                                       "- {name: 王小明, presenting: true}") + yaml_text("""\
        - id: two-left-out
          title: Two speakers left out
          authors:
            - {name: Cy Lee}
            - {name: 東京, presenting: true}
            - {name: 京都, presenting: true}
            - {name: Dan Ross}
        - id: all-left-out
          title: Nobody printed
          speaker: {name: 大阪}
        """)
    tutorials = BASE["tutorials.yaml"].replace("- {name: Sven Oberg, affiliation: NBI}",
                                               "- {name: 名古屋}\n  authors:\n    - {name: Mara Lindqvist}")
    output, rows = _proofs_run(tmp_path, {"abstracts.yaml": abstracts, "tutorials.yaml": tutorials})
    assert [line for line in output.splitlines() if "no one to send" in line] == [
        "abstracts.yaml:8: [1].authors[0]: warning: no one to send okafor.pdf to (abstract 'okafor'): its speaker's "
        "name is left out of the booklet, and no email is given with it (Bo Jones, named on it, does not present "
        "it): send it another way",
        "abstracts.yaml:15: [2].authors[1]: warning: no one to send two-left-out.pdf to (abstract 'two-left-out'): "
        "its speakers' names are left out of the booklet, and no email is given with them (Cy Lee and Dan Ross, "
        "named on it, do not present it): send it another way",
        "abstracts.yaml:18: [3]: warning: no one to send all-left-out.pdf to (abstract 'all-left-out'): each of its "
        "names is left out of the booklet: send it another way",
        "tutorials.yaml:5: [0].presenters[0]: warning: no one to send bayes-intro.pdf to (tutorial 'bayes-intro'): "
        "its presenter's name is left out of the booklet, and no email is given with it (Mara Lindqvist, named on "
        "it, does not present it): send it another way"]
    assert [(rows[key]["names"], rows[key]["emails"]) for key in ("okafor", "two-left-out", "bayes-intro")] == [
        ("", "")] * 3


def test_a_chairs_proof_names_the_session_as_the_programme_prints_it(tmp_path):
    """A chair's proof carried the session's name as plain text (markup.plain), the characters the fonts print
    nothing of left for the overlay to drop with the spaces beside them: of `session: 会议 (Posters)`, which the
    programme prints '(Posters)', the header read 'Session you chair:  (Posters) · ...', of 'Posters 会议' 'Posters  ·
    ...'. The proof, its warning and its manifest row name the session as the programme prints it."""
    for written, printed in (("会议 (Posters)", "(Posters)"), ("Posters 会议", "Posters")):
        programme = BASE["programme.yaml"].replace("session: Inference", f'session: "{written}"')
        folder = tmp_path / printed.strip("()")
        output, rows = _proofs_run(folder, {"programme.yaml": programme})
        assert (f"programme.yaml:8: days[0].items[3].chair: warning: no email for Mei Chen (chair of '{printed}'): "
                "send chair-mei-chen.pdf another way") in output.splitlines()
        lines = Pdf(folder / "out" / "chair-mei-chen.pdf").lines(0)
        assert printed in lines
        assert f"Session you chair: {printed} · Monday 13 September · 10:30–11:00" in lines


def test_a_co_speaker_left_out_without_an_address_is_warned_of_as_a_named_one_is(tmp_path):
    """A talk presented by Chiamaka Okafor, who has an address, and by 京都 (left out of the booklet: the fonts print
    nothing of it), who has none: the proof went to Okafor alone, and `booklet proofs` said nothing, where a named
    co-speaker without an address is warned of; so a tutorial's presenter left out beside a named one. Such a speaker
    is now warned of at their line, as one named; and a proof whose named speakers have no address either says so."""
    abstracts = BASE_ABSTRACTS.replace("- {name: Bo Jones}", "- {name: 京都, presenting: true}")
    tutorials = BASE["tutorials.yaml"].replace("- {name: Sven Oberg, affiliation: NBI}",
                                               "- {name: Sven Oberg, affiliation: NBI, email: s@example.org}\n"
                                               "    - {name: 名古屋}")
    mailed = abstracts.replace("presenting: true}", "presenting: true, email: c@example.org}", 1)
    output, rows = _proofs_run(tmp_path, {"abstracts.yaml": mailed, "tutorials.yaml": tutorials})
    assert [line for line in output.splitlines() if "left out of the booklet (" in line] == [
        "abstracts.yaml:9: [1].authors[1]: warning: no email for a speaker whose name is left out of the booklet "
        "(abstract 'okafor'): okafor.pdf goes to Chiamaka Okafor only; send it to them another way",
        "tutorials.yaml:6: [0].presenters[1]: warning: no email for a presenter whose name is left out of the booklet "
        "(tutorial 'bayes-intro'): bayes-intro.pdf goes to Sven Oberg only; send it to them another way"]
    assert [(rows[key]["names"], rows[key]["emails"]) for key in ("okafor", "bayes-intro")] == [
        ("Chiamaka Okafor", "c@example.org"), ("Sven Oberg", "s@example.org")]
    output, _ = _proofs_run(tmp_path / "none", {"abstracts.yaml": abstracts})
    assert ("abstracts.yaml:8: [1].authors[0]: warning: no email for Chiamaka Okafor nor for a speaker whose name is "
            "left out of the booklet (abstract 'okafor'): send okafor.pdf another way") in output.splitlines()


def test_a_chairs_sessions_are_listed_in_the_order_the_programme_prints_them(tmp_path):
    """Parallel sessions set one after another are printed in the order they start (Context.session_orders), but a
    chair's proof listed the sessions they chair in the data's order: "Session you chair: Room 117 · 15:00–16:00;
    Senate ...; Room 101 · 09:30–10:30", against the programme page it holds, which reads Room 101 first. They are now
    listed as printed, in the proof, its warning and the place it names (the first printed session's chair line)."""
    starts = {"Room 117": "15:00-16:00", "Senate": "15:30-16:30", "Room 101": "09:30-10:30",
              "Room 320": "17:00-18:00", "Room 9": "15:00-16:00"}
    programme, abstracts = "days:\n  - date: 2027-09-13\n    items:\n      - parallel:\n", ""
    for name, time in starts.items():
        talk = name.replace(" ", "").lower()
        programme += (f"          - session: {name}\n            chair: Mei Chen\n            items:\n"
                      f"              - {{time: \"{time}\", talk: {talk}}}\n")
        abstracts += f"- id: {talk}\n  title: Talk {talk}\n  speaker: {{name: Speaker {talk}}}\n  abstract: Text.\n"
    output, rows = _proofs_run(tmp_path, {"programme.yaml": programme, "abstracts.yaml": abstracts,
                                          "tutorials.yaml": None, "posters.yaml": None})
    assert ("programme.yaml:14: days[0].items[0].parallel[2].chair: warning: no email for Mei Chen (chair of 'Room 101 / "
            "Room 117 / Room 9 / Senate / Room 320'): send chair-mei-chen.pdf another way") in output.splitlines()
    lines = Pdf(tmp_path / "out" / "chair-mei-chen.pdf").lines(0)
    assert [line for line in lines if line.startswith("Session you chair")] == [
        "Session you chair: Room… · Monday 13 September · 09:30–10:30; Room… · 15:00–16:00; Room… · 15:00–16:0…"]
    assert [line for line in lines if line.startswith("Talk ")] == [
        "Talk room101", "Talk room117", "Talk room9", "Talk senate", "Talk room320"]  # (the page it holds)


def test_a_proof_whose_every_name_is_left_out_goes_to_the_email_given_with_the_name(tmp_path):
    """A speaker written `{name: "🎉", email: a@example.org}` (or a name of CJK alone, which the bundled fonts cannot
    print) is left out of the booklet, and their abstract's proof is for no one: its manifest row had no email and
    `booklet proofs` said there was no one to send it to, though the data gives the address. The address is kept:
    the row carries it (the names stay empty, the header "(name not printable)"), so the mail merge sends it; so for a
    poster's `author:` with its `email:` and a tutorial's presenter."""
    abstracts = BASE["abstracts.yaml"].replace("speaker: {name: Ana Smith, affiliation: Uni A}",
                                               'speaker: {name: "🎉", email: a@example.org}').replace(
        "- {name: Chiamaka Okafor, affiliation: Uni B, presenting: true}",
        "- {name: 東京, affiliation: Uni B, presenting: true, email: c@example.org}").replace(
        "- {name: Bo Jones}", "- {name: 京都, email: bo@example.org}")
    posters = BASE["posters.yaml"].replace("author: Zoe Papadopoulou", "author: 大阪\n  email: z@example.org")
    tutorials = BASE["tutorials.yaml"].replace("{name: Sven Oberg, affiliation: NBI}",
                                               "{name: 名古屋, email: s@example.org}")
    output, rows = _proofs_run(tmp_path, {"abstracts.yaml": abstracts, "posters.yaml": posters,
                                          "tutorials.yaml": tutorials})
    assert [(key, row["names"], row["emails"]) for key, row in rows.items() if key != "chair-mei-chen"] == [
        ("lund-2026", "", "a@example.org"), ("okafor", "", "c@example.org"), ("bayes-intro", "", "s@example.org"),
        ("poster-1", "", "z@example.org")]  # (okafor's to its presenting author only, as a named one's)
    assert "no one to send" not in output
    assert "PROOF (name not printable) · booklet page 5" in Pdf(tmp_path / "out" / "lund-2026.pdf").lines(0)


def test_a_posters_left_out_author_is_read_as_a_named_one_is(tmp_path):
    """A poster's `author:` the fonts print nothing of was read apart from a named one (its email only): a malformed
    `affiliation:` beside it passed `booklet check` in silence, where beside a named author, or an abstract's left-out
    author, it is an error at its line. One reading now, named or not: the error, exit status 1; and once the data
    is right, the proof goes to the address given with the name."""
    posters = BASE["posters.yaml"].replace("author: Zoe Papadopoulou",
                                           "author: 🎉🎉\n  affiliation: {a: b}\n  email: z@example.org")
    folder = write_conference(tmp_path / "bad", {"posters.yaml": posters})
    run = CliRunner().invoke(main, ["check", str(folder)])
    assert run.exit_code == 1 and "Traceback" not in run.output
    assert ("posters.yaml:3: [0].affiliation: expected text, or a list of texts, not a mapping; write it like: "
            "affiliation: NOA, Greece") in run.output.splitlines()
    output, rows = _proofs_run(tmp_path, {"posters.yaml": posters.replace("{a: b}", "NOA, Greece")})
    assert (rows["poster-1"]["names"], rows["poster-1"]["emails"]) == ("", "z@example.org")


def test_a_presenting_author_left_out_of_the_booklet_still_gets_the_proof(tmp_path):
    """A talk's presenting author whose name the fonts cannot print (`name: 王小明`, presenting, with an email) beside
    a named co-author (Bo Jones) was left out of the proof's names, and their address with them: the proof went to
    Bo Jones alone, "PROOF for Bo Jones", who does not give the talk. It now goes to the presenting author's address,
    for no one named ("PROOF (name not printable)"); so for the first author left out when none is marked presenting;
    a named co-presenter keeps the proof and shares it (the warning for one without an address says it goes to the
    left-out one's address); a tutorial's presenter left out beside a named one has their address on its row."""
    abstracts = BASE_ABSTRACTS.replace("- {name: Chiamaka Okafor, affiliation: Uni B, presenting: true}",
                                       "- {name: 王小明, presenting: true, email: wang@example.org}").replace(
        "- {name: Bo Jones}", "- {name: Bo Jones, email: bo@example.org}")
    abstracts += yaml_text("""\
        - id: first-left-out
          title: Unmarked authors
          authors:
            - {name: 王小明, email: wang@example.org}
            - {name: Bo Jones, email: bo@example.org}
        - id: both-present
          title: Two speakers
          authors:
            - {name: 王小明, presenting: true, email: wang@example.org}
            - {name: Kari Solbakken, presenting: true}
        """)
    tutorials = BASE["tutorials.yaml"].replace(
        "- {name: Sven Oberg, affiliation: NBI}",
        "- {name: Sven Oberg, affiliation: NBI, email: sven@nbi.example}\n    - {name: 名古屋, email: n@example.org}")
    output, rows = _proofs_run(tmp_path, {"abstracts.yaml": abstracts, "tutorials.yaml": tutorials})
    assert [(key, rows[key]["names"], rows[key]["emails"]) for key in (
        "okafor", "first-left-out", "both-present", "bayes-intro")] == [
        ("okafor", "", "wang@example.org"), ("first-left-out", "", "wang@example.org"),
        ("both-present", "Kari Solbakken", "wang@example.org"),
        ("bayes-intro", "Sven Oberg", "sven@nbi.example; n@example.org")]
    lines = Pdf(tmp_path / "out" / "okafor.pdf").lines(0)
    assert "PROOF (name not printable) · booklet page 6" in lines and not [line for line in lines if "Bo Jones" in
                                                                          line and line.startswith("PROOF")]
    assert "Your talk: Monday 13 September · 10:30–11:00" in lines
    assert [line for line in output.splitlines() if ("no email" in line or "no one to send" in line) and any(
        key in line for key in ("okafor", "left-out", "both-present", "bayes-intro"))] == [
        "abstracts.yaml:20: [3].authors[1]: warning: no email for Kari Solbakken (abstract 'both-present'): "
        "both-present.pdf goes to wang@example.org only; send it to Kari Solbakken another way"]


def test_a_posters_author_left_out_beside_a_named_one_gets_a_proof(tmp_path):
    """Each poster author has a proof; one whose name the fonts print nothing of (`name: 大阪`, with an email) beside
    a named co-author had none, and no warning: only a poster whose every name is left out had its proof for no one.
    The left-out author now has it too, `poster-1.pdf`, mailed to the address given with the name; one left out
    without an address adds no proof (the poster's pages go to the named author)."""
    posters = BASE["posters.yaml"].replace(
        "author: Zoe Papadopoulou",
        "authors:\n    - {name: Zoe Papadopoulou, email: zoe@example.org}\n    - {name: 大阪, email: o@example.org}")
    output, rows = _proofs_run(tmp_path, {"posters.yaml": posters})
    assert sorted((key, row["names"], row["emails"], row["pages"]) for key, row in rows.items()
                  if key.startswith("poster")) == [("poster-1", "", "o@example.org", "8"),
                                                   ("poster-zoe-papadopoulou", "Zoe Papadopoulou", "zoe@example.org", "8")]
    assert "PROOF (name not printable) · booklet page 8" in Pdf(tmp_path / "out" / "poster-1.pdf").lines(0)
    output, rows = _proofs_run(tmp_path / "none", {"posters.yaml": posters.replace(", email: o@example.org", "")})
    assert [key for key in rows if key.startswith("poster")] == ["poster-zoe-papadopoulou"]
    assert "poster-1" not in output


@pytest.mark.parametrize("language, first", [("en", "PROOF (name not printable) · booklet page 5"),
                                             ("de", "KORREKTURABZUG (Name nicht druckbar) · Programmheft Seite 5")])
def test_a_proofs_header_says_its_names_cannot_be_printed_when_each_is_left_out(tmp_path, language, first):
    """The header's first line of a proof whose every name is left out (the fonts print nothing of it) read "PROOF for
    · booklet page 5", a name missing between "for" and the dot; it now says why there is none, in the booklet's
    language (a label, proof_for_unnamed). A proof that names someone keeps its line; the file is the entry's id."""
    abstracts = BASE["abstracts.yaml"].replace("{name: Ana Smith, affiliation: Uni A}",
                                               "{name: 🎉, affiliation: Uni A}")
    conference = extend("conference.yaml", f"language: {language}\n")
    output, rows = _proofs_run(tmp_path, {"abstracts.yaml": abstracts, "conference.yaml": conference})
    assert rows["lund-2026"]["names"] == "" and rows["lund-2026"]["file"] == "lund-2026.pdf"
    assert sorted(path.name for path in (tmp_path / "out").glob("*.pdf")) == sorted(row["file"] for row in rows.values())
    lines = Pdf(tmp_path / "out" / "lund-2026.pdf").lines(0)
    assert first in lines and not [line for line in lines if " für  ·" in line or " for  ·" in line]
    assert rows["okafor"]["names"] == "Chiamaka Okafor"
    assert first.replace("(name not printable)", "for Chiamaka Okafor").replace(
        "(Name nicht druckbar)", "für Chiamaka Okafor").replace("5", "6") in Pdf(tmp_path / "out" / "okafor.pdf").lines(0)


def test_a_tutorials_presenter_without_an_email_is_a_warning_and_one_with_is_on_its_row(tmp_path):
    """A LOC's run: a tutorial's proof went to its first presenter only, in silence: the co-presenter had no address.
    Every presenter with an address is on the manifest's row (joined by '; ', as an abstract's speakers are), and
    one without is a warning at their line, as a speaker of an abstract of several is."""
    tutorials = BASE["tutorials.yaml"].replace(
        "- {name: Sven Oberg, affiliation: NBI}",
        "- {name: Sven Oberg, affiliation: NBI, email: sven@nbi.example}\n    - {name: Kari Solbakken}\n"
        "    - {name: Mei Chen}")
    participants = "- {name: Mei Chen, email: mei@example.org}\n"
    abstracts = BASE_ABSTRACTS.replace("- {name: Bo Jones}", "- {name: Bo Jones, presenting: true}")
    abstracts = abstracts.replace("presenting: true}", "presenting: true, email: c.okafor@example.org}", 1)
    output, rows = _proofs_run(tmp_path, {"tutorials.yaml": tutorials, "participants.yaml": participants,
                                          "abstracts.yaml": abstracts})
    assert rows["bayes-intro"]["names"] == "Sven Oberg; Kari Solbakken; Mei Chen"
    assert rows["bayes-intro"]["emails"] == "sven@nbi.example; mei@example.org"
    assert ("tutorials.yaml:6: [0].presenters[1]: warning: no email for Kari Solbakken (tutorial 'bayes-intro'): "
            "bayes-intro.pdf goes to Sven Oberg and Mei Chen only; send it to Kari Solbakken another way") in output
    assert rows["okafor"]["emails"] == "c.okafor@example.org"
    assert ("abstracts.yaml:9: [1].authors[1]: warning: no email for Bo Jones (abstract 'okafor'): okafor.pdf goes "
            "to Chiamaka Okafor only; send it to Bo Jones another way") in output


# Fourteen authors in one `author:` line (one person, as far as the data goes), in three scripts:
# their slug is far longer than the 255 bytes a file name may have.
LONG_AUTHORS = [
    "Αλέξανδρος Παπαδόπουλος-Καραγιάννης", "Анастасия Владимировна Ковалевская", "Zoë Østby-Håkonsen Lindqvist",
    "Ηλέκτρα Κωνσταντινίδου", "Екатерина Александровна Смирнова", "François-Xavier Lefèvre-Dubois",
    "Παναγιώτης Χατζηδάκης", "Владислав Святославович Кузнецов", "Łukasz Wójcik-Brzęczyszczykiewicz",
    "Σταυρούλα Αθανασοπούλου", "Людмила Григорьевна Никифорова", "José María Núñez de Balboa",
    "Χαράλαμπος Γεωργιάδης", "Ярослава Мстиславовна Богданова",
]


def test_proof_names_are_bounded_in_bytes_unique_and_usable_as_ids(tmp_path):
    posters = "".join(f"- number: {number}\n  author: {', '.join(authors)}\n  title: Poster {number}\n"
                      for number, authors in ((1, LONG_AUTHORS), (2, LONG_AUTHORS[:-1] + ["Ana Smith"]),
                                              (3, ["Ярослава Богданова"])))
    folder = write_conference(tmp_path / "conf", {"posters.yaml": posters})
    out = tmp_path / "out"
    run = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(out), "--png"])
    assert run.exit_code == 0, run.output
    with (out / "manifest.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = [row for row in csv.DictReader(file) if row["kind"] == "poster"]
    ids = [row["id"] for row in rows]
    assert len(ids) == 3 and len(set(ids)) == 3
    assert ids[2] == "poster-ярослава-богданова"  # a short name is as it always was
    for row in rows[:2]:  # the long ones: cut between words, a short hash of the whole name after it
        assert row["file"] == row["id"] + ".pdf"
        assert re.fullmatch(r"poster-αλεξανδρος-παπαδοπουλος-καραγιαννης-[0-9a-f]{6}", row["id"])
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(["manifest.csv", "bayes-intro.pdf", "bayes-intro-1.png", "lund-2026.pdf",
                            "lund-2026-1.png", "okafor.pdf", "okafor-1.png", "chair-mei-chen.pdf",
                            "chair-mei-chen-1.png"]
                           + [f"{i}{ext}" for i in ids for ext in (".pdf", "-1.png")])
    assert all(len(name.encode("utf-8")) <= 255 for name in names)
    second = next(row["id"] for row in rows if row["names"].endswith("Ana Smith"))
    one = tmp_path / "one.pdf"
    again = CliRunner().invoke(main, ["proof", second, str(folder), "-o", str(one)])
    assert again.exit_code == 0, again.output
    assert "Poster 2" in PdfReader(one).pages[0].extract_text()
    assert f"for {', '.join(LONG_AUTHORS[:-1])}, Ana Smith." in again.output


@pytest.fixture
def earlier_proofs(tmp_path):
    """A small conference, and a proofs folder holding what an earlier run left there."""
    folder = write_conference(tmp_path / "conf")
    out = tmp_path / "out"
    out.mkdir()
    for name, data in {"manifest.csv": b"id,kind\nlund-2026,abstract\n", "lund-2026.pdf": b"earlier proof",
                       "lund-2026-1.png": b"earlier png", "lund-2026-2.png": b"earlier second page",
                       "old-entry.pdf": b"an entry since removed"}.items():
        (out / name).write_bytes(data)
    return folder, out, {p.name: p.read_bytes() for p in out.iterdir()}


def test_a_failure_part_way_leaves_the_proofs_folder_as_it_was(earlier_proofs, monkeypatch):
    """The third proof's PNG (okafor's: the chair's and lund-2026's come first) cannot be written: no proof, PNG or
    manifest of this run is published."""
    import booklet.output.pngs

    folder, out, before = earlier_proofs
    write_bytes = booklet.output.pngs.write_bytes
    calls = []

    def failing_third(path, data):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        write_bytes(path, data)

    monkeypatch.setattr(booklet.output.pngs, "write_bytes", failing_third)
    run = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(out), "--png"])
    assert run.exit_code == 1
    assert run.stderr == (f"booklet: cannot write {out / 'okafor-1.png'}: No space left on device; "
                          "nothing was written.\n")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_proof_that_cannot_be_published_leaves_the_proofs_folder_as_it_was(earlier_proofs):
    folder, out, before = earlier_proofs
    (out / "bayes-intro.pdf").mkdir()  # in the way of the third proof
    run = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(out), "--png"])
    assert run.exit_code == 1
    assert run.stderr == f"booklet: cannot write {out / 'bayes-intro.pdf'}: Is a directory; nothing was written.\n"
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert sorted(p.name for p in out.iterdir()) == sorted([*before, "bayes-intro.pdf"])


def test_proofs_without_png_into_a_folder_of_images_the_data_names_leave_them_as_they_were(tmp_path):
    """Fuzzing: `booklet proofs DATA --out DATA/images` (no --png) removed images/okafor-2.png, the photo an abstract
    names, as a PNG of an earlier proof okafor.pdf: the data was broken ("file not found"). With --png it was
    refused; without, the earlier proof's PNGs are removed all the same, so it is refused too, and nothing written."""
    buffer = io.BytesIO()
    Image.new("RGB", (300, 400), "gray").save(buffer, "PNG")
    abstracts = BASE_ABSTRACTS.replace("- {name: Bo Jones}", "- {name: Bo Jones, photo: images/okafor-2.png}")
    folder = write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts,
                                                  "images/okafor-2.png": buffer.getvalue()})
    before = {p.name: p.read_bytes() for p in (folder / "images").iterdir()}
    for command in (["proofs", str(folder), "--out", str(folder / "images")],
                    ["proof", "okafor", str(folder), "-o", str(folder / "images" / "okafor.pdf")]):
        run = CliRunner().invoke(main, command)
        assert run.exit_code == 1, run.output
        assert run.output == (f"booklet: will not write {folder / 'images' / 'okafor-2.png'}: it is an image the data "
                              f"names in {folder}; choose another output; nothing was written.\n")
        assert {p.name: p.read_bytes() for p in (folder / "images").iterdir()} == before


@pytest.mark.parametrize("inside", ["", "images"])
def test_proofs_into_the_data_folder_are_written_as_build_writes_a_pdf_there_leaving_the_data_as_it_was(tmp_path,
                                                                                                        inside):
    """`booklet proofs DATA --out DATA` (or DATA/images): as `booklet build DATA -o DATA/booklet.pdf`, writing beside
    the data is allowed, and what is refused is a file that would replace one of the data's inputs (a data file, an
    image the data names: the test above). The data's files are left byte for byte, the folder still checks without a
    word (the proofs' PDFs, PNGs and manifest.csv are no data booklet reads), and the next round finds them there."""
    folder = write_conference(tmp_path / "conf")
    out = folder / inside if inside else folder
    data = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    build = CliRunner().invoke(main, ["build", str(folder), "-o", str(folder / "booklet.pdf"), "--jobs", "1"])
    assert build.exit_code == 0, build.output
    run = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(out), "--png"])
    assert run.exit_code == 0, run.output
    assert {p: p.read_bytes() for p in data} == data
    assert all((out / name).is_file() for name in ("manifest.csv", "lund-2026.pdf", "lund-2026-1.png"))
    check = CliRunner().invoke(main, ["check", str(folder)])
    assert (check.exit_code, check.stdout, check.stderr) == (0, f"{folder}: 0 errors, 0 warnings.\n", "")
    again = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(out), "--png"])
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines()[-1] == ("None of them changed: all 5 were there already, byte for byte, and were "
                                             "left as they were.")


def test_running_proofs_again_replaces_them_and_removes_pngs_of_pages_no_longer_there(earlier_proofs):
    folder, out, before = earlier_proofs
    run = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(out), "--png"])
    assert run.exit_code == 0, run.output
    assert not (out / "lund-2026-2.png").exists()  # the proof has one page now
    assert (out / "lund-2026-1.png").read_bytes().startswith(b"\x89PNG")
    assert (out / "old-entry.pdf").read_bytes() == before["old-entry.pdf"]  # not ours to remove
    assert (out / "manifest.csv").read_bytes().decode("utf-8-sig").startswith(",".join(MANIFEST_COLUMNS) + "\r\n")
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]


def test_proofs_made_again_leave_the_files_that_did_not_change_as_they_were(tmp_path):
    """A LOC makes proofs again as corrections come in: a proof or PNG whose file holds its very bytes already is
    left as it was (the same file: inode and time), and the command says how many proofs are new or changed. A
    proof whose bytes changed, a file altered since (to the same size), and a link in a proof's place are written."""
    folder = write_conference(tmp_path / "conf")
    out = tmp_path / "out"

    def run(*args: str) -> str:
        result = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(out), "--png", *args])
        assert result.exit_code == 0, result.output
        return result.output

    def files() -> dict[str, tuple[int, int, bytes]]:
        return {p.name: (p.lstat().st_ino, p.lstat().st_mtime_ns, p.read_bytes()) for p in sorted(out.iterdir())
                if p.name != "manifest.csv"}

    assert "new or changed" not in run()
    first = files()
    # each file as first made kept by a hard link of its own, so that its inode number stays taken while the test runs:
    # ext4 gives a freed number to a file made next: the number of the removed bayes-intro.pdf, taken and freed by
    # another test's file meanwhile, could be given to the proof written again in its place, which was then taken for
    # one left as it was (it failed now and then, under load). Now the same number is the same file, not rewritten
    held = tmp_path / "held"
    held.mkdir()
    for name in first:
        os.link(out / name, held / name)
    assert sorted(first) == ["bayes-intro-1.png", "bayes-intro.pdf", "chair-mei-chen-1.png", "chair-mei-chen.pdf",
                             "lund-2026-1.png", "lund-2026.pdf", "okafor-1.png", "okafor.pdf",
                             "poster-zoe-papadopoulou-1.png", "poster-zoe-papadopoulou.pdf"]
    assert "None of them changed: all 5 were there already, byte for byte, and were left as they were." in run()
    assert files() == first

    write_conference(folder, {"abstracts.yaml": BASE_ABSTRACTS.replace("More text.", "More text, corrected.")})
    lund = out / "lund-2026.pdf"
    damaged = bytearray(first["lund-2026.pdf"][2])
    damaged[-20] ^= 1  # the same size, one bit changed
    lund.write_bytes(bytes(damaged))
    copy = tmp_path / "elsewhere.pdf"
    copy.write_bytes(first["bayes-intro.pdf"][2])
    (out / "bayes-intro.pdf").unlink()
    (out / "bayes-intro.pdf").symlink_to(copy)
    output = run()
    assert "3 of them new or changed; the other 2 were there already, byte for byte, and left as they were." in output
    now = files()
    assert [name for name in first if now[name][0] == first[name][0]] == [
        "bayes-intro-1.png", "chair-mei-chen-1.png", "chair-mei-chen.pdf", "lund-2026-1.png",
        "poster-zoe-papadopoulou-1.png", "poster-zoe-papadopoulou.pdf"]
    assert now["okafor.pdf"][2] != first["okafor.pdf"][2] and now["okafor-1.png"][2] != first["okafor-1.png"][2]
    assert "corrected" in PdfReader(out / "okafor.pdf").pages[0].extract_text()
    assert now["lund-2026.pdf"][2] == first["lund-2026.pdf"][2]  # written again: as it should be
    assert not (out / "bayes-intro.pdf").is_symlink() and now["bayes-intro.pdf"][2] == first["bayes-intro.pdf"][2]
    assert copy.read_bytes() == first["bayes-intro.pdf"][2]  # the link's target untouched
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]  # no temporary file left

    again = tmp_path / "again"  # PNGs asked for the first time into a folder of the same proofs: said
    assert "new or changed" not in CliRunner().invoke(main, ["proofs", str(folder), "--out", str(again)]).output
    with_pngs = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(again), "--png"]).output
    assert ("None of them changed: all 5 were there already, byte for byte, and were left as they were. (5 PNGs new "
            "or changed.)") in with_pngs

    single = tmp_path / "okafor.pdf"
    outputs = [CliRunner().invoke(main, ["proof", "okafor", str(folder), "-o", str(single)]) for _ in range(2)]
    assert [o.exit_code for o in outputs] == [0, 0]
    assert f"Wrote {single}: proof of booklet page 6 for Chiamaka Okafor." in outputs[0].output
    assert (f"Left {single} as it was (already this proof, byte for byte): proof of booklet page 6 for Chiamaka "
            "Okafor.") in outputs[1].output


def test_a_fifo_in_a_proofs_place_is_refused_not_waited_on(tmp_path):
    """Whether a proof is there already is asked of regular files only: a FIFO opened to be read would wait for a
    writer for ever. A pipe is another program's: it is not replaced, and the command says so."""
    import subprocess
    import sys

    folder = write_conference(tmp_path / "conf")
    fifo = tmp_path / "okafor.pdf"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "booklet", "proof", "okafor", str(folder), "-o", str(fifo)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 1
    assert done.stderr == (f"booklet: cannot write {fifo}: it is a pipe or a socket, not a file; booklet writes its "
                           "output to a file; nothing was written.\n")
    assert fifo.exists() and not fifo.is_file()


def test_proofs_are_the_same_bytes_however_many_processes_write_them(tmp_path):
    folder = write_conference(tmp_path / "conf")
    one = write_proofs(folder, tmp_path / "one", workers=1)
    three = write_proofs(folder, tmp_path / "three", workers=3)
    assert [p.id for p in one.proofs] == [p.id for p in three.proofs] and len(one.proofs) == 5
    for proof in one.proofs:
        assert (tmp_path / "one" / proof.file).read_bytes() == (tmp_path / "three" / proof.file).read_bytes()


def test_entries_not_in_the_booklet_get_no_proof_and_leave_no_file_behind(tmp_path):
    """The proof files are made while the booklet builds: those of entries it leaves out are removed."""
    folder = write_conference(tmp_path / "conf", {"theme.yaml": "sections: [programme, abstracts]\n"})
    out = tmp_path / "out"
    result = write_proofs(folder, out)
    assert sorted(p.kind for p in result.proofs) == ["abstract", "abstract", "chair"]  # (the programme's chair)
    assert sorted(p.name for p in out.iterdir()) == ["chair-mei-chen.pdf", "lund-2026.pdf", "manifest.csv",
                                                     "okafor.pdf"]


def test_proofs_of_bad_data_write_nothing_not_even_the_folder(tmp_path):
    folder = write_conference(tmp_path / "conf", {"posters.yaml": "- number: one\n  title: T\n"})
    run = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(tmp_path / "out")])
    assert run.exit_code == 1 and "posters.yaml" in run.output and "Traceback" not in run.output
    assert not (tmp_path / "out").exists()


def test_proofs_build_from_the_layouts_a_build_kept_and_leave_the_disk_cache_as_it_was(tmp_path, monkeypatch):
    """`booklet proofs` builds the same booklet as `booklet build`: it starts from what the build kept on disk
    (booklet.cache.persisted), all of it, writes none of it back, and its proofs are the bytes made without a
    disk cache."""
    from booklet.proofs.write import _reading_cache, proof_options

    cache = tmp_path / "cache"
    monkeypatch.setenv("BOOKLET_CACHE", str(cache))
    folder = write_conference(tmp_path / "conf")
    build_booklet(folder, tmp_path / "booklet.pdf")
    kept = {path.name: path.read_bytes() for path in (cache / "persisted").glob("*.pickle")}
    assert len(kept) == 4  # the data files, the layouts, the compressed streams and the facts (no QR code here)
    reading = _reading_cache(folder)
    build_booklet(folder, tmp_path / "proofs-booklet.pdf", options=proof_options("A5"), cache=reading)
    assert reading.size("layouts") > 20 and reading.made.get("layouts", 0) == 0
    warm = write_proofs(folder, tmp_path / "warm", workers=1)
    assert {path.name: path.read_bytes() for path in (cache / "persisted").glob("*.pickle")} == kept
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    assert _reading_cache(folder) is None
    cold = write_proofs(folder, tmp_path / "cold", workers=1)
    assert [p.file for p in warm.proofs] == [p.file for p in cold.proofs] and len(cold.proofs) == 5
    for proof in cold.proofs:
        assert (tmp_path / "warm" / proof.file).read_bytes() == (tmp_path / "cold" / proof.file).read_bytes()


def _proof_bytes(folder: Path, out: Path, **options) -> dict[str, bytes]:
    result = write_proofs(folder, out, **options)
    return {p.file: (out / p.file).read_bytes() for p in result.proofs}



@pytest.fixture(scope="module")
def proofed(tmp_path_factory):
    """A copy of the sample, at one path for the module, its proofs made once (in two processes, reply by REPLY_BY)
    into the folder `first` beside it with a disk cache of its own: (the data folder, the folder of the proofs, their
    bytes by file, the cache as that run left it, the run's result). What a run keeps is known by the data folder's
    real path and the proofs' files' identities (inode, size, modification time), so the tests that start from this
    run share the folder and the proofs (made once a process, not once a test: 3 s of CPU each); each works on a copy
    of the cache (_proofs_then_corrected), writes the sample's abstracts.yaml back before it edits it, and leaves the
    proofs as it found them."""
    import shutil

    root = tmp_path_factory.mktemp("proofed")
    folder = root / "conf"
    shutil.copytree(DATA, folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BOOKLET_CACHE", str(root / "cache"))
        result = write_proofs(folder, root / "first", workers=2, reply_by=REPLY_BY)
    first = {p.file: (root / "first" / p.file).read_bytes() for p in result.proofs}
    return folder, root / "first", first, root / "cache", result


def _proofs_then_corrected(tmp_path, monkeypatch, proofed, correct=True) -> tuple[Path, dict[str, bytes]]:
    """The sample's copy of `proofed`, its proofs made (into proofed's `first` folder) and kept in a disk cache of
    this test's (a copy of the one that run left), then (`correct`) one abstract corrected: the folder, and those
    proofs' bytes."""
    import shutil

    folder, _, first, cache, _ = proofed
    shutil.copytree(cache, tmp_path / "cache")
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    (folder / "abstracts.yaml").write_bytes((DATA / "abstracts.yaml").read_bytes())  # (as a test before left it)
    if correct:
        _correct_one_abstract(folder)
    return folder, first


def _correct_one_abstract(folder: Path) -> None:
    """The first abstract of the conference in `folder` (a copy of the sample) corrected: a word before its text."""
    abstracts = folder / "abstracts.yaml"
    text = abstracts.read_text(encoding="utf-8")
    abstracts.write_text(text.replace("abstract: |\n", "abstract: |\n    Corrected.\n", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def corrected_cold(tmp_path_factory):
    """The proofs of the sample with one abstract corrected (as _proofs_then_corrected corrects it) made without the
    disk cache, in one process: cold(reply_by) gives their bytes by file, made once a module (a process) for each
    reply date. The bytes a warm run after the correction must give, whatever its cache held (a run's bytes do not
    depend on the folder's path).

    Beware: the bytes are made when a test first calls cold(), in that test and under the patches it has set by then,
    and every later test of the module (in that process) is given them. A test may patch only what leaves the proofs'
    bytes as they are (counting wrappers that call the real function, as those here do); a test that patches anything
    that changes them must not call cold(), else it would hand its own bytes to the others as a cold run's."""
    import shutil

    folder = tmp_path_factory.mktemp("corrected") / "conf"
    shutil.copytree(DATA, folder)
    _correct_one_abstract(folder)
    made: dict = {}

    def cold(reply_by: dt.date | None = None) -> dict[str, bytes]:
        if reply_by not in made:
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("BOOKLET_CACHE", "off")
                made[reply_by] = _proof_bytes(folder, folder.parent / f"cold-{reply_by}", workers=1, reply_by=reply_by)
        return made[reply_by]

    return cold


@pytest.fixture(scope="module")
def corrected_warm(tmp_path_factory, proofed):
    """The warm run after one abstract corrected that four tests start from, made once a module (a process), not once
    each (0.7 s of CPU a run): proofed's proofs and a copy of its cache, the abstract corrected, the proofs made into
    the folder `warm` (one process, reply by REPLY_BY) under every watcher those tests read: the booklet's pages parsed
    (read_again), the poster titles looked for (looked_for), the work the groups were made for (grouped), the proofs
    whose pages were copied, by title (copied), the headers made (made), the files copied once the booklet was built
    (after) and the copies made ahead when they were discarded (ahead). `cache` is the cache as that run left it: a
    test that runs again from it copies it (after_warm) and the tests leave `warm`, the last run's files it knows,
    as they found them (bytes and identity)."""
    import shutil

    import booklet.proofs.write as write
    from booklet.proofs import marks, pagecopy

    root = tmp_path_factory.mktemp("corrected-warm")
    folder, first, cache = proofed[0], proofed[2], root / "cache"
    shutil.copytree(proofed[3], cache)
    (folder / "abstracts.yaml").write_bytes((DATA / "abstracts.yaml").read_bytes())  # (as a test before left it)
    _correct_one_abstract(folder)
    seen = SimpleNamespace(read_again=[], looked_for=[], grouped=[], copied=[], made=[], after=[], ahead=[])
    real_page, real_height, real_groups = pagecopy.PdfObjects.page, marks._title_height, write._groups
    real_copy_parts, real_header, real_copy_made = pagecopy.PageCopier.copy_parts, write.header_lines, write.copy_made
    real_discard = write._Ahead.discard
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BOOKLET_CACHE", str(cache))
        patch.setattr(pagecopy.PdfObjects, "page",
                      lambda self, index: seen.read_again.append(index) or real_page(self, index))
        patch.setattr(marks, "_title_height", lambda text, title, *args: seen.looked_for.append(title)
                      or real_height(text, title, *args))
        patch.setattr(write, "_groups", lambda proofs, count, **work: seen.grouped.append(work)
                      or real_groups(proofs, count, **work))
        patch.setattr(pagecopy.PageCopier, "copy_parts", lambda self, pages, title="": seen.copied.append(title)
                      or real_copy_parts(self, pages, title))
        patch.setattr(write, "header_lines", lambda proof, *args: seen.made.append(proof.id) or real_header(proof, *args))
        patch.setattr(write, "copy_made", lambda source, temp: seen.after.append(source) or real_copy_made(source, temp))
        patch.setattr(write._Ahead, "discard", lambda self: seen.ahead.append(len(self.copies)) or real_discard(self))
        warm = _proof_bytes(folder, root / "warm", workers=1, reply_by=REPLY_BY)  # (one process: what the patches see)
    changed = sorted(name for name in warm if warm[name] != first.get(name))
    return SimpleNamespace(folder=folder, first=first, warm=warm, out=root / "warm", cache=cache, changed=changed,
                           seen=seen)


def _after_warm(tmp_path, monkeypatch, corrected_warm) -> Path:
    """The sample's copy, its abstract corrected, and a copy of the cache corrected_warm's run left, this test's: the
    folder, to run again from where that run left off."""
    import shutil

    shutil.copytree(corrected_warm.cache, tmp_path / "cache")
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = corrected_warm.folder
    (folder / "abstracts.yaml").write_bytes((DATA / "abstracts.yaml").read_bytes())
    _correct_one_abstract(folder)
    return folder


def _two_posters(title: str, abstract: str = "Short.") -> dict[str, str]:
    return {"posters.yaml": f"""\
        - number: 1
          author: Zoe Papadopoulou
          title: {title}
          abstract: {abstract}
        - number: 2
          authors: [{{name: Zoe Papadopoulou}}, {{name: Bo Jones}}]
          title: Sequential Monte Carlo
        """}


def test_proofs_start_from_what_the_last_run_kept_and_follow_every_edit(tmp_path, monkeypatch):
    """What a run derives besides the booklet (its pages as read, the poster pointers, the overlay) is kept in
    the disk cache: the next run with the same inputs takes it instead of deriving it again, and a run with
    any input changed gives the bytes of a run without the disk cache."""
    import booklet.proofs.write as write
    from booklet.proofs import pagecopy

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = write_conference(tmp_path / "conf", _two_posters("Mixture density networks"))
    first = _proof_bytes(folder, tmp_path / "first", workers=2, reply_by=REPLY_BY)
    assert len(first) == 6 and len(list((tmp_path / "cache" / write.KEPT).glob("*.pickle"))) == 1

    def derived_again(*args, **kwargs):
        raise AssertionError("derived again")

    from booklet.proofs import marks

    def only_the_reply_line(text, *args, **kwargs):  # the reply line is fitted each time; the others are kept
        if not text.startswith("Corrections"):
            raise AssertionError(f"fitted again: {text}")
        return real_fit(text, *args, **kwargs)

    real_fit = marks._fit
    with monkeypatch.context() as patch:  # the same inputs: nothing derived again, the same bytes
        patch.setattr(write, "draw_overlays", derived_again)
        patch.setattr(write, "poster_pointers", derived_again)
        patch.setattr(pagecopy.PdfObjects, "__init__", derived_again)  # neither the booklet nor the overlay parsed
        patch.setattr(marks, "_fit", only_the_reply_line)
        assert _proof_bytes(folder, tmp_path / "again", workers=2, reply_by=REPLY_BY) == first
        assert _proof_bytes(folder, tmp_path / "one", workers=1, reply_by=REPLY_BY) == first

    def warm_and_cold(name: str, **options) -> dict[str, bytes]:
        warm = _proof_bytes(folder, tmp_path / f"{name}-warm", **options)
        with monkeypatch.context() as patch:
            patch.setenv("BOOKLET_CACHE", "off")
            assert _proof_bytes(folder, tmp_path / f"{name}-cold", **options) == warm
        return warm

    # only the overlay's inputs change (the reply date in every header): the booklet's pages are kept
    later = warm_and_cold("reply", workers=2, reply_by=REPLY_BY + dt.timedelta(days=1))
    assert later.keys() == first.keys() and all(later[name] != first[name] for name in first)
    # a poster's title: the booklet, the poster's pointers and its header change
    write_conference(folder, _two_posters("Mixture density networks for spectra"))
    edited = warm_and_cold("title", workers=2, reply_by=REPLY_BY)
    assert edited["poster-zoe-papadopoulou.pdf"] != first["poster-zoe-papadopoulou.pdf"]
    assert "forspectra" in norm(PdfReader(io.BytesIO(edited["poster-zoe-papadopoulou.pdf"])).pages[0].extract_text())
    # a longer abstract before the second poster: only where that poster's title is (its pointer) moves
    write_conference(folder, _two_posters("Mixture density networks", "Longer. " * 60))
    longer = warm_and_cold("abstract", workers=2, reply_by=REPLY_BY)
    assert longer["poster-bo-jones.pdf"] != first["poster-bo-jones.pdf"]
    # back as it was, with the edited run's values kept: none of them leaks into these proofs
    write_conference(folder, _two_posters("Mixture density networks"))
    assert warm_and_cold("back", workers=1, reply_by=REPLY_BY) == first


def test_proofs_after_one_abstract_is_corrected_read_only_the_pages_that_changed(tmp_path, monkeypatch,
                                                                                 corrected_cold, corrected_warm):
    """After a correction to one abstract, the booklet's bytes differ (its page's content, every offset after it),
    its objects mostly not: proofs read again only the pages whose objects changed (pagecopy.carried), taking the
    others from what the last run kept, and give the bytes of a run without the disk cache. Before, every page of
    the booklet was parsed again (830 pages at 500 talks, 0.3 s of CPU in each of two processes)."""
    from booklet.proofs import pagecopy

    # the warm run's (corrected_warm): the booklet's pages parsed (the first page's boxes too: once per parse); the
    # poster titles looked for again (PDFium's text: those on the pages carried over are where they were); what the
    # groups were made for (the work left: the pages carried over and the overlay kept)
    first, warm, seen = corrected_warm.first, corrected_warm.warm, corrected_warm.seen
    changed = corrected_warm.changed
    assert changed and len(changed) < len(warm) // 4  # the corrected abstract's speaker's, and those sharing a page
    assert 0 < len(set(seen.read_again) - {0}) <= 3, seen.read_again  # the corrected page (and neighbours'), not all
    [work] = seen.grouped
    assert work["overlay"] is False  # kept: the headers are as they were (before: counted as drawn again)
    assert len(work["known"]) >= 50  # the pages carried over (all but those read again)
    assert seen.looked_for == []  # (before: every poster's title, as on a booklet never seen: 28 in the sample)
    assert len(work["pointed"]) >= 2  # (their pages: counted as nothing to find)
    assert corrected_cold(REPLY_BY) == warm
    # edited again: what the edited run kept (its carried pages, what it read) serves the next run alike
    folder = _after_warm(tmp_path, monkeypatch, corrected_warm)
    (folder / "abstracts.yaml").write_text((DATA / "abstracts.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    read_again = []
    real_page = pagecopy.PdfObjects.page
    monkeypatch.setattr(pagecopy.PdfObjects, "page",
                        lambda self, index: read_again.append(index) or real_page(self, index))
    assert _proof_bytes(folder, tmp_path / "back", workers=2, reply_by=REPLY_BY) == first
    assert 0 < len(set(read_again) - {0}) <= 3, read_again


def test_proofs_after_one_abstract_is_corrected_take_the_last_runs_files_of_the_proofs_that_did_not_change(
        tmp_path, monkeypatch, corrected_cold, proofed, corrected_warm):
    """After a correction to one abstract, proofs into a new folder take the last run's file of each proof whose
    bytes are as they were (the same booklet objects on its pages, the same overlay, number and title): a copy of it,
    not its pages copied and composed again (1,897 of 1,898 proofs at 500 talks). A copy, not a link: a proof edited
    in place in one folder leaves the other's as it was. The folder holds the bytes of a run without the disk cache.
    A file of the last run changed since (or gone) is not taken, nor is one whose copy fails: those proofs are made
    as before, and no half copy is left."""
    from booklet.proofs import pagecopy

    # the warm run into a new folder (corrected_warm's, its folder `out`): the proofs whose pages were copied, by title
    first, warm, changed, out = corrected_warm.first, corrected_warm.warm, corrected_warm.changed, corrected_warm.out
    assert changed and len(changed) < len(warm) // 4
    assert len(corrected_warm.seen.copied) == len(changed)  # (before: every proof of the folder, len(warm))
    assert all((out / name).stat().st_nlink == 1 for name in warm)  # (copies, not links)
    # one edited in place in the first folder (an annotator saving into the file): the new folder's stays as it was
    [kept, *_] = sorted(set(warm) - set(changed))
    source = proofed[1] / kept
    was = source.stat()
    try:
        with open(source, "r+b") as edited:
            edited.write(b"%edited")
        assert (out / kept).read_bytes() == warm[kept]
    finally:  # the shared proofs as they were, bytes and identity, for the next test that starts from them
        source.write_bytes(first[kept])
        os.utime(source, ns=(was.st_atime_ns, was.st_mtime_ns))
    assert corrected_cold(REPLY_BY) == warm
    # into the same folder again: every proof is the file there, left as it is, without its pages copied
    folder = _after_warm(tmp_path, monkeypatch, corrected_warm)
    copied = []  # the proofs whose pages were copied (made), by title
    real_copy = pagecopy.PageCopier.copy_parts
    monkeypatch.setattr(pagecopy.PageCopier, "copy_parts",
                        lambda self, pages, title="": copied.append(title) or real_copy(self, pages, title))
    times = {name: (out / name).stat().st_mtime_ns for name in warm}
    assert _proof_bytes(folder, out, workers=1, reply_by=REPLY_BY) == warm and copied == []
    assert {name: (out / name).stat().st_mtime_ns for name in warm} == times
    # a file of the last run changed since (the same size, other bytes) or gone (moved away): its proof is made again
    # (the shared folder's files put back as they were, bytes and identity, for the next test that starts from them)
    [one, two, *_] = sorted(set(warm) - set(changed))
    was = (out / one).stat()
    try:
        (out / one).write_bytes(warm[one][:-8] + b"changed\n")
        (out / two).rename(tmp_path / two)
        assert _proof_bytes(folder, tmp_path / "next", workers=1, reply_by=REPLY_BY) == warm
        assert len(copied) == 2
        assert (tmp_path / "next" / one).stat().st_ino != (out / one).stat().st_ino
    finally:
        (out / one).write_bytes(warm[one])
        os.utime(out / one, ns=(was.st_atime_ns, was.st_mtime_ns))
        if (tmp_path / two).exists():
            (tmp_path / two).rename(out / two)
    # where a copy fails part-way (a full disk): no half copy is left, and each proof is made and written as
    # before, in two processes
    import booklet.output.atomic as atomic

    def full(source, copy):  # (descriptors)
        os.write(copy, b"%PDF-")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "_copied", full)
    monkeypatch.setattr(atomic, "_cloned", lambda source, copy: False)  # (no clone: the copy is _copied's)
    copied.clear()
    assert _proof_bytes(folder, tmp_path / "uncopied", workers=2, reply_by=REPLY_BY) == warm
    assert sorted(path.name for path in (tmp_path / "uncopied").iterdir() if path.name.startswith(".")) == []


def test_proofs_into_a_new_folder_copy_the_last_runs_files_while_the_booklet_builds(tmp_path, monkeypatch,
                                                                                     corrected_cold, corrected_warm):
    """While the booklet builds (in another process), the last run's files are copied into the new folder (write._Ahead):
    after one abstract corrected, every proof that did not change is such a copy, none copied again once the booklet is
    built (before: each, atomic.copy_made), and the folder holds a cold run's bytes, with no temporary file left. A copy
    of a file that changed meanwhile is not taken (nor left there); a run that fails once copies were made leaves no
    folder (nor the folders made for it) and no copy."""
    import booklet.proofs.write as write
    from booklet.problems import DataError
    from booklet.processes import forks_pay

    if not forks_pay():
        pytest.skip("no second core: nothing is copied while the booklet builds")
    # the warm run into a new folder (corrected_warm's): the files copied once the booklet was built (after), and the
    # copies made ahead when they were discarded (ahead)
    warm, changed, out, seen = corrected_warm.warm, corrected_warm.changed, corrected_warm.out, corrected_warm.seen
    assert changed and seen.after == [] and seen.ahead == [len(changed)]  # (the corrected proofs' copies, removed)
    assert corrected_cold(REPLY_BY) == warm
    assert sorted(path.name for path in out.iterdir() if path.name.startswith(".")) == []
    # a file of the last run changed once it was copied ahead (before the copies are taken): made again, not copied
    # (the shared folder's file put back as it was, bytes and identity, for the next test that starts from it)
    folder = _after_warm(tmp_path, monkeypatch, corrected_warm)
    after = []
    real_copy = write.copy_made
    monkeypatch.setattr(write, "copy_made", lambda source, temp: after.append(source) or real_copy(source, temp))
    [one, *_] = sorted(set(warm) - set(changed))
    real_finish = write._Ahead.finish

    def finish(self) -> None:
        real_finish(self)
        if not self.stopping:
            (out / one).write_bytes(warm[one])  # (the same bytes, written again: another file)

    was = (out / one).stat()
    monkeypatch.setattr(write._Ahead, "finish", finish)
    try:
        assert _proof_bytes(folder, tmp_path / "next", workers=1, reply_by=REPLY_BY) == warm
    finally:
        os.utime(out / one, ns=(was.st_atime_ns, was.st_mtime_ns))
    assert after == [] and sorted(path.name for path in (tmp_path / "next").iterdir()
                                  if path.name.startswith(".")) == []
    # bad data (found by the build, once copies were made): no folder, no copy left
    monkeypatch.setattr(write._Ahead, "finish", real_finish)
    real_started = write._Ahead.started.__func__
    monkeypatch.setattr(write._Ahead, "started", classmethod(  # (every copy made before the build fails)
        lambda cls, *args: [ahead.finish() or ahead for ahead in real_started(cls, *args)]))
    made = []
    real_copy_new = write.copy_new
    monkeypatch.setattr(write, "copy_new", lambda *args: made.append(args[1]) or real_copy_new(*args))
    conference = folder / "conference.yaml"
    text = conference.read_text(encoding="utf-8")
    try:
        conference.write_text(text.replace("title:", "title: [", 1), encoding="utf-8")
        with pytest.raises(DataError):
            write_proofs(folder, tmp_path / "bad" / "proofs", workers=1, reply_by=REPLY_BY)
    finally:
        conference.write_text(text, encoding="utf-8")
    assert made and not (tmp_path / "bad").exists()


def test_proofs_after_one_abstract_is_corrected_take_the_last_runs_headers_of_the_proofs_whose_inputs_are_the_same(
        tmp_path, monkeypatch, corrected_cold, corrected_warm):
    """A proof's header lines (whom it is for, the talk, its pages, the reply line) are kept with what the run derived:
    after a correction that moves no page, the next run makes none of them again (before: every proof's, 0.09 s of CPU
    at 500 talks); a header whose inputs change (the reply date) is made again. The proofs are a cold run's bytes."""
    import booklet.proofs.write as write

    warm = corrected_warm.warm  # (the warm run's: the headers it made)
    assert len(warm) == len(corrected_warm.first) and corrected_warm.seen.made == []  # (before: every proof's)
    assert corrected_cold(REPLY_BY) == warm
    folder = _after_warm(tmp_path, monkeypatch, corrected_warm)
    made = []
    real = write.header_lines
    monkeypatch.setattr(write, "header_lines", lambda proof, *args: made.append(proof.id) or real(proof, *args))
    later_date = REPLY_BY + dt.timedelta(days=1)  # (another reply date: the line)
    later = _proof_bytes(folder, tmp_path / "later", workers=1, reply_by=later_date)
    assert len(made) == len(later) and all(later[name] != warm[name] for name in warm)
    assert corrected_cold(later_date) == later


def test_a_proofs_file_is_made_only_as_it_is_written_and_nothing_is_left_when_the_proofs_change(tmp_path,
                                                                                                 monkeypatch):
    """Each proof's temporary file is made as the proof is written, once the booklet is built, and only when its
    bytes are not there already: no file is made (and removed) for a proof left as it was, nor for one of the last
    run's that is no proof this time (before, the last run's proofs' files were made while the booklet built, each
    opened again to be written, and removed again when it was left as it was). Bad data still writes nothing, not
    even the folder."""
    import booklet.processes as processes
    import booklet.proofs.write as write

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = write_conference(tmp_path / "conf", _two_posters("Mixture density networks"))
    first = _proof_bytes(folder, tmp_path / "first", workers=1)
    events = []
    real_received, real_made = write._received, write.made_new
    monkeypatch.setattr(processes, "cores", lambda: 2)  # the booklet built in another process, as on most machines
    monkeypatch.setattr(write, "_received", lambda *args: _recorded(events, real_received(*args)))
    monkeypatch.setattr(write, "made_new", lambda name, target: events.append(Path(target).name)
                        or real_made(name, target))
    posters = _two_posters("Mixture density networks")["posters.yaml"]
    write_conference(folder, {"posters.yaml": posters.split("- number: 2")[0]})  # Bo Jones has no poster now
    second = _proof_bytes(folder, tmp_path / "second", workers=1)
    assert set(second) == set(first) - {"poster-bo-jones.pdf"}
    assert events[0] == "planned" and sorted(events[1:]) == sorted(second)  # each made once, after the build
    assert sorted(p.name for p in (tmp_path / "second").iterdir()) == sorted([*second, "manifest.csv"])
    events.clear()
    assert _proof_bytes(folder, tmp_path / "second", workers=1) == second
    # every proof there already, byte for byte: no file made at all (nor the booklet built: the one the last run
    # built is taken, test_last_build)
    assert events == []
    assert sorted(p.name for p in (tmp_path / "second").iterdir()) == sorted([*second, "manifest.csv"])
    write_conference(folder, {"posters.yaml": "- number: one\n  title: T\n"})
    run = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(tmp_path / "bad")])
    assert run.exit_code == 1 and "posters.yaml" in run.output and "Traceback" not in run.output
    assert not (tmp_path / "bad").exists()


def _recorded(events: list, message: tuple):
    events.append(message[0])
    return message


def test_a_damaged_or_foreign_kept_proofs_entry_is_not_used(tmp_path, monkeypatch):
    import pickle

    import booklet.proofs.write as write

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = write_conference(tmp_path / "conf", _two_posters("Mixture density networks"))
    first = _proof_bytes(folder, tmp_path / "first", workers=1)
    [kept] = (tmp_path / "cache" / write.KEPT).glob("*.pickle")
    stamp, entry = pickle.loads(kept.read_bytes())
    drawn = []
    real = write.draw_overlays
    monkeypatch.setattr(write, "draw_overlays", lambda *args: drawn.append(1) or real(*args))
    kept.write_bytes(b"not a pickle")
    assert _proof_bytes(folder, tmp_path / "damaged", workers=1) == first and len(drawn) == 1
    kept.write_bytes(pickle.dumps(("other code", entry)))  # kept by another version of booklet
    assert _proof_bytes(folder, tmp_path / "foreign", workers=1) == first and len(drawn) == 2
    assert pickle.loads(kept.read_bytes())[0] == stamp  # replaced by this code's
    assert _proof_bytes(folder, tmp_path / "kept", workers=1) == first and len(drawn) == 2


def test_a_proofs_temporary_file_is_made_as_it_is_written_and_never_into_a_file_there_already(tmp_path):
    """A proof's temporary file is made when the proof is written (not before: Together.later) and written through
    the descriptor that made it. A file of its name there already (another process's, or a link) is left as it is:
    the proof goes to a temporary file of another name, which the caller is told of."""
    from booklet.output.atomic import together
    from booklet.proofs.write import _Files, _write_new

    target = tmp_path / "p.pdf"
    moved = []
    with together() as files:
        first = files.later(target)
        assert not os.path.lexists(first)  # not made yet
        _write_new(_Files(first, (), target, ()), b"%PDF-1.4 short", lambda *made: moved.append(made))
        assert moved == [] and Path(first).read_bytes() == b"%PDF-1.4 short"
    assert target.read_bytes() == b"%PDF-1.4 short" and sorted(os.listdir(tmp_path)) == ["p.pdf"]

    elsewhere = tmp_path / "elsewhere.pdf"
    elsewhere.write_bytes(b"x" * 1000)
    with together() as files:
        taken = files.later(target)
        os.symlink(elsewhere, taken)  # its name taken meanwhile
        _write_new(_Files(taken, (), target, ()), b"%PDF-1.4 longer than it was", files.made_as)
        (made,) = files.names()  # (temporary file -> target)
        assert made != taken and Path(made).read_bytes() == b"%PDF-1.4 longer than it was"
        assert os.readlink(taken) == str(elsewhere)
        os.unlink(taken)
    assert target.read_bytes() == b"%PDF-1.4 longer than it was" and elsewhere.read_bytes() == b"x" * 1000
    assert sorted(os.listdir(tmp_path)) == ["elsewhere.pdf", "p.pdf"]


def test_files_that_cannot_be_made_early_are_reported_as_before(tmp_path, monkeypatch):
    """The last run's proof files are made before the data is checked; when they cannot be made, bad data is
    still what is reported, and good data an error naming the proof's file, as without them."""
    from booklet.problems import DataError

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = write_conference(tmp_path / "conf", _two_posters("Mixture density networks"))
    write_proofs(folder, tmp_path / "first")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be")
    with pytest.raises(NotADirectoryError) as raised:
        write_proofs(folder, blocked)
    assert Path(raised.value.filename).parent == blocked and raised.value.filename.endswith(".pdf")
    write_conference(folder, {"posters.yaml": "- number: one\n  title: T\n"})
    with pytest.raises(DataError) as bad:
        write_proofs(folder, blocked)
    assert any(problem.file.endswith("posters.yaml") for problem in bad.value.problems)
    assert blocked.read_text() == "a file where the folder should be"


def _sends(sending, *messages):
    for message in messages:
        sending.send(message)


def _sends_then_dies(sending):
    sending.send(("checked", ["a.pdf"]))
    os._exit(3)


def test_the_forked_build_process_says_what_it_sends_in_order_and_ending_early_is_an_error():
    from booklet.processes import Forked
    from booklet.proofs.write import _received

    process = Forked(_sends, ("checked", ["a.pdf", "b.pdf"]), ("planned", {"pages": 4}))
    assert _received(process, process, "it") == ("checked", ["a.pdf", "b.pdf"])
    assert _received(process, process, "it") == ("planned", {"pages": 4})
    with pytest.raises(RuntimeError, match=r"^it ended unexpectedly \(exit code 0\)$"):
        _received(process, process, "it")
    process.close()

    dying = Forked(_sends_then_dies)
    assert _received(dying, dying, "the process building the booklet") == ("checked", ["a.pdf"])
    with pytest.raises(RuntimeError, match=r"the process building the booklet ended unexpectedly \(exit code 3\)"):
        _received(dying, dying, "the process building the booklet")
    dying.close()


def test_a_forked_process_blocked_sending_to_a_reader_that_gave_up_is_ended():
    """More than a pipe holds, never read: terminate ends it where it waits (see _built_and_planned)."""
    import signal

    from booklet.processes import Forked

    process = Forked(_sends, ("planned", b"x" * 4_000_000))
    process.terminate()
    process.join()
    process.close()
    assert process.exitcode in (1, -signal.SIGTERM)  # unwound (see processes._stopped), or ended before it could


def test_proofs_are_grouped_for_equal_work_with_the_overlay_drawn_by_the_first_group_or_kept():
    from booklet.proofs.plan import Proof
    from booklet.proofs.write import _DRAW, _POINTERS, _READ, _WRITE, _groups

    # as a conference's proofs come, in page order: abstracts on pages of their own (one in three runs onto a
    # second page), then poster authors, five to a page of posters
    proofs = [Proof(f"a{i}", "abstract", str(i), "T", (), (), pages=(2 * i + 1,) + ((2 * i + 2,) if i % 3 else ()))
              for i in range(200)]
    proofs += [Proof(f"p{i}", "poster", str(i), "T", (), (), pages=(500 + i // 5,)) for i in range(800)]

    def work(group, overlay, read, first):  # files and pages; pages read once per group; the overlay
        pages = {page: proof.kind for proof in group for page in proof.pages}
        reading = sum(_READ + (_POINTERS if kind == "poster" else 0) for kind in pages.values()) if read else 0
        drawing = _DRAW * len(proofs) if overlay and first else 0
        return sum(_WRITE[0] + _WRITE[1] * len(p.pages) for p in group) + reading + drawing

    largest = _WRITE[0] + 2 * _WRITE[1] + 2 * (_READ + _POINTERS)  # one proof's work at most
    for overlay, read in ((True, True), (False, True), (False, False)):
        for count in (2, 3, 4):
            groups = _groups(proofs, count, overlay=overlay, read=read)
            assert len(groups) == count and [p for group in groups for p in group] == proofs
            costs = [work(group, overlay, read, n == 0) for n, group in enumerate(groups)]
            assert max(costs) - min(costs) <= 2 * largest, (overlay, read, count, costs)
    # the first group draws the overlay and reads abstract pages: it writes fewer proofs than with both kept
    assert len(_groups(proofs, 2)[0]) < len(_groups(proofs, 2, overlay=False, read=False)[0])
    assert _groups(proofs, 1) == [proofs]
    # after a correction, the pages carried over (`known`) cost nothing to read, nor their poster titles (`pointed`)
    every = {page for proof in proofs for page in proof.pages}
    kept = _groups(proofs, 2, overlay=False, read=False)
    assert _groups(proofs, 2, overlay=False, read=True, known=every, pointed=every) == kept
    # the titles of the poster pages found again: the second group, which has them, writes fewer proofs
    assert len(_groups(proofs, 2, overlay=False, read=True, known=every)[0]) > len(kept[0])

def test_the_overlay_is_sent_beside_the_first_group_s_own_work():
    # a message bigger than a pipe holds: sending it must not wait for the other process to take it
    import multiprocessing

    from booklet.proofs.write import _send_beside

    import threading

    here, there = multiprocessing.Pipe()
    message = (b"o" * 4_000_000, None)
    returned = []
    caller = threading.Thread(target=lambda: returned.append(_send_beside(here, message)), daemon=True)
    caller.start()
    caller.join(10)
    assert returned  # it came back though nothing has been taken yet
    assert there.recv() == message
    returned[0]()
    here2, there2 = multiprocessing.Pipe()
    sent = _send_beside(here2, message)
    there2.close()  # the other process is gone: the send fails, and sent() says so
    with pytest.raises(OSError):
        sent()
    sent(quiet=True)
    here.close(), there.close(), here2.close()


def test_the_header_lines_are_inside_the_strip_above_the_running_head(sample):
    """Each header line's glyphs, descenders too, are inside the tinted strip: the third line hung out of it, its
    descenders some 2 pt above the running head."""
    import pypdfium2 as pdfium

    from booklet.proofs import marks

    page = page_for("A5")
    strip = marks._strip_height(page)
    for proof in (proof_of(sample, "abstract", sample.booklet.abstracts[0].id), sample.result.proofs[-1]):
        document = pdfium.PdfDocument(sample.folder / proof.file)
        pdf_page = document[0]
        top = pdf_page.get_cropbox()[3]  # the top of the trim (the proof's page is cut to it)
        text = pdf_page.get_textpage()
        lowest = {}
        for line, _ in proof.header:
            found = text.search(line[:30], match_case=True).get_next()
            assert found, line
            boxes = [text.get_charbox(index) for index in range(found[0], found[0] + found[1])]
            lowest[line] = min(box[1] for box in boxes)
            assert max(box[3] for box in boxes) <= top, line
        assert min(lowest.values()) >= top - strip, (proof.id, top - strip, lowest)
        document.close()


def _header_text(path: Path, index: int = 0) -> str:
    """The text of the tinted strip above the running head on page `index` of the proof at `path` (its header)."""
    import pypdfium2 as pdfium

    from booklet.proofs import marks

    document = pdfium.PdfDocument(path)
    try:
        page = document[index]
        left, _, right, top = page.get_cropbox()
        strip = page.get_textpage().get_text_bounded(left, top - marks._strip_height(page_for("A5")), right, top)
        return strip.replace("\r\n", "\n")
    finally:
        document.close()


def test_a_proof_whose_page_underlines_a_presenting_author_says_what_that_means_in_its_header(tmp_path, monkeypatch,
                                                                                                proofed):
    """The booklet says "Presenting author underlined." once, under the Abstracts' (and the Posters') heading, when
    several entries underline: a speaker's proof of p. 16, Camila Fuentes underlined, did not say what that meant.
    Its header's second line says it now, where its pages do not (not the first abstract's proof, whose page has
    the note under the heading, nor a proof of an abstract that underlines no one); and no more once the data marks
    no author presenting (the kept headers follow: the bytes of a run without the disk cache). (The sample's first
    proofs are proofed's, shared.)"""
    note = "Presenting author underlined."
    folder, _ = _proofs_then_corrected(tmp_path, monkeypatch, proofed, correct=False)
    first, result = proofed[1], proofed[4]
    proofs = {p.id: p for p in result.proofs}
    fuentes = _header_text(first / "fuentes.pdf")
    assert "Your talk: Monday 14 June \u00b7 11:40\u201312:00 \u00b7 Aurora Auditorium \u00b7 " + note in fuentes
    assert proofs["fuentes"].header[1][0].endswith(" \u00b7 " + note)
    assert note not in _header_text(first / "brennan.pdf")  # (its authors: no one underlined)
    oyelaran = first / "oyelaran.pdf"  # the first abstract: the note is on its page, under the heading
    assert note in Pdf(oyelaran).texts[0] and note not in _header_text(oyelaran)
    # a poster's author: on a page after the list's first, which says it
    poster = _header_text(first / "poster-camila-fuentes.pdf")
    assert poster.splitlines()[1].startswith("Poster 7 \u00b7 ") and poster.splitlines()[1].endswith(" \u00b7 " + note)
    assert note not in _header_text(first / "poster-felix-albrecht.pdf")  # (on the list's first page)
    # Camila Fuentes no longer marked presenting: no one is underlined on her page, and her header says nothing of it
    abstracts = folder / "abstracts.yaml"
    text = abstracts.read_text(encoding="utf-8")
    marked = "presenting: true, email: c.fuentes@example.org"
    assert text.count(marked) == 1
    abstracts.write_text(text.replace(marked, "email: c.fuentes@example.org"), encoding="utf-8")
    warm = _proof_bytes(folder, tmp_path / "edited", reply_by=REPLY_BY, workers=1)
    fuentes = _header_text(tmp_path / "edited" / "fuentes.pdf")
    assert fuentes.splitlines()[1] == "Your talk: Monday 14 June \u00b7 11:40\u201312:00 \u00b7 Aurora Auditorium"
    assert note not in fuentes
    assert note in _header_text(tmp_path / "edited" / "araujo.pdf")  # (another abstract's, still underlined)
    with monkeypatch.context() as patch:
        patch.setenv("BOOKLET_CACHE", "off")
        assert _proof_bytes(folder, tmp_path / "cold", reply_by=REPLY_BY, workers=1) == warm


def test_a_manifest_cell_that_starts_like_a_formula_is_kept_as_text(tmp_path):
    """A speaker's name typed into a form as =HYPERLINK("http://evil.example","x") went into manifest.csv as it is: a
    live formula when the LOC opens it in a spreadsheet for the mail merge (a fuzzing run). It starts with "'"."""
    from booklet.proofs.plan import manifest_text

    name = '=HYPERLINK("http://evil.example","x")'
    folder = write_conference(tmp_path / "conf", {"abstracts.yaml": (
        f"- id: lund-2026\n  title: A talk\n  speaker: {{name: '{name}', email: '+a@b.org'}}\n"
        "- id: okafor\n  title: More\n  speaker: {name: '@Chiamaka Okafor', email: c@o.org}\n")})
    result = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(tmp_path / "proofs")])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO((tmp_path / "proofs" / "manifest.csv").read_text("utf-8-sig"))))
    by_id = {row["id"]: row for row in rows}
    assert by_id["lund-2026"]["names"] == "'" + name
    assert by_id["lund-2026"]["emails"] == "+a@b.org"  # (addresses as they are: a mail merge sends to them)
    assert by_id["okafor"]["names"] == "'@Chiamaka Okafor" and by_id["okafor"]["emails"] == "c@o.org"
    assert manifest_text([]) == "id,kind,names,emails,file,pages,day,time,room\r\n"


def _proofs_of(tmp_path, abstracts: str) -> tuple:
    """`booklet proofs` of the base conference with `abstracts` (YAML) added: (its folder, the proofs' folder, the
    manifest's rows)."""
    folder = write_conference(tmp_path / "conf", {"abstracts.yaml": extend("abstracts.yaml", abstracts)})
    out = tmp_path / "out"
    run = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(out)])
    assert run.exit_code == 0, run.output
    with (out / "manifest.csv").open(encoding="utf-8-sig", newline="") as file:
        return folder, out, list(csv.DictReader(file))


def test_an_id_that_is_a_file_name_keeps_it_and_booklet_proof_gives_that_abstract_s_proof(tmp_path):
    """A fuzzing run: abstracts `a/b` (Ana Smith) and `a_b` (Bo Jones) had proofs a_b.pdf (Ana's) and a_b-2.pdf, and
    `booklet proof a_b` gave Ana's. An id that is a file name as it is keeps it; `proof` takes a data id first."""
    folder, _, manifest = _proofs_of(tmp_path, """\
        - id: a/b
          title: Slashed
          speaker: {name: Ana Smith}
        - id: a_b
          title: Underscored
          speaker: {name: Bo Jones}
        """)
    rows = {row["names"]: row["id"] for row in manifest}
    assert rows["Bo Jones"] == "a_b" and rows["Ana Smith"] == "a_b-2"
    for asked, who, title in (("a_b", "Bo Jones", "Underscored"), ("a/b", "Ana Smith", "Slashed"),
                              ("a_b-2", "Ana Smith", "Slashed")):
        one = tmp_path / "one.pdf"
        again = CliRunner().invoke(main, ["proof", asked, str(folder), "-o", str(one)])
        assert again.exit_code == 0, again.output
        assert f"for {who}." in again.output and title in PdfReader(one).pages[0].extract_text()


def test_an_id_windows_keeps_for_a_device_gets_a_file_name_windows_can_hold(tmp_path):
    """Fuzzing: abstracts `CON` and `nul.txt` had proofs CON.pdf and nul.txt.pdf, names Windows keeps for devices
    (whatever follows the first dot): a proofs folder copied there, or unzipped, loses them. They get a '_' after that
    part; the manifest names those files; `booklet proof CON` still gives CON's."""
    folder, out, manifest = _proofs_of(tmp_path, """\
        - id: CON
          title: Reserved
          speaker: {name: Ana Smith}
        - id: nul.txt
          title: Dotted
          speaker: {name: Bo Jones}
        - id: console
          title: Longer
          speaker: {name: Cy Wu}
        """)
    rows = {row["names"]: (row["id"], row["file"]) for row in manifest}
    assert rows["Ana Smith"] == ("CON_", "CON_.pdf") and rows["Bo Jones"] == ("nul_.txt", "nul_.txt.pdf")
    assert rows["Cy Wu"] == ("console", "console.pdf")
    assert {"CON_.pdf", "nul_.txt.pdf", "console.pdf"} <= {p.name for p in out.iterdir()}
    one = tmp_path / "one.pdf"
    again = CliRunner().invoke(main, ["proof", "CON", str(folder), "-o", str(one)])
    assert again.exit_code == 0, again.output
    assert "for Ana Smith." in again.output and "Reserved" in PdfReader(one).pages[0].extract_text()


def test_the_reply_line_says_what_to_check_in_fewer_words_rather_than_cut(tmp_path):
    """A review: every sample proof's header ended "...the day and time where…", and with a longer address
    "affiliations,…". The longest wording of what to check that fits whole is printed; only a line that cannot hold
    the address is cut (and a warning says so: see test_the_deadline_line_is_as_large_as_the_lines_above...)."""
    import datetime as dt

    from booklet.layout.page import page_for
    from booklet.proofs.marks import REPLY_CHECKS, english, reply_line

    page = page_for("A5")
    made = [reply_line(contact, dt.date(2027, 5, 20), page) for contact in
            ("loc@ex.org", "the-local-organising-committee@physics.example-university.org",
             "x" * 200 + "@example.org")]
    lines = [" ".join(line for line, _ in found[0]) for found in made]
    checks = [f"; {english()[key]}." for key in REPLY_CHECKS]
    assert any(lines[0].endswith(check) for check in checks) and made[0][1] is None
    assert lines[1].endswith("example-university.org.") and "check" in made[1][1]  # (left out: said, see below)
    assert not any(line.endswith("\u2026") for line in lines[:2])
    assert lines[2].endswith("\u2026") and "cut short" in made[2][1]  # (an address longer than the line: cut, said)


def test_a_poster_author_written_two_ways_that_people_yaml_joins_gets_one_proof():
    """A new user's run: people.yaml listed "Eva Berg" with the alias "E. Berg", and the index merged her; but
    proofs wrote poster-eva-berg.pdf and poster-e-berg.pdf, a manifest row each. One person, one proof of both
    posters, under the name people.yaml gives."""
    from booklet.model import Identity, Poster
    from booklet.model import Person as Someone
    from booklet.proofs.plan import poster_authors

    posters = (Poster(1, "Tides", (Someone("Eva Berg", email="eva@example.org"),)),
               Poster(2, "Waves", (Someone("Bo Li"), Someone("E. Berg"))),
               Poster(3, "Foam", (Someone("eva  berg"),)))
    authors = poster_authors(posters, (Identity("Eva Berg", ("E. Berg",)),))
    assert [(person.name, person.email, indices) for person, indices in authors] == [
        ("Eva Berg", "eva@example.org", [0, 1, 2]), ("Bo Li", None, [1])]
    # without people.yaml, "E. Berg" is another person
    assert [person.name for person, _ in poster_authors(posters)] == ["Eva Berg", "Bo Li", "E. Berg"]


def test_a_poster_author_written_with_a_character_the_fonts_leave_out_gets_one_proof():
    """"Bo Jones 🎉" prints "Bo Jones" (the bundled fonts have no emoji), and the index of authors has them as one
    person: so do the proofs, one proof of both posters; a name in another composed form (NFD) is one person too."""
    from booklet.model import Poster
    from booklet.model import Person as Someone
    from booklet.proofs.plan import poster_authors

    posters = (Poster(1, "Tides", (Someone("Bo Jones", email="bo@example.org"),)),
               Poster(2, "Waves", (Someone("Bo Jones \U0001f389"),)),
               Poster(3, "Foam", (Someone("Zoe\u0308 Berg"),)), Poster(4, "Spray", (Someone("Zo\u00eb Berg"),)))
    assert [(person.name, indices) for person, indices in poster_authors(posters)] == [
        ("Bo Jones", [0, 1]), ("Zoe\u0308 Berg", [2, 3])]


@pytest.mark.parametrize("second_email, rows", [
    # two people: each their own proof, with their own poster, sent to their own address
    ("asmith@other.edu", [("poster-anna-smith", "Anna Smith", "anna.smith@uni-a.org", "Mixture density networks"),
                          ("poster-anna-smith-2", "anna smith", "asmith@other.edu", "Kernel methods for spectra")]),
    # one person typed twice (the same address, or one only): one proof of both, and the lint says so
    ("Anna.Smith@uni-a.org", [("poster-anna-smith", "Anna Smith", "anna.smith@uni-a.org",
                               "Mixture density networks / Kernel methods for spectra")]),
    (None, [("poster-anna-smith", "Anna Smith", "anna.smith@uni-a.org",
             "Mixture density networks / Kernel methods for spectra")]),
])
def test_poster_authors_whose_names_differ_only_in_capitals(tmp_path, second_email, rows):
    """A review: "Anna Smith" and "anna smith", each with an email of their own, shared one proof (both posters),
    mailed to the first's address only: the other never saw hers. Different emails tell people apart (as the lint
    of names has it); the same name typed twice, with one address, stays one proof, and check warns of it."""
    posters = ("- number: 1\n  author: Anna Smith\n  email: anna.smith@uni-a.org\n  title: Mixture density networks\n"
               "- number: 2\n  author: anna smith\n" + (f"  email: {second_email}\n" if second_email else "")
               + "  title: Kernel methods for spectra\n")
    folder = write_conference(tmp_path / "conf", {"posters.yaml": posters})
    out = tmp_path / "out"
    run = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(out), "--reply-by", "2027-08-20"])
    assert run.exit_code == 0, run.output
    with (out / "manifest.csv").open(encoding="utf-8-sig", newline="") as file:
        found = [(row["id"], row["names"], row["emails"]) for row in csv.DictReader(file) if row["kind"] == "poster"]
    assert found == [(proof_id, name, email) for proof_id, name, email, _ in rows]
    for proof_id, name, _, titles in rows:
        header = " ".join(PdfReader(out / f"{proof_id}.pdf").pages[0].extract_text().split())
        assert f"PROOF for {name} \u00b7 booklet page" in header
        assert header.count("Kernel methods for spectra") == ("Kernel" in titles) + 1  # in the header and on the page
    warned = "'anna smith' (1 place) is also written 'Anna Smith' (1 place, first at posters.yaml:1; capitals differ)"
    assert (warned in run.output) == (len(rows) == 1)


def test_a_german_booklets_proofs_speak_german_and_a_theme_may_reword_them(tmp_path):
    """A new user's run (language: de): each proof's header read "PROOF for ...", "Your talk: Monday 4 October",
    "Corrections by Wednesday, 1 September 2027 ...", above a German page, and the manifest's day was English. The
    proofs' words are labels in the booklet's language (theme.yaml's `labels` over them), its dates too."""
    conference = BASE["conference.yaml"] + "language: de\ncontact: loc@example.org\n"
    folder = write_conference(tmp_path / "conf", {"conference.yaml": conference,
                                                  "theme.yaml": "labels:\n  proof_talk: Dein Vortrag\n"})
    result = write_proofs(folder, tmp_path / "proofs", reply_by=dt.date(2027, 9, 1))
    proof = next(p for p in result.proofs if p.entry == "lund-2026")
    (first, _), (second, _), (third, _) = proof.header
    assert first == f"KORREKTURABZUG für Ana Smith \u00b7 Programmheft Seite {proof.pages[0]}"
    assert second.startswith("Dein Vortrag: Montag, 13. September \u00b7 09:20")
    assert third.startswith("Korrekturen bis Mittwoch, 1. September 2027 an loc@example.org; ")
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "proofs" / proof.file).pages)
    assert "KORREKTURABZUG" in text and "NICHT ZUM DRUCK" in text and "PROOF" not in text
    with (tmp_path / "proofs" / "manifest.csv").open(encoding="utf-8-sig", newline="") as file:
        row = next(r for r in csv.DictReader(file) if r["id"] == "lund-2026")
    assert row["day"] == "Montag, 13. September"


def test_a_name_holding_a_placeholders_name_prints_as_written_in_the_proofs_header(tmp_path):
    """A fuzzing run: the header of the proof of "Ana {pages} Smith" read "PROOF for Ana page 5 Smith": the label's
    placeholders were filled one after another, the name's "{pages}" too. They are filled in one pass."""
    abstracts = BASE["abstracts.yaml"].replace("name: Ana Smith", 'name: "Ana {pages} Smith"')
    folder = write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts})
    out = tmp_path / "proof.pdf"
    run = CliRunner().invoke(main, ["proof", "lund-2026", str(folder), "-o", str(out)])
    assert run.exit_code == 0, run.output
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "PROOF for Ana {pages} Smith" in text and "Ana page" not in text


def test_a_french_proofs_header_lists_names_and_sets_days_and_marks_as_french_does(tmp_path):
    """A typesetter's review: "ÉPREUVE pour Радослав Петков and Tomáš Horáček", "Votre tutoriel: Jeudi ..." and
    "example.org; merci" in a French booklet. The names are listed as the language lists them, the day is written
    as inside a line, and a colon or semicolon has the no-break space French sets before it."""
    conference = BASE["conference.yaml"] + "language: fr\ncontact: loc@example.org\n"
    tutorials = BASE["tutorials.yaml"].replace("- {name: Sven Oberg, affiliation: NBI}",
                                               "- {name: Sven Oberg, affiliation: NBI}\n    - {name: Kari Solbakken}")
    folder = write_conference(tmp_path / "conf", {"conference.yaml": conference, "tutorials.yaml": tutorials})
    result = write_proofs(folder, tmp_path / "proofs", reply_by=dt.date(2027, 9, 1))
    proof = next(p for p in result.proofs if p.kind == "tutorial")
    (first, _), (second, _), (third, _) = proof.header
    assert first.startswith("ÉPREUVE pour Sven Oberg et Kari Solbakken \u00b7 ")
    assert second.startswith("Votre tutoriel\u00a0: lundi 13 septembre \u00b7 14:00")
    assert "loc@example.org\u00a0; " in third


def test_an_abstracts_proof_on_a_page_of_several_points_at_its_title(sample_a4):
    """A typesetter's review: on A4, where abstracts flow several to a page, a speaker's proof held another's abstract
    first and nothing told which was theirs (a poster's proof points at its title). An abstract on a page of several
    gets a pointer at its title's height; one alone on its page needs none."""
    from booklet.proofs.marks import poster_pointers

    built = sample_a4
    booklet, _ = read_booklet(DATA)
    titles = {f"abstract-{i}": a.title for i, a in enumerate(booklet.abstracts)}
    pages = {}
    for key, page in built.anchors.items():
        if key.startswith("abstract-"):
            pages.setdefault(page, []).append(key)
    shared = next(keys for keys in pages.values() if len(keys) > 1)
    from booklet.proofs.plan import Proof

    proofs = [Proof(key, "abstract", key, titles[key], (), (key,)) for key in shared]
    pointers = poster_pointers(built.output.read_bytes(), proofs, titles, built.anchors)
    heights = [pointers[(key, built.anchors[key])] for key in shared]
    assert all(len(found) == 1 for found in heights)
    assert heights[0][0][1] > heights[1][0][1]  # the first abstract's title above the second's (x, y)
    alone = next((keys for keys in pages.values() if len(keys) == 1), None)
    if alone:
        proof = Proof(alone[0], "abstract", alone[0], titles[alone[0]], (), (alone[0],))
        assert poster_pointers(built.output.read_bytes(), [proof], titles, built.anchors) == {}


def test_poster_pointers_of_titles_known_from_the_last_run_do_not_load_pdfium(sample_a4, monkeypatch):
    """After one abstract corrected, the titles found on the pages that did not change are the last run's (`known`):
    their pointers are taken as they are, and PDFium (about 4 % of the sample's build in CPU to load) is not loaded,
    nor the booklet opened: not even a PDF is needed. A title not known is looked for (here: PDFium refused)."""
    import sys

    from booklet.proofs.marks import poster_pointers
    from booklet.proofs.plan import Proof

    built = sample_a4
    booklet, _ = read_booklet(DATA)
    titles = {f"poster-{i}": poster.title for i, poster in enumerate(booklet.posters)}
    numbers = {f"poster-{i}": str(poster.number) for i, poster in enumerate(booklet.posters)}
    proofs = [Proof(key, "poster", key, titles[key], (), (key,)) for key in titles]
    found: dict[int, dict] = {}
    pointers = poster_pointers(built.output.read_bytes(), proofs, titles, built.anchors, numbers, found=found)
    assert len(pointers) == len(proofs) and found
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # an import of it raises ImportError
    again: dict[int, dict] = {}
    assert poster_pointers(b"not a PDF", proofs, titles, built.anchors, numbers, known=found, found=again) == pointers
    assert again == found
    first = min(found)
    with pytest.raises(ImportError):
        poster_pointers(b"not a PDF", proofs, titles, built.anchors, numbers,
                        known={page: on_page for page, on_page in found.items() if page != first})


def test_proofs_after_an_abstract_corrected_do_not_load_pdfium_beside_the_build(tmp_path, monkeypatch, proofed):
    """The second run of proofs, after one abstract's typo corrected, builds the booklet in another process and loads
    meanwhile what writing proofs needs, but PDFium only when the run is likely to need it (PNGs, or no earlier run to
    take the poster titles' places from): here every title is the last run's, and the corrected proof is written.
    (The first run, which only fills the disk cache, is proofed's, made in this process, its cache copied, and its
    proofs copied into the folder the second run writes into; the second is a new process's.)"""
    import subprocess
    import sys

    import shutil

    from booklet.cache.persisted import stamp

    folder, _ = _proofs_then_corrected(tmp_path, monkeypatch, proofed, correct=False)  # (the sample: posters)
    shutil.copytree(proofed[1], tmp_path / "out")  # (the same bytes: each proof not corrected is left as it is)
    env = {**os.environ, "BOOKLET_CACHE": str(tmp_path / "cache")}
    run = ("import sys, datetime; from pathlib import Path; from booklet.proofs import write_proofs; "
           "result = write_proofs(Path(sys.argv[1]), Path(sys.argv[2]), "
           "reply_by=datetime.date.fromisoformat(sys.argv[3])); "
           "from booklet.cache.persisted import stamp; "
           "print(len(result.proofs), len(result.unchanged), 'pypdfium2' in sys.modules, stamp())")
    count = len(proofed[4].proofs)
    abstracts = folder / "abstracts.yaml"
    text = abstracts.read_text(encoding="utf-8")
    assert "Bayesian" in text
    abstracts.write_text(text.replace("Bayesian", "Bayseian", 1), encoding="utf-8")
    second = subprocess.run([sys.executable, "-c", run, str(folder), str(tmp_path / "out"), REPLY_BY.isoformat()],
                            capture_output=True, text=True, timeout=300, cwd=ROOT, env=env)
    assert second.returncode == 0, second.stderr
    proofs, unchanged, pdfium, code = second.stdout.split()
    # the first run's kept entry is this code's: a module of booklet's edited (or only touched) while the tests run
    # makes it another's, and the second run, rightly, starts as if there were none (PDFium loaded, the titles found)
    assert code == stamp(), "booklet's code changed between the two runs (edited while the tests ran?)"
    assert int(proofs) == count and 0 < int(unchanged) < count  # (the corrected abstract's proof written anew)
    if os.cpu_count() and len(os.sched_getaffinity(0)) >= 2:  # (one core: nothing loaded beside a build)
        assert pdfium == "False"
    corrected = [path.name for path in sorted((tmp_path / "out").glob("*.pdf")) if "bayseian" in "".join(Pdf(path).norms)]
    assert corrected  # (the corrected proof written, as corrected)


def test_a_posters_proof_points_at_its_own_title_when_titles_print_the_label_alike(tmp_path):
    """Two posters titled in CJK alone (東京, 京都) on one page, grouped under poster sessions so titled: every one of
    the four lines starts with the label title_not_printable, and the pointer of each poster's proof (a search for
    its title's first words) pointed at the first of them, the first group's heading. Each points at its own title,
    the one with its number left of it."""
    import pypdfium2 as pdfium

    from booklet.proofs.marks import poster_pointers
    from booklet.proofs.plan import Proof

    programme = poster_days_programme("東京", "京都")
    posters = ("- {number: 1, author: Zoe Papadopoulou, title: 東京, session: 東京}\n"
               "- {number: 2, author: Eva Berg, title: 京都, session: 京都}\n")
    data = write_conference(tmp_path / "conf", {"programme.yaml": programme, "posters.yaml": posters,
                                                "theme.yaml": "posters: {group_by: session}\n",
                                                "abstracts.yaml": None, "tutorials.yaml": None})
    built = build_booklet(data, tmp_path / "b.pdf")
    booklet, _ = read_booklet(data)
    keys = ["poster-0", "poster-1"]
    titles = {key: poster.title for key, poster in zip(keys, booklet.posters)}
    numbers = {key: str(poster.number) for key, poster in zip(keys, booklet.posters)}
    assert built.anchors["poster-0"] == built.anchors["poster-1"]  # (one page)
    pdf = (tmp_path / "b.pdf").read_bytes()
    page = pdfium.PdfDocument(pdf)[built.anchors["poster-0"] - 1]
    text = page.get_textpage()
    search, found = text.search("(title not printable)", match_case=True), []
    while (match := search.get_next()):
        left, bottom, _, top = text.get_charbox(match[0])
        found.append((left, (bottom + top) / 2))
    assert len(found) == 4  # (heading, title; heading, title)
    proofs = [Proof(key, "poster", numbers[key], "", (), (key,)) for key in keys]
    pointers = poster_pointers(pdf, proofs, titles, built.anchors, numbers)
    assert [pointers[(key, built.anchors[key])] for key in keys] == [[found[1]], [found[3]]]
    unnumbered = poster_pointers(pdf, proofs, titles, built.anchors)  # (as before: the first place, a heading)
    assert [unnumbered[(key, built.anchors[key])] for key in keys] == [[found[0]], [found[0]]]


def test_a_reply_by_date_that_is_past_is_a_warning_and_a_bad_one_an_error():
    """Fuzzing: `--reply-by 1900-01-01` printed on every proof without a word (a year mistyped)."""
    from click.testing import CliRunner

    from booklet.cli import main

    runner, tmp_missing = CliRunner(), "/nonexistent-folder"  # (the dates are read before the folder is looked at)
    past = runner.invoke(main, ["proof", "nobody", tmp_missing, "--reply-by", "1900-01-01"])
    assert "booklet: warning: --reply-by 1900-01-01 is past; each proof asks for corrections by then" in past.stderr
    future = dt.date.today() + dt.timedelta(days=30)
    later = runner.invoke(main, ["proof", "nobody", tmp_missing, "--reply-by", future.isoformat()])
    assert "is past" not in later.stderr
    bad = runner.invoke(main, ["proof", "nobody", tmp_missing, "--reply-by", "2027-13-01"])
    assert bad.exit_code == 2 and "'2027-13-01' is not a date like 2027-05-20" in bad.stderr


LONG_CONTACT = "the-local-organising-committee@physics.example-university.org"


def test_the_deadline_line_is_as_large_as_the_lines_above_and_what_it_leaves_out_is_said():
    """A speaker's-eye review: "Corrections by <date> to <contact>; please check ..." was set at 5.57 pt on an A5 proof
    (the lines above at 6.8 and 6.1); with a long address at 5.7 pt, its "please check ..." dropped without a word.
    It is as large as the lines above, at least 6.5 pt: on two lines where the strip holds four (A4), else the
    deadline and address alone, and a warning says what was left out."""
    from booklet.proofs.marks import _header_sizes, reply_line

    a5, a4 = page_for("A5"), page_for("A4")
    lines, said = reply_line("starstat2027@example.org", REPLY_BY, a5)
    assert [line for line, _ in lines] == [
        "Corrections by Thursday, 20 May 2027 to starstat2027@example.org; check names and affiliations."]
    assert said is None and round(lines[0][1], 2) == 6.84 and lines[0][1] >= max(_header_sizes(a5))
    lines, said = reply_line(LONG_CONTACT, REPLY_BY, a4)
    size = 7.710440715541631
    assert lines == ((f"Corrections by Thursday, 20 May 2027 to {LONG_CONTACT}; please check names,", size),
                     ("affiliations, formulas, and the day and time where they are given.", size))
    assert said is None and _header_sizes(a4, 4) == (7.710440715541631,) * 4
    lines, said = reply_line(LONG_CONTACT, REPLY_BY, a5)
    assert [line for line, _ in lines] == [f"Corrections by Thursday, 20 May 2027 to {LONG_CONTACT}."]
    assert round(lines[0][1], 2) == 6.7
    assert said == (f"the header's last line, 'Corrections by Thursday, 20 May 2027 to {LONG_CONTACT}', is set at "
                    "6.70 pt (the lines above too, not 6.84) and leaves out 'check names and affiliations': the "
                    "contact address is too long for the strip; a shorter one in conference.yaml sets it larger")
    lines, said = reply_line("the-loc@physics.example-university.org", REPLY_BY, a5)
    assert lines == (("Corrections by Thursday, 20 May 2027 to the-loc@physics.example-university.org.",
                      6.843137997173447),)
    assert said == ("the header's last line leaves out 'check names and affiliations': 'Corrections by Thursday, 20 "
                    "May 2027 to the-loc@physics.example-university.org' fills the strip at this page size (A5); a "
                    "shorter contact address in conference.yaml leaves room for it")


@pytest.mark.parametrize("size", ["A5", "A4"])
def test_a_proof_with_a_long_contact_keeps_the_deadline_large_inside_the_strip_and_warns(tmp_path, size):
    """The proof of a conference with a long contact address: every header line in the strip, none larger than the
    deadline's (at least 6.5 pt), the address whole; on A5 the warning of what was left out."""
    import pypdfium2 as pdfium

    from booklet.proofs import marks

    folder = write_conference(tmp_path / "conf", {"conference.yaml": extend("conference.yaml",
                                                                            f"contact: {LONG_CONTACT}")})
    result = write_proofs(folder, tmp_path / "out", page_size=size, reply_by=REPLY_BY)
    proof = next(p for p in result.proofs if p.id == "lund-2026")
    reply = [(line, size) for line, size in proof.header[2:]]
    assert len(reply) == (1 if size == "A5" else 2)
    assert all(size >= 6.5 and size >= max(s for _, s in proof.header) for _, size in reply)
    assert LONG_CONTACT in reply[0][0]
    warned = [p for p in result.warnings if p.kind == "proof-header"]
    contact_line = (folder / "conference.yaml").read_text("utf-8").splitlines().index(f"contact: {LONG_CONTACT}") + 1
    assert [(p.file, p.line, p.key, p.severity) for p in warned] == (  # (at its line: a review found it at none)
        [("conference.yaml", contact_line, "contact", "warning")] if size == "A5" else [])
    page = page_for(size)
    document = pdfium.PdfDocument(tmp_path / "out" / "lund-2026.pdf")
    text = document[0].get_textpage()
    top = document[0].get_cropbox()[3]
    for line, _ in proof.header:
        found = text.search(line[:30], match_case=True).get_next()
        assert found, line
        boxes = [text.get_charbox(index) for index in range(found[0], found[0] + found[1])]
        assert min(box[1] for box in boxes) >= top - marks._strip_height(page) and max(box[3] for box in boxes) <= top
    document.close()


def test_a_proof_without_reply_by_or_with_one_after_the_conference_warns(tmp_path):
    """`booklet proof` / `proofs` without --reply-by printed no deadline and said nothing; a --reply-by after the
    conference's end was taken silently (a past one is a warning). Both are warnings now, not errors."""
    folder = write_conference(tmp_path / "conf")  # the conference: 2027-09-13 to 2027-09-14
    run = CliRunner().invoke(main, ["proof", "okafor", str(folder), "-o", str(tmp_path / "one.pdf")])
    assert run.exit_code == 0, run.output
    assert ("booklet: warning: no --reply-by: the proofs say whom to send corrections to, not by when "
            "(give a date: --reply-by 2027-08-16)") in run.output  # (four weeks before the conference)
    for date, when in (("2027-09-20", "after the conference ends"), ("2027-09-14", "during the conference")):
        run = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(tmp_path / "out"), "--reply-by", date])
        assert run.exit_code == 0, run.output
        assert (f"booklet: warning: --reply-by {date} is {when} (2027-09-13 to 2027-09-14); each proof asks for "
                "corrections by then, but the booklet is printed before it starts") in run.output
        assert "no --reply-by" not in run.output
    run = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(tmp_path / "out"), "--reply-by", "2027-09-10"])
    assert run.exit_code == 0 and "warning: --reply-by" not in run.output and "no --reply-by" not in run.output


def test_the_summary_counts_proofs_without_any_address_apart_from_a_co_presenter_without_one(tmp_path):
    """The summary said "No email address, so no mail merge for these (31)" where 30 proofs had no address at all:
    the 31st went to one presenter, only its co-presenter had none. Counted and worded apart."""
    folder = write_conference(tmp_path / "conf", {"tutorials.yaml": """\
        - id: bayes-intro
          title: Bayesian inference
          description: A course.
          presenters:
            - {name: Sven Oberg, affiliation: NBI, email: sven@example.org}
            - {name: Mei Chen}
        """})
    run = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(tmp_path / "out"), "--reply-by", "2027-09-01"])
    assert run.exit_code == 0, run.output
    lines = run.output.strip().splitlines()
    start = lines.index("No email address, so no mail merge for these (4): send them another way.")  # (Mei Chen's,
    assert all("warning: no email for" in line and " only; " not in line for line in lines[start + 1:start + 5])
    assert lines[start + 5] == ("The mail merge sends this proof to the other presenters only (1): send it to the one "
                                "without an address another way.")  # the session's chair's, one of them)
    assert lines[start + 6].endswith("warning: no email for Mei Chen (tutorial 'bayes-intro'): bayes-intro.pdf goes to "
                                     "Sven Oberg only; send it to Mei Chen another way")
    assert len(lines) == start + 7


def test_a_poster_proof_says_when_and_where_its_poster_session_is(tmp_path):
    """Poster proofs' header and manifest row had no day, time or room, though the programme had its one poster
    session. Filled from the `kind: poster` line the poster's `session:` names (or the programme's one such line);
    left empty when that is not one line (two poster sessions, and the poster names neither)."""
    session = '      - {time: "16:00-18:00", title: Posters and Drinks, kind: poster, room: Foyer}\n'
    programme = BASE["programme.yaml"] + session
    posters = BASE["posters.yaml"] + "- number: 2\n  author: Ivo Kask\n  title: Foam\n  session: Posters and drinks\n"
    folder = write_conference(tmp_path / "one", {"programme.yaml": programme, "posters.yaml": posters})
    result = write_proofs(folder, tmp_path / "out1")
    with (tmp_path / "out1" / "manifest.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = {row["id"]: row for row in csv.DictReader(file)}
    for name in ("poster-zoe-papadopoulou", "poster-ivo-kask"):
        assert (rows[name]["day"], rows[name]["time"], rows[name]["room"]) == ("Monday 13 September", "16:00–18:00",
                                                                               "Foyer")
    header = next(p for p in result.proofs if p.id == "poster-zoe-papadopoulou").header
    assert header[1][0] == ("Poster 1 \u00b7 Monday 13 September \u00b7 16:00\u201318:00 \u00b7 Foyer: "
                            "Mixture density networks")
    second = programme + "  - date: 2027-09-14\n    items:\n" + session.replace("Drinks", "Coffee")
    folder = write_conference(tmp_path / "two", {"programme.yaml": second, "posters.yaml": posters})
    write_proofs(folder, tmp_path / "out2")
    with (tmp_path / "out2" / "manifest.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = {row["id"]: row for row in csv.DictReader(file)}
    assert (rows["poster-zoe-papadopoulou"]["day"], rows["poster-zoe-papadopoulou"]["time"]) == ("", "")  # which?
    assert (rows["poster-ivo-kask"]["day"], rows["poster-ivo-kask"]["room"]) == ("Monday 13 September", "Foyer")


def test_a_proof_after_midnight_says_the_next_day_and_the_others_of_its_night_their_own(tmp_path):
    """Each day's title is written once for all the proofs (plan._when keeps them by date): a talk after midnight is
    given on the next day, and its proof says so, while the talk before midnight, of the same night's day, and the
    tutorial of the day say that day's."""
    programme = yaml_text("""\
        days:
          - date: 2027-09-13
            items:
              - {time: "14:00-17:00", tutorial: bayes-intro}
              - parallel:
                  - {session: Night A, items: [{time: "23:00-24:00", title: Quiz}, {time: "00:00-01:00", talk: lund-2026}]}
                  - {session: Night B, items: [{time: "23:30-00:30", talk: okafor}, {time: "00:30-01:30", title: Film}]}
        """)
    folder = write_conference(tmp_path / "data", {"programme.yaml": programme})
    result = write_proofs(folder, tmp_path / "out")
    with (tmp_path / "out" / "manifest.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = {row["id"]: row for row in csv.DictReader(file)}
    assert (rows["lund-2026"]["day"], rows["lund-2026"]["time"]) == ("Tuesday 14 September", "00:00\u201301:00")
    assert (rows["okafor"]["day"], rows["okafor"]["time"]) == ("Monday 13 September", "23:30\u201300:30")
    assert rows["bayes-intro"]["day"] == "Monday 13 September"
    header = next(p for p in result.proofs if p.id == "lund-2026").header
    assert "Tuesday 14 September \u00b7 00:00\u201301:00" in header[1][0]


def test_the_manifest_is_utf_8_with_a_byte_order_mark_and_crlf_rows_for_excel(tmp_path):
    """Excel on Windows read manifest.csv (UTF-8, no BOM) in the ANSI code page: "Peñalosa" came out "PeÃ±alosa". It
    starts with a byte order mark (Excel and Word's mail merge take it as UTF-8), each row ending in CRLF."""
    abstracts = BASE_ABSTRACTS.replace("Ana Smith", "Ignacio Peñalosa").replace("affiliation: Uni A",
                                                                                "affiliation: Uni A, email: ip@x.org")
    folder = write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts})
    write_proofs(folder, tmp_path / "out")
    data = (tmp_path / "out" / "manifest.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,kind,names,emails,file,pages,day,time,room\r\n")
    assert b"lund-2026,abstract,Ignacio Pe\xc3\xb1alosa,ip@x.org,lund-2026.pdf," in data
    assert data.count(b"\r\n") == data.count(b"\n") == 6 and data.endswith(b"\r\n")  # (5 proofs: one a chair's)


def test_many_proofs_without_an_address_are_counted_with_the_first_few_and_the_manifest_named(tmp_path):
    """Proofs of a frab or pretalx import (no addresses in them): 148 'no email for ...' lines, one per proof, buried
    the summary. Of more than ten, the first five are shown at their places and the rest are in manifest.csv."""
    more = "".join(f"- id: extra-{n}\n  title: Extra talk {n}\n  speaker: {{name: Speaker Number{n}}}\n"
                   f"  abstract: Some text.\n" for n in range(8))
    folder = write_conference(tmp_path / "conf", {"abstracts.yaml": BASE["abstracts.yaml"] + more})
    out = tmp_path / "out"
    run = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(out), "--reply-by", "2027-09-01"])
    assert run.exit_code == 0, run.output
    lines = run.output.strip().splitlines()
    start = lines.index("No email address, so no mail merge for these (13): send them another way.")  # (a chair's)
    shown = lines[start + 1:start + 6]
    assert all(re.match(r"\w+\.yaml:\d+: .*warning: no email for ", line) for line in shown), shown
    assert lines[start + 6:] == [f"... and 8 more, listed in {out / 'manifest.csv'}: the rows with an empty emails "
                                 "column."]
    with (out / "manifest.csv").open(encoding="utf-8-sig", newline="") as file:
        assert sum(not row["emails"] for row in csv.DictReader(file)) == 13


def test_a_proofs_header_prints_a_names_apostrophe_as_the_page_does(tmp_path):
    """A French LOC's review: the header read "ÉPREUVE pour Jean le Rond d'Alembert" (a straight apostrophe, as the
    data types it) over a page that prints "d’Alembert"; a poster's title in the header "d'une" over "d’une"."""
    conference = BASE["conference.yaml"] + "language: fr\ncontact: loc@example.org\n"
    abstracts = BASE["abstracts.yaml"].replace("{name: Ana Smith, affiliation: Uni A}",
                                               "{name: \"Jean le Rond d'Alembert\", affiliation: Uni A}")
    posters = BASE["posters.yaml"].replace("title: Mixture density networks", "title: \"Le poster d'une autrice\"")
    folder = write_conference(tmp_path / "conf", {"conference.yaml": conference, "abstracts.yaml": abstracts,
                                                  "posters.yaml": posters})
    result = write_proofs(folder, tmp_path / "proofs", reply_by=dt.date(2027, 9, 1))
    talk = next(p for p in result.proofs if p.id == "lund-2026")
    assert talk.header[0][0].startswith("ÉPREUVE pour Jean le Rond d\u2019Alembert \u00b7 ")
    poster = next(p for p in result.proofs if p.kind == "poster")
    assert poster.header[1][0].endswith("\u00a0: Le poster d\u2019une autrice")
    page = " ".join(PdfReader(tmp_path / "proofs" / "lund-2026.pdf").pages[0].extract_text().split())
    assert "d\u2019Alembert" in page and "d'Alembert" not in page


def _red_pixels(pixels, low_x: int, high_x: int) -> list[tuple[int, int]]:
    """The (x, y) of every pixel of `pixels` (RGB) between columns low_x and high_x (not included) that is the red of
    a proof's marks (r > 200, g < 90, b < 120), row by row: found by PIL's point and bbox, and looked at one by one
    only inside the box that holds them all (a page at scale 4 has millions of pixels)."""
    from PIL import ImageChops

    r, g, b = pixels.split()
    mask = ImageChops.multiply(ImageChops.multiply(r.point(lambda v: 255 if v > 200 else 0),
                                                   g.point(lambda v: 255 if v < 90 else 0)),
                               b.point(lambda v: 255 if v < 120 else 0))
    box = mask.crop((low_x, 0, high_x, mask.height)).getbbox()
    if box is None:
        return []
    at = mask.load()
    return [(x, y) for y in range(box[1], box[3]) for x in range(low_x + box[0], low_x + box[2]) if at[x, y]]


def test_a_posters_pointer_in_the_right_hand_column_points_at_that_poster(tmp_path):
    """A speaker's-eye review: on A4, where posters are set in two columns, Hemi Walker's proof pointed (a red
    triangle in the left margin, at the height of poster 27's title in the right-hand column) at poster 24 beside
    it, Aisha Bello's. A pointer goes beside its own poster's column: in the left-hand margin for the left-hand
    one, and in the right-hand margin, pointing left, for the right-hand one. (In the 5 mm gap between the
    columns, a later review found it 1 mm from the left-hand column's text: a pointer keeps 1.5 mm of clear space
    to the text block, and nothing of it is in the gap.)"""
    import pypdfium2 as pdfium
    from reportlab.lib.units import mm

    from booklet.layout.columns import GAP
    from booklet.proofs.marks import _band_width

    result = write_proofs(DATA, tmp_path / "proofs", page_size="A4", reply_by=REPLY_BY)
    proof = next(p for p in result.proofs if p.id == "poster-hemi-walker")
    page = page_for("A4")
    left, width = page.margin, page.text_width  # the text block, in trim coordinates (the proof's page is the trim)
    right = left + width
    gap = (left + (width - GAP) / 2, left + (width + GAP) / 2)
    scale = 4
    document = pdfium.PdfDocument(tmp_path / "proofs" / proof.file)
    found = []
    for index, number in enumerate(proof.pages):
        pixels = document[index].render(scale=scale).to_pil().convert("RGB")
        text = document[index].get_textpage()
        width_px, height_px = pixels.size
        # the page without the PROOF band (the same red) down its outer edge
        band = _band_width(page)
        low_x, high_x = (band, page.width) if number % 2 == 0 else (0, page.width - band)
        red = _red_pixels(pixels, int(low_x * scale) + 2, int(high_x * scale) - 2)
        assert red, f"no pointer on proof page {index + 1}"
        xs = [x / scale for x, _ in red]
        middle = height_px / scale - sum(y for _, y in red) / len(red) / scale  # PDF's y runs upwards
        x0, y0, _, _ = document[index].get_cropbox()  # the trim, on the page's MediaBox
        if max(xs) <= left:  # in the left-hand margin: the poster whose number starts the line right after it
            line = text.get_text_bounded(x0 + max(xs), y0 + middle - 2, x0 + max(xs) + 12 * mm,
                                         y0 + middle + 2).split()
        else:  # in the right-hand margin: the right-hand column's line at its height
            line = text.get_text_bounded(x0 + gap[1] - 1, y0 + middle - 2, x0 + gap[1] + 12 * mm,
                                         y0 + middle + 2).split()
        found.append((min(xs), max(xs), line))
    posters = {str(p.number): p for p in read_booklet(DATA)[0].posters}
    for low, high, line in found:
        assert line and line[0] in posters, line
        assert any(a.name == "Hemi Walker" for a in posters[line[0]].authors), (line, low, high)
        clear = 1.5 * mm - 0.5  # (less a pixel's rounding)
        assert high <= left - clear or low >= right + clear, (low, high, left, right)
    assert any(low > right for low, _, _ in found)  # poster 27: in the right-hand column, its pointer to its right


def test_a_greek_names_file_name_keeps_its_final_sigma(tmp_path):
    """A speaker's-eye review: Dimitris Papadopoulos' proof came as 'poster-δημητρησ-παπαδοπουλοσ.pdf', each word's
    final 'ς' made a 'σ' (casefold), as no Greek writes; a name's letters are put in small letters as they are
    written, and one written in capitals ends in 'ς' too."""
    posters = ("- number: 1\n  author: Δημήτρης Παπαδόπουλος\n  title: Poster one\n"
               "- number: 2\n  author: ΝΙΚΟΣ ΓΕΩΡΓΙΟΥ\n  title: Poster two\n")
    folder = write_conference(tmp_path / "conf", {"posters.yaml": posters})
    out = tmp_path / "out"
    run = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(out)])
    assert run.exit_code == 0, run.output
    with (out / "manifest.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = {row["names"]: row for row in csv.DictReader(file) if row["kind"] == "poster"}
    assert rows["Δημήτρης Παπαδόπουλος"]["file"] == "poster-δημητρης-παπαδοπουλος.pdf"
    assert rows["Δημήτρης Παπαδόπουλος"]["id"] == "poster-δημητρης-παπαδοπουλος"
    assert rows["ΝΙΚΟΣ ΓΕΩΡΓΙΟΥ"]["file"] == "poster-νικος-γεωργιου.pdf"
    assert (out / "poster-δημητρης-παπαδοπουλος.pdf").is_file() and (out / "poster-νικος-γεωργιου.pdf").is_file()


def test_a_later_round_says_when_every_proof_changed_and_names_the_proofs_of_entries_gone(tmp_path):
    """The LOC's second round: a run in which every proof changed (here the running heads' short title; in the
    sample, removing one abstract changed every proof's fonts) said nothing of it, as a first run says nothing: no
    telling a round to send all again from one with nothing new. And the proof of an abstract removed from the data
    stayed in the folder without a word (one to send by mistake): it is named, once, and stays, out of the manifest."""
    folder = write_conference(tmp_path / "conf")
    out = tmp_path / "out"
    first = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(out), "--reply-by", "2027-05-20"])
    assert first.exit_code == 0, first.output
    assert "new or changed" not in first.output and "No longer proofs" not in first.output
    conference = (folder / "conference.yaml").read_text(encoding="utf-8")
    (folder / "conference.yaml").write_text(conference.replace("TC2027", "TC27"), encoding="utf-8")
    second = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(out), "--reply-by", "2027-05-20"])
    assert second.exit_code == 0, second.output
    assert "All 5 of them new or changed: none was there already, byte for byte." in second.output
    (folder / "abstracts.yaml").write_text(BASE_ABSTRACTS.split("- id: okafor")[0], encoding="utf-8")
    programme = (folder / "programme.yaml").read_text(encoding="utf-8")
    (folder / "programme.yaml").write_text(programme.replace("{time: \"10:30-11:00\", talk: okafor}",
                                                             "{time: \"10:30-11:00\", title: Open slot}"),
                                           encoding="utf-8")
    third = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(out), "--reply-by", "2027-05-20"])
    assert third.exit_code == 0, third.output
    assert (f"No longer proofs (1): their entries are gone from the data, or their ids changed; left in {out}, out of "
            "manifest.csv (delete them, or keep them for the record): okafor.pdf.") in third.output
    assert (out / "okafor.pdf").is_file()
    assert "okafor" not in (out / "manifest.csv").read_text(encoding="utf-8-sig")
    fourth = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(out), "--reply-by", "2027-05-20"])
    assert fourth.exit_code == 0, fourth.output
    assert "No longer proofs" not in fourth.output  # said in the round it went
    assert "None of them changed: all 4 were there already" in fourth.output


def test_a_manifest_with_the_same_rows_is_left_as_it_was(tmp_path):
    """The LOC's second round, nothing changed: every proof kept its bytes and the time it last changed, but
    manifest.csv was written again (the same bytes, a new time), as if the list of whom to mail had changed."""
    folder = write_conference(tmp_path / "conf")
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["proofs", str(folder), "--out", str(out)]).exit_code == 0
    manifest = out / "manifest.csv"
    before = manifest.read_bytes()
    os.utime(manifest, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    inode = manifest.stat().st_ino
    run = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(out)])
    assert run.exit_code == 0, run.output
    assert "None of them changed" in run.output
    assert manifest.read_bytes() == before
    assert manifest.stat().st_mtime_ns == 1_000_000_000_000_000_000 and manifest.stat().st_ino == inode
    (folder / "abstracts.yaml").write_text(BASE_ABSTRACTS.replace("Ana Smith", "Ana Smythe"), encoding="utf-8")
    run = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(out)])
    assert run.exit_code == 0, run.output
    assert "Ana Smythe" in manifest.read_text(encoding="utf-8-sig")  # new rows: written


@pytest.mark.parametrize("size", ["B5", "A4", "letter"])
def test_the_header_lines_sit_in_the_middle_of_a_strip_deeper_than_they_need(tmp_path, size):
    """On B5, A4 and letter the strip holds the header lines at their natural size with room to spare: the lines hung
    from its top, 4.4 pt of tint over their capitals and 10.5 pt under their descenders on B5. Now as much over as
    under (within 0.75 pt: the capitals are measured by their glyph boxes), and more than on A5, whose lines fill
    the strip."""
    import pypdfium2 as pdfium

    from booklet.proofs import marks

    folder = write_conference(tmp_path / "conf", {})
    result = write_proofs(folder, tmp_path / "out", page_size=size, reply_by=REPLY_BY)
    proof = next(p for p in result.proofs if p.id == "lund-2026")
    document = pdfium.PdfDocument(tmp_path / "out" / proof.file)
    try:
        text = document[0].get_textpage()
        top = document[0].get_cropbox()[3]
        boxes = []
        for line in (proof.header[0][0], proof.header[-1][0]):
            found = text.search(line[:30], match_case=True).get_next()
            boxes.append([text.get_charbox(index) for index in range(found[0], found[0] + found[1])])
    finally:
        document.close()
    above = top - max(box[3] for box in boxes[0])
    below = min(box[1] for box in boxes[1]) - (top - marks._strip_height(page_for(size)))
    assert above == pytest.approx(below, abs=0.75) and above > 5, (above, below)


# --------------------------------------------------------------------------- chairs


CHAIR_LINE = "Session you chair: Inference \u00b7 Monday 13 September \u00b7 10:30\u201311:00"


def _proof_texts(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def test_a_chair_without_an_address_gets_the_sessions_programme_page_and_is_listed_without_one(tmp_path):
    """Chairs got no proof at all: a LOC sent their programme pages by hand. A chair who neither speaks nor has an
    address anywhere gets a proof of their own (chair-NAME.pdf, kind `chair`), listed as speakers without one are:
    an empty emails column, and a warning at the session's `chair` line."""
    folder = write_conference(tmp_path / "conf")
    out = tmp_path / "out"
    run = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(out)])
    assert run.exit_code == 0, run.output
    assert "Wrote 5 proofs (2 abstracts, 1 tutorial, 1 poster author, 1 chair)" in run.output
    assert ("programme.yaml:8: days[0].items[3].chair: warning: no email for Mei Chen (chair of 'Inference'): send "
            "chair-mei-chen.pdf another way") in run.output
    with (out / "manifest.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = {row["id"]: row for row in csv.DictReader(file)}
    built = build_booklet(folder, tmp_path / "booklet.pdf")
    programme = built.anchors["day-0"]  # (the day's one page)
    assert rows["chair-mei-chen"] == {"id": "chair-mei-chen", "kind": "chair", "names": "Mei Chen", "emails": "",
                                      "file": "chair-mei-chen.pdf", "pages": str(programme),
                                      "day": "Monday 13 September", "time": "10:30\u201311:00", "room": ""}
    [text] = _proof_texts(out / "chair-mei-chen.pdf")
    assert f"PROOF for Mei Chen \u00b7 booklet page {programme} {CHAIR_LINE} Corrections to " in text
    assert "Inference Chair: Mei Chen 10:30\u201311:00 Hierarchical models" in text
    assert "Your talk" not in text
    assert norm(Pdf(built.output).texts[programme - 1]) in norm(text)  # the booklet's page, under the header


def test_a_chair_who_speaks_gets_the_sessions_page_in_their_talks_proof_under_a_line_naming_the_session(tmp_path):
    """A chair who gives a talk has one proof: their abstract's page, and the programme page of the session they
    chair, whose header's second line names that session (the abstract's page keeps "Your talk"); no proof of their
    own, no warning."""
    abstracts = BASE["abstracts.yaml"].replace("speaker: {name: Ana Smith, affiliation: Uni A}",
                                               "speaker: {name: Mei Chen, affiliation: Uni A, email: mei@example.org}")
    folder = write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts})
    result = write_proofs(folder, tmp_path / "out")
    built = build_booklet(folder, tmp_path / "booklet.pdf")
    programme, abstract = built.anchors["day-0"], built.anchors["abstract-0"]
    assert [p.kind for p in result.proofs] == ["abstract", "abstract", "tutorial", "poster"]
    proof = next(p for p in result.proofs if p.id == "lund-2026")
    assert proof.pages == (programme, abstract) and proof.emails == ("mei@example.org",)
    assert proof.header[1][0] == "Your talk: Monday 13 September \u00b7 09:20\u201310:00"
    assert [(page, line) for page, (line, _) in proof.page_lines] == [(programme, CHAIR_LINE)]
    first, second = _proof_texts(tmp_path / "out" / "lund-2026.pdf")
    assert f"PROOF for Mei Chen \u00b7 booklet pages {programme}\u2013{abstract} {CHAIR_LINE} " in first
    assert "Inference Chair: Mei Chen" in first and "Your talk" not in first
    assert f"PROOF for Mei Chen \u00b7 booklet pages {programme}\u2013{abstract} Your talk: " in second
    assert "Session you chair" not in second and "A talk about Lund" in second
    assert not any("Mei Chen" in p.message for p in result.no_email)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "manifest.csv").read_text("utf-8-sig"))))
    assert [(r["id"], r["kind"], r["emails"], r["pages"]) for r in rows][0] == (
        "lund-2026", "abstract", "mei@example.org", f"{programme}-{abstract}")


def test_a_page_s_second_header_line_is_found_without_remaking_the_variants(monkeypatch):
    """Proof.variant_at made a dict of all pages' lines and the tuple of `variants` each time it was asked (once a
    page, twice in overlay_text); it counts the lines as they come up to the page's. Same answers."""
    from booklet.proofs.plan import Proof
    from booklet.text.fonts import register_fonts

    register_fonts()
    one, two = ("Session you chair: A", 7.0), ("Session you chair: B", 7.0)
    proof = Proof("x", "chair", "A", "T", (), (), pages=(3, 5, 8, 9), header=(("PROOF", 8.0), ("Your talk", 8.0)),
                  page_lines=((5, one), (8, two), (9, one)))
    assert proof.variants == (one, two)
    monkeypatch.setattr(Proof, "variants", property(lambda self: pytest.fail("variants remade")))
    assert [proof.variant_at(page) for page in (3, 5, 8, 9, 10)] == [0, 1, 2, 1, 0]
    monkeypatch.undo()
    assert overlay_text(proof, page_for("A5"), at=8)[1:] == ["PROOF", "Session you chair: B"]
    assert overlay_text(proof, page_for("A5"), at=3)[1:] == ["PROOF", "Your talk"]


def test_a_proof_s_own_pages_are_found_once_for_ordering_and_for_its_chair_lines(tmp_path, monkeypatch):
    """Planning found each proof's own pages (pages_of(..., chaired=False)) twice: once to order the proofs, again in
    marks.chair_lines for a chair's proof. Now once, handed on; the chair's line is where it was."""
    from booklet.proofs import plan, write

    abstracts = BASE["abstracts.yaml"].replace("speaker: {name: Ana Smith, affiliation: Uni A}",
                                               "speaker: {name: Mei Chen, affiliation: Uni A, email: mei@example.org}")
    folder = write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts})
    asked, real = [], plan.pages_of

    def counted(proof, ranges, chaired=True):
        asked.append((proof.id, chaired))
        return real(proof, ranges, chaired)

    monkeypatch.setattr(plan, "pages_of", counted)
    monkeypatch.setattr(write, "pages_of", counted)
    result = write_proofs(folder, tmp_path / "out", workers=1)
    proof = next(p for p in result.proofs if p.id == "lund-2026")
    assert [(page, line) for page, (line, _) in proof.page_lines] == [(proof.pages[0], CHAIR_LINE)]
    assert sorted(asked) == sorted({*asked}) and ("lund-2026", False) in asked


def _header_line(path: Path, index: int, start: str) -> tuple[str, float]:
    """The line of the header on page `index` (0-based) of a proof that starts with `start`, as the PDF's text has it,
    and the type size it is set at."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    text = pdfium.PdfDocument(str(path))[index].get_textpage()
    content = text.get_text_range()
    at = content.find(start)
    assert at >= 0, (start, content)
    end = min(found for found in (content.find("\r", at), content.find("\n", at), len(content)) if found >= 0)
    return content[at:end], round(raw.FPDFText_GetFontSize(text.raw, at), 2)


KEYNOTES = "Keynotes 2: Ariane Jeßulat and Monika Herzig"
FAR_ROOM = "Wolfgang-Hoffmann-Saal, Hochschule für Musik Hanns Eisler, Charlottenstraße 55"


@pytest.mark.parametrize("session, talk_room, chair_line", [
    (KEYNOTES, "Wolfgang-Hoffmann-Saal",  # the room left out
     f"Session you chair: {KEYNOTES} \u00b7 Monday 13 September \u00b7 10:30\u201311:00"),
    (KEYNOTES + " on artistic research and the shape of jazz to come", FAR_ROOM,  # the room, then the title cut
     f"Session you chair: {KEYNOTES} on\u2026 \u00b7 Monday 13 September \u00b7 10:30\u201311:00"),
])
def test_a_long_talk_or_chair_line_leaves_out_the_room_then_cuts_the_title_and_stays_readable(tmp_path, session,
                                                                                              talk_room, chair_line):
    """GMTH 2023's chair proof set "Ihr Sitzungsvorsitz: Keynotes 2: Ariane Jeßulat and Monika Herzig · Samstag,
    23. September · 09:00–11:00 · Wolfgang-Hoffmann-Saal" at 5.4 pt to hold it whole (a line was made as small as
    5 pt). A talk's or a chair's line is now no smaller than 6.5 pt: it leaves out the room (on the page below),
    then cuts the session's title short with '…', its day and time whole."""
    programme = re.sub(r"( *)chair: Mei Chen", lambda m: f'{m.group(0)}\n{m.group(1)}room: "{talk_room}"',
                       BASE["programme.yaml"].replace("session: Inference", f'session: "{session}"'))
    programme = programme.replace('talk: lund-2026}', f'talk: lund-2026, room: "{talk_room}"}}')
    abstracts = BASE["abstracts.yaml"].replace("speaker: {name: Ana Smith, affiliation: Uni A}",
                                               "speaker: {name: Mei Chen, affiliation: Uni A, email: mei@example.org}")
    folder = write_conference(tmp_path / "conf", {"programme.yaml": programme, "abstracts.yaml": abstracts})
    write_proofs(folder, tmp_path / "out")
    path = tmp_path / "out" / "lund-2026.pdf"
    line, size = _header_line(path, 0, "Session you chair: ")
    assert line == chair_line and size >= 6.5
    line, size = _header_line(path, 1, "Your talk: ")
    if talk_room == FAR_ROOM:
        assert (line, size) == ("Your talk: Monday 13 September \u00b7 09:20\u201310:00", 6.84)
    else:  # (a short room: kept, the line at its full size)
        assert (line, size) == ("Your talk: Monday 13 September \u00b7 09:20\u201310:00 \u00b7 Wolfgang-Hoffmann-Saal",
                                6.84)


def test_two_sessions_chaired_on_one_page_say_their_day_once_without_rooms_rather_than_shrink(tmp_path):
    """GMTH 2023: "Ihr Sitzungsvorsitz: Keynotes 1: Lecture-Recital Hardy Rittner · Freitag, 22. September ·
    10:15–11:00 · Wolfgang-Hoffmann-Saal; Keynotes 1: P…" at 5 pt. Two sessions on the same day now leave out
    their rooms and say the day once, at a readable size, their titles whole when that makes room."""
    def with_room(m):
        return f'{m.group(0)}\n{m.group(1)}room: "{FAR_ROOM}"'

    second = ('      - session: "Learning from simulations"\n        chair: Mei Chen\n        items:\n'
              '          - {time: "11:00-11:30", title: "Neural posterior estimation"}\n')
    programme = BASE["programme.yaml"].replace('      - {time: "14:00-17:00"', second + '      - {time: "14:00-17:00"')
    programme = re.sub(r"( *)chair: Mei Chen", with_room, programme)
    abstracts = BASE["abstracts.yaml"].replace("speaker: {name: Ana Smith, affiliation: Uni A}",
                                               "speaker: {name: Mei Chen, affiliation: Uni A, email: mei@example.org}")
    folder = write_conference(tmp_path / "conf", {"programme.yaml": programme, "abstracts.yaml": abstracts})
    write_proofs(folder, tmp_path / "out")
    line, size = _header_line(tmp_path / "out" / "lund-2026.pdf", 0, "Session you chair: ")
    assert line == ("Session you chair: Inference \u00b7 Monday 13 September \u00b7 10:30\u201311:00; "
                    "Learning from simulations \u00b7 11:00\u201311:30")
    assert size >= 6.5


def test_a_chair_with_an_address_in_the_participants_gets_it_and_a_long_session_gets_each_of_its_pages(tmp_path):
    """The address the participants list gives is the chair's; a session that runs onto the next page is on both
    pages of the proof (its rows there, under the session's repeated heading), each headed with the session."""
    talks = "".join(f"\n          - {{time: \"{11 + n // 4:02d}:{n % 4 * 15:02d}\", title: Short talk number {n}}}"
                    for n in range(40))
    programme = BASE["programme.yaml"].replace("- {time: \"10:30-11:00\", talk: okafor}",
                                               "- {time: \"10:30-11:00\", talk: okafor}" + talks)
    programme = programme.replace('{time: "14:00-17:00", tutorial: bayes-intro}',
                                  '{time: "21:00-22:00", tutorial: bayes-intro}')
    folder = write_conference(tmp_path / "conf", {"programme.yaml": programme,
                                                  "participants.yaml": "- {name: Mei Chen, email: mei@example.org}\n"})
    result = write_proofs(folder, tmp_path / "out")
    assert not result.no_email or not any("Mei Chen" in p.message for p in result.no_email)
    proof = next(p for p in result.proofs if p.kind == "chair")
    built = build_booklet(folder, tmp_path / "booklet.pdf")
    start = built.anchors["day-0"]
    assert proof.id == "chair-mei-chen" and proof.emails == ("mei@example.org",)
    assert proof.pages == (start, start + 1)
    texts = _proof_texts(tmp_path / "out" / "chair-mei-chen.pdf")
    assert all(f"PROOF for Mei Chen \u00b7 booklet pages {start}\u2013{start + 1} Session you chair: Inference \u00b7 "
               "Monday 13 September \u00b7 10:30\u2013" in text for text in texts)
    assert "Short talk number 39" in texts[1] and "Inference (continued)" in texts[1]


def test_a_french_poster_proof_says_what_underlining_means_shorter_and_keeps_its_room_and_title():
    """A French poster proof (A5): "Le nom souligné est celui de la personne qui présente." after the header's second
    line left the poster half the line, and the two then did not fit: made smaller and cut, the title was gone and the
    room cut mid-word ("Aurora Audit…"). Where the note takes more than a third of the line, the header says it in its
    shorter words (the label proof_underlined_short, in every language booklet has words in): the room whole, the
    title's first words, the note. English keeps "Presenting author underlined."; no language's header note takes
    more than a third of the line."""
    from reportlab.pdfbase import pdfmetrics

    from booklet.data.theme import labels_for
    from booklet.model import Person
    from booklet.proofs.marks import _HEADER_FONTS, _header_width, _line_sizes, _measured_note, header_lines, reply_line
    from booklet.proofs.plan import Proof
    from booklet.text.fonts import register_fonts

    register_fonts()
    page = page_for("A5")
    proof = Proof("x", "poster", "7", "Chemical tagging with a Dirichlet process mixture of stars",
                  (Person(name="Camila Fuentes"),), ("poster-1",), "lundi 14 juin", "11:40\u201312:00",
                  "Aurora Auditorium", pages=(16,), explains=True)
    lines = {}
    for language in ("en", "fr"):
        words = labels_for(language, {})
        reply, _ = reply_line("x@example.org", None, page, words, language)
        lines[language] = header_lines(proof, reply, page, None, words, language)[1]
    assert lines["fr"] == ("Poster 7 \u00b7 lundi 14 juin \u00b7 11:40\u201312:00 \u00b7 Aurora Auditorium\u00a0: "
                           "Chemical tagging\u2026 \u00b7 Souligné\u00a0: qui présente.", lines["en"][1])
    assert lines["en"][0].endswith(" \u00b7 Presenting author underlined.") and "Aurora Auditorium:" in lines["en"][0]
    width = _header_width(page)
    size = _line_sizes(page, reply)[1]
    for path in sorted((ROOT / "booklet" / "resources" / "labels").glob("*.yaml")):
        words = labels_for(path.stem, {})
        note, note_width = _measured_note(words, size, width)
        assert note_width == pytest.approx(pdfmetrics.stringWidth(note, _HEADER_FONTS[1], size))
        assert note in (" \u00b7 " + words["presenting_underlined"], " \u00b7 " + words["proof_underlined_short"])
        assert pdfmetrics.stringWidth(note, _HEADER_FONTS[1], size) <= width / 3, path.stem


def test_a_poster_s_title_cut_in_its_proof_header_ends_after_a_word_with_an_ellipsis():
    """Houches 2018 (A5): "Poster 12: Magnetic scanning probe microscope integrating nanometr… · Presenting author
    underlined.": the poster's title was cut inside a word, and the 44 posters of Hard Probes 2026's one author inside
    a number ("Posters 1, 2, …, 29, 3…"). A title too long for the header's line is cut after its last word that fits,
    with '…', as a talk's line cuts its title; where no word of it fits, the line is cut after its last number that
    does. Each line fits the header, at the line's size."""
    from reportlab.pdfbase import pdfmetrics

    from booklet.data.theme import labels_for
    from booklet.model import Person
    from booklet.proofs.marks import _HEADER_FONTS, _header_width, _line_sizes, header_lines, reply_line
    from booklet.proofs.plan import Proof
    from booklet.text.fonts import register_fonts

    register_fonts()
    page = page_for("A5")
    words = labels_for("en", {})
    reply, _ = reply_line("x@example.org", None, page, words, "en")
    width, size = _header_width(page), _line_sizes(page, reply)[1]
    title = ("Magnetic scanning probe microscope integrating nanometric magnetoresistive sensors for imaging "
             "stray fields of nanostructures at room temperature")
    proof = Proof("x", "poster", "12", title, (Person(name="A. Doll"),), ("poster-12",), pages=(64,), explains=True)
    line, made = header_lines(proof, reply, page, None, words)[1]
    shown = line.removeprefix("Poster 12: ").removesuffix(" \u00b7 Presenting author underlined.")
    assert shown.endswith("\u2026") and title.startswith(shown[:-1]) and title[len(shown) - 1] == " ", line
    assert not shown[:-1].endswith((",", "/", " ")) and made == size
    assert pdfmetrics.stringWidth(line, _HEADER_FONTS[1], size) <= width
    numbers = ", ".join(str(n) for n in range(1, 45))
    proof = Proof("x", "poster", numbers, " / ".join(["Neural unfolding of the chiral magnetic effect"] * 44),
                  (Person(name="TBA"),), ("poster-1",), pages=(5, 6, 7, 8))
    line, made = header_lines(proof, reply, page, None, words)[1]
    assert re.fullmatch(r"Posters (\d+, )+\d+\u2026", line) and numbers.startswith(line[8:-1] + ","), line
    assert pdfmetrics.stringWidth(line, _HEADER_FONTS[1], size) <= width and made == size


def test_a_helper_writing_proofs_leaves_ctrl_c_to_the_command_and_removes_its_files(tmp_path, capfd):
    """Ctrl-C in `booklet proofs` of 500 talks (SIGINT to every process of the command): a helper process writing
    proofs took it as its own failure, sent it to the command, and the command's SIGTERM to end it (its handler's
    KeyboardInterrupt) came while it removed its temporary files: "Process Process-1: Traceback ..." printed above
    "booklet: stopped (Ctrl-C) ...", and a file it alone knew of could stay. A helper now leaves Ctrl-C to the
    command, which ends it; ended, it removes its files and says nothing."""
    import multiprocessing
    import signal
    import time

    from booklet.cli import _interrupted
    from booklet.proofs import write

    temp = tmp_path / ".kim.pdf.part"
    ready_r, ready_w = multiprocessing.Pipe(duplex=False)

    class Writer:  # (reads the booklet for ever, having made a file of its own)
        def __init__(self, *args, made_as, **kwargs):
            temp.write_bytes(b"%PDF-")
            made_as(tmp_path / "kim.pdf", str(temp))

        def read(self):
            ready_w.send("reading")
            time.sleep(60)

    here, there = multiprocessing.Pipe()
    before = signal.signal(signal.SIGTERM, _interrupted)  # (the command's, as `booklet` sets it)
    old_writer, write._GroupWriter = write._GroupWriter, Writer
    try:
        process = multiprocessing.get_context("fork").Process(
            target=write._group_process, args=(there, None, [], 0, [], None, None, None), daemon=True)
        process.start()
    finally:
        write._GroupWriter = old_writer
        signal.signal(signal.SIGTERM, before)
    there.close()
    assert ready_r.recv() == "reading"
    os.kill(process.pid, signal.SIGINT)  # Ctrl-C, which reaches the command's every process
    time.sleep(0.2)  # (the command's own Ctrl-C unwinds it meanwhile)
    process.terminate()  # what the command does to its helpers on its way out
    process.join()
    try:
        said = here.recv()
    except EOFError:
        said = None
    assert said is None  # (nothing said: the Ctrl-C was the command's)
    assert not temp.exists()
    assert "Traceback" not in capfd.readouterr().err
