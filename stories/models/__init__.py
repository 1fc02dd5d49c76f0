from .pages import StoryIndexPage, StoryPage, StoryPageTag, StoryPhoto
from .participants import Consent, Participant, Status

__all__ = [
    "Consent",
    "Participant",
    "Status",
    "StoryIndexPage",
    "StoryPage",
    "StoryPageTag",
    "StoryPhoto",
]
