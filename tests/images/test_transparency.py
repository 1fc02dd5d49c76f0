"""Transparent PNGs stay transparent: in the stored original and in every rendition."""

import io

import pytest
from PIL import Image

from tests.images.helpers import make_image
from website.images.renditions import generate

pytestmark = pytest.mark.django_db

WIDTH, HEIGHT = 60, 20  # three bands of 20 pixels: opaque, transparent, half transparent
RED = (200, 30, 30)


def bands(mode, opaque, transparent, half=None):
    image = Image.new(mode, (WIDTH, HEIGHT), opaque)
    image.paste(transparent, (20, 0, 40, HEIGHT))
    image.paste(half if half is not None else opaque, (40, 0, WIDTH, HEIGHT))
    return image


def palette(alphas):
    image = bands("P", 0, 1, 2)
    # Red, green, blue, and unused entries after them.
    image.putpalette([*RED, 0, 255, 0, 0, 0, 255] + [7] * 3 * 253)
    return image, {"transparency": alphas}


# mode: (the PNG's pixels and save options, the colour of its opaque band, its half band's alpha)
PNGS = {
    "1 with tRNS": (lambda: (bands("1", 0, 255), {"transparency": 255}), (0, 0, 0), 255),
    "L with tRNS": (lambda: (bands("L", 60, 200), {"transparency": 200}), (60, 60, 60), 255),
    "LA": (lambda: (bands("LA", (60, 255), (200, 0), (60, 128)), {}), (60, 60, 60), 128),
    "P with tRNS": (lambda: palette(1), RED, 255),
    "P with an alpha palette": (lambda: palette(bytes([255, 0, 128, 9, 9])), RED, 128),
    "RGB with tRNS": (
        lambda: (bands("RGB", RED, (0, 255, 0)), {"transparency": (0, 255, 0)}),
        RED,
        255,
    ),
    "RGBA": (lambda: (bands("RGBA", (*RED, 255), (0, 0, 0, 0), (*RED, 128)), {}), RED, 128),
    "I;16 with tRNS": (
        # Pillow fills 16-bit images correctly only through its 32-bit mode.
        lambda: (bands("I", 15420, 50000).convert("I;16"), {"transparency": 50000}),
        (60, 60, 60),  # 15420 of 65535, in 8 bits
        255,
    ),
}
FORMATS = ["png", "webp", "avif", "jpeg"]


def png(mode):
    image, options = PNGS[mode][0]()
    output = io.BytesIO()
    image.save(output, "PNG", **options)
    return output.getvalue()


def read(file):
    with file.open("rb") as opened:
        return opened.read()


def close(actual, expected, tolerance=12):
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def visible(picture):
    """What a browser shows of each band: the colour and alpha in its middle."""
    scale = picture.width / WIDTH
    if picture.mode == "I;16":  # Pillow's own conversion clips 16-bit grey and ignores tRNS
        key = picture.info["transparency"]
        values = [picture.getpixel((round(x * scale), picture.height // 2)) for x in (10, 30)]
        return [(*(round(v / 257),) * 3, 0 if v == key else 255) for v in values]
    rgba = picture.convert("RGBA")
    return [rgba.getpixel((round(x * scale), rgba.height // 2)) for x in (10, 30, 50)]


@pytest.mark.parametrize("mode", PNGS)
def test_a_transparent_png_keeps_its_transparency_in_the_original_and_every_rendition(mode):
    _, colour, half_alpha = PNGS[mode]
    image = make_image(png(mode), name="logo.png")

    with Image.open(io.BytesIO(read(image.file))) as original:
        assert original.format == "PNG"
        opaque, transparent, *half = visible(original)
        assert opaque == (*colour, 255)
        assert transparent[3] == 0
        assert not half or half[0][3] == half_alpha

    generate(image, [f"width-30|format-{image_format}" for image_format in FORMATS])
    for rendition in image.renditions.filter(filter_spec__endswith=tuple(FORMATS)):
        with Image.open(io.BytesIO(read(rendition.file))) as picture:
            opaque, transparent, half = visible(picture)
            name = rendition.filter_spec
            if name.endswith("jpeg"):  # no transparency in JPEG: laid on white
                assert close(opaque, (*colour, 255)), name
                assert close(transparent, (255, 255, 255, 255)), name
            else:
                assert close(opaque, (*colour, 255)), name
                assert transparent[3] <= 12, name
                assert close(half[3:], (half_alpha,)), name
    assert image.renditions.filter(filter_spec__startswith="width-30").count() == len(FORMATS)


def test_unused_palette_entries_are_not_kept():
    image, options = palette(bytes([255, 0, 128] + [ord("S")] * 20))
    image.putpalette([*RED, 0, 255, 0, 0, 0, 255] + list(b"SECRET-PALETTE-PAYLOAD" * 20))
    output = io.BytesIO()
    image.save(output, "PNG", **options)
    stored = read(make_image(output.getvalue(), name="logo.png").file)
    assert b"SECRET" not in stored
    assert b"SSSS" not in stored
    with Image.open(io.BytesIO(stored)) as original:
        assert len(original.getpalette()) == 3 * 3
