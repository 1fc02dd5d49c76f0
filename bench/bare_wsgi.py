"""The ceiling of S2: a WSGI app that answers every request with stored bytes and headers."""

import json
import os

with open(os.environ["BENCH_BARE_RESPONSE"]) as file:
    stored = json.load(file)
status = stored["status"]
headers = [(name, value) for name, value in stored["headers"]]
body = stored["body"].encode()


def application(environ, start_response):
    start_response(status, headers)
    return [body]
