"""The seed's German site text, read into sections of (heading, paragraphs)."""

from dataclasses import dataclass, field
from pathlib import Path

SEED_FILE = Path(__file__).with_name("connecting-humans-site-text.txt")


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)


def is_heading(line):
    # The seed is plain text: its headings are the short lines that end no sentence.
    return len(line) < 80 and not line.endswith((".", "!", "?"))


def read_sections(path=SEED_FILE):
    sections = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        if is_heading(line) or not sections:
            sections.append(Section(line))
        else:
            sections[-1].paragraphs.append(line)
    return {section.heading: section for section in sections}
