"""The Toolbox's factories, shared with the demo."""

from website.demo.factories import MethodPageFactory, ToolboxPageFactory

__all__ = ["MethodPageFactory", "ToolboxPageFactory"]
