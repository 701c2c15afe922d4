# aiohttp against the demo server (tools/demo_server.mjs; its base URL is argv[1]): sessions,
# get/post/put/delete, JSON and text bodies, params, headers, raise_for_status, a timeout, a refused
# connection, an invalid URL, concurrent requests, a closed session, base_url and aiohttp.request.
import asyncio
import sys

import aiohttp

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"


async def main():
    async with aiohttp.ClientSession() as session:
        async with session.get(BASE + "/json") as resp:
            print(resp.status, resp.reason, resp.ok, resp.content_type, resp.headers["content-type"])
            print(await resp.json())
            print(len(await resp.text()), type(await resp.read()).__name__)
        async with session.get(BASE + "/latin1") as resp:  # text() decodes by the charset
            print(resp.charset, repr(await resp.text()), await resp.read())
            print(repr(await resp.text("utf-8", "replace")))
        resp = await session.get(BASE + "/status/404")
        print(resp.status, resp.ok, await resp.text())
        try:
            resp.raise_for_status()
        except aiohttp.ClientResponseError as e:
            print(type(e).__name__, e.status, e.message, str(e).replace(BASE, "BASE"))
        async with session.post(BASE + "/echo", json={"a": 1, "中": "文"}) as resp:
            echo = await resp.json()
            print(echo["method"], echo["body"], echo["headers"]["content-type"])
        async with session.put(BASE + "/echo", data="plain text", params={"q": "a b", "n": 1}) as resp:
            echo = await resp.json()
            print(echo["method"], echo["url"], echo["body"])
        async with session.delete(BASE + "/echo", headers={"X-Test": "yes"}) as resp:
            echo = await resp.json()
            print(echo["method"], echo["headers"]["x-test"])
        try:
            async with session.get(BASE + "/hang", timeout=aiohttp.ClientTimeout(total=0.5)) as resp:
                print("no timeout?")
        except asyncio.TimeoutError as e:
            print("timeout:", type(e).__name__, repr(str(e)))
        try:
            await session.get("http://127.0.0.1:1/")
        except aiohttp.ClientConnectorError as e:
            print(type(e).__name__, isinstance(e, aiohttp.ClientError), e.host, e.port)
        try:
            await session.get("not a url")
        except aiohttp.InvalidURL as e:
            print(type(e).__name__, e)
        results = await asyncio.gather(*(session.get(BASE + f"/delay?ms={ms}") for ms in (300, 100, 200)))
        print([await r.text() for r in results])
        try:
            await session.get(BASE + "/status/500", raise_for_status=True)
        except aiohttp.ClientResponseError as e:
            print("raised", e.status, e.message)
    print(session.closed)
    try:
        await session.get(BASE + "/json")
    except RuntimeError as e:
        print(e)
    async with aiohttp.ClientSession(BASE, timeout=aiohttp.ClientTimeout(total=5)) as s2:
        async with s2.get("/json") as r:
            print(r.status, r.url == BASE + "/json")
    async with aiohttp.request("GET", BASE + "/status/201") as r:
        print(r.status, await r.text())

asyncio.run(main())
