"""Distinct people with realistic names, and a few of them written a second way (for bench/lint_bench.py).

`people(count, seed=0, variants=0.02)` -> (people, spellings):

- `people`: `count` distinct people, each a (name, affiliation, email) tuple. Names come from a dozen
  naming traditions (Nordic, German and Dutch, Spanish and Portuguese, French, Central European,
  Turkish, Japanese, Chinese, Korean, Vietnamese, Indian, West and East African, English and
  Irish, Greek and Cyrillic in their own scripts, Māori), with diacritics, hyphenated given names,
  particles ("van der", "de la"), two family names, middle names and initials, and about one in
  eight people whose given and family names come from different traditions. No two people have
  the same words in any order (accents and capitals aside), so every name-variant warning
  comes from a planted variant or from two people whose names are a letter or two apart
  ("Hansen" and "Jansen"), as in real data.
- `spellings`: (text, person index, kind) for every way a person is written: each person once as
  given (kind ""), and a share `variants` of them a second time in one of the ways the names lint
  knows (`KINDS`, in turn).

The same arguments always give the same names (one `random.Random(seed)`).
"""

from __future__ import annotations

import random
import unicodedata

# name traditions: given names, family names, how to build more family names (prefix x suffix)
CULTURES = {
    "nordic": (
        "Ingrid Sven Björn Åsa Søren Ørjan Astrid Sigrid Lars Nils Kari Solveig Henrik Magnus Freya Ólöf Dagný "
        "Guðrún Einar Hákon Maja Elin Linnea Ebba Torbjörn Kristín Sigurður Jóhanna Halldóra Ragnar Tove Jens",
        "Andersen Pedersen Nielsen Jensen Hansen Larsen Olsen Karlsson Johansson Eriksson Nilsson Svensson "
        "Gustafsson Ólafsdóttir Guðmundsson Þórsson Eriksdóttir Åström Øberg Lindqvist Abrahamsen Karlsen Madsen "
        "Strand Haugen Bakke Solberg Dahl Lund Berge Moen Kristiansen Sørensen Thorsen",
        ("Berg Lind Ek Holm Sjö Sand Dahl Fors Ny Norr Söder Öst Hed Ljung Alm Björk Gran Rosen Lilje Sten",
         "ström berg qvist gren lund man dahl blad holm by"),
    ),
    "german-dutch": (
        "Jürgen Anna Lukas Katharina Matthias Sophie Felix Lena Maximilian Johanna Tobias Marlene Florian Annika "
        "Sebastian Friederike Pieter Annelies Jeroen Sanne Wouter Femke Maarten Eline Bram Lieke Jörg Ute",
        "Müller Schäfer Schneider Fischer Weber Wagner Becker Hoffmann Schröder Zimmermann Krüger Hartmann "
        "Köhler Jäger Brandt Vogel Günther Ratzenböck Huber Gruber Steiner Moser Bakker Janssen Visser Mulder "
        "Dijkstra Vermeulen Dekker Brouwer Hendriks Jacobs",
        ("van der|van den|de|van", "Berg Meer Linden Veen Heuvel Broek Vries Dijk Boer Groot Wit Graaf Haan Leeuwen"),
    ),
    "iberian": (
        "José María Lucía Sebastián Inés Matías Ximena Begoña Íñigo Joaquín Martín Valentina Camila Andrés "
        "Ramón Rocío Álvaro Nicolás Sofía Tomás João Ana Gonçalo Inês Mariana Thiago Catalina Agustín",
        "García Martínez López Sánchez Pérez Gómez Fernández Rodríguez González Hernández Díaz Moreno Muñoz "
        "Álvarez Romero Navarro Torres Domínguez Vázquez Ramos Serrano Blanco Molina Morales Suárez Ortega "
        "Delgado Castro Ortiz Rubio Marín Núñez Iglesias Medina Garrido Cortés Castillo Santos Lozano Guerrero "
        "Prieto Méndez Peñalosa Ibáñez Fuentes Gonçalves Araújo Ferreira Silva Oliveira Sousa Pereira Costa "
        "Carvalho Almeida Ribeiro Pinto Sandoval",
        None,
    ),
    "french": (
        "François Hélène Gaëlle Anaïs Renée Noémie Étienne Jérôme Amélie Benoît Céline Clément Léa Mathéo Chloé "
        "Théo Zoé Hugo Manon Jean-Pierre Marie-Claire Anne-Sophie Gaël Maëlle Loïc Océane",
        "Lefèvre Dubois Moreau Desrosiers Martin Bernard Petit Durand Leroy Laurent Lefebvre Michel Garnier "
        "Faure Rousseau Guérin Roussel Perrin Morin Mathieu Gauthier Dumont Fontaine Chevalier Masson Gérard "
        "Boyer Lemaire Duval Joly Roche Noël Meunier Bérénger Bouchard Tremblay Gagnon Côté",
        None,
    ),
    "central-european": (
        "Łukasz Małgorzata Radosław Aleksandra Katarzyna Piotr Agnieszka Tomasz Magdalena Krzysztof Jiří Tereza "
        "Ondřej Kateřina Zoltán Réka Mihály Dóra Zsófia Vesna Ivana Luka Marija Dragan Bożena Grzegorz",
        "Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski "
        "Kozłowski Jankowski Mazur Krawczyk Piotrowski Grabowski Nowakowski Pawłowski Michalski Wróbel Łęcka "
        "Horáček Dvořák Novák Svoboda Novotný Černý Procházka Kučera Veselý Kőváry Nagy Kovács Tóth Szabó "
        "Horváth Varga Molnár Németh Farkas Kovačić Petrović Horvat Babić Marić Jurić Knežević Vuković",
        None,
    ),
    "turkish": (
        "Çağla Şebnem İlker Tuğba Emre Mehmet Ayşe Fatma Mustafa Zeynep Elif Burak Özge Gökhan Merve Onur Selin "
        "Deniz Barış Cem Gülşen Hakan",
        "Şahin Çelik Yılmaz Yücel Doğan Kaya Demir Aydın Öztürk Arslan Koç Kurt Özdemir Aslan Kılıç Polat "
        "Erdoğan Güneş Aktaş Bulut Keskin Tekin Ünal Korkmaz Karakaya Yıldırım",
        None,
    ),
    "japanese": (
        "Hiroshi Yūki Kōji Kaito Haruka Yui Sakura Takeshi Kenji Aiko Naoki Rin Sora Hina Daiki Yuto Mei Riku "
        "Akira Emi Shōta Yōko",
        "Satō Suzuki Takahashi Tanaka Watanabe Itō Yamamoto Nakamura Kobayashi Katō Yoshida Yamada Sasaki "
        "Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Yamazaki Mori Abe Ikeda Hashimoto Yamashita Ishikawa "
        "Nakajima Maeda Fujita Ogawa Gotō Okada Hasegawa Murakami Kondō Saitō Sakamoto Endō Aoki Nishimura "
        "Fukuda Ōta Miura Takamatsu Morishita",
        None,
    ),
    "chinese": (
        "Wei Xiaoming Jing Li Ming Hui Yan Jun Hong Ying Lei Fang Tao Xin Yu Zhiwei Hao Qing Lin Xiu Jiahui "
        "Yuxuan Zihan Haoran Shuang Meiling Jianguo Xiaowen Yifan Ruoxi",
        "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng Liang Xie "
        "Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang",
        None,
    ),
    "korean": (
        "Hyun-woo Ji-eun Min-jun Seo-yeon Ji-ho Soo-ah Jae-won Hye-jin Dong-hyun Eun-ji Sung-min Ye-jin "
        "Young-ho Mi-rae Jun-seo Ha-eun",
        "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Ryu Jeon",
        None,
    ),
    "vietnamese": (
        "Thảo Minh Anh Hùng Lan Phương Tuấn Hương Dũng Ngọc Quang Thủy Long Mai Khánh Trang",
        "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý",
        None,
    ),
    "indian": (
        "Priya Arjun Ravi Ananya Aditya Kavya Rohan Sneha Vikram Lakshmi Rahul Divya Sanjay Meera Karthik "
        "Deepika Suresh Anjali Nikhil Pooja Venkata Srinivas",
        "Raghunathan Iyer Sharma Patel Singh Kumar Gupta Reddy Nair Menon Krishnan Subramanian Venkatesh Rao "
        "Joshi Mehta Chatterjee Banerjee Mukherjee Das Bose Ghosh Pillai Srinivasan Natarajan Chandrasekhar "
        "Ramachandran Balasubramanian Agarwal Kulkarni Deshpande",
        None,
    ),
    "african": (
        "Ngozi Oluwaseun Adaeze Kwame Amani Chiamaka Ama Kofi Nnamdi Chidi Abena Yaw Efua Kwabena Funmilayo "
        "Babatunde Chinedu Emeka Folake Tunde Wanjiru Njeri Tesfaye Selam Amara",
        "Okafor Mensah Osei Nwosu Adeyemi Okonkwo Eze Obi Boateng Asante Owusu Appiah Adjei Ogunleye Balogun "
        "Okeke Nwachukwu Oyelaran Abiodun Ademola Osei-Mensah Mwangi Abebe Kamau Otieno Njoroge Haile Bekele "
        "Achieng Kiplagat Mutua Diallo Traoré Keïta Ndiaye",
        None,
    ),
    "english-irish": (
        "John Mary James Sarah Michael Emily David Hannah Thomas Olivia Eoin Siobhán Aoife Ciarán Niamh Seán "
        "Catherine Elizabeth Christopher Jonathan Rebecca Alexander Charlotte William Eleanor Patrick Bridget",
        "Smith Jones Williams Brown Taylor Davies Wilson Evans Thomas Johnson Roberts Walker Wright Robinson "
        "Thompson White Hughes Edwards Green Hall Wood Harris Jackson Clarke O'Brien O'Sullivan Murphy Kelly "
        "Byrne Ryan Walsh Brennan McCarthy Whitfield Smith-Jones Fitzgerald Gallagher Doherty Kennedy Lynch "
        "Murray Quinn Moore McLaughlin Carroll Connolly Donnelly Ashworth Pemberton Blackwood",
        None,
    ),
    "greek": (
        "Μαρίνα Γιώργος Ελένη Δημήτρης Σοφία Νίκος Κατερίνα Αλέξανδρος Ιωάννα Θανάσης Μαρία Κώστας",
        "Παπαδάκη Νικολάου Κωνσταντίνου Αλεξίου Γεωργίου Παπαδόπουλος Βλάχου Οικονόμου Μαυρίδου Ζαχαρίου "
        "Παππάς Καραγιάννης Αντωνίου Δημητρίου Ιωάννου",
        None,
    ),
    "cyrillic": (
        "Анна Дмитрий Ирина Сергей Ольга Алексей Наталья Михаил Екатерина Андрей Татьяна Павел",
        "Петрова Соколов Волкова Иванов Смирнов Кузнецов Попов Васильев Новиков Фёдоров Морозов Лебедев "
        "Козлова Орлов",
        None,
    ),
    "maori": (
        "Aroha Wiremu Māui Leilani Tama Mere Hemi Ngaire Rāwiri Anahera Tāne Kiri",
        "Ngata Te|Rangi Parata Walker Tāwhai Te|Whata Rēweti Hōhaia Tipene Pōmare",
        None,
    ),
}
WEIGHTS = {"nordic": 8, "german-dutch": 10, "iberian": 10, "french": 8, "central-european": 9, "turkish": 4,
           "japanese": 7, "chinese": 10, "korean": 4, "vietnamese": 3, "indian": 8, "african": 6,
           "english-irish": 10, "greek": 2, "cyrillic": 2, "maori": 1}

AFFILIATIONS = (
    "Lund University", "Uppsala University", "Universidad de Chile", "Max Planck Institute for Astronomy",
    "Université Paris Cité", "University of Tokyo", "Peking University", "Seoul National University",
    "Indian Institute of Science", "University of Cape Town", "University of Nairobi", "Trinity College Dublin",
    "University of Oslo", "Universidade de São Paulo", "Charles University", "Jagiellonian University",
    "Boğaziçi University", "National Observatory of Athens", "University of Auckland", "Leiden University",
)

KINDS = ("accents", "capitals", "typo", "swapped", "family first", "initials", "middle left out", "hyphen")


def _split(text: str) -> list[str]:
    return [w.replace("|", " ") for w in text.split()]


def _pools():
    pools = {}
    for culture, (given, family, built) in CULTURES.items():
        families = _split(family)
        if built:
            prefixes, suffixes = built
            if "|" in prefixes:  # particles: "van der" + "Berg"
                families += [f"{p} {s}" for p in prefixes.split("|") for s in suffixes.split()]
            else:
                families += [p + s for p in prefixes.split() for s in suffixes.split()]
        pools[culture] = (_split(given), list(dict.fromkeys(families)))
    return pools


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _key(name: str) -> tuple[str, ...]:
    """The words of a name in any order, accents, capitals and punctuation aside."""
    return tuple(sorted(_fold(name).replace(",", " ").replace("-", " ").replace(".", " ").split()))


class _People:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.pools = _pools()
        self.cultures = list(WEIGHTS)
        self.weights = [WEIGHTS[c] for c in self.cultures]

    def culture(self) -> str:
        return self.rng.choices(self.cultures, self.weights)[0]

    def name(self) -> tuple[str, str]:
        """(given names, family name) of someone new."""
        rng = self.rng
        culture = self.culture()
        given_pool, family_pool = self.pools[culture]
        given = rng.choice(given_pool)
        if rng.random() < 0.12:  # given and family names from different traditions
            family_pool = self.pools[self.culture()][1]
        family = rng.choice(family_pool)
        r = rng.random()
        if culture == "iberian" and r < 0.45:  # two family names
            family = f"{family} {rng.choice(family_pool)}"
        elif culture in ("english-irish", "german-dutch", "nordic", "french") and r < 0.3:
            middle = rng.choice([g for g in given_pool if g != given])
            given = f"{given} {middle[0]}." if r < 0.15 else f"{given} {middle}"
        return given, family


def people(count: int, seed: int = 0, variants: float = 0.02):
    """`count` distinct people and every spelling of them (see the module docstring)."""
    rng = random.Random(seed)
    maker = _People(rng)
    found: list[tuple[str, str, str | None]] = []
    parts: list[tuple[str, str]] = []
    seen: set[tuple[str, ...]] = set()
    while len(found) < count:
        given, family = maker.name()
        name = f"{given} {family}"
        key = _key(name)
        if key in seen:
            continue
        seen.add(key)
        email = None
        if rng.random() < 0.3:
            local = "".join(ch for ch in _fold(f"{given.split()[0]}.{family.split()[-1]}") if ch.isascii())
            local = "".join(ch for ch in local if ch.isalnum() or ch == ".").strip(".")
            email = f"{local or 'person'}{len(found)}@example.org"
        found.append((name, rng.choice(AFFILIATIONS), email))
        parts.append((given, family))
    spellings = [(name, index, "") for index, (name, _, _) in enumerate(found)]
    varied: set[int] = set()
    for turn in range(round(count * variants)):  # the kinds in turn, each for someone it applies to
        kind = KINDS[turn % len(KINDS)]
        for _ in range(100):
            index = rng.randrange(count)
            text = None if index in varied else variant(rng, *parts[index], kind)
            if text and text != found[index][0]:
                spellings.append((text, index, kind))
                varied.add(index)
                break
    return found, spellings


_PLAIN = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "ß": "ss", "ł": "l", "Ł": "L", "đ": "d", "ð": "d",
                        "þ": "th", "Þ": "Th", "ı": "i"})


def variant(rng: random.Random, given: str, family: str, kind: str) -> str | None:
    """`given family` written another way of `kind` (None when that way does not apply to this name)."""
    name = f"{given} {family}"
    if kind == "accents":
        plain = "".join(ch for ch in unicodedata.normalize("NFKD", name.translate(_PLAIN))
                        if not unicodedata.combining(ch))
        return plain if plain != name else f"{given} {family.upper()}"
    if kind == "capitals":
        return name.lower() if rng.random() < 0.5 else f"{given} {family.upper()}"
    if kind == "typo":
        last = family.split()[-1]
        if len(last) < 6:
            return None
        at = rng.randrange(1, len(last) - 1)
        change = rng.choice(("drop", "double", "swap"))
        if change == "drop":
            typo = last[:at] + last[at + 1:]
        elif change == "double":
            typo = last[:at] + last[at] + last[at:]
        else:
            at = min(at, len(last) - 3)
            typo = last[:at] + last[at + 1] + last[at] + last[at + 2:]
        return f"{given} {family[:-len(last)]}{typo}"
    if kind == "swapped":
        return f"{family} {given}"
    if kind == "family first":
        return f"{family}, {given}"
    if kind == "initials":
        words = given.split()
        return " ".join(w[0] + "." for w in words) + f" {family}" if words[0][0].isalpha() else None
    if kind == "middle left out":
        words = given.split()
        return f"{words[0]} {family}" if len(words) > 1 else f"{given} {rng.choice('ABCDEFGHJKLMNPRST')}. {family}"
    if kind == "hyphen":
        if "-" in name:
            return name.replace("-", " ")
        return f"{given} {family.replace(' ', '-')}" if " " in family else None
    raise ValueError(kind)
