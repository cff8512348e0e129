"""Words that name an institution, in the languages of the affiliations met, folded as folding.words folds them (no
accents, small letters: "Université" is "universite", "Fakultät" "fakultat"). One table for lint, which tells an
affiliation's institution from its place ("Univ. of Tartu, Estonia"), and for the importers, which tell an
institution written after a person's name ("Ana Smith, Lunds universitet") from another person."""

from __future__ import annotations

# places of work: a university, an institute, a department, a hospital, in English and the languages of Europe's
# (and Latin America's) affiliations; with the abbreviations a form's cell writes ("Univ.", "Dept.", "Inst.")
INSTITUTION_WORDS = frozenset(
    "university institute department laboratory observatory centre center academy college school faculty hospital "
    "universitat universitaet universite universita universidad universidade universiteit universitet universiti "
    "universitatea uniwersytet univerzita univerzitet yliopisto univ "
    "hochschule fachhochschule musikhochschule akademie academie accademia academia akademia "
    "institut instituto istituto instytut inst conservatoire conservatorio konservatorium "
    "politecnico polytechnique politechnika "
    "ecole escuela escola scuola schule zentrum centro laboratoire laboratorio sternwarte observatoire "
    "osservatorio observatorio museum klinik klinikum clinic ministry "
    "dept departamento departement dipartimento fakultat fakultet facultad faculte facolta".split())
# bodies a group of people also names itself by ("Ceph Group", "Debian Society"): lint counts them institutions;
# an importer takes a speaker of such a name for a speaker (as "Immich Team", "FOSDEM Staff")
BODY_WORDS = frozenset("division group foundation agency council society".split())
# a company's legal form ("Acme GmbH", "Initech Inc."): an employer after a speaker's name in an importer's cell
COMPANY_WORDS = frozenset("gmbh inc ltd llc corporation".split())
# institution words that are people's family names too ("Bo Center", "Jo College", "Marta Escolà"): in an importer's
# cell such a word names an institution only in a piece of more than two words ("Imperial College London")
FAMILY_NAME_WORDS = frozenset("center centre college school hospital escola".split())
