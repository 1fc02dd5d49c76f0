"""Colour profiles are rebuilt, never copied.

An ICC profile is a 128-byte header, a table of tags, and the tags' data at the offsets the
table gives. Anything can hide in one: in private or text tags (description, copyright), in the
gaps between and after the tags, in the header's creator and device fields. `rebuilt()` writes
a new profile from the parsed header and the tags that say how to show colours, each cut to the
length its own type declares, with a description of our own; littleCMS must then accept it.
"""

import io
import struct

from PIL import ImageCms

SRGB_PROFILE = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
DESCRIPTION = "Colour profile"
# The tags that say how to show colours: white and black point, primaries, curves, tables.
COLOUR_TAGS = {b"wtpt", b"bkpt", b"chad", b"rXYZ", b"gXYZ", b"bXYZ"}
COLOUR_TAGS |= {b"rTRC", b"gTRC", b"bTRC", b"kTRC"}
COLOUR_TAGS |= {f"{table}{intent}".encode() for table in ("A2B", "B2A") for intent in (0, 1, 2)}
DEVICE_CLASSES = {b"mntr", b"scnr", b"prtr", b"spac"}
CONNECTION_SPACES = {b"XYZ ", b"Lab "}
# The colour space of a profile for an image mode, and the mode littleCMS reads it with.
SPACES = {"RGB": b"RGB ", "RGBA": b"RGB ", "P": b"RGB ", "CMYK": b"CMYK"}
SPACES.update(dict.fromkeys(("1", "L", "LA", "I;16"), b"GRAY"))
TRANSFORM_MODES = {b"RGB ": "RGB", b"GRAY": "L", b"CMYK": "CMYK"}
D50 = struct.pack(">3i", 63190, 65536, 54061)  # the connection space's white, as ICC requires
PARAMETERS = {0: 1, 1: 3, 2: 4, 3: 5, 4: 7}  # parametricCurveType: function → parameter count
CMS_ERRORS = (ImageCms.PyCMSError, OSError, ValueError, TypeError)


def rebuilt(data, mode):
    """The profile rebuilt for an image of `mode`, or None if nothing usable can be rebuilt."""
    try:
        profile = assemble(memoryview(data))
    except (struct.error, IndexError, KeyError):
        return None
    if profile is None or SPACES.get(mode) != profile[16:20]:
        return None
    try:
        ImageCms.buildTransform(
            ImageCms.ImageCmsProfile(io.BytesIO(profile)),
            SRGB_PROFILE,
            TRANSFORM_MODES[profile[16:20]],
            "RGB",
        )
    except CMS_ERRORS:
        return None
    return profile


def clean(image, data):
    """The image and the profile to store with it: `data` rebuilt, or else the pixels in sRGB."""
    if not data:
        return image, None
    if profile := rebuilt(data, image.mode):
        return image, profile
    return in_srgb(image, data)


def in_srgb(image, data):
    """The pixels converted to sRGB with the profile `data` where littleCMS takes it, else as
    they are; and sRGB as their profile, where they are colour pixels."""
    output_mode = {"RGB": "RGB", "RGBA": "RGBA", "L": "RGB", "CMYK": "RGB"}.get(image.mode)
    if output_mode:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(data))
            image = ImageCms.profileToProfile(image, source, SRGB_PROFILE, outputMode=output_mode)
        except CMS_ERRORS:
            pass
    return image, SRGB if image.mode in ("RGB", "RGBA", "P") else None


def assemble(data):
    header = data[:128]
    space, connection = bytes(header[16:20]), bytes(header[20:24])
    major, minor = header[8], header[9]
    if (
        header[36:40] != b"acsp"
        or major not in (2, 4)
        or bytes(header[12:16]) not in DEVICE_CLASSES
        or space not in TRANSFORM_MODES
        or connection not in CONNECTION_SPACES
    ):
        return None
    tags = {b"desc": description(major)}
    for index in range(struct.unpack_from(">I", data, 128)[0]):
        signature, offset, size = struct.unpack_from(">4sII", data, 132 + 12 * index)
        if signature in COLOUR_TAGS and signature not in tags:
            tag = rebuilt_tag(data[offset : offset + size])
            if tag:
                tags[signature] = tag

    table, body, placed = [struct.pack(">I", len(tags))], [], {}
    position = 128 + 4 + 12 * len(tags)
    for signature, tag in tags.items():
        if tag not in placed:  # tags with the same data (often the curves) share it
            placed[tag] = position
            body.append(tag + bytes(-len(tag) % 4))
            position += len(body[-1])
        table.append(struct.pack(">4sII", signature, placed[tag], len(tag)))
    intent = struct.unpack_from(">I", header, 64)[0]
    header = struct.pack(
        ">I4x4s4s4s4s12x4s24xI12s48x",
        position,
        bytes((major, minor, 0, 0)),
        bytes(header[12:16]),
        space,
        connection,
        b"acsp",
        intent if intent <= 3 else 0,
        D50,
    )
    return b"".join((header, *table, *body))


def rebuilt_tag(data):
    """The tag cut to the length its type declares, reserved bytes zeroed; None if not kept."""
    kind = bytes(data[:4])
    reserved = [(4, 8)]
    if kind == b"XYZ ":
        length = 20
    elif kind == b"sf32":
        length = 44  # the 3×3 matrix of `chad`
    elif kind == b"curv":
        length = 12 + 2 * struct.unpack_from(">I", data, 8)[0]
    elif kind == b"para":
        length = 12 + 4 * PARAMETERS[struct.unpack_from(">H", data, 8)[0]]
        reserved.append((10, 12))
    elif kind in (b"mft1", b"mft2"):
        inputs, outputs, grid = data[8], data[9], data[10]
        reserved.append((11, 12))
        if kind == b"mft1":
            length = 48 + 256 * inputs + grid**inputs * outputs + 256 * outputs
        else:
            entries_in, entries_out = struct.unpack_from(">HH", data, 48)
            length = 52 + 2 * (entries_in * inputs + grid**inputs * outputs + entries_out * outputs)
    else:
        return None
    if len(data) < length:
        return None
    tag = bytearray(data[:length])
    for start, end in reserved:
        tag[start:end] = bytes(end - start)
    return bytes(tag)


def description(major):
    """Our own text for the profile's `desc` tag, in the tag type of its ICC version."""
    if major == 2:  # textDescriptionType: ASCII, then empty Unicode and ScriptCode parts
        text = DESCRIPTION.encode("ascii") + b"\0"
        return b"desc" + bytes(4) + struct.pack(">I", len(text)) + text + bytes(4 + 4 + 2 + 1 + 67)
    text = DESCRIPTION.encode("utf-16-be")  # multiLocalizedUnicodeType, one record
    return b"mluc" + bytes(4) + struct.pack(">II2s2sII", 1, 12, b"en", b"US", len(text), 28) + text


# What pixels converted to sRGB are tagged with: littleCMS's own sRGB, rebuilt like any other.
SRGB = rebuilt(SRGB_PROFILE.tobytes(), "RGB")
