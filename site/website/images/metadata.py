"""The metadata editors want from a photo's file, read as it was written.

`uploads.sanitise()` calls `read_metadata()` before it writes the file anew without any of it.
Only the title, caption, creator, copyright and date taken leave this module: the editor sees
them in the image form and the gallery row (caption, creator, credit). Keywords, places,
camera and the rest are never read.

Each standard says in its own way which characters its bytes are:
- EXIF's ASCII tags (ImageDescription, Artist, Copyright) carry UTF-8 from cameras, phones and
  Lightroom, and a code page from older Windows programs: UTF-8 first, then CP1252/Latin-1.
- EXIF's UserComment opens with its character code: ASCII, UNICODE (UTF-16) or JIS.
- Windows' XP tags (XPTitle, XPComment, XPAuthor, XPSubject) are UTF-16LE.
- IPTC IIM declares its character set in record 1:90 (ESC % G is UTF-8); without it, UTF-8
  if the bytes are UTF-8, else CP1252/Latin-1.
- XMP is UTF-8, or UTF-16 with a byte order mark.

Where several say something, XMP wins over IPTC and IPTC over EXIF (PNG's text chunks come
last): programs that edit metadata (Lightroom, Photoshop, digiKam, Bridge) write XMP and keep
the older two in step as far as those can hold the text, so XMP is the fullest and the newest.
The date taken is EXIF's first: the camera's own clock, with its offset.
"""

import codecs
import re
from datetime import datetime

from django.utils import timezone

from defusedxml import ElementTree
from PIL import ExifTags, IptcImagePlugin, PngImagePlugin

from website.file_names import CONTROL_CHARACTERS

TEXT_FIELDS = ("title", "caption", "creator", "copyright")
TAGS = ExifTags.Base
EXIF_IFD = 0x8769

# Each field from EXIF's standard tag first, then from the tags Windows writes.
EXIF_TEXTS = {
    "title": (TAGS.XPTitle, TAGS.XPSubject),
    "caption": (TAGS.ImageDescription, TAGS.XPComment),
    "creator": (TAGS.Artist, TAGS.XPAuthor),
    "copyright": (TAGS.Copyright,),
}
WINDOWS_TAGS = {TAGS.XPTitle, TAGS.XPSubject, TAGS.XPComment, TAGS.XPAuthor}
# What cameras put into ImageDescription or UserComment unasked; as a caption it would be
# published under the photo and name it in the library.
CAMERA_DEFAULTS = {
    "olympus digital camera",
    "sony dsc",
    "digital camera",
    "minolta digital camera",
    "konica minolta digital camera",
    "samsung camera pictures",
    "exif_jpeg_picture",
}

# IPTC IIM: Object Name and Headline, Caption/Abstract, By-line, Copyright Notice.
IPTC = {
    "title": ((2, 5), (2, 105)),
    "caption": ((2, 120),),
    "creator": ((2, 80),),
    "copyright": ((2, 116),),
}
IPTC_CHARACTER_SET = (1, 90)
# ISO 2022 designations of an ISO 8859 part (its final byte) that IPTC's 1:90 may declare.
ISO_8859 = {
    b"A": "iso8859_1",
    b"B": "iso8859_2",
    b"C": "iso8859_3",
    b"D": "iso8859_4",
    b"F": "iso8859_7",
    b"G": "iso8859_6",
    b"H": "iso8859_8",
    b"L": "iso8859_5",
    b"M": "iso8859_9",
    b"b": "iso8859_15",
}

DC = "{http://purl.org/dc/elements/1.1/}"
PHOTOSHOP = "{http://ns.adobe.com/photoshop/1.0/}"
XMP_BASIC = "{http://ns.adobe.com/xap/1.0/}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XMP = {
    "title": (f"{DC}title", f"{PHOTOSHOP}Headline"),
    "caption": (f"{DC}description",),
    "creator": (f"{DC}creator",),
    "copyright": (f"{DC}rights",),
    "date": (f"{PHOTOSHOP}DateCreated", f"{XMP_BASIC}CreateDate"),
}

# PNG's text chunks, by their registered keywords (lowercased: writers differ in case).
PNG_TEXTS = {
    "title": "title",
    "caption": "description",
    "creator": "author",
    "copyright": "copyright",
}


def read_metadata(image):
    """The title, caption, creator, copyright and date taken that `image` carries, each only if
    it has one. A caption-less photo's caption is its title."""
    exif = image.getexif()
    exif_ifd = exif.get_ifd(EXIF_IFD)
    xmp = read_xmp(image)
    sources = (xmp, read_iptc(image), read_exif_texts(exif, exif_ifd), read_png_text(image))
    found = {
        key: next(filter(None, (clean_text(source.get(key)) for source in sources)), "")
        for key in TEXT_FIELDS
    }
    found["caption"] = found["caption"] or found["title"]
    found["date_taken"] = parse_exif_date(
        exif_ifd.get(TAGS.DateTimeOriginal) or exif.get(TAGS.DateTime),
        exif_ifd.get(TAGS.OffsetTimeOriginal),
    ) or parse_iso_date(xmp.get("date"))
    return {key: value for key, value in found.items() if value}


def clean_text(value, limit=255):
    if not value:
        return ""
    return CONTROL_CHARACTERS.sub("", str(value)).strip()[:limit]


def decoded(data, encoding=None):
    """Text from bytes in the declared encoding, or else in the likeliest: UTF-8, which phones
    and current software write, then the Windows code page of Western Europe (Latin-1 with
    „“€ and the like), then Latin-1 itself."""
    data = data.rstrip(b"\x00")
    if encoding:
        return data.decode(encoding, errors="replace")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def as_written(text):
    """A text Pillow read as Latin-1 (EXIF's ASCII tags, PNG's tEXt), decoded as it was
    written: cameras, phones and many programs put UTF-8 there."""
    try:
        return decoded(text.encode("latin-1"))
    except UnicodeEncodeError:  # not Latin-1 as read: already decoded as written
        return text


# EXIF


def read_exif_texts(exif, exif_ifd):
    found = {
        key: next(filter(None, (said(exif_text(tag, exif.get(tag))) for tag in tags)), "")
        for key, tags in EXIF_TEXTS.items()
    }
    found["caption"] = found["caption"] or said(
        user_comment(exif_ifd.get(TAGS.UserComment), exif.endian)
    )
    return found


def said(text):
    """The text, unless it is what a camera writes by itself, naming itself, not the photo."""
    return "" if " ".join(text.split()).casefold() in CAMERA_DEFAULTS else text


def exif_text(tag, value):
    if isinstance(value, tuple) and tag in WINDOWS_TAGS:
        # Windows types its XP tags BYTE, and Pillow reads those as a tuple of numbers.
        value = bytes(number for number in value if isinstance(number, int) and 0 <= number < 256)
    if isinstance(value, bytes):
        if tag in WINDOWS_TAGS:
            return value.decode("utf-16-le", errors="replace")
        value = decoded(value)
    elif isinstance(value, str):
        value = as_written(value)
    else:
        return ""
    # An ASCII tag may hold several texts, each ended by NUL: Copyright holds the
    # photographer's notice, then the editor's.
    return ", ".join(part.strip() for part in value.split("\x00") if part.strip())


def user_comment(value, byte_order):
    """EXIF's UserComment: 8 bytes naming the character code, then the text."""
    if not isinstance(value, bytes) or len(value) <= 8:
        return ""
    code, text = value[:8].rstrip(b"\x00 "), value[8:]
    if code == b"UNICODE":
        if text.startswith((codecs.BOM_UTF16_BE, codecs.BOM_UTF16_LE)):
            return text.decode("utf-16", errors="replace")
        # Without a byte order mark, in the byte order of the EXIF block.
        return text.decode("utf-16-be" if byte_order == ">" else "utf-16-le", errors="replace")
    if code == b"JIS":
        # JIS X 0208, as ISO-2022-JP where escape sequences switch to it, else as Shift JIS.
        return text.decode("iso2022_jp" if b"\x1b" in text else "shift_jis", errors="replace")
    return decoded(text)  # ASCII, or undefined: as written, like the ASCII tags


def parse_exif_date(value, offset=None):
    if not value:
        return None
    try:
        taken = datetime.strptime(clean_text(value)[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    if offset:
        parsed = parse_iso_date(f"{taken.isoformat()}{clean_text(offset)}")
        if parsed:
            return parsed
    return timezone.make_aware(taken)


def parse_iso_date(value):
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(clean_text(value))
    except ValueError:
        return None
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


# IPTC


def read_iptc(image):
    try:
        info = IptcImagePlugin.getiptcinfo(image) or {}
    except Exception:  # noqa: BLE001 (a broken IPTC block is no reason to refuse a photo)
        return {}
    encoding = iptc_encoding(b"".join(values(info.get(IPTC_CHARACTER_SET))))
    found = {}
    for key, tags in IPTC.items():
        texts = [decoded(value, encoding) for tag in tags for value in values(info.get(tag))]
        found[key] = next(filter(None, texts), "") if key != "creator" else ", ".join(texts)
    return found


def values(value):
    """IPTC's values of one dataset: a repeated one (By-line) comes as a list."""
    return value if isinstance(value, list) else [value] if value else []


def iptc_encoding(declared):
    """The encoding IPTC's CodedCharacterSet declares in ISO 2022 escape sequences, if known."""
    if b"\x1b%G" in declared:
        return "utf-8"
    part = re.search(rb"\x1b[-.](.)", declared)
    return ISO_8859.get(part.group(1)) if part else None


# XMP


def read_xmp(image):
    packet = image.info.get("xmp")
    if not packet:
        return {}
    if isinstance(packet, bytes):
        utf16 = packet.startswith((codecs.BOM_UTF16_BE, codecs.BOM_UTF16_LE))
        packet = packet.decode("utf-16" if utf16 else "utf-8", errors="replace")
    try:
        root = ElementTree.fromstring(packet.lstrip("\ufeff").strip("\x00 \t\r\n"))
    except Exception:  # noqa: BLE001 (a broken XMP packet is no reason to refuse a photo)
        return {}
    found = {}
    for description in root.iter(f"{RDF}Description"):
        for key, names in XMP.items():
            for name in names:
                # A simple property may be written as an attribute or as an element.
                text = description.get(name) or xmp_text(description.find(name))
                if text and not found.get(key):
                    found[key] = text
    return found


def xmp_text(element):
    """The text of a property: of a language alternative (rdf:Alt) the default one
    (x-default) or else the first; of a list (rdf:Seq, rdf:Bag) all, joined."""
    if element is None:
        return ""
    alternatives = element.findall(f"{RDF}Alt/{RDF}li")
    if alternatives:
        default = [li for li in alternatives if li.get(XML_LANG, "").lower() == "x-default"]
        return ((default or alternatives)[0].text or "").strip()
    items = element.findall(f"{RDF}Seq/{RDF}li") + element.findall(f"{RDF}Bag/{RDF}li")
    if items:
        return ", ".join(filter(None, ((li.text or "").strip() for li in items)))
    return (element.text or "").strip()


# PNG


def read_png_text(image):
    """PNG's text chunks; iTXt is UTF-8 and Pillow reads it so, tEXt as Latin-1."""
    texts = {
        key.lower(): value if isinstance(value, PngImagePlugin.iTXt) else as_written(value)
        for key, value in image.info.items()
        if isinstance(value, str)
    }
    return {field: texts.get(key, "") for field, key in PNG_TEXTS.items()}
