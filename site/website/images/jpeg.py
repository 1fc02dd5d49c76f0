"""A JPEG rebuilt without a single pixel changed, and without anything but its pixels.

Every segment that is kept is written anew from its parsed values: the frame, the scans, the
restart interval, only the quantisation and Huffman tables a scan uses, Adobe's colour transform
flag, and the colour profile given (already rebuilt). The compressed pixel data is copied as it
is. Everything else goes: metadata, comments, thumbnails, DNL and unknown markers, and whatever
follows the end of the image.

Not dropped: bytes between the end of a scan's compressed data and the next marker, which
decoders skip. Telling them apart from the data takes a Huffman decoder (jpegtran's transcoding)
or a re-encode.
"""

import struct

SOI, EOI = b"\xff\xd8", b"\xff\xd9"
# Huffman-coded frames (baseline, extended, progressive); other codings are re-encoded.
FRAMES = {0xC0, 0xC1, 0xC2}
PROGRESSIVE = 0xC2
OTHER_FRAMES = set(range(0xC3, 0xD0)) - {0xC4, 0xC8, 0xCC}
DHT, DQT, DRI, SOS, APP14 = 0xC4, 0xDB, 0xDD, 0xDA, 0xEE
ICC_CHUNK = 65519  # the most of a profile one APP2 segment holds


def segment(marker, payload):
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def icc_segments(profile):
    chunks = [profile[start : start + ICC_CHUNK] for start in range(0, len(profile), ICC_CHUNK)]
    return [
        segment(0xE2, b"ICC_PROFILE\0" + bytes((number, len(chunks))) + chunk)
        for number, chunk in enumerate(chunks, start=1)
    ]


def rebuilt_jpeg(data, icc_profile):
    """The JPEG rebuilt with `icc_profile` (or none), or None if it cannot be rebuilt losslessly.

    A malformed JPEG raises ValueError.
    """
    try:
        return rebuild(data, icc_profile)
    except (IndexError, KeyError, struct.error) as error:
        raise ValueError("malformed JPEG") from error


def rebuild(data, icc_profile):
    view = memoryview(data)
    body = []
    frame = adobe_transform = None
    tables, written = {}, {}  # (kind, slot) → the definition last parsed / last written
    restart, written_restart = 0, 0
    position = 2
    while True:
        if data[position] != 0xFF:
            raise ValueError("JPEG marker expected")
        marker = data[position + 1]
        if marker == 0xFF:  # a fill byte
            position += 1
            continue
        position += 2
        if marker == 0xD9:
            head = [SOI, *(icc_segments(icc_profile) if icc_profile else [])]
            if adobe_transform is not None:
                # Version 100, no flags, and the colour transform: 0 none, 1 YCbCr, 2 YCCK.
                adobe = b"Adobe" + struct.pack(">HHHB", 100, 0, 0, adobe_transform)
                head.append(segment(APP14, adobe))
            return b"".join((*head, *body, EOI))
        if marker == 0x01 or 0xD0 <= marker <= 0xD8:  # markers without a segment
            continue
        length = struct.unpack_from(">H", data, position)[0]
        payload = view[position + 2 : position + length]
        if len(payload) != length - 2:
            raise ValueError("JPEG segment cut short")
        position += length

        if marker in OTHER_FRAMES:
            return None
        if marker == APP14 and payload[:5] == b"Adobe":
            if len(payload) < 12 or payload[11] > 2:
                return None
            adobe_transform = payload[11]
        elif marker == DQT:
            parse_tables(payload, tables, "quantisation")
        elif marker == DHT:
            parse_tables(payload, tables, "huffman")
        elif marker == DRI:
            (restart,) = struct.unpack(">H", payload)
        elif marker in FRAMES:
            if frame is not None:
                raise ValueError("a second frame")
            frame = parse_frame(marker, payload)
            if frame["height"] == 0:  # the height would follow in a DNL segment
                return None
            body.append(segment(marker, frame["segment"]))
        elif marker == SOS:
            if frame is None:
                raise ValueError("a scan before the frame")
            scan = parse_scan(payload)
            for key in tables_used(frame, scan):
                # A table never defined is the decoder's business (libjpeg has standard ones).
                if key in tables and written.get(key) != tables[key]:
                    kind = DQT if key[0] == "quantisation" else DHT
                    body.append(segment(kind, tables[key]))
                    written[key] = tables[key]
            if restart != written_restart:
                body.append(segment(DRI, struct.pack(">H", restart)))
                written_restart = restart
            body.append(segment(SOS, scan["segment"]))
            end = scan_end(data, position)
            body.append(view[position:end])
            position = end
        # Anything else (application data, comments, DNL, unknown markers) is left out.


def parse_tables(payload, tables, kind):
    position = 0
    while position < len(payload):
        slot = payload[position]
        # The high half of a table's first byte is its precision or class, the low half its slot.
        if slot >> 4 > 1 or slot & 15 > 3:
            raise ValueError(f"bad {kind} table")
        if kind == "quantisation":
            size, key = 1 + 64 * (1 + (slot >> 4)), slot & 15
        else:
            size, key = 17 + sum(payload[position + 1 : position + 17]), slot
        if position + size > len(payload):
            raise ValueError(f"bad {kind} table")
        tables[kind, key] = bytes(payload[position : position + size])
        position += size


def parse_frame(marker, payload):
    precision, height, width, count = struct.unpack_from(">BHHB", payload)
    components = [tuple(payload[6 + 3 * n : 9 + 3 * n]) for n in range(count)]
    if len(payload) != 6 + 3 * count:
        raise ValueError("bad frame header")
    return {
        "progressive": marker == PROGRESSIVE,
        "height": height,
        "quantisation": {identifier: table for identifier, _, table in components},
        "segment": struct.pack(">BHHB", precision, height, width, count)
        + b"".join(bytes(component) for component in components),
    }


def parse_scan(payload):
    count = payload[0]
    components = [tuple(payload[1 + 2 * n : 3 + 2 * n]) for n in range(count)]
    if len(payload) != 4 + 2 * count:
        raise ValueError("bad scan header")
    start, end, approximation = payload[1 + 2 * count : 4 + 2 * count]
    return {
        "components": components,
        "start": start,
        "refining": approximation >> 4 > 0,
        "segment": bytes((count,))
        + b"".join(bytes(component) for component in components)
        + bytes((start, end, approximation)),
    }


def tables_used(frame, scan):
    """The (kind, slot) keys of the tables this scan is decoded with."""
    for identifier, selectors in scan["components"]:
        yield "quantisation", frame["quantisation"][identifier]
        dc, ac = selectors >> 4, selectors & 15
        if not frame["progressive"]:
            yield from (("huffman", dc), ("huffman", 0x10 | ac))
        elif scan["start"] > 0:
            yield "huffman", 0x10 | ac
        elif not scan["refining"]:  # a progressive DC refinement needs no table
            yield "huffman", dc


def scan_end(data, position):
    """Where a scan's compressed data ends: at the first marker that is not a restart."""
    end = data.index(b"\xff", position)
    while data[end + 1] == 0x00 or 0xD0 <= data[end + 1] <= 0xD7:  # stuffing, restarts
        end = data.index(b"\xff", end + 2)
    return end
