// aiohttp's client (the tutorials' HTTP library) for aio's Python, written in Python over one
// native call (_aiohttp.request, http_native.cpp: aio::http). The classes, attributes,
// exceptions and messages are aiohttp 3.8's; the whole body arrives before the response is
// handed back (no streaming), and a session holds no connection pool (aio::http's backend pools).

#include "python/net/net_modules.hpp"

namespace aio::py {

const char* const aiohttp_source = R"py("""aiohttp (client side) for aio's Python."""
import asyncio
import json as _json

import _aiohttp
from _aio_http_util import Headers, quote, urlencode

__version__ = "3.8.4"


class URL:
    """yarl.URL's face: str() is the text, repr() URL('...')."""

    def __init__(self, text):
        self._text = text

    def __str__(self):
        return self._text

    def __repr__(self):
        return f"URL({self._text!r})"

    def __eq__(self, other):
        return isinstance(other, URL) and str(self) == str(other)

    def __hash__(self):
        return hash(self._text)

    @property
    def host(self):
        rest = self._text.split("://", 1)[-1]
        return rest.split("/", 1)[0].split("?", 1)[0].rsplit("@", 1)[-1].rsplit(":", 1)[0]

    @property
    def port(self):
        rest = self._text.split("://", 1)[-1].split("/", 1)[0].rsplit("@", 1)[-1]
        if ":" in rest:
            return int(rest.rsplit(":", 1)[1])
        return 443 if self._text.startswith("https:") else 80

    @property
    def scheme(self):
        return self._text.split("://", 1)[0]


class CIMultiDictProxy(Headers):
    """Response headers (multidict's): in order, looked up ignoring case."""

    def getall(self, key, default=None):
        k = key.lower()
        found = [value for name, value in self._items if name.lower() == k]
        if found:
            return found
        if default is not None:
            return default
        raise KeyError(key)

    def __repr__(self):
        body = ", ".join(f"{name!r}: {value!r}" for name, value in self._items)
        return f"<CIMultiDictProxy({body})>"


class RequestInfo:
    def __init__(self, url, method, headers, real_url):
        self.url = url
        self.method = method
        self.headers = headers
        self.real_url = real_url

    def __repr__(self):
        return f"RequestInfo(url={self.url!r}, method={self.method!r}, headers={self.headers!r}, real_url={self.real_url!r})"


class ClientError(Exception):
    pass


class ClientConnectionError(ClientError):
    pass


class ClientOSError(ClientConnectionError):
    pass


class ClientConnectorError(ClientOSError):
    def __init__(self, host, port, ssl, os_error):
        self.host = host
        self.port = port
        self._ssl = ssl
        self.os_error = os_error
        super().__init__(os_error)

    def __str__(self):
        ssl = "default" if self._ssl is None else self._ssl
        return f"Cannot connect to host {self.host}:{self.port} ssl:{ssl} [{self.os_error}]"


class ServerConnectionError(ClientConnectionError):
    pass


class ServerDisconnectedError(ServerConnectionError):
    def __init__(self, message=None):
        self.message = "Server disconnected" if message is None else message
        super().__init__(self.message)


class ClientResponseError(ClientError):
    def __init__(self, request_info, history, *, status=None, message="", headers=None):
        self.request_info = request_info
        self.history = history
        self.status = 0 if status is None else status
        self.message = message
        self.headers = headers
        super().__init__(request_info)

    def __str__(self):
        return f"{self.status}, message={self.message!r}, url={self.request_info.real_url!r}"

    def __repr__(self):
        return f"{type(self).__name__}({self.request_info!r}, {self.history!r}, status={self.status}, message={self.message!r})"


class ContentTypeError(ClientResponseError):
    pass


class ClientPayloadError(ClientError):
    pass


class InvalidURL(ClientError):
    def __init__(self, url):
        self.url = url
        super().__init__(url)

    def __str__(self):
        return quote(self.url, safe="/?:@!$'()*,;&=#%", space="%20")

    def __repr__(self):
        return f"<InvalidURL {self}>"


class ClientTimeout:
    def __init__(self, total=None, connect=None, sock_read=None, sock_connect=None, ceil_threshold=5):
        self.total = total
        self.connect = connect
        self.sock_read = sock_read
        self.sock_connect = sock_connect
        self.ceil_threshold = ceil_threshold

    def __repr__(self):
        return (f"ClientTimeout(total={self.total!r}, connect={self.connect!r}, sock_read={self.sock_read!r}, "
                f"sock_connect={self.sock_connect!r}, ceil_threshold={self.ceil_threshold!r})")


DEFAULT_TIMEOUT = ClientTimeout(total=5 * 60)
_SENTINEL = object()


class ClientResponse:
    def __init__(self, method, request_url, status, reason, headers, url, body):
        self.method = method
        self.status = status
        self.reason = reason
        self.headers = CIMultiDictProxy(headers)
        self.url = URL(url)
        self.real_url = self.url
        self.request_info = RequestInfo(URL(request_url), method, CIMultiDictProxy([]), URL(request_url))
        self.history = ()
        self._body = body
        self.closed = False

    @property
    def ok(self):
        return self.status < 400

    @property
    def content_type(self):
        return self.headers.get("Content-Type", "application/octet-stream").split(";")[0].strip().lower()

    @property
    def charset(self):
        for part in self.headers.get("Content-Type", "").split(";")[1:]:
            name, _, value = part.strip().partition("=")
            if name.lower() == "charset":
                return value.strip('"')
        return None

    def _decode(self, encoding, errors="strict"):
        if encoding:
            return self._body.decode(encoding, errors)
        try:
            return self._body.decode(self.charset or "utf-8", errors)
        except LookupError:  # as aiohttp: a charset not known here reads as UTF-8
            return self._body.decode("utf-8", errors)

    async def read(self):
        return self._body

    async def text(self, encoding=None, errors="strict"):
        return self._decode(encoding, errors)

    async def json(self, *, encoding=None, loads=_json.loads, content_type="application/json"):
        if content_type and content_type not in self.content_type:
            raise ContentTypeError(self.request_info, self.history, status=self.status,
                                   message=f"Attempt to decode JSON with unexpected mimetype: {self.content_type}",
                                   headers=self.headers)
        text = self._decode(encoding).strip()
        if not text:
            return None
        return loads(text)

    def raise_for_status(self):
        if self.status >= 400:
            raise ClientResponseError(self.request_info, self.history, status=self.status,
                                      message=self.reason, headers=self.headers)

    def release(self):
        self.closed = True

    def close(self):
        self.closed = True

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc_val, exc_tb):
        self.release()

    def __repr__(self):
        return f"<ClientResponse({self.url}) [{self.status} {self.reason}]>\n{self.headers!r}\n"


class _RequestContextManager:
    """What session.get() returns: awaitable, or an async context manager releasing the response."""

    def __init__(self, coro):
        self._coro = coro
        self._resp = None

    def __await__(self):
        return self._coro

    async def __aenter__(self):
        self._resp = await self._coro
        return self._resp

    async def __aexit__(self, exc_type, exc_val, exc_tb):
        self._resp.release()


_QUERY_SAFE = "/?:@!$'()*,;"  # what yarl leaves as it is in a query


class ClientSession:
    def __init__(self, base_url=None, *, headers=None, timeout=_SENTINEL, raise_for_status=False, **kwargs):
        self._base_url = None if base_url is None else str(base_url)
        self._default_headers = dict(headers or {})
        self._timeout = DEFAULT_TIMEOUT if timeout is _SENTINEL else timeout
        self._raise_for_status = raise_for_status
        self._closed = False

    @property
    def closed(self):
        return self._closed

    @property
    def timeout(self):
        return self._timeout

    @property
    def headers(self):
        return self._default_headers

    def request(self, method, url, **kwargs):
        return _RequestContextManager(self._request(method, url, **kwargs))

    def get(self, url, *, allow_redirects=True, **kwargs):
        return self.request("GET", url, allow_redirects=allow_redirects, **kwargs)

    def post(self, url, *, data=None, **kwargs):
        return self.request("POST", url, data=data, **kwargs)

    def put(self, url, *, data=None, **kwargs):
        return self.request("PUT", url, data=data, **kwargs)

    def patch(self, url, *, data=None, **kwargs):
        return self.request("PATCH", url, data=data, **kwargs)

    def delete(self, url, **kwargs):
        return self.request("DELETE", url, **kwargs)

    def head(self, url, *, allow_redirects=False, **kwargs):
        return self.request("HEAD", url, allow_redirects=allow_redirects, **kwargs)

    async def _request(self, method, str_or_url, *, params=None, data=None, json=None, headers=None,
                       timeout=_SENTINEL, raise_for_status=None, allow_redirects=True, ssl=None, **kwargs):
        if self._closed:
            raise RuntimeError("Session is closed")
        if data is not None and json is not None:
            raise ValueError("data and json parameters can not be used at the same time")
        url = str(str_or_url)
        if self._base_url is not None and "://" not in url:
            url = self._base_url.rstrip("/") + "/" + url.lstrip("/")
        if params:
            url += ("&" if "?" in url else "?") + urlencode(params, _QUERY_SAFE)
        all_headers = dict(self._default_headers)
        all_headers.update(headers or {})
        body = None
        if json is not None:
            body = _json.dumps(json).encode()
            all_headers.setdefault("Content-Type", "application/json")
        elif isinstance(data, dict):
            body = urlencode(data, _QUERY_SAFE).encode()
            all_headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        elif isinstance(data, str):
            body = data.encode()
            all_headers.setdefault("Content-Type", "text/plain; charset=utf-8")
        elif data is not None:
            body = bytes(data)
        t = self._timeout if timeout is _SENTINEL or timeout is None else timeout
        total = t.total if isinstance(t, ClientTimeout) else t
        try:
            status, reason, fields, final_url, payload = await _aiohttp.request(
                method.upper(), url, list(all_headers.items()), body, total)
        except TimeoutError:
            raise asyncio.TimeoutError() from None
        except ValueError:
            raise InvalidURL(url) from None
        except ConnectionError as e:
            u = URL(url)
            raise ClientConnectorError(u.host, u.port, ssl, e) from None
        except PermissionError as e:
            u = URL(url)
            raise ClientConnectorError(u.host, u.port, ssl, e) from None
        except MemoryError as e:
            raise ClientPayloadError(str(e)) from None
        resp = ClientResponse(method.upper(), url, status, reason, fields, final_url, payload)
        check = self._raise_for_status if raise_for_status is None else raise_for_status
        if check:
            resp.raise_for_status()
        return resp

    async def close(self):
        self._closed = True

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc_val, exc_tb):
        await self.close()


class _SessionRequestContextManager:
    def __init__(self, method, url, kwargs):
        self._session = ClientSession()
        self._cm = self._session.request(method, url, **kwargs)

    async def __aenter__(self):
        try:
            return await self._cm.__aenter__()
        except BaseException:
            await self._session.close()
            raise

    async def __aexit__(self, exc_type, exc_val, exc_tb):
        await self._cm.__aexit__(exc_type, exc_val, exc_tb)
        await self._session.close()


def request(method, url, **kwargs):
    """async with aiohttp.request("GET", url) as resp: a one-off session."""
    return _SessionRequestContextManager(method, url, kwargs)
)py";

}  // namespace aio::py
