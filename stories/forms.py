from website.core.forms import SameLocaleChoicesPageForm

from .sections import participants_offered_to


class StoryPageForm(SameLocaleChoicesPageForm):
    """A story is about a participant the editor may choose (see sections.py)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "participant" in self.fields and self.for_user is not None:
            self.fields["participant"].queryset = participants_offered_to(
                self.for_user, [self.instance.participant_id]
            )
