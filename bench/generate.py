"""Synthetic conferences of any size -> a valid booklet data folder (for the benchmark in bench/run.py).

`generate(folder, talks, posters, seed=0)` writes conference.yaml, programme.yaml, abstracts.yaml,
tutorials.yaml, posters.yaml and a handful of small images. The same arguments always give the
same bytes (everything is drawn from one `random.Random(seed)`).

What the data looks like, so the benchmark measures realistic work:

- five days; every day opens with a plenary session (a keynote or invited talk first), has coffee
  breaks and lunch, and parallel sessions each afternoon (2 tracks for a small meeting; for a large
  one the whole day runs in parallel, with as many tracks as the talks need: 500 talks give 4,
  2,000 talks give 11); sessions have a name, a chair and a room; evenings hold a tutorial, the
  poster session, a reception and the social dinner;
- abstracts of 150-250 words in one to three paragraphs, about a third with several authors
  (numbered affiliations, a presenting author), names with diacritics and in Greek, inline math
  (`$\\sim 30\\%$`, `H$\\alpha$`, `$x^{2}$`, ...), `<`, `&`, `*emphasis*` and `**strong**`;
- photos for keynote and invited speakers and a few others (six small JPEGs, reused);
- posters, half of them with an abstract.

Command line: `python bench/generate.py FOLDER TALKS POSTERS [--seed N]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import re
import unicodedata
from pathlib import Path

import yaml

START = dt.date(2027, 9, 13)  # a Monday
DAYS = 5
PHOTOS = 6

# --------------------------------------------------------------------------- word pools

FIRST = (
    "Ingrid Tomás Zoë Chiamaka Sven Mei Ana Bo Aroha Rin Zsófia Ignacio Søren Björn Ólöf Łukasz "
    "Małgorzata Jiří Çağla Şebnem İlker Thảo Ngozi Oluwaseun Adaeze Kwame Amani Priya Arjun Hiroshi Yūki "
    "Kōji José João François Hélène Gaëlle Jürgen Åsa Ørjan Māui Ximena Begoña Íñigo Zoltán Réka Vesna "
    "Mihály Anaïs Renée Noémie Dagný Eoin Siobhán Aleksandra Radosław Dóra Sebastián Inés Lucía Matías "
    "Tuğba Emre Kaito Haruka Wiremu Leilani Ama Kofi Nnamdi Chidi Ravi Ananya Li Wei Xiu Hyun-woo Ji-eun"
).split()
LAST = (
    "Åström Núñez Peñalosa Øberg Kőváry Horáček Dvořák Wróbel Łęcka Şahin Çelik Yılmaz Nguyễn Müller "
    "Schäfer Ólafsdóttir Guðmundsson Lefèvre Desrosiers Gonçalves Araújo Ibáñez Okafor Mensah Osei "
    "Takamatsu Satō Kobayashi Chen Zhang Raghunathan Iyer Ngata Kowalski Novák Svensson Lindqvist Haddad "
    "Mwangi Abebe O'Brien Smith-Jones Bianchi Marchetti Brandt Strand Whitfield Dubois Ferreira "
    "Kovačić Yücel Morishita Alexiou Ortiz Abrahamsen Fuentes Brennan Madsen Nwosu Karlsen Moreau "
    "Sandoval Wu Petrović Jankowska Hernández Doğan Þórsson Eriksdóttir"
).split() + ["Te Rangi", "Van der Berg", "Osei-Mensah", "de la Fuente"]
GREEK = (
    "Μαρίνα Παπαδάκη", "Γιώργος Νικολάου", "Ελένη Κωνσταντίνου", "Δημήτρης Αλεξίου", "Σοφία Γεωργίου",
    "Νίκος Παπαδόπουλος", "Κατερίνα Βλάχου", "Αλέξανδρος Οικονόμου", "Ιωάννα Μαυρίδου", "Θανάσης Ζαχαρίου",
)
CYRILLIC = ("Анна Петрова", "Дмитрий Соколов", "Ирина Волкова")

AFFILIATIONS = (
    "Université de Genève-Lacroix, Switzerland", "Universidad de Montecielo, Chile",
    "Vltava Institute of Statistics, Czech Republic", "Brannvik Institute for Astrophysics, Norway",
    "Instituto de Astrofísica de Cañadas, Spain", "Max-Planck-Institut für Himmelsstatistik, Germany",
    "Observatoire du Mont-Lézard, France", "University of Cape Meridian, South Africa",
    "Tsukimi Institute of Space Science, Japan", "Almásvölgy Observatory, Hungary",
    "Aristarchus Centre for Astronomy, Greece", "Αστεροσκοπείο Ολύμπου, Ελλάδα",
    "University of Kairanga, New Zealand", "Instituto Austral de Ciencias del Cielo, Argentina",
    "Łódź Centre for Data Science, Poland", "Göteborgs Rymdinstitut, Sweden",
    "Reykjavík Observatory, Iceland", "İzmir Institute of Cosmology, Türkiye",
    "Hà Nội Centre for Astrophysics, Viet Nam", "Universidade de São Ciríaco, Brazil",
    "Indian Institute of Statistical Astronomy, India", "Kyōto Sky Survey Centre, Japan",
    "Nairobi School of Data & Space Science, Kenya", "Dublin Institute of Celestial Studies, Ireland",
    "Università di Pietrafonda, Italy", "Københavns Himmelinstitut, Denmark",
    "Zagreb Astronomical Society & University, Croatia", "Lagos Centre for Radio Astronomy, Nigeria",
)

TOPICS = (
    "Hierarchical Models", "Time-Domain Astronomy", "Machine Learning", "Surveys & Selection Effects",
    "Cosmological Inference", "Exoplanets and Stars", "Instrumentation and Imaging", "Galaxy Evolution",
    "Gravitational Waves", "Spectroscopy", "Bayesian Computation", "Simulation-Based Inference",
    "Radio Astronomy", "Stellar Populations", "The Milky Way", "High-Energy Astrophysics",
    "Solar Physics", "Small Bodies", "Data Pipelines", "Causal Inference", "Astrostatistics Software",
    "Interstellar Medium", "Star Formation", "Transients",
)
ROOMS = (
    "Aurora Auditorium", "Lyra Seminar Room", "Orion Hall", "Vega Room", "Cassiopeia Room", "Draco Room",
    "Cygnus Room", "Perseus Room", "Andromeda Room", "Pegasus Room", "Hydra Room", "Carina Room",
    "Centaurus Room", "Auriga Room", "Boötes Room", "Eridanus Room", "Fornax Room", "Lupus Room",
)

METHODS = (
    "hierarchical Bayesian model", "Gaussian process", "normalising flow", "neural posterior estimator",
    "mixture model", "Hamiltonian Monte Carlo sampler", "nested sampling scheme", "random forest",
    "variational autoencoder", "likelihood-free inference pipeline", "Kalman filter",
    "semi-parametric regression", "approximate Bayesian computation", "graph neural network",
)
OBJECTS = (
    "M dwarfs", "quasars", "galaxy clusters", "Cepheid variables", "exoplanet transits", "H$\\alpha$ emitters",
    "fast radio bursts", "white dwarfs", "supernovae of type Ia", "open clusters", "active galactic nuclei",
    "binary black holes", "Lyman-$\\alpha$ absorbers", "solar flares", "trans-Neptunian objects",
    "dusty star-forming galaxies", "RR Lyrae stars", "pulsar timing residuals",
)
SURVEYS = (
    "a wide-field photometric survey", "the first data release of a spectroscopic survey",
    "ten years of ground-based light curves", "a deep radio continuum survey", "space-based astrometry",
    "a simulated LSST-like catalogue", "archival X-ray observations", "an integral-field spectroscopy sample",
)
MATH = (
    "$\\sim 30\\%$", "$x^{2}$", "$\\chi^{2}$", "$u_{we}$", "$z \\sim 1.5$", "$\\sigma_{8}$",
    "$\\Omega_{m}$", "$10^{-3}$", "$\\alpha = 0.05$", "$> 84\\%$", "$\\lambda 6563$", "$R^{2} = 0.91$",
    "$\\log g$", "$M_{\\star}$", "$\\tau \\approx 2.3$", "$H_{0}$", "$\\beta$", "$N_{\\mathrm{eff}}$",
)
SENTENCES = (
    "We present a {method} for {objects} observed in {survey}.",
    "Our sample contains {n} {objects} with S/N < {small} & incomplete coverage.",
    "Using a {method}, we recover the true parameters in {pct} of simulated cases, "
    "compared with {pct2} for standard methods.",
    "The posterior for {math} is well constrained, and the residuals show no trend with {math2}.",
    "We show that ignoring selection effects biases the inferred {quantity} by {math}.",
    "H$\\alpha$ maps of {n} fields reveal structure on scales below {small} kpc.",
    "A simple *rank-based* test detects the signal at the {small}$\\sigma$ level.",
    "We compare the {method} with a {method2} and find that both agree within {math}.",
    "The method scales to catalogues of {big} sources on a single workstation.",
    "**All code and data** are public, and every figure in this talk can be reproduced in minutes.",
    "Model misspecification remains the main source of error when {objects} are rare.",
    "We quantify how the cadence of {survey} shapes the recovered {quantity}.",
    "The fit yields {math} with a reduced $\\chi^{2}$ of {ratio}, consistent with the noise model.",
    "Astronomers & statisticians rarely share benchmarks; we propose one for {objects}.",
    "When the prior on {math} is relaxed, the credible interval widens by a factor of {small}.",
    "Injection tests show that completeness drops below {pct} for magnitudes > {mag}.",
    "We discuss what goes wrong when the errors on {math} are underestimated by {pct}.",
    "Our {method} treats the measurement errors of {objects} as latent variables.",
    "Finally, we outline how {method} could be applied to {survey} in the coming decade.",
    "This is joint work between astronomers and statisticians at three institutes.",
    "We find a correlation between {quantity} and {quantity2} with $p < 0.01$.",
    "The likelihood is intractable, so we learn it from {big} simulations.",
    "For {objects} with fewer than {n} epochs, periods are recovered in {pct} of cases.",
    "The resulting catalogue of {objects} is *twice* as pure at the same completeness.",
)
QUANTITIES = (
    "luminosity function", "period distribution", "mass-metallicity relation", "dust extinction",
    "Hubble constant", "rotation curve", "occurrence rate", "initial mass function", "star formation rate",
    "redshift distribution", "age-velocity relation", "spectral index",
)
TITLE_FORMS = (
    "{Method} for {objects}: what can go wrong?",
    "Inferring the {quantity} of {objects} with a {method}",
    "{Objects} in {survey}",
    "Selection effects and the {quantity} at {math}",
    "A {method} for noisy {objects}",
    "Beyond {math}: robust estimates of the {quantity}",
    "Fast and honest uncertainties for {objects}",
    "{Quantity} from {survey} & simulations",
)
BIO = (
    "{name} works on statistical methods for {objects} and teaches a graduate course on {method}s. "
    "They have written software used by several large surveys and enjoy long walks & short proofs."
)


# --------------------------------------------------------------------------- YAML output


class _Flow(dict):
    """A mapping written on one line, as people write programme items."""


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml emitter when present: 4x faster
    pass


def _str(dumper, text):
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _flow(dumper, data):
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(_Flow, _flow)


def _dump(path: Path, data, header: str) -> None:
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)
    path.write_text(f"# {header}\n# Generated by bench/generate.py: fictional people, places and results.\n\n" + text,
                    encoding="utf-8")


# --------------------------------------------------------------------------- text


_ASCII = str.maketrans({"ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "þ": "th",
                        "Þ": "Th", "ß": "ss", "đ": "d", "ı": "i"})
_ARTICLE = re.compile(r"\b([Aa]) ([aeiouAEIOU])")  # "a approximate" -> "an approximate"
_FIELD = re.compile(r"\{([A-Za-z]\w*)\}")  # {method}, {Objects}; leaves LaTeX groups like {2} alone


class _Writer:
    """Names, titles and abstracts drawn from one random generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used_ids: set[str] = set()
        self.used_names: set[str] = set()

    def name(self) -> str:
        r = self.rng.random()
        if r < 0.06:
            return self.rng.choice(GREEK)
        if r < 0.08:
            return self.rng.choice(CYRILLIC)
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def unique_name(self) -> str:
        """A name not given out by unique_name before: speakers and chairs are never double-booked."""
        name = self.name()
        while name in self.used_names:
            name = self.name()
        self.used_names.add(name)
        return name

    def ident(self, name: str) -> str:
        last = name.split(" ", 1)[-1].translate(_ASCII)
        ascii_ = unicodedata.normalize("NFKD", last).encode("ascii", "ignore").decode().lower()
        slug = "".join(ch for ch in ascii_ if ch.isalnum()) or "talk"
        ident, n = slug, 2
        while ident in self.used_ids:
            ident, n = f"{slug}-{n}", n + 1
        self.used_ids.add(ident)
        return ident

    def _fill(self, template: str) -> str:
        rng = self.rng
        values = {
            "method": rng.choice(METHODS), "method2": rng.choice(METHODS), "objects": rng.choice(OBJECTS),
            "survey": rng.choice(SURVEYS), "quantity": rng.choice(QUANTITIES),
            "quantity2": rng.choice(QUANTITIES), "math": rng.choice(MATH), "math2": rng.choice(MATH),
            "n": f"{rng.randint(12, 990)}", "small": f"{rng.randint(2, 9)}", "big": f"{rng.randint(2, 99)},000",
            "pct": f"{rng.randint(55, 99)}%", "pct2": f"{rng.randint(20, 60)}%",
            "ratio": f"{rng.uniform(0.8, 1.3):.2f}", "mag": f"{rng.uniform(18, 24):.1f}",
        }
        values.update({k.capitalize(): v[:1].upper() + v[1:] for k, v in values.items()})
        return _ARTICLE.sub(r"\1n \2", _FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), template))

    def title(self) -> str:
        return self._fill(self.rng.choice(TITLE_FORMS))

    def text(self, low: int, high: int) -> str:
        """Sentences until between `low` and `high` words, in one to three paragraphs."""
        target = self.rng.randint(low + (high - low) // 5, high - 30)
        sentences, words = [], 0
        while words < target:
            sentence = self._fill(self.rng.choice(SENTENCES))
            sentences.append(sentence)
            words += len(sentence.split())
        n_paras = min(len(sentences), self.rng.choice((1, 2, 2, 3)))
        cuts = sorted(self.rng.sample(range(1, len(sentences)), n_paras - 1)) if n_paras > 1 else []
        bounds = [0, *cuts, len(sentences)]
        return "\n\n".join(" ".join(sentences[a:b]) for a, b in zip(bounds, bounds[1:])) + "\n"

    def affiliations(self) -> list[str]:
        return self.rng.sample(AFFILIATIONS, self.rng.choice((1, 1, 1, 2)))


def _wrap(text: str, width: int = 88) -> str:
    """Paragraph text broken into lines as a person would type it (blank lines kept)."""
    out = []
    for para in text.strip("\n").split("\n\n"):
        line, lines = "", []
        for word in para.split():
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


# --------------------------------------------------------------------------- images


def _make_images(folder: Path, rng: random.Random) -> None:
    from PIL import Image, ImageDraw

    images = folder / "images"
    images.mkdir(parents=True, exist_ok=True)
    for i in range(PHOTOS):
        bg = tuple(rng.randint(150, 230) for _ in range(3))
        fg = tuple(rng.randint(40, 120) for _ in range(3))
        img = Image.new("RGB", (320, 400), bg)
        draw = ImageDraw.Draw(img)
        draw.ellipse((100, 70, 220, 200), fill=fg)
        draw.ellipse((50, 220, 270, 480), fill=fg)
        img.save(images / f"photo{i + 1}.jpg", quality=85)
    logo = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    ImageDraw.Draw(logo).ellipse((20, 20, 380, 380), fill=(20, 80, 160, 255))
    logo.save(images / "logo.png")
    cover = Image.new("RGB", (1200, 900), (10, 20, 50))
    draw = ImageDraw.Draw(cover)
    for _ in range(300):
        x, y, r = rng.randint(0, 1199), rng.randint(0, 899), rng.choice((1, 1, 2, 3))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(255, 255, 230))
    cover.save(images / "cover.jpg", quality=85)


# --------------------------------------------------------------------------- the programme


def _hm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _span(start: int, end: int) -> str:
    return f"{_hm(start)}-{_hm(end)}"


def _at(text: str) -> int:
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def _day_plan(n: int):
    """(slot minutes, plenary blocks, parallel blocks, breaks) for a day of `n` talks.

    A block is (start, end) in minutes after midnight. Small days: plenary mornings, parallel
    afternoons. Large days: a plenary keynote, then parallel sessions all day with shorter talks.
    """
    if n <= 40:
        slot = 20
        plenary = [(_at("09:00"), _at("10:40")), (_at("11:10"), _at("12:30"))]
        parallel = [(_at("14:00"), _at("15:40")), (_at("16:10"), _at("18:10"))]
        breaks = [("10:40-11:10", "Coffee Break"), ("12:30-14:00", "Lunch"), ("15:40-16:10", "Coffee Break")]
    else:
        slot = 15 if n <= 150 else 12
        plenary = [(_at("08:30"), _at("09:10"))]  # one keynote, 40 minutes
        parallel = [(_at("09:10"), _at("10:34")), (_at("11:00"), _at("12:36")), (_at("13:30"), _at("15:06")),
                    (_at("15:30"), _at("17:06")), (_at("17:10"), _at("18:34"))]
        breaks = [("10:34-11:00", "Coffee Break"), ("12:36-13:30", "Lunch"), ("15:06-15:30", "Coffee Break")]
    return slot, plenary, parallel, breaks


def _split(total: int, weights: list[int]) -> list[int]:
    """`total` split in proportion to `weights` (largest remainders), summing exactly to `total`."""
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    parts = [int(x) for x in exact]
    for i in sorted(range(len(weights)), key=lambda i: parts[i] - exact[i])[: total - sum(parts)]:
        parts[i] += 1
    return parts


class _Programme:
    def __init__(self, rng: random.Random, writer: _Writer):
        self.rng = rng
        self.writer = writer
        self.topic_counts: dict[str, int] = {}
        self.max_tracks = 0

    def session_name(self) -> str:
        topic = self.rng.choice(TOPICS)
        self.topic_counts[topic] = self.topic_counts.get(topic, 0) + 1
        n = self.topic_counts[topic]
        roman = ("I II III IV V VI VII VIII IX X".split() + [str(i) for i in range(11, 400)])[n - 1]
        return f"{topic} {roman}"

    def session(self, start: int, slot: int, talks: list[str], room: str, first_len: int | None = None) -> dict:
        items, t = [], start
        for i, ident in enumerate(talks):
            length = first_len if (i == 0 and first_len) else slot
            items.append(_Flow(time=_span(t, t + length), talk=ident))
            t += length
        return {"session": self.session_name(), "chair": self.writer.unique_name(), "room": room, "items": items}

    def day(self, index: int, talk_ids: list[str], tutorial: str | None) -> dict:
        n = len(talk_ids)
        slot, plenary, parallel, breaks = _day_plan(n)
        plenary_cap = [(b - a) // slot for a, b in plenary] if n <= 40 else [1]
        parallel_cap = [(b - a) // slot for a, b in parallel]
        n_plenary = min(n, sum(plenary_cap), max(1, math.ceil(n * 0.4)))
        n_parallel = n - n_plenary
        tracks = max(2, math.ceil(n_parallel / sum(parallel_cap)))
        self.max_tracks = max(self.max_tracks, tracks)
        # use the earliest parallel blocks that hold the talks, spread evenly over them
        used = next(k for k in range(1, len(parallel) + 1) if tracks * sum(parallel_cap[:k]) >= n_parallel)
        per_block = _split(n_parallel, parallel_cap[:used])

        talks = iter(talk_ids)
        entries: list[tuple[int, object]] = []  # (start minute, entry) sorted at the end
        if index == 0:
            opening = plenary[0][0]
            entries.append((opening - 60, _Flow(time=_span(opening - 60, opening - 15), title="Registration")))
            entries.append((opening - 15, _Flow(time=_span(opening - 15, opening), title="Welcome")))
        # plenary
        left = n_plenary
        for (a, b), cap in zip(plenary, plenary_cap):
            take = min(cap, left)
            if take:
                ids = [next(talks) for _ in range(take)]
                first_len = (b - a) if n > 40 else None
                entries.append((a, self.session(a, slot, ids, ROOMS[0], first_len)))
                left -= take
        # parallel
        for (a, _), count in zip(parallel, per_block):
            if not count:
                continue
            k = min(tracks, count)
            sizes = _split(count, [1] * k)
            sessions = [self.session(a, slot, [next(talks) for _ in range(size)], ROOMS[(j + 1) % len(ROOMS)])
                        for j, size in enumerate(sizes)]
            entries.append((a, sessions[0] if k == 1 else {"parallel": sessions}))
        for span, title in breaks:
            entries.append((_at(span[:5]), _Flow(time=span, title=title, kind="break")))
        # evenings
        evening = _at("18:45")
        if tutorial:
            entries.append((evening, _Flow(time="18:45-20:15", tutorial=tutorial)))
        if index == 0:
            entries.append((_at("20:30"), _Flow(time="20:30-22:00", title="Welcome Reception & Drinks", kind="social")))
        elif index == 1:
            entries.append((evening, _Flow(time="18:45-20:30", title="Poster Session & Drinks", kind="poster")))
        elif index == 2:
            entries.append((_at("19:30"), _Flow(time="19:30", title="Social Dinner", kind="social",
                                                place="Restaurant Fyrlykta")))
        elif index == DAYS - 1:
            entries.append((_at("18:40"), _Flow(time="18:40-19:00", title="Closing Remarks")))
        entries.sort(key=lambda e: e[0])
        return {"date": START + dt.timedelta(days=index), "items": [e for _, e in entries]}


# --------------------------------------------------------------------------- the whole folder


def generate(folder, talks: int, posters: int, seed: int = 0) -> dict:
    """Write a conference with `talks` talks and `posters` posters into `folder` (created if needed).

    Returns a summary: {"talks", "posters", "days", "max_tracks", "multi_author"}.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    writer = _Writer(rng)
    _make_images(folder, rng)

    # -- abstracts
    abstracts, per_day = [], _split(talks, [1] * DAYS)
    multi = 0
    firsts = {sum(per_day[:d]) for d in range(DAYS) if per_day[d]}  # each day's first talk
    for i in range(talks):
        kind = "keynote" if i in firsts and i == 0 else "invited" if i in firsts else \
            rng.choices(("contributed", "invited", "special"), (0.93, 0.06, 0.01))[0]
        photo = kind != "contributed" or rng.random() < 0.08
        entry = {"id": None}
        if kind != "contributed":
            entry["kind"] = kind
        entry["title"] = writer.title()
        if rng.random() < 1 / 3:
            multi += 1
            n_authors = rng.choice((2, 2, 3, 3, 4, 5, 6))
            presenting = rng.randrange(n_authors)
            people = []
            for j in range(n_authors):
                affs = writer.affiliations()
                name = writer.unique_name() if j == presenting else writer.name()
                person = {"name": name, "affiliation": affs[0] if len(affs) == 1 else affs}
                if j == presenting:
                    person["presenting"] = True
                    person["email"] = f"speaker{i}@example.org"
                    if photo:
                        person["photo"] = f"images/photo{rng.randint(1, PHOTOS)}.jpg"
                people.append(person)
            entry["authors"] = people
            speaker_name = people[presenting]["name"]
        else:
            affs = writer.affiliations()
            speaker = {"name": writer.unique_name(), "affiliation": affs[0] if len(affs) == 1 else affs}
            if rng.random() < 0.7:
                speaker["email"] = f"speaker{i}@example.org"
            if photo:
                speaker["photo"] = f"images/photo{rng.randint(1, PHOTOS)}.jpg"
            entry["speaker"] = speaker
            speaker_name = speaker["name"]
        entry["id"] = writer.ident(speaker_name)
        entry["abstract"] = _wrap(writer.text(150, 250))
        abstracts.append(entry)

    # -- tutorials
    tutorials = []
    for t in range(2):
        presenters = []
        for _ in range(rng.choice((1, 2))):
            name = writer.unique_name()
            presenters.append({"name": name, "affiliation": rng.choice(AFFILIATIONS),
                               "bio": _wrap(writer._fill(BIO.replace("{name}", name))),
                               "photo": f"images/photo{rng.randint(1, PHOTOS)}.jpg"})
        tutorials.append({"id": f"tutorial-{t + 1}", "title": writer.title(),
                          "description": _wrap(writer.text(120, 200)), "presenters": presenters})

    # -- programme
    programme = _Programme(rng, writer)
    ids = [a["id"] for a in abstracts]
    days, pos = [], 0
    for d in range(DAYS):
        tutorial = {0: "tutorial-1", 3: "tutorial-2"}.get(d)
        days.append(programme.day(d, ids[pos : pos + per_day[d]], tutorial))
        pos += per_day[d]

    # -- posters
    poster_list = []
    for p in range(posters):
        entry: dict = {"number": p + 1}
        if rng.random() < 0.3:
            people = []
            n_authors = rng.choice((2, 3, 4))
            for j in range(n_authors):
                person = {"name": writer.name(), "affiliation": rng.choice(AFFILIATIONS)}
                if j == 0:
                    person["presenting"] = True
                people.append(person)
            entry["authors"] = people
        else:
            entry["author"] = writer.name()
            entry["affiliation"] = rng.choice(AFFILIATIONS)
        entry["title"] = writer.title()
        if p % 2 == 0:
            entry["abstract"] = _wrap(writer.text(60, 130))
        poster_list.append(entry)

    # -- conference
    end = START + dt.timedelta(days=DAYS - 1)
    committee = lambda n: [_Flow(name=writer.name(), affiliation=rng.choice(AFFILIATIONS),  # noqa: E731
                                 **({"role": "Chair"} if i == 0 else {})) for i in range(n)]
    conference = {
        "title": f"Synthetic Statistics & the Sky {talks}",
        "short_title": f"SynthSky {talks}",
        "subtitle": "A benchmark conference generated by booklet's bench/generate.py",
        "tagline": _wrap(writer.text(40, 90)),
        "welcome": f"Welcome to SynthSky {talks}",
        "dates": _Flow(start=START, end=end),
        "venue": "Brannvik Science Park, Brannvik, Norway",
        "url": "https://www.example.org/synthsky",
        "contact": "synthsky@example.org",
        "hashtag": "#SynthSky",
        "logo": "images/logo.png",
        "cover_image": "images/cover.jpg",
        "committees": [
            {"name": "SOC", "title": "Scientific Organising Committee", "members": committee(10)},
            {"name": "LOC", "title": "Local Organising Committee", "members": committee(5)},
        ],
        "places": [
            {"name": "Restaurant Fyrlykta", "address": "Kaigata 7, 9460 Brannvik", "note": "Social dinner"},
            {"name": ROOMS[0], "address": "Brannvik Science Park, Building A", "note": "Plenary sessions"},
        ],
        "notes": ["Posters stay up from Monday to Thursday.", "Wi-Fi: SynthSky / password on your badge"],
        "quote": {"text": "All models are wrong, but some are useful.", "author": "George Box"},
    }

    _dump(folder / "conference.yaml", conference, "The conference.")
    _dump(folder / "abstracts.yaml", abstracts, f"{talks} abstracts, in programme order.")
    _dump(folder / "tutorials.yaml", tutorials, "Tutorials.")
    _dump(folder / "programme.yaml", {"days": days}, f"The programme: {DAYS} days.")
    _dump(folder / "posters.yaml", poster_list, f"{posters} posters.")
    return {"talks": talks, "posters": posters, "days": DAYS, "max_tracks": programme.max_tracks,
            "multi_author": multi}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("talks", type=int)
    parser.add_argument("posters", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(generate(args.folder, args.talks, args.posters, args.seed))


if __name__ == "__main__":
    main()
