"""Generate the placeholder images of the sample conference (booklet/resources/sample/images/).

Everything here is synthetic: the portraits are neutral head-and-shoulders
silhouettes (no real person), the logo and the cover are abstract shapes, the
sponsors' logos are made-up emblems and names, and the venue map (a one-page
PDF drawn with ReportLab, in vectors) shows invented streets.
The output is deterministic (fixed seeds), so running the script again
rewrites identical files.

    python tools/make_sample_images.py

Needs Pillow, and ReportLab for the map (both are booklet's dependencies).
"""

from __future__ import annotations

import colorsys
import math
import random
import zlib
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent.parent / "booklet" / "resources" / "sample" / "images"
SEED = 2027

# One portrait per invited/keynote/special speaker and per tutorial presenter
# with a photo (file stem = how the data refers to it).
PORTRAITS = [
    "oyelaran",
    "lindas",
    "penalosa",
    "kovary",
    "takamatsu",
    "alexiou",
    "grossmann",
    "dufresne",
    "mwangi",
    "overgaard",
    "kuppers",
    "raghunathan",
    "petkov",
]

PORTRAIT_SIZE = (600, 750)
LOGO_SIZE = 800
COVER_SIZE = (2700, 1890)  # 300 dpi on an A4 or letter cover with bleed


def _hsv(h: float, s: float, v: float) -> tuple[int, int, int]:
    r, g, b = colorsys.hsv_to_rgb(h % 1.0, s, v)
    return int(r * 255), int(g * 255), int(b * 255)


def _vertical_gradient(size, top, bottom) -> Image.Image:
    w, h = size
    column = Image.new("RGB", (1, h))
    for y in range(h):
        t = y / (h - 1)
        column.putpixel((0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)))
    return column.resize(size)


# --------------------------------------------------------------------------
# portraits
# --------------------------------------------------------------------------

def make_portrait(name: str) -> Image.Image:
    rng = random.Random(SEED * 1000 + zlib.crc32(name.encode()))
    w, h = PORTRAIT_SIZE
    hue = rng.random()
    # soft two-tone background
    top = _hsv(hue, 0.25 + 0.15 * rng.random(), 0.90)
    bottom = _hsv(hue + 0.08 * rng.choice((-1, 1)), 0.35 + 0.2 * rng.random(), 0.70)
    img = _vertical_gradient((w, h), top, bottom)

    # a large faint disc behind the head, for a bit of depth
    glow = Image.new("L", (w, h), 0)
    gd = ImageDraw.Draw(glow)
    cx = w // 2 + rng.randint(-40, 40)
    gd.ellipse((cx - 260, 90, cx + 260, 610), fill=70)
    glow = glow.filter(ImageFilter.GaussianBlur(60))
    img = Image.composite(Image.new("RGB", (w, h), _hsv(hue, 0.12, 0.98)), img, glow)

    # silhouette colour: a darker, desaturated complement
    sil = _hsv(hue + 0.5 + 0.1 * (rng.random() - 0.5), 0.30 + 0.25 * rng.random(),
               0.25 + 0.20 * rng.random())
    mask = Image.new("L", (w, h), 0)
    md = ImageDraw.Draw(mask)
    head_w = rng.randint(190, 230)
    head_h = int(head_w * rng.uniform(1.22, 1.34))
    head_top = rng.randint(150, 190)
    cx = w // 2 + rng.randint(-15, 15)
    # neck
    neck_w = int(head_w * 0.42)
    md.rectangle((cx - neck_w // 2, head_top + head_h - 60,
                  cx + neck_w // 2, head_top + head_h + 70), fill=255)
    # shoulders: a wide ellipse cut by the bottom edge
    sh_top = head_top + head_h + 30
    sh_w = rng.randint(500, 560)
    md.ellipse((cx - sh_w // 2, sh_top, cx + sh_w // 2, sh_top + 2 * (h - sh_top) + 80), fill=255)
    # head
    md.ellipse((cx - head_w // 2, head_top, cx + head_w // 2, head_top + head_h), fill=255)
    # optional simple hair volume
    if rng.random() < 0.6:
        extra = rng.randint(10, 45)
        md.ellipse((cx - head_w // 2 - extra // 2, head_top - extra // 2,
                    cx + head_w // 2 + extra // 2, head_top + int(head_h * 0.62)), fill=255)
    mask = mask.filter(ImageFilter.GaussianBlur(2))
    img.paste(Image.new("RGB", (w, h), sil), (0, 0), mask)

    # gentle vignette
    vig = Image.new("L", (w, h), 0)
    ImageDraw.Draw(vig).ellipse((-120, -80, w + 120, h + 160), fill=255)
    vig = vig.filter(ImageFilter.GaussianBlur(90))
    dark = ImageChops.multiply(img, Image.new("RGB", (w, h), (200, 200, 200)))
    return Image.composite(img, dark, vig)


# --------------------------------------------------------------------------
# logo
# --------------------------------------------------------------------------

def make_logo() -> Image.Image:
    s = LOGO_SIZE
    scale = 2  # draw large, downsample for smooth edges
    S = s * scale
    img = Image.new("RGBA", (S, S), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    c = S / 2
    navy = (22, 42, 92, 255)
    teal = (24, 150, 160, 255)
    gold = (236, 176, 52, 255)

    # outer ring
    r = 0.46 * S
    d.ellipse((c - r, c - r, c + r, c + r), outline=navy, width=int(0.035 * S))
    # three tilted orbits
    for k, col in enumerate((teal, navy, teal)):
        orbit = Image.new("RGBA", (S, S), (0, 0, 0, 0))
        od = ImageDraw.Draw(orbit)
        a, b = 0.38 * S, 0.13 * S
        od.ellipse((c - a, c - b, c + a, c + b), outline=col, width=int(0.014 * S))
        orbit = orbit.rotate(30 + 60 * k, resample=Image.BICUBIC, center=(c, c))
        img.alpha_composite(orbit)
    # central four-pointed star
    pts = []
    for i in range(8):
        ang = math.pi / 4 * i - math.pi / 2
        rad = 0.17 * S if i % 2 == 0 else 0.05 * S
        pts.append((c + rad * math.cos(ang), c + rad * math.sin(ang)))
    d = ImageDraw.Draw(img)
    d.polygon(pts, fill=gold)
    # small "data points" along an arc, in increasing size
    for i in range(7):
        ang = math.radians(200 + 18 * i)
        rr = 0.46 * S
        x, y = c + rr * math.cos(ang), c + rr * math.sin(ang)
        q = (0.008 + 0.004 * i) * S
        d.ellipse((x - q, y - q, x + q, y + q), fill=gold)
    return img.resize((s, s), Image.LANCZOS)


# --------------------------------------------------------------------------
# cover
# --------------------------------------------------------------------------

def _noise_layer(rng: random.Random, size, cells) -> Image.Image:
    """Smooth value noise: a small random grid upsampled bicubically."""
    gw, gh = cells
    small = Image.new("L", (gw, gh))
    small.putdata([rng.randint(0, 255) for _ in range(gw * gh)])
    return small.resize(size, Image.BICUBIC)


def make_cover() -> Image.Image:
    rng = random.Random(SEED)
    w, h = COVER_SIZE
    # fractal-ish cloud: sum of octaves
    cloud = _noise_layer(rng, (w, h), (5, 4))
    for cells, weight in (((10, 7), 0.5), ((20, 14), 0.3), ((40, 28), 0.18)):
        cloud = Image.blend(cloud, _noise_layer(rng, (w, h), cells), weight)
    cloud = cloud.filter(ImageFilter.GaussianBlur(6))
    # stretch the contrast so the nebula has dark gaps
    cloud = cloud.point(lambda v: max(0, min(255, int((v - 105) * 3.2))))

    # a second, independent cloud gives the colour variation
    tint = _noise_layer(rng, (w, h), (4, 3)).filter(ImageFilter.GaussianBlur(20))

    base = _vertical_gradient((w, h), (6, 8, 28), (14, 6, 34))
    magenta = Image.new("RGB", (w, h), (190, 60, 150))
    cyan = Image.new("RGB", (w, h), (40, 150, 200))
    gas = Image.composite(magenta, cyan, tint)
    gas_mask = cloud.point(lambda v: int(v * 0.75))
    img = Image.composite(gas, base, gas_mask)
    # brighter core where the cloud is densest
    core = cloud.point(lambda v: max(0, (v - 170) * 3))
    core = core.filter(ImageFilter.GaussianBlur(25))
    img = Image.composite(Image.new("RGB", (w, h), (255, 225, 200)), img, core.point(lambda v: v // 2))

    # stars: many faint points, some brighter ones with a glow
    stars = Image.new("RGB", (w, h), (0, 0, 0))
    sd = ImageDraw.Draw(stars)
    for _ in range(2600):
        x, y = rng.randrange(w), rng.randrange(h)
        b = int(255 * rng.random() ** 3)
        sd.point((x, y), fill=(b, b, min(255, b + 20)))
    glow = Image.new("RGB", (w, h), (0, 0, 0))
    gd = ImageDraw.Draw(glow)
    for _ in range(70):
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.uniform(2.0, 5.0)
        col = rng.choice(((255, 240, 220), (210, 225, 255), (255, 255, 255)))
        gd.ellipse((x - r, y - r, x + r, y + r), fill=col)
        sd.ellipse((x - 1.5, y - 1.5, x + 1.5, y + 1.5), fill=(255, 255, 255))
    glow = glow.filter(ImageFilter.GaussianBlur(6))
    img = ImageChops.add(img, glow)
    img = ImageChops.add(img, stars)
    return img


# --------------------------------------------------------------------------
# sponsors' logos
# --------------------------------------------------------------------------

FONTS = HERE.parent.parent.parent / "resources" / "fonts"

# file stem -> (words of the wordmark, emblem, colour, size in pixels): each sized for 300 dpi at
# the largest box its tier gets (letter, the widest text block: the first tier's boxes are 85 mm
# wide, the second's 54.6 mm).
SPONSOR_LOGOS = {
    "sponsor-nordlys": (("NORDLYS", "INSTRUMENTS"), "aurora", (20, 110, 90), (1040, 344)),
    "sponsor-fjordvik": (("Fjordvik", "Data Foundation"), "waves", (24, 60, 130), (1040, 344)),
    "sponsor-polaris": (("POLARIS", "OPTICS"), "star", (150, 40, 60), (680, 224)),
    "sponsor-brannvik": (("BRANNVIK", "KOMMUNE"), "shield", (30, 70, 120), (340, 340)),
    "sponsor-nsi": (("Nordic Society", "for Inference"), "bars", (90, 60, 140), (480, 160)),
}


def _font(bold: bool, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(FONTS / ("NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf")), size)


def _emblem(d: ImageDraw.ImageDraw, kind: str, box, colour) -> None:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    light = tuple(round(c + (255 - c) * 0.55) for c in colour) + (255,)
    colour = colour + (255,)
    if kind == "aurora":
        for k in range(3):
            top = y0 + h * (0.15 + 0.2 * k)
            d.arc((x0, top, x1, top + h * 1.2), 200, 340, fill=colour if k != 1 else light, width=max(3, int(h * 0.09)))
    elif kind == "waves":
        for k in range(3):
            y = y0 + h * (0.3 + 0.22 * k)
            pts = [(x0 + w * t / 40, y + math.sin(t / 40 * 2 * math.pi * 1.5) * h * 0.08) for t in range(41)]
            d.line(pts, fill=colour if k % 2 == 0 else light, width=max(3, int(h * 0.08)), joint="curve")
    elif kind == "star":
        pts = []
        for i in range(10):
            ang = math.pi / 5 * i - math.pi / 2
            rad = min(w, h) * (0.48 if i % 2 == 0 else 0.2)
            pts.append((cx + rad * math.cos(ang), cy + rad * math.sin(ang)))
        d.polygon(pts, fill=colour)
    elif kind == "shield":
        d.polygon([(x0, y0), (x1, y0), (x1, cy), (cx, y1), (x0, cy)], fill=colour)
        r = w * 0.18
        d.ellipse((cx - r, y0 + h * 0.35 - r, cx + r, y0 + h * 0.35 + r), fill=light)
    elif kind == "bars":
        for k, t in enumerate((0.35, 0.6, 0.85, 0.5)):
            bx = x0 + w * k / 4
            d.rectangle((bx + w * 0.03, y1 - h * t, bx + w / 4 - w * 0.03, y1), fill=colour if k != 2 else light)


def _fitted(d: ImageDraw.ImageDraw, text: str, bold: bool, size: int, room: float):
    """The font at `size`, or smaller until `text` fits in `room` pixels."""
    font = _font(bold, size)
    while d.textlength(text, font=font) > room:
        size = int(size * 0.95)
        font = _font(bold, size)
    return font


def make_sponsor_logo(words, emblem: str, colour, size) -> Image.Image:
    """An emblem beside (or, for a square logo, above) two lines of words, on a transparent background."""
    scale = 2
    w, h = size[0] * scale, size[1] * scale
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    ink = colour + (255,)
    grey = (70, 70, 70, 255)
    if w == h:  # square: emblem on top, words below, centred
        _emblem(d, emblem, (w * 0.28, h * 0.06, w * 0.72, h * 0.56), colour)
        for k, (text, bold) in enumerate(((words[0], True), (words[1], False))):
            font = _font(bold, int(h * (0.13 if bold else 0.1)))
            d.text((w / 2, h * (0.68 + 0.16 * k)), text, font=font, fill=ink if bold else grey, anchor="mm")
    else:
        _emblem(d, emblem, (h * 0.08, h * 0.1, h * 0.92, h * 0.9), colour)
        left = h * 1.08
        room = w - left - h * 0.05
        first, second = _fitted(d, words[0], True, int(h * 0.4), room), _fitted(d, words[1], False, int(h * 0.22), room)
        d.text((left, h * 0.47), words[0], font=first, fill=ink, anchor="ls")
        d.text((left, h * 0.8), words[1], font=second, fill=grey, anchor="ls")
    return img.resize(size, Image.LANCZOS)


# --------------------------------------------------------------------------
# venue map (vector PDF)
# --------------------------------------------------------------------------

MAP_SIZE_MM = (170, 250)  # the A4 text block: printed at 1:1 on A4, scaled down on A5


def make_map(path: Path) -> None:
    """Brannvik Science Park and the harbour: streets, buildings, the walk to the dinner, a legend."""
    from reportlab.lib.colors import Color, HexColor, white
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    for name in ("NotoSans-Regular", "NotoSans-Bold"):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{name}.ttf")))
    W, H = MAP_SIZE_MM[0] * mm, MAP_SIZE_MM[1] * mm
    c = Canvas(str(path), pagesize=(W, H), invariant=1, pageCompression=1, initialFontName="NotoSans-Regular")
    c.setTitle("Brannvik Science Park: venue map (fictional)")
    land, water, park = HexColor("#F4F1EA"), HexColor("#BFD9EA"), HexColor("#D5E8C8")
    road, building, accent = HexColor("#FFFFFF"), HexColor("#C9C2B6"), HexColor("#0B5394")
    dinner, text = HexColor("#C8102E"), HexColor("#222222")

    c.setFillColor(land)
    c.rect(0, 0, W, H, stroke=0, fill=1)
    # the harbour and the fjord along the bottom and the right
    c.setFillColor(water)
    p = c.beginPath()
    p.moveTo(0, 0)
    p.lineTo(0, 48 * mm)
    p.curveTo(40 * mm, 58 * mm, 70 * mm, 40 * mm, 100 * mm, 52 * mm)
    p.curveTo(125 * mm, 62 * mm, 128 * mm, 120 * mm, 150 * mm, 150 * mm)
    p.curveTo(160 * mm, 165 * mm, 165 * mm, 200 * mm, W, 215 * mm)
    p.lineTo(W, 0)
    p.close()
    c.drawPath(p, stroke=0, fill=1)
    # a park
    c.setFillColor(park)
    c.roundRect(18 * mm, 150 * mm, 48 * mm, 42 * mm, 6 * mm, stroke=0, fill=1)

    def street(points, width=4.2 * mm):
        c.setStrokeColor(building)
        c.setLineWidth(width + 0.8)
        c.setLineCap(1)
        c.setLineJoin(1)
        path = c.beginPath()
        path.moveTo(*points[0])
        for point in points[1:]:
            path.lineTo(*point)
        c.drawPath(path, stroke=1, fill=0)
        c.setStrokeColor(road)
        c.setLineWidth(width)
        c.drawPath(path, stroke=1, fill=0)

    forsk = [(10 * mm, 120 * mm), (120 * mm, 130 * mm)]
    kai = [(8 * mm, 70 * mm), (60 * mm, 72 * mm), (100 * mm, 66 * mm)]
    link = [(60 * mm, 72 * mm), (66 * mm, 126 * mm), (72 * mm, 215 * mm)]
    for points in (forsk, kai, link):
        street(points)

    def label(x, y, words, size=7.5, bold=False, colour=text, angle=0, centre=True):
        c.saveState()
        c.translate(x, y)
        c.rotate(angle)
        c.setFillColor(colour)
        c.setFont("NotoSans-Bold" if bold else "NotoSans-Regular", size)
        (c.drawCentredString if centre else c.drawString)(0, 0, words)
        c.restoreState()

    label(38 * mm, 124.6 * mm, "Forskningsveien", angle=5.2)
    label(84 * mm, 67.2 * mm, "Kaigata", angle=-8)
    label(67.6 * mm, 160 * mm, "Parkveien", angle=86)
    label(42 * mm, 171 * mm, "Observatory Park", size=8, colour=HexColor("#3C6E2F"))
    label(40 * mm, 30 * mm, "Brannvik harbour", size=9, colour=HexColor("#2F5F86"))
    label(150 * mm, 60 * mm, "Fjord", size=9, colour=HexColor("#2F5F86"))

    def house(x, y, w, h, letter, name, note):
        c.setFillColor(accent)
        c.setStrokeColor(white)
        c.setLineWidth(1)
        c.rect(x, y, w, h, stroke=1, fill=1)
        label(x + w / 2, y + h / 2 - 4.5, letter, size=14, bold=True, colour=white)
        label(x + w / 2, y - 4.2 * mm, name, size=7.5, bold=True)
        label(x + w / 2, y - 7.6 * mm, note, size=6.5)

    house(80 * mm, 140 * mm, 26 * mm, 18 * mm, "A", "Building A", "Aurora Auditorium, registration")
    c.setFillColor(building)
    c.rect(84 * mm, 100 * mm, 16 * mm, 14 * mm, stroke=0, fill=1)
    label(92 * mm, 105 * mm, "B", size=12, bold=True, colour=white)
    house(20 * mm, 96 * mm, 22 * mm, 16 * mm, "C", "Building C", "Lyra Seminar Room (2nd floor)")

    # the restaurant and the walk to it
    rx, ry = 20 * mm, 62 * mm
    c.setStrokeColor(dinner)
    c.setLineWidth(1.6)
    c.setDash(3, 2.4)
    walk = c.beginPath()
    walk.moveTo(80 * mm, 146 * mm)
    walk.lineTo(70 * mm, 146 * mm)
    walk.lineTo(66 * mm, 128 * mm)
    walk.lineTo(64 * mm, 118 * mm)
    walk.lineTo(62 * mm, 80 * mm)
    walk.lineTo(56 * mm, 74 * mm)
    walk.lineTo(rx + 4 * mm, ry + 10 * mm)
    c.drawPath(walk, stroke=1, fill=0)
    c.setDash()
    c.setFillColor(dinner)
    c.circle(rx, ry + 6 * mm, 3.2 * mm, stroke=0, fill=1)
    p = c.beginPath()
    p.moveTo(rx - 2.6 * mm, ry + 4.5 * mm)
    p.lineTo(rx, ry)
    p.lineTo(rx + 2.6 * mm, ry + 4.5 * mm)
    p.close()
    c.drawPath(p, stroke=0, fill=1)
    c.setFillColor(white)
    c.circle(rx, ry + 6 * mm, 1.2 * mm, stroke=0, fill=1)
    label(rx + 5 * mm, ry + 4 * mm, "Restaurant Fyrlykta", size=7.5, bold=True, centre=False)
    label(rx + 5 * mm, ry + 0.8 * mm, "Kaigata 7 \u00b7 social dinner", size=6.5, centre=False)
    label(48 * mm, 98 * mm, "10 min walk", size=7, bold=True, colour=dinner, angle=-88)

    # title, north arrow, scale bar, legend
    label(8 * mm, H - 14 * mm, "Brannvik Science Park", size=16, bold=True, colour=accent, centre=False)
    label(8 * mm, H - 20 * mm, "Venue map \u00b7 StarStat 2027 (all names fictional)", size=8, centre=False)
    ax, ay = W - 16 * mm, H - 22 * mm
    c.setFillColor(text)
    p = c.beginPath()
    p.moveTo(ax, ay + 10 * mm)
    p.lineTo(ax - 3 * mm, ay)
    p.lineTo(ax, ay + 2.5 * mm)
    p.lineTo(ax + 3 * mm, ay)
    p.close()
    c.drawPath(p, stroke=0, fill=1)
    label(ax, ay - 4.5 * mm, "N", size=9, bold=True)
    c.setStrokeColor(text)
    c.setLineWidth(0.8)
    sx, sy = 8 * mm, 10 * mm
    c.line(sx, sy, sx + 40 * mm, sy)
    for k in range(3):
        c.line(sx + 20 * mm * k, sy - 1 * mm, sx + 20 * mm * k, sy + 1 * mm)
    label(sx, sy + 2.5 * mm, "0", size=6.5, centre=False)
    label(sx + 20 * mm, sy + 2.5 * mm, "100 m", size=6.5)
    label(sx + 40 * mm, sy + 2.5 * mm, "200 m", size=6.5)
    c.setFillColor(Color(1, 1, 1, alpha=0.9))
    c.setStrokeColor(building)
    c.roundRect(W - 62 * mm, 8 * mm, 56 * mm, 24 * mm, 2 * mm, stroke=1, fill=1)
    c.setFillColor(accent)
    c.rect(W - 58 * mm, 24 * mm, 5 * mm, 3.5 * mm, stroke=0, fill=1)
    label(W - 51 * mm, 24.6 * mm, "Conference buildings", size=7, centre=False)
    c.setStrokeColor(dinner)
    c.setLineWidth(1.6)
    c.setDash(3, 2.4)
    c.line(W - 58 * mm, 17.5 * mm, W - 53 * mm, 17.5 * mm)
    c.setDash()
    label(W - 51 * mm, 16.6 * mm, "Walk to the dinner", size=7, centre=False)
    c.setFillColor(dinner)
    c.circle(W - 55.5 * mm, 11.6 * mm, 1.6 * mm, stroke=0, fill=1)
    label(W - 51 * mm, 10.6 * mm, "Restaurant", size=7, centre=False)
    c.showPage()
    c.save()


def main() -> None:
    for name in PORTRAITS:
        make_portrait(name).save(HERE / f"{name}.jpg", "JPEG", quality=85, optimize=True)
    make_logo().save(HERE / "logo.png", optimize=True)
    make_cover().save(HERE / "cover.jpg", "JPEG", quality=85, optimize=True)
    for name, spec in SPONSOR_LOGOS.items():
        logo = make_sponsor_logo(*spec).quantize(64, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
        logo.save(HERE / f"{name}.png", optimize=True)
    make_map(HERE / "map.pdf")
    total = sum(p.stat().st_size for p in HERE.iterdir() if p.suffix in {".jpg", ".png", ".pdf"})
    print(f"wrote {len(PORTRAITS)} portraits, logo.png, cover.jpg, {len(SPONSOR_LOGOS)} sponsors' logos, map.pdf "
          f"({total / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
