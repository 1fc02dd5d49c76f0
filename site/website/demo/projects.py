"""The demo's sub-projects and partner network, from the seed's text.

The seed names no partner organisations and no contact people: those here are fictional examples
and say so in their names.
"""

import io
import re

from PIL import Image, ImageDraw, ImageFont

from website.people.models import PartnerOrganisation, Person
from website.projects.models import ProjectContact

from .factories import PartnerIndexPageFactory, ProjectPageFactory, locales, make_image
from .helpers import ensure_child, ensure_translation, list_html, paragraphs_html
from .seed import read_sections
from .snippet_translations import ensure_snippet_translations

Kind = PartnerOrganisation.Kind
# (name, kind, town, short description, logo colour): all fictional.
PARTNERS = [
    (
        "Stadtverwaltung Musterstadt, Integrationsamt (fiktiv)",
        Kind.PUBLIC_ADMINISTRATION,
        "Erfurt",
        "Fiktives Beispiel: eine Verwaltung, die Hospitationen und Praktika anbietet.",
        (31, 78, 95),
    ),
    (
        "Bildungswerk Beispiel e. V. (fiktiv)",
        Kind.EDUCATION,
        "Jena",
        "Fiktives Beispiel: Sprachkurse und Bewerbungstrainings.",
        (168, 64, 26),
    ),
    (
        "Werkstatt Vielfalt gGmbH (fiktiv)",
        Kind.WELFARE,
        "Saalfeld",
        "Fiktives Beispiel: offene Nähwerkstatt und Beratung.",
        (108, 114, 60),
    ),
    (
        "Muster Handwerk GmbH (fiktiv)",
        Kind.COMPANY,
        "Gera",
        "Fiktives Beispiel: ein Betrieb, der Mentorinnen und Praktikumsplätze stellt.",
        (90, 60, 110),
    ),
    (
        "Frauennetzwerk Musterland e. V. (fiktiv)",
        Kind.ASSOCIATION,
        "Weimar",
        "Fiktives Beispiel: ein Netzwerk von Frauen in Führungspositionen.",
        (150, 40, 70),
    ),
]

CONTACTS = {
    "connecting-women": (
        "Leyla Beispiel (fiktiv)",
        "Koordination Connecting Women",
        "women@connecting-humans.example",
    ),
    "connecting-partners": (
        "Jonas Muster (fiktiv)",
        "Koordination Connecting Partners",
        "partners@connecting-humans.example",
    ),
}
CONTACT_TRANSLATIONS = {
    "connecting-women": {
        "en": {"name": "Leyla Beispiel (fictional)", "role": "Coordinator, Connecting Women"},
        "ar": {"name": "Leyla Beispiel (شخصية خيالية)", "role": "منسّقة Connecting Women"},
    },
    "connecting-partners": {
        "en": {"name": "Jonas Muster (fictional)", "role": "Coordinator, Connecting Partners"},
        "ar": {"name": "Jonas Muster (شخصية خيالية)", "role": "منسّق Connecting Partners"},
    },
}

# Per project: the seed's section, which of its sentences lead, and the glance boxes in German,
# English and Arabic. The boxes say only what the seed says, in lists.
PROJECTS = {
    "connecting-women": {
        "title": "Connecting Women",
        "partners": (1, 2, 4),
        "de": {
            "summary": "Mentoring-Programm und Frauennetzwerke für Frauen mit Migrations- "
            "bzw. Fluchterfahrung.",
            "aims": [
                "Frauennetzwerke aufbauen, die soziokulturelle Barrieren überwinden",
                "Frauen mit Migrations- bzw. Fluchterfahrung an Arbeitsplätze in Verwaltung, "
                "Organisationen und Unternehmen heranführen",
                "Stereotype und strukturelle Karrierehindernisse sichtbar machen",
            ],
            "target_groups": [
                "Frauen mit Migrations- bzw. Fluchterfahrung",
                "Mentorinnen aus öffentlicher Verwaltung, Organisationen und Unternehmen",
            ],
            "participation": "Als Mentee oder als Mentorin: Schreiben Sie uns, wir melden uns "
            "mit einem Termin für ein erstes Gespräch.",
        },
        "en": {
            "summary": "A mentoring programme and women's networks for women with migration "
            "or refugee experience.",
            "intro": "Connecting Women is a mentoring programme that builds women's networks to "
            "overcome socio-cultural barriers, bringing women with migration or refugee "
            "experience into public administration, organisations and companies of the host "
            "society as future employees.",
            "body": [
                "In many workplaces there is implicit or explicit scepticism towards women as "
                "employees and managers, often from a lack of awareness of, or willingness to "
                "face, structural career obstacles that affect women in particular.",
                "Women who also have a migration or refugee background meet stereotypes on top "
                "of that.",
            ],
            "aims": [
                "Build women's networks that overcome socio-cultural barriers",
                "Bring women with migration or refugee experience into jobs in administration, "
                "organisations and companies",
                "Make stereotypes and structural career obstacles visible",
            ],
            "target_groups": [
                "Women with migration or refugee experience",
                "Mentors from public administration, organisations and companies",
            ],
            "participation": "As a mentee or as a mentor: write to us and we will suggest a "
            "date for a first conversation.",
        },
        "ar": {
            "summary": "برنامج إرشاد وشبكات نسائية للنساء ذوات تجربة الهجرة أو اللجوء.",
            "intro": "Connecting Women برنامج إرشاد يبني شبكات نسائية لتجاوز الحواجز الاجتماعية "
            "والثقافية، ويقرّب النساء ذوات تجربة الهجرة أو اللجوء من العمل في الإدارات العامة "
            "والمنظمات والشركات في المجتمع المستقبِل.",
            "body": [
                "في كثير من أماكن العمل يسود تشكك ضمني أو صريح تجاه النساء كموظفات وقياديات، "
                "وغالبًا ما يعود ذلك إلى قلة الوعي بالعوائق البنيوية التي تواجه النساء في "
                "مسيرتهن المهنية أو إلى عدم الاستعداد لمواجهتها.",
                "وإذا كانت لدى النساء أيضًا تجربة هجرة أو لجوء، فإنهن يواجهن فوق ذلك صورًا نمطية.",
            ],
            "aims": [
                "بناء شبكات نسائية تتجاوز الحواجز الاجتماعية والثقافية",
                "تقريب النساء ذوات تجربة الهجرة أو اللجوء من فرص العمل في الإدارات والمنظمات "
                "والشركات",
                "إظهار الصور النمطية والعوائق البنيوية أمام المسيرة المهنية",
            ],
            "target_groups": [
                "نساء ذوات تجربة هجرة أو لجوء",
                "مرشدات من الإدارة العامة والمنظمات والشركات",
            ],
            "participation": "كمسترشدة أو كمرشدة: اكتبي إلينا وسنقترح موعدًا لمحادثة أولى.",
        },
    },
    "connecting-partners": {
        "title": "Connecting Partners",
        "partners": (0, 1, 2, 3, 4),
        "de": {
            "summary": "Ein Netzwerk von Organisationen, das sie mit Menschen mit Migrations- "
            "bzw. Fluchthintergrund zusammenbringt.",
            "aims": [
                "Ein Netzwerk der am Projekt teilnehmenden Organisationen aufbauen",
                "Menschen mit Migrations- bzw. Fluchthintergrund beim Erwerb interkultureller "
                "Kompetenzen unterstützen",
                "Die Willkommens- und Anerkennungskultur stärken",
            ],
            "target_groups": [
                "Menschen mit Migrations- bzw. Fluchthintergrund",
                "Organisationen, Unternehmen und Einrichtungen in Thüringen",
            ],
            "participation": "Organisationen, die mitmachen möchten, schreiben uns: Wir stellen "
            "das Netzwerk und das Matching in einem Gespräch vor.",
        },
        "en": {
            "summary": "A network of organisations, matched with people with a migration or "
            "refugee background.",
            "intro": "The project “Connecting Partners – moving forward together” builds a "
            "network of participating organisations and supports the target group, so that "
            "people with a migration or refugee background gain intercultural competences and "
            "the culture of welcome and recognition grows stronger.",
            "body": [
                "Thuringia's integration strategy aims to support people with a migration or "
                "refugee background consistently and lastingly in gaining intercultural "
                "competences, and to strengthen the culture of welcome and recognition. It is "
                "about changing attitudes: the way people meet one another.",
                "This proactive matching connects individual traditions, cultural and personal "
                "values, norms and habits, and leads to the acceptance of multiple belongings.",
            ],
            "aims": [
                "Build a network of the organisations taking part",
                "Support people with a migration or refugee background in gaining "
                "intercultural competences",
                "Strengthen the culture of welcome and recognition",
            ],
            "target_groups": [
                "People with a migration or refugee background",
                "Organisations, companies and institutions in Thuringia",
            ],
            "participation": "Organisations that would like to join write to us: we introduce "
            "the network and the matching in a conversation.",
        },
        "ar": {
            "summary": "شبكة من المنظمات تجمعها بأشخاص ذوي خلفية هجرة أو لجوء.",
            "intro": "يبني مشروع „Connecting Partners – معًا إلى الأمام“ شبكة من المنظمات "
            "المشاركة ويدعم الفئة المستهدفة، ليكتسب الأشخاص ذوو خلفية الهجرة أو اللجوء كفاءات "
            "بين ثقافية وتتعزز ثقافة الترحيب والاعتراف.",
            "body": [
                "يهدف مفهوم الاندماج في تورينغن إلى دعم الأشخاص ذوي خلفية الهجرة أو اللجوء بشكل "
                "متسق ومستدام في اكتساب الكفاءات بين الثقافية، وإلى تعزيز ثقافة الترحيب "
                "والاعتراف. الأمر يتعلق إذن بتغيير المواقف، أي الطريقة التي يلتقي بها الناس "
                "بعضهم ببعض.",
                "ويؤدي هذا التوفيق الاستباقي إلى ربط التقاليد الفردية والقيم الثقافية والشخصية "
                "والأعراف والعادات، وإلى قبول الانتماءات المتعددة.",
            ],
            "aims": [
                "بناء شبكة من المنظمات المشاركة في المشروع",
                "دعم الأشخاص ذوي خلفية الهجرة أو اللجوء في اكتساب الكفاءات بين الثقافية",
                "تعزيز ثقافة الترحيب والاعتراف",
            ],
            "target_groups": [
                "أشخاص ذوو خلفية هجرة أو لجوء",
                "منظمات وشركات ومؤسسات في تورينغن",
            ],
            "participation": "المنظمات التي ترغب في المشاركة تكتب إلينا: نعرّفها بالشبكة "
            "وبعملية التوفيق في محادثة.",
        },
    },
}


def logo(name, colour):
    """A plain logo: the organisation's initials on its colour."""
    image = Image.new("RGB", (320, 160), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((8, 8, 152, 152), radius=24, fill=colour)
    initials = "".join(word[0] for word in name.split()[:2]).upper()
    font = ImageFont.load_default(size=64)
    draw.text((80, 80), initials, font=font, fill=(255, 255, 255), anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def ensure_partners(log):
    partners = []
    for number, (name, kind, town, description, colour) in enumerate(PARTNERS, start=1):
        partner = PartnerOrganisation.objects.filter(name=name, locale=locales()["de"]).first()
        if partner is None:
            image = make_image(logo(name, colour), f"logo-{number}.png", title=f"Logo {name}")
            partner = PartnerOrganisation.objects.create(
                name=name,
                kind=kind,
                town=town,
                since_year=2024,
                short_description=description,
                logo=image,
            )
            log(f"Partnerorganisation „{name}“ angelegt")
        partners.append(partner)
    return partners


def ensure_partner_page(about, sections, log):
    section = sections["Die Projektpartnerinnen"]
    page, created = ensure_child(
        about,
        PartnerIndexPageFactory,
        "projektpartnerinnen",
        title=section.heading,
        intro=paragraphs_html(section.paragraphs),
        search_description=section.paragraphs[0],
    )
    if created:
        log("Seite „Die Projektpartnerinnen“ angelegt")
    return page


# A full stop before a capital, except after an abbreviation ("Migrations- bzw. Flucht…").
SENTENCE_END = re.compile(r"(?<=\.)(?<!bzw\.) (?=[A-ZÄÖÜ„])")


def split_lead(paragraphs, marker="Das Projekt"):
    """The seed's sentence that introduces the project, and the text around it."""
    lead, body = "", []
    for paragraph in paragraphs:
        before, found, after = paragraph.partition(marker)
        if found and not lead:
            lead, *rest = SENTENCE_END.split(found + after, maxsplit=1)
            body += [text.strip() for text in (before, *rest) if text.strip()]
        else:
            body.append(paragraph)
    return lead, body


def ensure_contact(slug, log):
    """The project's contact person, German, with the name and role in English and Arabic."""
    name, role, email = CONTACTS[slug]
    person, _ = Person.objects.get_or_create(
        name=name, locale=locales()["de"], defaults={"role": role, "public_email": email}
    )
    ensure_snippet_translations(person, CONTACT_TRANSLATIONS[slug], log)
    return person


def ensure_project(home, slug, sections, partners, log):
    project = PROJECTS[slug]
    lead, body = split_lead(sections[project["title"]].paragraphs)
    german = project["de"]
    page, created = ensure_child(
        home,
        ProjectPageFactory,
        slug,
        title=project["title"],
        intro=lead,
        body=[{"type": "paragraph", "value": paragraphs_html(body)}],
        aims=list_html(german["aims"]),
        target_groups=list_html(german["target_groups"]),
        participation=paragraphs_html([german["participation"]]),
        listing_summary=german["summary"],
        search_description=lead[:300],
        show_in_menus=True,
    )
    person = ensure_contact(slug, log)
    if created:
        page.contacts.set([ProjectContact(person=person)])
        page.partners.set([partners[index] for index in project["partners"]])
        page.save_revision().publish()
        log(f"Teilprojekt „{project['title']}“ angelegt")
    for code in ("en", "ar"):
        text = project[code]
        ensure_translation(
            page,
            code,
            intro=text["intro"],
            body=[{"type": "paragraph", "value": paragraphs_html(text["body"])}],
            aims=list_html(text["aims"]),
            target_groups=list_html(text["target_groups"]),
            participation=paragraphs_html([text["participation"]]),
            listing_summary=text["summary"],
            search_description=text["intro"][:300],
            log=log,
        )
    return page


def build(home, about, log):
    sections = read_sections()
    partners = ensure_partners(log)
    partner_page = ensure_partner_page(about, sections, log)
    return partner_page, [ensure_project(home, slug, sections, partners, log) for slug in PROJECTS]
