"""Names taken apart and sorted as an index sorts them (booklet.text.names)."""

import itertools
import random

import pytest

from booklet.text.names import heading, sort_key, split_name

# (as written, the family name when the data declares it) in the order an index files them
TRICKY = [
    ("Ana Abad", None, "Abad, Ana", "A"),
    ("Ángel Abad", None, "Abad, Ángel", "A"),
    ("Åsa Åström", None, "Åström, Åsa", "A"),
    ("Ludwig van Beethoven", None, "Beethoven, Ludwig van", "B"),
    ("Jan de Boer", None, "Boer, Jan de", "B"),
    ("Pieter Boer", None, "Boer, Pieter", "B"),
    ("chloe durand", None, "durand, chloe", "D"),
    ("Chloé Durand", None, "Durand, Chloé", "D"),
    ("Claude Durand", None, "Durand, Claude", "D"),
    ("Gabriel García Márquez", "García Márquez", "García Márquez, Gabriel", "G"),
    ("Tomáš Horáček", None, "Horáček, Tomáš", "H"),
    ("Martin Luther King Jr.", None, "King, Martin Luther, Jr.", "K"),
    ("Zsófia Kőváry", None, "Kőváry, Zsófia", "K"),
    ("Emil Łoś", None, "Łoś, Emil", "L"),
    ("Lars Lund", None, "Lund, Lars", "L"),
    ("Anna Müller", None, "Müller, Anna", "M"),
    ("Zoe Muller", None, "Muller, Zoe", "M"),
    ("Łukasz Nowak", None, "Nowak, Łukasz", "N"),
    ("Daniel Osei-Mensah", None, "Osei-Mensah, Daniel", "O"),
    ("Oskar Ostrowski", None, "Ostrowski, Oskar", "O"),
    ("Sigrid Øvergaard", None, "Øvergaard, Sigrid", "O"),
    ("Anne-Marie Smagt", None, "Smagt, Anne-Marie", "S"),
    ("Patrick van der Smagt", None, "Smagt, Patrick van der", "S"),
    ("Maria de Souza", None, "Souza, Maria de", "S"),
    ("Sukarno", None, "Sukarno", "S"),
    ("Rin Takamatsu", None, "Takamatsu, Rin", "T"),
    ("Aroha Te Rangi", None, "Te Rangi, Aroha", "T"),
    ("Jan Van der Berg", None, "Van der Berg, Jan", "V"),
    ("Dick Van Dyke", None, "Van Dyke, Dick", "V"),
    ("Zoë Zimmermann", None, "Zimmermann, Zoë", "Z"),
    ("Αλέξης Αλεξίου", None, "Αλεξίου, Αλέξης", "Α"),
    ("Μαρίνα Παπαδάκη", None, "Παπαδάκη, Μαρίνα", "Π"),
    ("Иван Иванов", None, "Иванов, Иван", "И"),
]


def test_tricky_names_are_filed_in_index_order_whatever_the_input_order():
    names = [split_name(written, family) for written, family, _, _ in TRICKY]
    for seed in range(5):
        shuffled = names[:]
        random.Random(seed).shuffle(shuffled)
        assert [n.inverted() for n in sorted(shuffled, key=sort_key)] == [t[2] for t in TRICKY]
    assert [heading(n) for n in names] == [t[3] for t in TRICKY]


def test_a_particle_is_held_to_the_given_name_before_it():
    """A review: "Rochefoucauld, Jean-Baptiste de / La" in a participants' column. The list holds the particle's
    words together and to the given name before them (no-break spaces), so a line breaks between given names."""
    name = split_name("Jean-Baptiste de la Rochefoucauld")
    assert name.inverted(held=True) == "Rochefoucauld, Jean-Baptiste\u00a0de\u00a0la"
    assert name.inverted() == "Rochefoucauld, Jean-Baptiste de la"
    assert split_name("María José García-Fernández de Córdoba").inverted(held=True) == \
        "Córdoba, María José García-Fernández\u00a0de"
    assert split_name("Ana Smith").inverted(held=True) == "Smith, Ana"


@pytest.mark.parametrize("written, family, given, particle, suffix", [
    ("  Ana   Smith ", "Smith", "Ana", "", ""),
    ("Smith, Ana", "Smith", "Ana", "", ""),
    ("Vincent van Gogh", "Gogh", "Vincent", "van", ""),
    ("van Gogh", "van Gogh", "", "", ""),  # the first word is never a particle: nothing is left to be given
    ("Martin Luther King, Jr.", "King", "Martin Luther", "", "Jr."),
    ("Jane Doe III", "Doe", "Jane", "", "III"),
    ("山田太郎", "山田太郎", "", "", ""),
])
def test_the_family_name_is_the_last_word_with_its_lowercase_particles_set_aside(written, family, given, particle,
                                                                                  suffix):
    name = split_name(written)
    assert (name.family, name.given, name.particle, name.suffix) == (family, given, particle, suffix)


@pytest.mark.parametrize("written, family, given", [
    ("DUPONT Jean", "DUPONT", "Jean"),  # a registration form's "NAME Given name"
    ("LE GALL Marie-Anne", "LE GALL", "Marie-Anne"),
    ("O'BRIEN Se\u00e1n", "O'BRIEN", "Se\u00e1n"),
    ("Jean DUPONT", "DUPONT", "Jean"),
    ("JEAN DUPONT", "DUPONT", "JEAN"),  # all in capitals: the last word, as any name
    ("JP Smith", "Smith", "JP"),  # initials in capitals are no family name
    ("A. SMITH", "SMITH", "A."),
])
def test_a_family_name_in_capitals_written_first_is_taken_as_such(written, family, given):
    name = split_name(written)
    assert (name.family, name.given) == (family, given)


@pytest.mark.parametrize("written, family, given", [
    ("Aoife Ní Chonchúir", "Ní Chonchúir", "Aoife"),  # Irish: filed under N ("Chonchúir, Aoife Ní" before)
    ("Seán Ó Briain", "Ó Briain", "Seán"),
    ("Nguyễn Thị Hương", "Nguyễn", "Thị Hương"),  # Vietnamese, family name first ("Hương, Nguyễn Thị" before)
    ("Lê Văn Lương", "Lê", "Văn Lương"),
    ("Huong Nguyen", "Nguyen", "Huong"),  # in the Western order, without Vietnamese letters: as any name
    ("Marine Le Pen", "Le Pen", "Marine"),
])
def test_irish_and_vietnamese_names_are_filed_under_their_family_names(written, family, given):
    name = split_name(written)
    assert (name.family, name.given) == (family, given)


@pytest.mark.parametrize("written, inverted, letter", [
    ("Jean de La Fontaine", "La Fontaine, Jean de", "L"),  # "Fontaine, Jean de La" under F before
    ("Jean-Baptiste de La Rochefoucauld", "La Rochefoucauld, Jean-Baptiste de", "L"),
    ("Jean de la Fontaine", "Fontaine, Jean de la", "F"),  # (all in lowercase: set aside, as "van der")
    ("Jean le Rond d'Alembert", "Alembert, Jean le Rond d'", "A"),  # "d'Alembert, Jean le Rond" under D before
    ("Jean le Rond d\u2019Alembert", "Alembert, Jean le Rond d\u2019", "A"),
    ("Eugeni d'Ors", "Ors, Eugeni d'", "O"),
    ("Gabriele D'Annunzio", "D'Annunzio, Gabriele", "D"),  # written with a capital: the family name's
    ("d'Alembert", "d'Alembert", "D"),  # nothing before it: all of it
])
def test_french_particles_a_capital_after_de_and_an_elided_d_are_filed_as_a_french_index_files_them(
        written, inverted, letter):
    """A French LOC's review of the participants and the index: "Jean de La Fontaine" was "Fontaine, Jean de La"
    under F and "Jean le Rond d'Alembert" "d'Alembert, Jean le Rond" under D; a French index (BnF) files "La
    Fontaine, Jean de" under L and "Alembert, Jean Le Rond d'" under A. A particle written with a capital is part of
    the family name, after a lowercase one too; the particle d' elided onto the family name is set aside as "de" is."""
    name = split_name(written)
    assert (name.inverted(), heading(name)) == (inverted, letter)


@pytest.mark.parametrize("written, inverted, letter", [
    ("Jann Traschewski, DG8NGN", "Traschewski, Jann, DG8NGN", "T"),  # FOSDEM 2025's: "Jann Traschewski, DG8NGN" under J
    ("Traschewski, Jann, DG8NGN", "Traschewski, Jann, DG8NGN", "T"),
    ("Ana Smith, W1AW", "Smith, Ana, W1AW", "S"),
    ("Smith, Ana", "Smith, Ana", "S"),  # given names after the comma: "Family, Given" as before
    ("Smith, Lee2", "Smith, Lee2", "S"),  # (a digit last is a marker, not a call sign)
    ("Martin Luther King Jr., W1AW", "King, Martin Luther, Jr., W1AW", "K"),  # the suffix before it kept
    ("Jann Traschewski, DG8NGN, W1AW", "Traschewski, Jann, DG8NGN, W1AW", "T"),
])
def test_a_call_sign_after_a_comma_is_set_aside_as_a_suffix_not_read_as_given_names(written, inverted, letter):
    """FOSDEM 2025 lists "Jann Traschewski, DG8NGN" (a radio amateur's call sign after his name): the index read it
    "Family, Given" and filed him under J as "Jann Traschewski, DG8NGN". A word of letters and digits after the last
    comma is set aside as "Jr." is, and the name before it taken apart as any other."""
    name = split_name(written)
    assert (name.inverted(), heading(name)) == (inverted, letter)


def test_a_declared_family_name_is_found_in_a_name_with_a_call_sign():
    """people.yaml's `family: Traschewski` for "Jann Traschewski, DG8NGN": the family is the name's last word before
    the call sign (family_place found it nowhere, and check refused it)."""
    from booklet.text.names import family_place

    assert family_place("Jann Traschewski, DG8NGN", "Traschewski") == "last"
    assert split_name("Jann Traschewski, DG8NGN", "Traschewski").inverted() == "Traschewski, Jann, DG8NGN"
    assert split_name("Ana Maria Lopez Flores, EA4ABC", "Lopez Flores").inverted() == "Lopez Flores, Ana Maria, EA4ABC"


def test_a_declared_family_name_is_taken_as_it_is_written_first_or_last():
    assert split_name("Takamatsu Rin", family="Takamatsu").inverted() == "Takamatsu, Rin"
    assert split_name("Patrick van der Smagt", family="van der Smagt").inverted() == "van der Smagt, Patrick"
    assert heading(split_name("Patrick van der Smagt", family="van der Smagt")) == "V"


def test_a_declared_family_name_is_matched_on_whole_words():
    assert split_name("Bo Jones", family="ones").given == "Bo Jones"  # not "Bo J"
    assert split_name("Ana Smithson", family="Ana Smith").given == "Ana Smithson"
    assert split_name("Sukarno", family="Sukarno").inverted() == "Sukarno"


@pytest.mark.parametrize("written, inverted, letter", [
    ("Mitch (he/him)", "Mitch (he/him)", "M"),
    ("Moritz Zeising (er/he)", "Zeising, Moritz (er/he)", "Z"),
    ("Andreea Belu (EDRi)", "Belu, Andreea (EDRi)", "B"),
    ("Johannes Klick 'Garak'", "Klick, Johannes 'Garak'", "K"),
    ("Ana Smith [LOC] (she/her)", "Smith, Ana [LOC] (she/her)", "S"),
    ("Martin Luther King Jr. (he/him)", "King, Martin Luther, Jr. (he/him)", "K"),
    ("Sam Beaumont “PANTH13R”", "Beaumont, Sam “PANTH13R”", "B"),
    ("(he/him)", "(he/him)", "H"),  # nothing before the brackets: the name is what is there
    ("Ana (Smith", "(Smith, Ana", "S"),  # not a note: not closed
])
def test_what_a_name_ends_with_in_brackets_or_quotes_is_a_note_printed_after_it_and_not_filed_under(
        written, inverted, letter):
    name = split_name(written)
    assert (name.inverted(), heading(name)) == (inverted, letter)


def test_names_are_filed_and_sorted_from_their_first_letter_or_digit_so_that_headings_come_in_order():
    written = ["Zoe Able", "_Elena_Berlin_", "-", "Ana Able", "42triangles", "Mitch (he/him)", "Amy (she/her)",
               "Andreea Belu (EDRi)", "\"Bo\" Cole", "7880"]
    names = sorted((split_name(w) for w in written), key=sort_key)
    assert [n.inverted() for n in names] == [
        "-", "42triangles", "7880", "Able, Ana", "Able, Zoe", "Amy (she/her)", "Belu, Andreea (EDRi)",
        "Cole, \"Bo\"", "_Elena_Berlin_", "Mitch (he/him)"]
    letters = [heading(n) for n in names]
    assert letters == ["-", "0\u20139", "0\u20139", "A", "A", "A", "B", "C", "E", "M"]  # (the digits: one heading)
    assert len([letter for letter, _ in itertools.groupby(letters)]) == len(set(letters))  # each heading once


def test_a_declared_family_name_is_found_in_a_name_with_a_note():
    name = split_name("Gabriel García Márquez (he/him)", family="García Márquez")
    assert (name.inverted(), heading(name)) == ("García Márquez, Gabriel (he/him)", "G")


def _full_table_distance(a: str, b: str, limit: int) -> int:
    """Edit distance with swaps over the whole table (what lint.text.edit_distance gives, the slow way)."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        for j in range(len(b) + 1):
            if not i or not j:
                table[i][j] = i + j
                continue
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
    return min(table[-1][-1], limit + 1)


def test_the_edit_distance_of_long_texts_is_the_full_table_s_and_long_words_are_not_looked_for_typos(monkeypatch):
    """A fuzzing run: two affiliations of 20,000 letters, one letter apart, took `check` 261 s (the whole table of
    the edit distance); two names with a word of 3,000 letters ran out of memory (every two-letter deletion of the
    word). The distance looks only within the limit of the diagonal; a word over 40 letters is no name's."""
    from booklet.lint import names
    from booklet.lint.text import edit_distance

    rng = random.Random(7)
    for _ in range(3000):
        a = "".join(rng.choice("abc") for _ in range(rng.randint(0, 7)))
        b = "".join(rng.choice("abc") for _ in range(rng.randint(0, 7)))
        for limit in (1, 2, 3):
            assert edit_distance(a, b, limit) == _full_table_distance(a, b, limit), (a, b, limit)
    long = "U" + "x" * 20_000
    assert edit_distance(long, long + "y") == 1 and edit_distance(long, long[:-1] + "yz") == 2
    asked = []
    monkeypatch.setattr(names, "deletions", lambda word, most: asked.append(word) or frozenset({word}))
    from booklet.lint.names import check_names
    from booklet.lint.mentions import Mention

    check_names([Mention("Ana " + "x" * 3000, "abstracts.yaml", 1, "x"),
                 Mention("Ana " + "x" * 3000 + "y", "abstracts.yaml", 2, "y"),
                 Mention("Ana Smith", "abstracts.yaml", 3, "z"), Mention("Ana Smyth", "abstracts.yaml", 4, "w")])
    assert asked and all(len(word) <= 40 for word in asked)


@pytest.mark.parametrize("name", ["Afidissima & Alice", "551724 / maya boeckh", "Bennemann, VVVVVAI & Steffen",
                                  "Ana + Bo Team", "Nina_art&play"])
def test_names_joined_by_a_sign_are_filed_as_written(name):
    """A typesetter's review of 39C3's index: "Alice, Afidissima &", "Bennemann, VVVVVAI & Steffen" turned round.
    Names joined by "&", "+" or "/" are a duo's, filed as written, by their first word."""
    taken = split_name(name)
    assert taken.family == name and taken.given == ""


@pytest.mark.parametrize("written, inverted", [
    ("Marie Le d'Ors", "Le d'Ors, Marie"),  # "Le d' Ors, Marie": a space put into the family name
    ("Jean De d\u2019Aubigny", "De d\u2019Aubigny, Jean"),
    ("van d'Estaing III", "van d'Estaing, III"),  # "van d'Estaing III, III": the suffix twice
    ("Van d'Estaing Jr.", "Van d'Estaing, Jr."),
])
def test_an_elided_d_in_a_family_name_kept_whole_is_printed_as_written(written, inverted):
    """Fuzzing: a family name with an elided d' filed whole (after a capital particle, or with nothing before it but
    particles) printed with a space after the d', or its suffix twice."""
    name = split_name(written)
    assert name.inverted() == inverted


@pytest.mark.parametrize("written, inverted, letter", [
    ("Mary-Kate O\u2019Neil \U0001F600", "O\u2019Neil, Mary-Kate \U0001F600", "O"),
    ("Ana Lima \U0001F468\u200d\U0001F469\u200d\U0001F467", "Lima, Ana \U0001F468\u200d\U0001F469\u200d\U0001F467", "L"),
    ("Bo Jones \u2605 (he/him)", "Jones, Bo \u2605 (he/him)", "J"),
    # an author's mark (corresponding, deceased, equal contribution) of punctuation, not a symbol: '*, Anna Berg' under
    # '*', '\u2020, Anna Berg' under '\u2020'
    ("Anna Berg *", "Berg, Anna *", "B"),
    ("Anna Berg \u2020", "Berg, Anna \u2020", "B"),
    ("Li Wei \u2021 #", "Wei, Li \u2021 #", "W"),
])
def test_an_emoji_a_name_ends_with_is_a_note_printed_after_it_and_not_its_family_name(written, inverted, letter):
    """An emoji after a name was taken for the family name: the index and the participants printed ", Mary-Kate
    O'Neil" at their top, under no letter (the emoji itself left out: no font has it)."""
    name = split_name(written)
    assert (name.inverted(), heading(name)) == (inverted, letter)


def test_thai_names_are_headed_by_the_consonant_the_collation_files_them_by_and_korean_ones_by_a_letter():
    """A Thai vowel written before its consonant (เ แ โ ใ ไ) headed a group of its own, among the consonants' groups
    where the collation sorts its names ("ใจดี" after "จันทร์": headings ก ไ ข ... จ ใ); a Korean name was headed by a
    conjoining jamo (U+1100), drawn as the top left part of a syllable, not the letter ㄱ."""
    names = sorted((split_name(n) for n in ["Fay \u0e01\u0e34\u0e48\u0e07", "Eve \u0e44\u0e01\u0e48",
                                             "Ann \u0e08\u0e31\u0e19\u0e17\u0e23\u0e4c", "\u0e2a\u0e21\u0e0a\u0e32\u0e22 "
                                             "\u0e43\u0e08\u0e14\u0e35", "\uae40\ubbfc\uc900", "Lee \ub098\ub77c"]),
                   key=sort_key)
    assert [(n.family, heading(n)) for n in names] == [
        ("\u0e01\u0e34\u0e48\u0e07", "\u0e01"), ("\u0e44\u0e01\u0e48", "\u0e01"),
        ("\u0e08\u0e31\u0e19\u0e17\u0e23\u0e4c", "\u0e08"), ("\u0e43\u0e08\u0e14\u0e35", "\u0e08"),
        ("\uae40\ubbfc\uc900", "\u3131"), ("\ub098\ub77c", "\u3134")]


def test_a_name_of_thousands_of_letters_is_sorted_by_its_first_thousand(monkeypatch):
    """Fuzzing: a speaker's name of one word of 98,000 letters took 8 s of CPU to sort, pyuca's collation copying what
    was left of it at every character. Its key is made of its first SORTED_LETTERS characters (the table asked about
    as many times, not 20,000); two such names alike in those are still told apart, by how they are written."""
    from booklet.text import names

    asked = []
    table = type(names._collator().table)
    real = table.find_prefix
    monkeypatch.setattr(table, "find_prefix", lambda self, key: asked.append(len(key)) or real(self, key))
    names._levels.cache_clear()
    word = "".join("abcdefghijklmnopqrstuvwxyz"[(i * 7) % 26] for i in range(20_000))
    first, second = split_name("Magnus " + word.capitalize() + "a"), split_name("Magnus " + word.capitalize() + "b")
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    keys = sort_key(first), sort_key(second)
    assert 0 < len(asked) <= 3 * names.SORTED_LETTERS and max(asked) <= names.SORTED_LETTERS, (len(asked), max(asked))
    assert keys[0][:6] == keys[1][:6] and keys[0] < keys[1]
    assert sort_key(split_name("Magnus Ahov")) < keys[0] < sort_key(split_name("Magnus Ahow"))


@pytest.mark.parametrize("written, inverted, letter", [
    ("Dupont JP", "Dupont, JP", "D"),  # sciencesconf's uRos form: the family name, then initials in capitals
    ("Pérez García JPM", "Pérez García, JPM", "P"),
    ("van der Berg JP", "Berg, JP van der", "B"),  # (its particles as ever)
    ("JP Dupont", "Dupont, JP", "D"),
    ("Damien DUPRE", "DUPRE, Damien", "D"),  # a family name in capitals after the given name, as before
    ("Wei LI", "LI, Wei", "L"), ("Ana NG", "NG, Ana", "N"),  # (a vowel, or a family name without one)
    ("Louis XV", "Louis XV", "L"),  # (a regnal number: no initials; filed under the name)
])
def test_initials_in_capitals_after_a_family_name_are_its_given_names(written, inverted, letter):
    """"Dupont JP" (a family name and the initials of the given names run together in capitals, as Vancouver's style
    and sciencesconf's forms write them) was filed under J as "JP, Dupont". Two or three capitals without a vowel after
    a name not in capitals are initials (names.capital_initials); printed as written, filed under the family name."""
    name = split_name(written)
    assert (name.written, name.inverted(), heading(name)) == (written, inverted, letter)


@pytest.mark.parametrize("written, inverted, letter", [
    ("Lakshmy A V", "Lakshmy, A V", "L"),  # FOSDEM 2025's: was "A, Lakshmy, V" (the V read as a fifth)
    # one initial after two words: a South Indian name's (DebConf 17's "Senthil Kumaran S", "S, Senthil Kumaran"
    # before aae7841a) or a family name cut short after two given names ("Anna Maria K" was "Anna Maria, K", as if
    # Anna Maria were the family name): nothing tells which, so as written, under the first word
    ("Senthil Kumaran S", "Senthil Kumaran S", "S"), ("Anna Maria K", "Anna Maria K", "A"),
    ("Jan Willem B", "Jan Willem B", "J"), ("van der Berg J", "Berg, J van der", "B"),
    ("Ana B C", "Ana, B C", "A"), ("Dupont J P", "Dupont, J P", "D"),  # (Vancouver's initials, spaced)
    ("van der Berg J P", "Berg, J P van der", "B"),  # (particles as ever)
    # a family name cut to its initial after one given name, a suffix, a name with a comma, initials with full stops:
    # as before
    ("Chris K", "K, Chris", "K"), ("Martin Luther King V", "King, Martin Luther, V", "K"),
    ("Smith, A B", "Smith, A B", "S"), ("Lakshmy A. V.", "V., Lakshmy A.", "V"), ("A B Smith", "Smith, A B", "S"),
])
def test_a_name_before_initials_without_full_stops_is_filed_under_the_name(written, inverted, letter):
    """A South Indian name writes the initials of the father's (or the house's) name after the person's own, without
    full stops: "Lakshmy A V" (FOSDEM 2025) was filed under A as "A, Lakshmy, V", "Senthil Kumaran S" (DebConf 17)
    as "S, Senthil Kumaran". There is no family name: a library's catalogue files "S. Radhakrishnan" under his own
    name, "Radhakrishnan, S.", and so does the index, "Lakshmy, A V" under L (names._spaced_initials): two initials
    or more after a name; one after a single word is a family name cut short; one after two words may be either,
    and is kept as written, people.yaml's `family` saying which."""
    name = split_name(written)
    assert (name.inverted(), heading(name)) == (inverted, letter)
    if written == "Anna Maria K":
        assert split_name(written, "K").inverted() == "K, Anna Maria"
        assert split_name("Senthil Kumaran S", "Senthil Kumaran").inverted() == "Senthil Kumaran, S"


@pytest.mark.parametrize("written", [", John", ", , John", "( Ana Smith", "* Ana Smith", "\u2014 Bo Jones"])
def test_a_name_whose_first_word_is_punctuation_alone_is_printed_as_written(written):
    """A fuzzing run: ", John" (a family name left out before its comma) printed "John, ," in the index and the list of
    participants, "( Ana" as "Ana, (": a first word with no letter or digit is no given name. Filed under its first
    letter."""
    name = split_name(written)
    assert (name.inverted(), name.family) == (written, written)
    assert heading(name) == next(ch for ch in written if ch.isalpha()).upper()


@pytest.mark.parametrize("written, inverted, letter", [
    # Catalan joins a name's two family names with 'i' as Spanish with 'y' (Les Houches 2018's "A. Fontcuberta i
    # Morral" was "Morral, A. Fontcuberta i" under M)
    ("A. Fontcuberta i Morral", "Fontcuberta i Morral, A.", "F"),
    ("Josep Puig i Cadafalch", "Puig i Cadafalch, Josep", "P"),
    # the Arabic article joined to the family name by a hyphen, in small letters, is set aside as "d'" is (all such
    # names were under A); with a capital it is the family name's, as a capitalised particle is
    ("Ahmad al-Khatib", "Khatib, Ahmad al-", "K"), ("Omar ibn al-Khattab", "Khattab, Omar ibn al-", "K"),
    ("Hasan el-Banna", "Banna, Hasan el-", "B"), ("Abdullah Al-Saud", "Al-Saud, Abdullah", "A"),
    ("Yousef El-Dardiry", "El-Dardiry, Yousef", "E"),
    # Flemish particles written in one word are particles as "van den" is (FOSDEM 2025's "Mathias Vanden Auweele" was
    # "Auweele, Mathias Vanden" under A)
    ("Mathias Vanden Auweele", "Vanden Auweele, Mathias", "V"), ("Jan vander Berg", "Berg, Jan vander", "B"),
    # a Vietnamese name written without its accents, family name first before Văn or Thị ("Nguyen Thi Minh Khai" was
    # "Khai, Nguyen Thi Minh"), as the importers read it; not a Western order name, nor a Flemish "Van"
    ("Nguyen Thi Minh Khai", "Nguyen, Thi Minh Khai", "N"), ("Le Van Thanh", "Le, Van Thanh", "L"),
    ("Huong Nguyen", "Nguyen, Huong", "N"), ("Jo Van Bulck", "Van Bulck, Jo", "V"),
    # a dash between spaces sets a name beside what its bearer goes by, which first untold: as written ("cbro -
    # Christian Brodowski", 36C3's, was "Brodowski, cbro - Christian"; FOSDEM's "Biappi, Antonio Malara -")
    ("cbro - Christian Brodowski", "cbro - Christian Brodowski", "C"),
    ("Antonio Malara - Biappi", "Antonio Malara - Biappi", "A"), ("Ana Smith-Jones", "Smith-Jones, Ana", "S"),
    # a regnal or papal name, a name and a Roman number, is filed under the name ("XIV, Louis" was under X); a
    # family name in capitals that is one too stays one, as does a suffix after a family name
    ("Louis XIV", "Louis XIV", "L"), ("Benedict XVI", "Benedict XVI", "B"), ("Wei XI", "XI, Wei", "X"),
    ("Henry Ford II", "Ford, Henry, II", "F"),
])
def test_catalan_arabic_vietnamese_and_dashed_names_are_filed_as_an_index_files_them(written, inverted, letter):
    name = split_name(written)
    assert (name.inverted(), heading(name)) == (inverted, letter)


@pytest.mark.parametrize("written, inverted, letter", [
    ("李健秋 Andrew Lee", "Lee, Andrew 李健秋", "L"),  # DebConf 17's: was "Lee, 李健秋 Andrew", after every other Lee
    ("Xiaoming Wang 王小明", "Wang, Xiaoming 王小明", "W"),  # was "王小明, Xiaoming Wang" under 王
    ("Min-jun Kim 김민준", "Kim, Min-jun 김민준", "K"),
    # one word in each script: which is the name untold, as before; a name in one script alone as ever
    ("Wang 王小明", "王小明, Wang", "王"), ("Στέλιος Παπαδόπουλος", "Παπαδόπουλος, Στέλιος", "Π"),
])
def test_a_name_written_again_in_its_own_script_is_a_note_after_it(written, inverted, letter):
    """A name written again in its own script, as words of their own at its start or end beside two words or more
    (where a font prints them: without one they are left out of the name before the index sees it), is printed after
    the name and not sorted on, as one in brackets is ("Yao Wei (魏銘廷)": "Wei, Yao (魏銘廷)")."""
    name = split_name(written)
    assert (name.inverted(), heading(name), name.written) == (inverted, letter, written)


def test_a_title_before_the_given_names_is_printed_but_not_sorted_on():
    """"Prof. Dr. Hans Meier" was sorted by "Prof. Dr. Hans", after "Meier, Otto", apart from "Meier, Hans" (the same
    man written without his titles, which lint tells of); "Sir Tim Berners-Lee" by "Sir". The index prints the titles
    as written ("Meier, Prof. Dr. Hans", as "Scott, Sir Walter") and sorts by the given names after them."""
    written = ["Otto Meier", "Prof. Dr. Hans Meier", "Anna Meier", "Hans Meier", "Sir Tim Berners-Lee",
               "Ann Berners-Lee", "Dr. Zoe Meier", "Dr. Meier"]
    ordered = sorted(written, key=lambda name: sort_key(split_name(name)))
    assert [split_name(name).inverted() for name in ordered] == [
        "Berners-Lee, Ann", "Berners-Lee, Sir Tim", "Meier, Anna", "Meier, Dr.", "Meier, Hans",
        "Meier, Prof. Dr. Hans", "Meier, Otto", "Meier, Dr. Zoe"]


def test_the_index_passes_over_the_academic_titles_lint_sets_apart():
    """The index's titles and lint's were two lists: "Univ.-Prof. Hans Meier" and "Mag. Hans Meier" (lint's alone)
    were sorted by their titles, after "Meier, Otto". One list now (text.names.ACADEMIC_TITLES), the forms of address
    the index's alone."""
    written = ["Otto Meier", "Univ.-Prof. Hans Meier", "Anna Meier", "Mag. Ida Meier", "Dr.-Ing. Eva Meier"]
    ordered = sorted(written, key=lambda name: sort_key(split_name(name)))
    assert [split_name(name).inverted() for name in ordered] == [
        "Meier, Anna", "Meier, Dr.-Ing. Eva", "Meier, Univ.-Prof. Hans", "Meier, Mag. Ida", "Meier, Otto"]


def test_a_form_of_address_without_its_full_stop_is_not_sorted_on():
    """British style writes "Mr", "Mrs", "Ms" without a full stop, as "Dr": "Dr Bob Smith" was sorted by "Bob" but
    "Mr John Smith" by "Mr", after every other Smith."""
    written = ["Mr John Smith", "Mrs Ann Smith", "Dr Bob Smith", "Ms Zoe Smith", "Mx Eve Smith", "Carl Smith"]
    ordered = sorted(written, key=lambda name: sort_key(split_name(name)))
    assert [split_name(name).inverted() for name in ordered] == [
        "Smith, Mrs Ann", "Smith, Dr Bob", "Smith, Carl", "Smith, Mx Eve", "Smith, Mr John", "Smith, Ms Zoe"]


def _filed_in_order(written: list[str], language: str = "en") -> list[tuple[str, str]]:
    """The names as an index prints them, in its order, each with the heading it is filed under."""
    names = sorted((split_name(name) for name in written), key=lambda name: sort_key(name, language))
    return [(heading(name, language), name.inverted()) for name in names]


def test_spanish_names_with_two_family_names_are_filed_under_the_first_when_their_accents_say_so():
    """"Gabriel García Márquez" was filed under M ("Márquez, Gabriel García") without people.yaml's `family`: a
    family name from a father's name (-ez) or García, Muñoz, Díaz, written with its Spanish accent before the last
    word, is the first of two, as a Spanish index files them. Without accents (a Philippine name writes the mother's
    family name before the father's) or before the name alone, as before."""
    assert _filed_in_order(["Gabriel García Márquez", "José Luis Rodríguez Zapatero", "Cristina Fernández de Kirchner",
                            "Ana Maria Garcia Santos", "María José García", "Pilar Moreno", "Luis Muñoz Marín"]) == [
        ("F", "Fernández de Kirchner, Cristina"), ("G", "García, María José"), ("G", "García Márquez, Gabriel"),
        ("M", "Moreno, Pilar"), ("M", "Muñoz Marín, Luis"), ("R", "Rodríguez Zapatero, José Luis"),
        ("S", "Santos, Ana Maria Garcia")]


def test_arabic_and_malay_names_of_a_father_s_name_are_filed_under_their_first_word_as_written():
    """"Mohammed bin Rashid" was "Rashid, Mohammed bin" under R, his father's given name, and "Ibn Khaldun" "Khaldun,
    Ibn": a name that ends with the father's name after bin, binti, bint or ibn has no family name, and a library's
    catalogue files it as written under its first word ("Mahathir bin Mohamad"), one of Ibn under I; a family name
    after the father's name is filed under as ever."""
    assert _filed_in_order(["Mohammed bin Rashid", "Ibn Khaldun", "Siti Aminah binti Hassan", "Ahmad ibn Hanbal",
                            "Mohammed bin Rashid Al Maktoum", "Omar Rashid", "Ahmad al-Khatib"]) == [
        ("A", "Ahmad ibn Hanbal"), ("A", "Al Maktoum, Mohammed bin Rashid"), ("I", "Ibn Khaldun"),
        ("K", "Khatib, Ahmad al-"), ("M", "Mohammed bin Rashid"), ("R", "Rashid, Omar"),
        ("S", "Siti Aminah binti Hassan")]


def test_chinese_japanese_and_korean_names_are_filed_family_name_first_under_a_heading_a_group():
    """"山田 太郎" and "김 영희", family names first as their writing puts them, were filed "太郎, 山田" under 太 and "영희, 김"
    under ㅇ; kana headed a group each by their first kana, hiragana and katakana in turn as the collation mixes them
    (や, ヤ, や: the script named again at each). A name in Chinese, Japanese or Korean writing is filed as written,
    under its first character; kana under the first of their row (あ, か, ..., as a Japanese index heads them), the
    group named once, as the Japanese syllabaries; a Western name in katakana keeps its given name first."""
    from booklet.text.names import script_names

    filed = _filed_in_order(["やまだ たろう", "ヤマモト", "やまもと ゆき", "がっこう", "ｱｲ", "山田 太郎", "山本", "王芳",
                             "王 小明", "김 영희", "김철수", "나라", "ジョン スミス"])
    assert filed == [
        ("ㄱ", "김 영희"), ("ㄱ", "김철수"), ("ㄴ", "나라"), ("あ", "ｱｲ"), ("か", "がっこう"), ("さ", "スミス, ジョン"),
        ("や", "やまだ たろう"), ("や", "ヤマモト"), ("や", "やまもと ゆき"), ("山", "山本"), ("山", "山田 太郎"),
        ("王", "王 小明"), ("王", "王芳")]
    letters = list(dict.fromkeys(letter for letter, _ in filed))
    assert letters == ["ㄱ", "ㄴ", "あ", "か", "さ", "や", "山", "王"]
    assert script_names(letters, "en") == ["Hangul", None, "Japanese Syllabaries", None, None, None, "Han", None]
    assert script_names(letters, "ja")[2] == "仮名"


@pytest.mark.parametrize("written, inverted, letter", [
    ("Ahmad ʻAli", "ʻAli, Ahmad", "A"), ("Sami ʼUbayd", "ʼUbayd, Sami", "U"), ("Saʿīd Hanna", "Hanna, Saʿīd", "H"),
    ("Noelani Kaʻiulani", "Kaʻiulani, Noelani", "K"), ("'s-Hertogenbosch", "'s-Hertogenbosch", "H"),
    ("Jan van ’s-Gravesande", "’s-Gravesande, Jan van", "G"),
])
def test_the_signs_of_a_transliteration_and_a_dutch_article_are_printed_and_passed_over_in_filing(
        written, inverted, letter):
    """The ʻokina, ʻayn and hamza of a transliteration are letters to Unicode, which the collation files between H and
    I or after Z: "ʻAli, Ahmad" was under a heading "ʻ" after the Hs; and "'s-Hertogenbosch" was under S. Both print
    as written and are filed by the letters after them, as a library files them."""
    name = split_name(written)
    assert (name.inverted(), heading(name)) == (inverted, letter)
    order = _filed_in_order([written, "Ana Aaron", "Ana Gabel", "Ana Haas", "Ana Kaas", "Ana Uhl", "Ana Zorn"])
    letters = [filed for filed, _ in order]
    assert (letter, inverted) in order and letters == sorted(letters), order  # (among the names of its letter)
