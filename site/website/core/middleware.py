from django.http import Http404


class RejectNulInPathMiddleware:
    """No page or file has a NUL in its address; PostgreSQL would refuse to even look one up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise Http404
        return self.get_response(request)
