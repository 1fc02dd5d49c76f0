"""Consent, enforced: what may be published, and what goes down when consent ends.

- shown: who an object shows, and who of them without consent for it;
- gate: a page that shows someone without consent is not published;
- showing: which pages and records show given photos or participants;
- scrub: removing from an object what refers to them;
- takedown: taking down what shows someone beyond their consent, with its report;
- receivers: checking again whenever consent, participants or photos change;
- dry_run: what a change would take down, for the edit views to ask first.
"""

from .actions import REFUSED, TAKEDOWN
from .gate import refusal_message
from .receivers import connect_signals
from .report import REASONS
from .shown import problems
from .takedown import take_down, take_down_all

__all__ = [
    "REASONS",
    "REFUSED",
    "TAKEDOWN",
    "connect_signals",
    "problems",
    "refusal_message",
    "take_down",
    "take_down_all",
]
