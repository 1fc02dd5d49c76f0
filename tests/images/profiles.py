"""Colour profiles written byte by byte, as cameras and editing programs write them, with data
hidden everywhere an ICC profile has room for it. littleCMS reads every one of them."""

import struct

# Hidden in the header's free fields, then in the tags, between them and after them.
HIDDEN = {
    "header": b"SECR",
    "profile id": b"SECRET-ICC-ID-16",
    "date": b"SECRET-DATE!",
    "description": b"SECRET-ICC-DESC",
    "copyright": b"SECRET-ICC-CPRT",
    "private tag": b"SECRET-ICC-PRIVATE",
    "tag tail": b"SECRET-ICC-TAIL",
    "padding": b"SECRET-ICC-PADDING",
    "end": b"SECRET-ICC-END",
}
D50 = (0.9642, 1.0, 0.8249)


def s15(value):
    return struct.pack(">i", round(value * 65536))


def xyz(x, y, z):
    return b"XYZ " + bytes(4) + s15(x) + s15(y) + s15(z)


def srgb_curve():
    """The sRGB transfer curve as a parametric curve (function 3), as Display P3 uses it."""
    parameters = (2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045)
    return b"para" + bytes(4) + struct.pack(">HH", 3, 0) + b"".join(map(s15, parameters))


def gamma_curve(gamma, entries=1):
    """A gamma curve: one u8Fixed8 exponent, or sampled in `entries` points."""
    if entries == 1:
        return b"curv" + bytes(4) + struct.pack(">IH", 1, round(gamma * 256))
    samples = (round(65535 * (n / (entries - 1)) ** gamma) for n in range(entries))
    return b"curv" + bytes(4) + struct.pack(f">I{entries}H", entries, *samples)


def text_v2(kind, text):
    if kind == b"desc":  # textDescriptionType
        return (
            b"desc" + bytes(4) + struct.pack(">I", len(text) + 1) + text + bytes(1 + 4 + 4 + 3 + 67)
        )
    return b"text" + bytes(4) + text + b"\0"


def text_v4(text):
    encoded = text.decode().encode("utf-16-be")
    return (
        b"mluc"
        + bytes(4)
        + struct.pack(">II2s2sII", 1, 12, b"en", b"US", len(encoded), 28)
        + encoded
    )


def profile(version, tags):
    """A profile of `tags` ((signature, data) pairs; equal data is shared, as in real ones),
    with everything in HIDDEN hidden in it."""
    tags = [
        *tags,
        (b"ZZpr", b"text" + bytes(4) + HIDDEN["private tag"] + b"\0"),  # a private tag
    ]
    table, body, placed = [], b"", {}
    start = 128 + 4 + 12 * len(tags)
    for signature, data in tags:
        size = len(data)
        if signature == b"rXYZ":  # the table claims more than the type declares
            data += HIDDEN["tag tail"]
            size = len(data)
        if data not in placed:
            placed[data] = start + len(body)
            body += data + HIDDEN["padding"] + bytes(-(len(data) + len(HIDDEN["padding"])) % 4)
        table.append(struct.pack(">4sII", signature, placed[data], size))
    body += HIDDEN["end"]
    size = start + len(body)
    header = struct.pack(
        ">I4s4s4s4s4s12s4s4s4s4s4s8sI12s4s16s28x",
        size,
        HIDDEN["header"],  # preferred CMM
        bytes((version, 0x20 if version == 2 else 0x30, 0, 0)),
        b"mntr",
        b"RGB ",
        b"XYZ ",
        HIDDEN["date"],
        b"acsp",
        HIDDEN["header"],  # platform
        HIDDEN["header"],  # flags
        HIDDEN["header"],  # device manufacturer
        HIDDEN["header"],  # device model
        HIDDEN["header"] * 2,  # device attributes
        0,  # perceptual rendering intent
        b"".join(map(s15, D50)),
        HIDDEN["header"],  # creator
        HIDDEN["profile id"],
    )
    return header + struct.pack(">I", len(tags)) + b"".join(table) + body


def display_p3():
    """Display P3 as Apple's phones embed it: ICC 4, parametric sRGB curves, adapted to D50."""
    curve = srgb_curve()
    bradford = (1.047882, 0.022918, -0.050217, 0.029586, 0.990478, -0.017075)
    bradford += (-0.009247, 0.015075, 0.751678)
    return profile(
        4,
        [
            (b"desc", text_v4(b"Display P3 " + HIDDEN["description"])),
            (b"cprt", text_v4(b"Copyright " + HIDDEN["copyright"])),
            (b"wtpt", xyz(*D50)),
            (b"rXYZ", xyz(0.515102, 0.241182, -0.001050)),
            (b"gXYZ", xyz(0.291965, 0.692236, 0.041885)),
            (b"bXYZ", xyz(0.157153, 0.066582, 0.784378)),
            (b"rTRC", curve),
            (b"gTRC", curve),
            (b"bTRC", curve),
            (b"chad", b"sf32" + bytes(4) + b"".join(map(s15, bradford))),
        ],
    )


def adobe_rgb(sampled=False):
    """An Adobe RGB (1998)-like profile as editing programs embed it: ICC 2, gamma 2.2.

    `sampled`: each curve in 12 000 points, so the profile needs two JPEG segments (64 KB each).
    """
    gamma = 563 / 256
    curves = (
        [gamma_curve(gamma, 12000 + n) for n in range(3)] if sampled else [gamma_curve(gamma)] * 3
    )
    return profile(
        2,
        [
            (b"desc", text_v2(b"desc", b"Adobe RGB-like " + HIDDEN["description"])),
            (b"cprt", text_v2(b"cprt", b"Copyright " + HIDDEN["copyright"])),
            (b"wtpt", xyz(0.95045, 1.0, 1.08905)),
            (b"rXYZ", xyz(0.609741, 0.311111, 0.019470)),
            (b"gXYZ", xyz(0.205276, 0.625671, 0.060867)),
            (b"bXYZ", xyz(0.149185, 0.063217, 0.744568)),
            (b"rTRC", curves[0]),
            (b"gTRC", curves[1]),
            (b"bTRC", curves[2]),
        ],
    )
