"""Debian's Chromium, as the tests, the bench and the tools start it (no download, no sandbox
in containers, no traffic of its own)."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
