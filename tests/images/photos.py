"""Test photos made on the spot, carrying every kind of metadata a phone writes."""

import io
import struct

from PIL import ExifTags, Image, ImageCms, PngImagePlugin

SECRETS = {
    "make": "PhoneMakerSecret",
    "model": "SecretPhone 12",
    "comment": "secret-comment-Saalfeld",
    "xmp_gps": "50,38.87N",
    "iptc_city": "SecretCity",
}
EDITOR_METADATA = {
    "creator": "Anna Fotografin",
    "caption": "Modenschau im Schloss",
    "copyright": "(c) Connecting Humans",
}
GPS_IFD = 0x8825
EXIF_IFD = 0x8769
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()

XMP = f"""<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">
<exif:GPSLatitude>{SECRETS["xmp_gps"]}</exif:GPSLatitude>
<photoshop:City>{SECRETS["iptc_city"]}</photoshop:City>
<dc:creator><rdf:Seq><rdf:li>{EDITOR_METADATA["creator"]}</rdf:li></rdf:Seq></dc:creator>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>""".encode()


def exif(orientation=6):
    data = Image.Exif()
    data[ExifTags.Base.Make] = SECRETS["make"]
    data[ExifTags.Base.Model] = SECRETS["model"]
    data[ExifTags.Base.Artist] = EDITOR_METADATA["creator"]
    data[ExifTags.Base.Copyright] = EDITOR_METADATA["copyright"]
    data[ExifTags.Base.ImageDescription] = EDITOR_METADATA["caption"]
    data[ExifTags.Base.Orientation] = orientation
    data.get_ifd(EXIF_IFD)[ExifTags.Base.DateTimeOriginal] = "2024:05:17 14:03:22"
    gps = data.get_ifd(GPS_IFD)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (50.0, 38.0, 52.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (11.0, 21.0, 34.0)
    return data


def iptc_segment():
    return iptc_records(
        [((2, 90), SECRETS["iptc_city"].encode()), ((2, 80), EDITOR_METADATA["creator"].encode())]
    )


def iptc_records(records):
    iptc = b"".join(
        b"\x1c" + bytes(tag) + struct.pack(">H", len(value)) + value for tag, value in records
    )
    padding = b"\x00" * (len(iptc) % 2)
    resource = b"8BIM" + struct.pack(">HHI", 0x0404, 0, len(iptc)) + iptc + padding
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def scene(width=400, height=300):
    """Red on the left, blue on the right: rotated by orientation 6, red ends up on top."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    image.paste((30, 30, 200), (width // 2, 0, width, height))
    return image


def phone_photo(image_format="JPEG", orientation=6):
    image = scene()
    output = io.BytesIO()
    if image_format == "JPEG":
        image.save(
            output,
            "JPEG",
            exif=exif(orientation),
            xmp=XMP,
            comment=SECRETS["comment"],
            icc_profile=SRGB,
            quality=90,
        )
        data = output.getvalue()
        return data[:2] + iptc_segment() + data[2:]
    if image_format == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", SECRETS["comment"])
        info.add_itxt("XML:com.adobe.xmp", XMP.decode())
        info.add_text("Author", EDITOR_METADATA["creator"])
        image.save(output, "PNG", exif=exif(orientation), pnginfo=info, icc_profile=SRGB)
        return output.getvalue()
    if image_format == "WEBP":
        image.save(output, "WEBP", exif=exif(orientation), xmp=XMP, icc_profile=SRGB, quality=90)
        return output.getvalue()
    raise ValueError(image_format)


def plain_jpeg(width=400, height=300, **options):
    output = io.BytesIO()
    scene(width, height).save(output, "JPEG", quality=85, **options)
    return output.getvalue()


def leaks(data):
    """Every trace of the phone's metadata found in a file's bytes or as read by Pillow."""
    found = [secret for secret in SECRETS.values() if secret.encode() in data]
    found += [
        marker
        for marker in (b"Exif\x00\x00", b"<x:xmpmeta", b"8BIM", b"Photoshop 3.0")
        if marker in data
    ]
    with Image.open(io.BytesIO(data)) as image:
        if len(image.getexif()):
            found.append(f"EXIF tags {dict(image.getexif())}")
        found += [
            key
            for key in ("exif", "xmp", "comment", "photoshop", "XML:com.adobe.xmp")
            if key in image.info
        ]
    return found


# Texts as editors write them: umlauts, ß, ©, Cyrillic and Arabic.
WRITTEN = {
    "creator": "Jörg Weiß · Юлия Смирнова · ليلى حسن",
    "caption": "Nähmaschine auf der Straße – Швейная машина – ماكينة خياطة",
    "copyright": "© Connecting Humans",
}
# What an older camera or Windows program writes in its code page (CP1252).
WESTERN = {
    "creator": "Jörg Weiß",
    "caption": "„Nähmaschine“ auf der Straße – 5 €",
    "copyright": "© Connecting Humans",
}
# IPTC's CodedCharacterSet (1:90) for UTF-8, and for ISO 8859-5 (Cyrillic).
IPTC_UTF8 = b"\x1b%G"
IPTC_CYRILLIC = b"\x1b-L"
XP_TAGS = {"creator": ExifTags.Base.XPAuthor, "caption": ExifTags.Base.XPTitle}
IPTC_TAGS = {"creator": (2, 80), "caption": (2, 120), "copyright": (2, 116)}
PNG_KEYS = {"creator": "Author", "caption": "Description", "copyright": "Copyright"}


def xmp_of(texts):
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:creator><rdf:Seq><rdf:li>{texts["creator"]}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{texts["caption"]}</rdf:li></rdf:Alt>
</dc:description>
<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">{texts["copyright"]}</rdf:li></rdf:Alt></dc:rights>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>""".encode()


def photo_with_texts(image_format, where, texts, encoding="utf-8", declared=None):
    """A photo whose creator, caption and copyright are `texts`, written only in `where`:
    "exif" (its ASCII tags, in `encoding`, as cameras and phones do), "windows" (EXIF's XP
    tags, UTF-16LE), "xmp", "iptc" (in `encoding`, with the character set `declared` or none;
    JPEG only) or "png" (tEXt chunks in `encoding`)."""
    options = {}
    if where == "exif":
        data = Image.Exif()
        data[ExifTags.Base.Artist] = texts["creator"].encode(encoding)
        data[ExifTags.Base.ImageDescription] = texts["caption"].encode(encoding)
        data[ExifTags.Base.Copyright] = texts["copyright"].encode(encoding)
        options["exif"] = data
    elif where == "windows":
        data = Image.Exif()
        for key, tag in XP_TAGS.items():
            data[tag] = texts[key].encode("utf-16-le") + b"\x00\x00"
        options["exif"] = data
    elif where == "xmp" and image_format == "PNG":
        options["pnginfo"] = PngImagePlugin.PngInfo()
        options["pnginfo"].add_itxt("XML:com.adobe.xmp", xmp_of(texts).decode())
    elif where == "xmp":
        options["xmp"] = xmp_of(texts)
    elif where == "png":
        options["pnginfo"] = PngImagePlugin.PngInfo()
        for key, name in PNG_KEYS.items():
            options["pnginfo"].add_text(name, texts[key].encode(encoding))
    output = io.BytesIO()
    scene().save(output, image_format, **options)
    data = output.getvalue()
    if where == "iptc":
        records = [((1, 90), declared)] if declared else []
        records += [(tag, texts[key].encode(encoding)) for key, tag in IPTC_TAGS.items()]
        data = data[:2] + iptc_records(records) + data[2:]
    return data
