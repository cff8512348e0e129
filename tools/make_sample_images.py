"""Generate the placeholder images of the sample conference (booklet/resources/sample/images/).

Everything here is synthetic: the portraits are neutral head-and-shoulders
silhouettes (no real person), the logo and the cover are abstract shapes.
The output is deterministic (fixed seeds), so running the script again
rewrites identical files.

    python tools/make_sample_images.py

Needs only Pillow.
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


def main() -> None:
    for name in PORTRAITS:
        make_portrait(name).save(HERE / f"{name}.jpg", "JPEG", quality=85, optimize=True)
    make_logo().save(HERE / "logo.png", optimize=True)
    make_cover().save(HERE / "cover.jpg", "JPEG", quality=85, optimize=True)
    total = sum(p.stat().st_size for p in HERE.iterdir() if p.suffix in {".jpg", ".png"})
    print(f"wrote {len(PORTRAITS)} portraits, logo.png, cover.jpg ({total / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
