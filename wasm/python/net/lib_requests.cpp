// requests (the blocking HTTP library of the tutorials' run_in_executor lesson) for aio's Python,
// written in Python over one native call (_requests.request, http_native.cpp), which blocks as
// requests does: in a thread's function only that thread waits (the loop and other threads go
// on), on the loop it stalls every task. Names, attributes and messages are requests 2.28's
// where the front-end can produce them (a connection error's text is aio's reason, not urllib3's).

#include "python/net/net_modules.hpp"

namespace aio::py {

const char* const requests_exceptions_source = R"py("""requests.exceptions"""


class RequestException(OSError):
    def __init__(self, *args, **kwargs):
        self.response = kwargs.pop("response", None)
        self.request = kwargs.pop("request", None)
        super().__init__(*args)


class HTTPError(RequestException):
    pass


class ConnectionError(RequestException):
    pass


class Timeout(RequestException):
    pass


class ConnectTimeout(ConnectionError):
    pass


class ReadTimeout(Timeout):
    pass


class URLRequired(RequestException):
    pass


class TooManyRedirects(RequestException):
    pass


class InvalidURL(RequestException):
    pass


class MissingSchema(RequestException):
    pass


class InvalidSchema(RequestException):
    pass


class JSONDecodeError(RequestException):
    pass
)py";

const char* const requests_source = R"py("""requests (blocking HTTP) for aio's Python."""
import json as _json

import _requests
from _aio_http_util import Headers, urlencode
from requests import exceptions
from requests.exceptions import (ConnectionError, ConnectTimeout, HTTPError, InvalidSchema, InvalidURL,
                                 MissingSchema, ReadTimeout, RequestException, Timeout, TooManyRedirects,
                                 URLRequired)

__version__ = "2.28.1"


class CaseInsensitiveDict(Headers):
    def __repr__(self):
        return repr(dict(self._items))


class Response:
    def __init__(self, method, status, reason, headers, url, content):
        self.status_code = status
        self.reason = reason
        self.headers = CaseInsensitiveDict(headers)
        self.url = url
        self.content = content
        self.encoding = "utf-8"
        for part in self.headers.get("Content-Type", "").split(";")[1:]:
            name, _, value = part.strip().partition("=")
            if name.lower() == "charset":
                self.encoding = value.strip('"')
        self._method = method

    @property
    def ok(self):
        return self.status_code < 400

    @property
    def text(self):
        try:
            return self.content.decode(self.encoding, "replace")
        except (LookupError, TypeError):  # as requests: a codec not known here reads as UTF-8
            return self.content.decode("utf-8", "replace")

    def json(self, **kwargs):
        try:
            return _json.loads(self.text, **kwargs)
        except ValueError as e:
            raise exceptions.JSONDecodeError(str(e)) from None

    def raise_for_status(self):
        if 400 <= self.status_code < 500:
            raise HTTPError(f"{self.status_code} Client Error: {self.reason} for url: {self.url}", response=self)
        if 500 <= self.status_code < 600:
            raise HTTPError(f"{self.status_code} Server Error: {self.reason} for url: {self.url}", response=self)

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()

    def __bool__(self):
        return self.ok

    def __repr__(self):
        return f"<Response [{self.status_code}]>"


# The public calls (request get post put patch delete head) are _requests' native functions, so
# that a thread's function calling one directly waits in that thread only (threads.hpp). They
# call back: _prepare_VERB(*args, **kwargs) -> what to send, _response(...) -> the Response,
# _error(exception, timeout) -> the exception to raise instead of aio's.
def _prepare(method, url, params=None, data=None, headers=None, json=None, timeout=None, **kwargs):
    url = str(url)
    if "://" not in url:
        raise MissingSchema(f"Invalid URL {url!r}: No scheme supplied. Perhaps you meant https://{url}?")
    if not (url.startswith("http://") or url.startswith("https://")):
        raise InvalidSchema(f"No connection adapters were found for {url!r}")
    if params:
        url += ("&" if "?" in url else "?") + urlencode(params)
    all_headers = {"User-Agent": "python-requests/" + __version__, "Accept": "*/*"}
    all_headers.update(headers or {})
    body = None
    if json is not None:
        body = _json.dumps(json).encode()
        all_headers["Content-Type"] = "application/json"
    elif isinstance(data, dict):
        body = urlencode(data).encode()
        all_headers["Content-Type"] = "application/x-www-form-urlencoded"
    elif isinstance(data, str):
        body = data.encode()
    elif data is not None:
        body = bytes(data)
    if isinstance(timeout, tuple):
        timeout = sum(t for t in timeout if t is not None) or None
    return method.upper(), url, list(all_headers.items()), body, timeout


def _prepare_request(method, url, **kwargs):
    return _prepare(method, url, **kwargs)


def _prepare_get(url, params=None, **kwargs):
    return _prepare("GET", url, params=params, **kwargs)


def _prepare_post(url, data=None, json=None, **kwargs):
    return _prepare("POST", url, data=data, json=json, **kwargs)


def _prepare_put(url, data=None, **kwargs):
    return _prepare("PUT", url, data=data, **kwargs)


def _prepare_patch(url, data=None, **kwargs):
    return _prepare("PATCH", url, data=data, **kwargs)


def _prepare_delete(url, **kwargs):
    return _prepare("DELETE", url, **kwargs)


def _prepare_head(url, **kwargs):
    return _prepare("HEAD", url, **kwargs)


def _response(method, result):
    status, reason, fields, final_url, content = result
    return Response(method, status, reason, fields, final_url, content)


def _error(e, timeout):
    if isinstance(e, TimeoutError):
        return ReadTimeout(f"Read timed out. (read timeout={timeout})")
    if isinstance(e, ValueError):
        return InvalidURL(str(e))
    return ConnectionError(str(e))


from _requests import delete, get, head, patch, post, put, request  # noqa: E402
)py";

}  // namespace aio::py
