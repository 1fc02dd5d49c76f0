import hashlib

from django import template
from django.core.cache import cache
from django.utils.translation import get_language

from website import generation

register = template.Library()


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)  # previews show unsaved changes
        parts = [
            self.name,
            generation.current(),
            get_language(),
            request.get_host(),
            *(str(variable.resolve(context)) for variable in self.vary_on),
        ]
        digest = hashlib.md5(":".join(map(str, parts)).encode(), usedforsecurity=False)
        key = f"fragment:{self.name}:{digest.hexdigest()}"
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, html, 60 * 60 * 24)
        return html


@register.tag
def cached(parser, token):
    """`{% cached "name" var … %}…{% endcached %}`: the fragment, kept until content changes.

    For the parts of a page that change only when content is published (navigation, footer,
    breadcrumbs); never for anything that depends on the visitor or on finished renditions.
    """
    name, *vary_on = token.split_contents()[1:]
    nodelist = parser.parse(("endcached",))
    parser.delete_first_token()
    return CachedFragmentNode(
        nodelist, name.strip("\"'"), [parser.compile_filter(v) for v in vary_on]
    )
