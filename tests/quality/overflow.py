"""How much wider than the window a page is, from a small phone to a desktop.

The axe test measures each page it opens (tests/quality/test_accessibility.py), so the demo is
loaded once for both.
"""

WIDTHS = [320, 390, 768, 1440]

# The page's width against the window's and, when wider, what sticks out furthest: elements and
# runs of text (a long word overflows its heading, not the heading's box), leaving out what is
# not rendered (a closed disclosure), fixed, or clipped by an ancestor's own scrolling or hiding.
# The root's own clip (key-visual.css hides a classic scrollbar's width under an edge-to-edge
# photo) is lifted while measuring, so it hides nothing else that sticks out.
MEASURE = """() => {
    const root = document.documentElement;
    root.style.overflowX = "visible";
    const width = root.clientWidth;
    const measured = {scrollWidth: root.scrollWidth, innerWidth, widest: null};
    if (measured.scrollWidth <= innerWidth) {
        root.style.overflowX = "";
        return measured;
    }
    const clipped = (element, includingItself) => {
        for (let box = includingItself ? element : element.parentElement;
             box && box !== document.documentElement; box = box.parentElement) {
            const style = getComputedStyle(box);
            if (style.overflowX !== "visible" || style.position === "fixed") return true;
        }
        return false;
    };
    const range = document.createRange();
    const walker = document.createTreeWalker(
        document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const isText = node.nodeType === Node.TEXT_NODE;
        const element = isText ? node.parentElement : node;
        if (isText) range.selectNodeContents(node);
        const box = (isText ? range : element).getBoundingClientRect();
        const over = Math.max(box.right - width, -box.left);
        if (over < 1 || (measured.widest && over < measured.widest.over)) continue;
        if (!element.checkVisibility({visibilityProperty: true})) continue;
        if (getComputedStyle(element).position === "fixed" || clipped(element, isText)) continue;
        const classes = [...element.classList].map((name) => "." + name).join("");
        measured.widest = {
            over: Math.round(over),
            element: element.localName + classes,
            text: element.textContent.trim().replace(/\\s+/g, " ").slice(0, 60),
        };
    }
    root.style.overflowX = "";
    return measured;
}"""


def describe(path, width, measured):
    widest = measured["widest"] or {"element": "?", "text": "", "over": "?"}
    return (
        f"{path} at {width} px is {measured['scrollWidth']} px wide; furthest out: "
        f"<{widest['element']}> “{widest['text']}” by {widest['over']} px"
    )


def too_wide(page, path):
    """The widths at which the loaded page is wider than the window, one line each; the
    window's size is put back afterwards."""
    size = page.viewport_size
    page.evaluate("document.fonts.ready.then(() => true)")
    found = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        measured = page.evaluate(MEASURE)
        if measured["scrollWidth"] > measured["innerWidth"]:
            found.append(describe(path, width, measured))
    page.set_viewport_size(size)
    return found
