"""A photo's title, caption, creator and copyright reach the editor as the photographer wrote
them, in EXIF, IPTC or XMP, in German, Arabic or Russian; the library finds the photo by them,
and nothing else of the metadata is kept."""

import io

from django.forms.models import model_to_dict

import pytest
from PIL import ExifTags, Image

from tests.images.photos import iptc_records, leaks, scene
from website.images.metadata import read_metadata
from website.images.models import CustomImage

pytestmark = pytest.mark.django_db

TAGS = ExifTags.Base
EXIF_IFD = 0x8769
TEXTS = {
    "German": {
        "title": "Nähmaschine Straße",
        "caption": "Die Nähmaschine steht auf der Straße",
        "creator": "Jörg Weiß",
        "copyright": "© Connecting Humans",
    },
    "Arabic": {
        "title": "خياطة في صالفيلد",
        "caption": "امرأة تخيط في صالفيلد",
        "creator": "ليلى حسن",
        "copyright": "© نادي التصوير",
    },
    "Russian": {
        "title": "Швейная машина",
        "caption": "Швейная машина на улице",
        "creator": "Юлия Смирнова",
        "copyright": "© Фотоклуб Заальфельд",
    },
}
# A word of the creator's and of the copyright's by which an editor searches the library.
SEARCH_WORDS = {
    "German": ("Weiß", "Connecting"),
    "Arabic": ("حسن", "التصوير"),
    "Russian": ("Смирнова", "Фотоклуб"),
}
KEYWORD = "Geheimort"  # written as a keyword everywhere; never kept


def jpeg(exif=None, xmp=None, iptc=()):
    options = {key: value for key, value in {"exif": exif, "xmp": xmp}.items() if value is not None}
    output = io.BytesIO()
    scene(40, 30).save(output, "JPEG", **options)
    data = output.getvalue()
    return data[:2] + iptc_records(iptc) + data[2:] if iptc else data


def utf16le(text):
    """An XP tag's value as Windows writes it: UTF-16LE bytes, typed BYTE (a tuple)."""
    return tuple((text + "\0").encode("utf-16-le"))


def exif_ascii_tags(texts):
    """ImageDescription, Artist and Copyright are typed ASCII; cameras, phones and Lightroom
    write UTF-8 into them."""
    exif = Image.Exif()
    exif[TAGS.ImageDescription] = texts["caption"].encode()
    exif[TAGS.Artist] = texts["creator"].encode()
    exif[TAGS.Copyright] = texts["copyright"].encode()
    exif[TAGS.XPKeywords] = utf16le(KEYWORD)
    return jpeg(exif=exif)


def exif_windows_tags(texts):
    exif = Image.Exif()
    exif[TAGS.XPTitle] = utf16le(texts["title"])
    exif[TAGS.XPComment] = utf16le(texts["caption"])
    exif[TAGS.XPAuthor] = utf16le(texts["creator"])
    exif[TAGS.XPKeywords] = utf16le(KEYWORD)
    return jpeg(exif=exif)


def exif_user_comment(code, encoding, byte_order="<"):
    def write(texts):
        exif = Image.Exif()
        exif.endian = byte_order
        exif.get_ifd(EXIF_IFD)[TAGS.UserComment] = code + texts["caption"].encode(encoding)
        return jpeg(exif=exif)

    return write


def iptc(encoding, declared=None):
    def write(texts):
        records = [((1, 90), declared)] if declared else []
        records += [
            ((2, 5), texts["title"].encode(encoding)),
            ((2, 120), texts["caption"].encode(encoding)),
            ((2, 80), texts["creator"].encode(encoding)),
            ((2, 116), texts["copyright"].encode(encoding)),
            ((2, 25), KEYWORD.encode()),
        ]
        return jpeg(iptc=records)

    return write


def xmp_packet(texts, creators=None, alternatives=""):
    creators = creators or [texts["creator"]]
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title><rdf:Alt>{alternatives}<rdf:li xml:lang="x-default">{texts["title"]}</rdf:li></rdf:Alt>
</dc:title>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{texts["caption"]}</rdf:li></rdf:Alt>
</dc:description>
<dc:creator><rdf:Seq>{"".join(f"<rdf:li>{name}</rdf:li>" for name in creators)}</rdf:Seq>
</dc:creator>
<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">{texts["copyright"]}</rdf:li></rdf:Alt></dc:rights>
<dc:subject><rdf:Bag><rdf:li>{KEYWORD}</rdf:li></rdf:Bag></dc:subject>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""


def xmp(encoding):
    return lambda texts: jpeg(xmp=xmp_packet(texts).encode(encoding))


ALL = ("title", "caption", "creator", "copyright")
SOURCES = {
    # name: (writes the photo, the fields it holds, the languages it can hold)
    "EXIF ASCII tags in UTF-8": (exif_ascii_tags, ("caption", "creator", "copyright"), TEXTS),
    "EXIF XP tags": (exif_windows_tags, ("title", "caption", "creator"), TEXTS),
    "EXIF UserComment UNICODE": (
        exif_user_comment(b"UNICODE\0", "utf-16-le"),
        ("caption",),
        TEXTS,
    ),
    "EXIF UserComment UNICODE, big-endian EXIF": (
        exif_user_comment(b"UNICODE\0", "utf-16-be", ">"),
        ("caption",),
        TEXTS,
    ),
    "EXIF UserComment ASCII holding UTF-8": (
        exif_user_comment(b"ASCII\0\0\0", "utf-8"),
        ("caption",),
        TEXTS,
    ),
    "EXIF UserComment JIS": (
        exif_user_comment(b"JIS\0\0\0\0\0", "shift_jis"),
        ("caption",),
        ["Russian"],  # JIS X 0208 has Cyrillic, but neither ä nor Arabic
    ),
    "IPTC declared UTF-8": (iptc("utf-8", b"\x1b%G"), ALL, TEXTS),
    "IPTC in Latin-1": (iptc("latin-1"), ALL, ["German"]),
    "XMP": (xmp("utf-8"), ALL, TEXTS),
    "XMP in UTF-16": (xmp("utf-16"), ALL, TEXTS),
}
CASES = {
    f"{source}, {language}": (write, fields, TEXTS[language], SEARCH_WORDS[language])
    for source, (write, fields, languages) in SOURCES.items()
    for language in languages
}


def expected(texts, fields):
    """What the library shows: a photo without a title is named after its caption, and one
    without a caption is captioned with its title."""
    held = {key: texts[key] if key in fields else "" for key in ALL}
    held["title"] = held["title"] or held["caption"]
    held["caption"] = held["caption"] or held["title"]
    return held


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_the_library_shows_and_finds_what_the_photographer_wrote(upload, case):
    write, fields, texts, (creator_word, copyright_word) = CASES[case]
    upload(write(texts))
    image = CustomImage.objects.get()
    assert {key: getattr(image, key) for key in ALL} == expected(texts, fields)
    # The library's search (its listing and chooser ask the same index).
    for word, field in ((creator_word, "creator"), (copyright_word, "copyright")):
        if field in fields:
            assert list(CustomImage.objects.search(word)) == [image], word

    # Nothing else of the metadata is kept: not the keyword, not in the stored original.
    assert KEYWORD not in str(model_to_dict(image)) and not image.tags.exists()
    with image.file.open() as stored:
        assert leaks(stored.read()) == []


def read(data):
    with Image.open(io.BytesIO(data)) as image:
        return read_metadata(image)


GERMAN, ARABIC, RUSSIAN = TEXTS.values()


def test_xmp_wins_over_iptc_and_iptc_over_exif():
    """The order of the photo editing programs that write all three: XMP is the fullest."""
    exif = Image.Exif()
    exif[TAGS.Artist] = ARABIC["creator"].encode()
    exif[TAGS.Copyright] = ARABIC["copyright"].encode()
    exif[TAGS.ImageDescription] = ARABIC["caption"].encode()
    records = [((1, 90), b"\x1b%G")] + [
        (tag, RUSSIAN[key].encode())
        for key, tag in (("creator", (2, 80)), ("caption", (2, 120)), ("copyright", (2, 116)))
    ]
    all_three = jpeg(exif=exif, xmp=xmp_packet(GERMAN).encode(), iptc=records)
    assert read(all_three) == GERMAN
    iptc_and_exif = jpeg(exif=exif, iptc=records)
    assert read(iptc_and_exif) == {key: RUSSIAN[key] for key in ("caption", "creator", "copyright")}


def test_xmp_language_alternatives_and_lists():
    """Of a title in several languages the default one; of several creators all of them."""
    packet = xmp_packet(
        GERMAN,
        creators=[GERMAN["creator"], RUSSIAN["creator"]],
        alternatives=f'<rdf:li xml:lang="ar">{ARABIC["title"]}</rdf:li>',
    )
    found = read(jpeg(xmp=packet.encode()))
    assert found["title"] == GERMAN["title"]
    assert found["creator"] == f"{GERMAN['creator']}, {RUSSIAN['creator']}"


def test_xmp_properties_written_as_attributes_and_the_headline():
    packet = f"""<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about=""
 xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:Headline="{ARABIC["title"]}"
 photoshop:City="{KEYWORD}"/></rdf:RDF></x:xmpmeta>"""
    assert read(jpeg(xmp=packet.encode())) == {
        "title": ARABIC["title"],
        "caption": ARABIC["title"],
    }


def test_exif_copyright_of_photographer_and_editor():
    """EXIF's Copyright holds the photographer's notice and the editor's, each ended by NUL."""
    exif = Image.Exif()
    exif[TAGS.Copyright] = "© Jörg Weiß".encode() + b"\0" + "© Connecting Humans".encode()
    assert read(jpeg(exif=exif))["copyright"] == "© Jörg Weiß, © Connecting Humans"


def test_broken_metadata_is_no_reason_to_refuse_a_photo():
    data = jpeg(xmp=b"<x:xmpmeta><rdf:RDF", iptc=[((2, 80), b"\xff\xfe\x00")])
    assert read(data) == {"creator": "ÿþ"}


def test_what_a_camera_writes_by_itself_is_no_caption():
    exif = Image.Exif()
    exif[TAGS.ImageDescription] = "OLYMPUS DIGITAL CAMERA         "
    assert read(jpeg(exif=exif)) == {}
    exif.get_ifd(EXIF_IFD)[TAGS.UserComment] = b"ASCII\0\0\0" + GERMAN["caption"].encode()
    assert read(jpeg(exif=exif)) == {"caption": GERMAN["caption"]}
