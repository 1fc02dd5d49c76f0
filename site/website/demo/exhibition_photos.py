"""Demo photos for the fashion exhibition: abstract studio shots drawn with Pillow, no people."""

import io
import itertools
import math
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter

# fmt: off
# Colour noun (for lists and "in Rostrot und Sand") → declinable adjective stem, RGB.
COLOURS = {
    "Rostrot": ("rostrot", (164, 72, 48)), "Cremeweiß": ("cremeweiß", (234, 226, 208)),
    "Senfgelb": ("senfgelb", (206, 160, 56)), "Olivgrün": ("olivgrün", (108, 114, 60)),
    "Petrol": ("petrolfarben", (34, 96, 106)), "Altrosa": ("altrosafarben", (204, 146, 142)),
    "Anthrazit": ("anthrazitfarben", (56, 58, 62)), "Ocker": ("ockerfarben", (186, 126, 56)),
    "Bordeaux": ("bordeauxrot", (108, 34, 46)), "Taubenblau": ("taubenblau", (116, 136, 160)),
    "Jeansblau": ("jeansblau", (58, 88, 138)), "Hellblau": ("hellblau", (152, 178, 206)),
    "Dunkelblau": ("dunkelblau", (32, 46, 82)), "Sand": ("sandfarben", (198, 178, 142)),
    "Braun": ("braun", (106, 74, 50)), "Salbeigrün": ("salbeigrün", (134, 156, 124)),
    "Terrakotta": ("terrakottafarben", (182, 98, 68)), "Hellgrau": ("hellgrau", (186, 186, 182)),
}
BACKDROPS = [
    ("Warmgrau", "warmgrau", (186, 178, 166)), ("Hellgrau", "hellgrau", (206, 206, 202)),
    ("Sand", "sandfarben", (216, 200, 172)), ("Salbeigrün", "salbeigrün", (180, 190, 170)),
    ("Altrosa", "altrosafarben", (216, 190, 180)), ("Taubenblau", "taubenblau", (170, 180, 192)),
    ("Anthrazit", "anthrazitfarben", (70, 70, 74)), ("Cremeweiß", "cremeweiß", (232, 226, 212)),
]
# The garment's story, for the caption: material → "patterns it comes in: colours it comes in".
MATERIALS = {
    "aus alten Jeans": "Streifen Patchwork: Jeansblau Hellblau Dunkelblau Cremeweiß",
    "aus Vorhangstoff": "Streifen Karo Punkte: Senfgelb Petrol Altrosa Ocker Salbeigrün Cremeweiß",
    "aus Bettwäsche": "Streifen Karo Punkte Patchwork: Altrosa Hellblau Cremeweiß Salbeigrün",
    "aus Restwolle": "Streifen Karo Patchwork: Senfgelb Rostrot Olivgrün Petrol Cremeweiß Bordeaux",
    "aus Kaffeesäcken": "Streifen Patchwork: Sand Braun Ocker Cremeweiß Olivgrün",
    "aus Wolldecken": "Karo Fischgrat Streifen: Anthrazit Hellgrau Bordeaux Olivgrün Sand Rostrot",
    "aus alten Sakkos": "Fischgrat Karo Streifen: Anthrazit Hellgrau Braun Dunkelblau Taubenblau",
    "aus Tischdecken": "Karo Punkte: Rostrot Cremeweiß Taubenblau Salbeigrün Senfgelb",
    "aus Stoffresten": "Patchwork Punkte: Terrakotta Petrol Senfgelb Altrosa Olivgrün Cremeweiß",
    "aus alten Hemden": "Streifen Karo Patchwork: Hellblau Cremeweiß Taubenblau Rostrot Dunkelblau",
    "aus alten Sommerkleidern": "Punkte Patchwork: Altrosa Senfgelb Petrol Cremeweiß Terrakotta",
    "aus einem alten Wintermantel": "Fischgrat: Anthrazit Sand Braun Hellgrau Olivgrün",
}
# Garment → adjective ending and article in the nominative, and what it is shown on.
GARMENTS = {
    "Kleid": ("es", "Ein", "auf einer Schneiderpuppe"),
    "Mantel": ("er", "Ein", "an einem Kleiderbügel"),
    "Rock": ("er", "Ein", "an einem Rockbügel"),
    "Jacke": ("e", "Eine", "auf einer Schneiderpuppe"),
    "Schal": ("er", "Ein", "über einer Kleiderstange"),
}
# Pattern → adjective for the caption, and how the alt text names it.
PATTERNS = {"Streifen": ("Gestreift", "mit Streifen"), "Karo": ("Kariert", "mit Karomuster"),
            "Punkte": ("Gepunktet", ""), "Fischgrat": ("", "mit Fischgratmuster"),
            "Patchwork": ("", "aus Stoffflicken")}
WOOD, METAL, LINEN, DARK_LINEN = (128, 92, 60), (150, 150, 148), (222, 210, 188), (58, 56, 54)


def _mirror(right):  # a symmetric outline from its right half, top centre to bottom centre
    return right + [(-x, y) for x, y in reversed(right)]


# Outlines in units of the stand's height (0 at the top, 1 on the floor), x from the centre.
FORM = _mirror([(0, .04), (.03, .04), (.032, .09), (.07, .106), (.125, .118), (.15, .14),
                (.156, .18), (.146, .26), (.114, .35), (.14, .45), (.138, .52), (0, .52)])
JACKET_SLEEVE = [(.15, .128), (.19, .15), (.218, .44), (.172, .448), (.158, .22)]
COAT_SLEEVE = [(.17, .1), (.204, .13), (.242, .62), (.194, .632), (.178, .2)]
SHAPES = {
    "Kleid": [_mirror([(0, .15), (.045, .138), (.072, .104), (.128, .118), (.16, .15), (.158, .2),
                       (.146, .25), (.118, .35), (.14, .43), (.2, .57), (.245, .68), (.12, .692),
                       (0, .696)])],
    "Jacke": [_mirror([(0, .1), (.055, .1), (.132, .114), (.166, .14), (.164, .26), (.152, .36),
                       (.17, .5), (0, .512)]), JACKET_SLEEVE, [(-x, y) for x, y in JACKET_SLEEVE]],
    "Mantel": [_mirror([(0, .074), (.05, .074), (.168, .1), (.192, .13), (.19, .3), (.2, .55),
                        (.222, .8), (.1, .81), (0, .812)]),
               COAT_SLEEVE, [(-x, y) for x, y in COAT_SLEEVE]],
    "Rock": [_mirror([(0, .15), (.13, .15), (.13, .186), (.158, .3), (.22, .55), (.25, .66),
                      (.12, .674), (0, .678)])],
    "Schal": [[(-.01, .21), (.17, .21), (.18, .6), (0, .61)],  # the end hanging behind
              [(-.14, .2), (.05, .2), (.06, .79), (-.13, .8)]],
}
# Darker parts of the shading: the lining inside a collar, the strip of a scarf hanging behind.
SHADOWS = {
    "Jacke": [(150, [(0, .1), (.055, .1), (.03, .2), (0, .26), (-.03, .2), (-.055, .1)])],
    "Mantel": [(150, [(0, .074), (.05, .074), (.03, .2), (0, .3), (-.03, .2), (-.05, .074)])],
    "Rock": [(170, [(-.13, .183), (.13, .183), (.13, .19), (-.13, .19)])],
    "Schal": [(200, SHAPES["Schal"][0]), (255, SHAPES["Schal"][1])],
}
# fmt: on


def _plan(number):
    """Garment, pattern, material and colours; the first 25 numbers show every pair once."""
    rng = random.Random(number)  # noqa: S311 (reproducible pictures, not secrets)
    if number < 25:  # neighbours differ in garment and in pattern
        garment, pattern = list(GARMENTS)[number % 5], list(PATTERNS)[(number + number // 5) % 5]
    else:
        garment, pattern = rng.choice(list(GARMENTS)), rng.choice(list(PATTERNS))
    material = rng.choice([m for m, s in MATERIALS.items() if pattern in s.split(":")[0]])
    pool = MATERIALS[material].split(": ")[1].split()
    wanted = 3 if pattern == "Patchwork" else rng.choice([2, 2, 3]) if pattern == "Streifen" else 2
    for backdrop in rng.sample(BACKDROPS, len(BACKDROPS)):  # colours must stand out from it
        names = []
        for name in rng.sample(pool, len(pool)):
            near = [backdrop[2], *(COLOURS[other][1] for other in names)]
            if all(math.dist(COLOURS[name][1], rgb) > 65 for rgb in near):
                names.append(name)
        if len(names) >= wanted:
            return rng, garment, pattern, material, names[:wanted], backdrop
    raise AssertionError(f"{material} has too few colours")


def _describe(garment, pattern, material, names, backdrop, stack):
    """Caption and alt text from the same choices that drew the picture."""
    ending, article, place = GARMENTS[garment]
    caption = {
        "Patchwork": f"Patchwork{garment.lower()} {material}",
        "Fischgrat": f"{garment} im Fischgratmuster {material}",
    }.get(pattern, f"{PATTERNS[pattern][0]}{ending} {garment} {material}")
    if pattern == "Punkte":
        what = f"{COLOURS[names[0]][0]}{ending} {garment} mit {COLOURS[names[1]][0]}en Punkten"
    else:
        what = f"{garment} {PATTERNS[pattern][1]} in {', '.join(names[:-1])} und {names[-1]}"
    beside = ", daneben liegt ein Stapel gefalteter Stoffe" if stack else ""
    alt = f"{article} {what} {place} vor einem {backdrop[1]}en Hintergrund{beside}."
    colours = names + [backdrop[0]] * (backdrop[0] not in names)
    facts = {"garment": garment, "pattern": pattern, "colours": colours}
    return {"caption": caption, "alt": alt, **facts}


def _fabric(pattern, rgbs, size, unit, rng):
    """The cloth, flat and unshaded, over the whole picture; the garment's outline cuts it out."""
    width, height = size
    cloth = Image.new("RGB", size, rgbs[0])
    draw = ImageDraw.Draw(cloth)
    step = max(4, int(unit * rng.choice([0.018, 0.026, 0.036])))
    if pattern == "Streifen":
        vertical = rng.random() < 0.5
        for i, at in enumerate(range(0, max(size), step)):
            box = (at, 0, at + step // 2, height) if vertical else (0, at, width, at + step // 2)
            draw.rectangle(box, fill=rgbs[1 + i % (len(rgbs) - 1)])
    elif pattern == "Karo":  # two striped layers, half and half, make gingham checks
        across = Image.new("RGB", size, rgbs[0])
        for at in range(0, max(size), step * 2):
            draw.rectangle((at, 0, at + step, height), fill=rgbs[1])
            ImageDraw.Draw(across).rectangle((0, at, width, at + step), fill=rgbs[1])
        cloth = Image.blend(cloth, across, 0.5)
    elif pattern == "Punkte":
        radius = step // 4 + 2
        for row, y in enumerate(range(0, height + step, step)):
            for x in range((row % 2) * step // 2, width + step, step):
                draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=rgbs[1])
    elif pattern == "Fischgrat":  # columns of slanted lines, the slant alternating
        gap = max(3, step // 3)
        for y in range(-width, height, gap):
            draw.line((0, y, width, y + width), fill=rgbs[1], width=max(1, gap // 2))
        mirrored = cloth.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        for x in range(0, width, step * 4):
            cloth.paste(mirrored.crop((x, 0, x + step * 2, height)), (x, 0))
    else:  # patchwork: rows of patches, some of them striped, sewn together with pale thread
        y, i = 0, 0
        while y < height:
            patch_height, x = int(unit * rng.uniform(0.07, 0.14)) + 1, 0
            while x < width:
                box = (x, y, x + int(unit * rng.uniform(0.06, 0.13)) + 1, y + patch_height)
                draw.rectangle(box, fill=rgbs[i % len(rgbs)])
                if rng.random() < 0.3:
                    for at in range(x, box[2], step):
                        draw.rectangle((at, y, at + step // 3, box[3]), rgbs[(i + 1) % len(rgbs)])
                draw.rectangle(box, outline=(236, 230, 216), width=max(1, int(unit * 0.002)))
                x, i = box[2], i + rng.choice([1, 2])  # a step of 1 or 2 of 3 changes the colour
            y += patch_height
    return cloth


def fashion_photo(number: int, size: tuple[int, int] = (1600, 2000)) -> tuple[bytes, dict]:
    """Demo photo number `number` (0-based) as JPEG bytes, and what it shows.

    The dict has German text, for editors and screen readers: "caption", "alt" (one sentence),
    "garment", "pattern" and "colours" (the garment's colours, then the backdrop's).
    """
    rng, garment, pattern, material, names, backdrop = _plan(number)
    width, height = size
    floor = height * rng.uniform(0.8, 0.87)
    unit = min(floor - height * rng.uniform(0.07, 0.13), width * 1.1)
    top, side = floor - unit, rng.choice([-1, 1, 0])  # side: where the folded fabrics lie
    stack = side * 0.4
    centre = width * (0.5 - 0.07 * side * rng.random())
    lamp = (width * rng.uniform(0.25, 0.75), height * rng.uniform(0.2, 0.45))

    def px(points):
        return [(centre + x * unit, top + y * unit) for x, y in points]

    # Light falls off away from the lamp: a radial gradient, cropped to centre there.
    k = 128 / max(size)
    left, upper = 128 - lamp[0] * k, 128 - lamp[1] * k
    box = (left, upper, left + width * k, upper + height * k)
    falloff = Image.radial_gradient("L").resize(size, box=box).point(lambda v: 255 - v * 0.42)
    mask, shade = Image.new("L", size), Image.new("L", size, 255)
    for outline in SHAPES[garment]:
        ImageDraw.Draw(mask).polygon(px(outline), fill=255)
    for value, outline in SHADOWS.get(garment, []):
        ImageDraw.Draw(shade).polygon(px(outline), fill=value)
    mask = mask.filter(ImageFilter.GaussianBlur(unit * 0.0012))

    # Shadows, blurred at a quarter size for speed: soft on the wall, darker on the floor.
    shadows = ImageChops.offset(mask, int((centre - lamp[0]) * 0.08), int(unit * 0.025))
    if garment in ("Kleid", "Jacke", "Schal"):
        ImageDraw.Draw(shadows).ellipse(px([(-0.3, 0.985), (0.3, 1.025)]), fill=200)
    if side:
        ImageDraw.Draw(shadows).ellipse(px([(stack - 0.14, 1.02), (stack + 0.14, 1.06)]), 200)
    shadows = shadows.reduce(4).filter(ImageFilter.GaussianBlur(unit * 0.0045)).resize(size)

    # A paper backdrop, brightest just above the floor, with a soft line where the floor begins.
    def sweep(y):
        return 0.86 + 0.1 * min(1, y / floor) - 0.12 / (1 + math.exp((floor - y) * 250 / unit))

    rows = bytes(int(255 * sweep(y)) for y in range(height))
    light = ImageChops.multiply(Image.frombytes("L", (1, height), rows).resize(size), falloff)
    light = ImageChops.subtract(light, shadows.point(lambda v: v * 0.4))
    photo = Image.new("RGB", size, tuple(min(255, c * 255 // 235) for c in backdrop[2]))
    draw, line = ImageDraw.Draw(photo), max(2, int(unit * 0.012))
    if garment in ("Kleid", "Jacke"):  # a dress form on a wooden tripod
        draw.rectangle(px([(-0.011, 0.5), (0.011, 0.9)]), fill=WOOD)
        for foot in ((-0.15, 1.0), (0.15, 1.0), (0.03, 1.03)):
            draw.line(px([(0, 0.88), foot]), fill=WOOD, width=line)
        dark = sum(backdrop[2]) > 450 and rng.random() < 0.4  # a dark cover on a light backdrop
        draw.polygon(px(FORM), fill=DARK_LINEN if dark else LINEN)
        draw.ellipse(px([(-0.022, 0.01), (0.022, 0.05)]), fill=WOOD)
    elif garment == "Schal":  # a standing clothes rail
        draw.rectangle(px([(-0.3, 0.212), (0.3, 0.228)]), fill=METAL)
        for post in (-0.29, 0.29):
            draw.rectangle(px([(post - 0.008, 0.22), (post + 0.008, 1.0)]), fill=METAL)
            draw.rectangle(px([(post - 0.07, 0.99), (post + 0.07, 1.0)]), fill=METAL)
    else:  # a rail across the studio, a hook and a hanger
        hanger = 0.11 if garment == "Rock" else 0.08
        draw.rectangle([(0, top - 0.025 * unit), (width, top - 0.013 * unit)], fill=METAL)
        draw.arc(px([(-0.024, -0.034), (0, -0.01)]), 180, 360, fill=METAL, width=line // 2)
        draw.line(px([(0, -0.022), (0, hanger)]), fill=METAL, width=line // 2)
        drop = 0 if garment == "Rock" else 0.028  # a skirt hanger is straight
        draw.line(px([(-0.165, hanger + drop), (0, hanger), (0.165, hanger + drop)]), WOOD, line)
    photo = ImageChops.multiply(photo, light.convert("RGB"))

    # Folds: the lamp's light across the garment, and a few soft vertical creases.
    waves = [(k, rng.uniform(0, 6.3)) for k in (40, 68, 104)]
    depth = 0.02 if garment in ("Jacke", "Schal") else 0.06

    def fold(x):
        creases = sum(math.sin(x * k / unit + phase) ** 8 for k, phase in waves)
        return max(0.5, min(1, 0.86 + 0.14 * math.cos((x - lamp[0]) * 4 / unit) - depth * creases))

    profile = bytes(int(255 * fold(x)) for x in range(width))
    shade = ImageChops.multiply(shade, Image.frombytes("L", (width, 1), profile).resize(size))
    shade = ImageChops.multiply(shade, falloff).convert("RGB")
    rgbs = [COLOURS[name][1] for name in names]
    photo.paste(ImageChops.multiply(_fabric(pattern, rgbs, size, unit, rng), shade), mask=mask)

    draw = ImageDraw.Draw(photo)
    if garment in ("Jacke", "Mantel"):
        for y in (0.3, 0.37, 0.44) if garment == "Jacke" else (0.33, 0.42, 0.51, 0.6):
            draw.ellipse(px([(-0.012, y - 0.012), (0.012, y + 0.012)]), fill=(70, 52, 40))
    elif garment == "Rock":  # the clips that hold the waistband
        for x in (-0.11, 0.11):
            draw.rectangle(px([(x - 0.012, 0.1), (x + 0.012, 0.17)]), fill=METAL)
    elif garment == "Schal":  # fringes, where each end is visible
        for left, y, right in ((-0.125, 0.8, 0.055), (0.075, 0.61, 0.17)):
            for i in range(int((right - left) * 60)):
                x = left + i / 60
                draw.line(px([(x, y - 0.005), (x + 0.003, y + 0.03)]), rgbs[0], line // 3)
    for i in range(rng.randrange(3, 6) if side else 0):  # folded leftovers on the floor
        x, y = stack + rng.uniform(-0.012, 0.012), 1.04 - i * 0.032
        box = px([(x - 0.1, y - 0.03), (x + 0.1, y)])
        draw.rounded_rectangle(box, radius=unit * 0.012, fill=rgbs[i % len(rgbs)])
        draw.line([(box[0][0] + line, box[1][1] - 1), (box[1][0] - line, box[1][1] - 1)], (0, 0, 0))

    # Mild film grain from a small blurred noise tile, overlaid so that mid-grey changes nothing.
    tile = Image.frombytes("L", (256, 256), rng.randbytes(256 * 256))
    tile = tile.filter(ImageFilter.GaussianBlur(0.6)).point(lambda v: 128 + (v - 128) * 0.1)
    grain = Image.new("L", size)
    for x, y in itertools.product(range(0, width, 256), range(0, height, 256)):
        grain.paste(tile, (x, y))
    photo = ImageChops.overlay(photo, grain.convert("RGB"))

    output = io.BytesIO()
    photo.save(output, "JPEG", quality=85, optimize=True, progressive=True)
    return output.getvalue(), _describe(garment, pattern, material, names, backdrop, bool(side))
