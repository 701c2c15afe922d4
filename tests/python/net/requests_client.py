# requests against the demo server (tools/demo_server.mjs; its base URL is argv[1]): blocking calls
# at module level and in threads (the tutorials' run_in_executor lesson: the loop goes on while
# threads wait), JSON, status errors, params, a timeout, a refused connection, bad URLs.
import asyncio
import sys

import aiohttp
import requests

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"

r = requests.get(BASE + "/json")
print(r, r.status_code, r.ok, r.reason, r.headers["content-type"], r.encoding)
print(r.json()["tags"], len(r.text), type(r.content).__name__, r.url == BASE + "/json")
r = requests.get(BASE + "/latin1")  # .text decodes by the charset
print(r.encoding, repr(r.text), r.content)
r = requests.get(BASE + "/status/404")
print(r.status_code, r.ok, bool(r), repr(r.text))
try:
    r.raise_for_status()
except requests.HTTPError as e:
    print(type(e).__name__, isinstance(e, requests.RequestException), isinstance(e, OSError),
          str(e).replace(BASE, "BASE"), e.response.status_code)
try:
    requests.get(BASE + "/status/503").raise_for_status()
except requests.exceptions.HTTPError as e:
    print(str(e).replace(BASE, "BASE"))
echo = requests.post(BASE + "/echo", json={"k": [1, 2]}).json()
print(echo["method"], echo["body"], echo["headers"]["content-type"])
echo = requests.put(BASE + "/echo", data={"a": "x y", "b": "中"}, params={"p": 1}).json()
print(echo["method"], echo["url"], echo["body"], echo["headers"]["content-type"])
echo = requests.delete(BASE + "/echo", headers={"X-Demo": "1"}).json()
print(echo["method"], echo["headers"]["x-demo"], echo["headers"]["user-agent"].split("/")[0])
try:
    requests.get(BASE + "/hang", timeout=0.5)
except requests.exceptions.Timeout as e:
    print(type(e).__name__, isinstance(e, requests.RequestException))
try:
    requests.get("http://127.0.0.1:1/")
except requests.exceptions.ConnectionError as e:
    print(type(e).__name__, isinstance(e, requests.RequestException))
for bad in ("no-scheme.example", "ftp://example.com/x"):
    try:
        requests.get(bad)
    except (requests.exceptions.MissingSchema, requests.exceptions.InvalidSchema) as e:
        print(type(e).__name__, e)


def sync_text(url):
    return requests.get(url).text


async def loop_text(url):
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as resp:
            return await resp.text()


async def main():
    # Two threads block in requests.get while the loop itself makes the third request: the
    # server's barrier answers all three only if they are in flight together ("3 of 3"); had the
    # threads blocked the loop, it would open at 2 of 3 after 20 s.
    loop = asyncio.get_running_loop()
    barrier = BASE + "/barrier?key=requests-lesson&n=3&ms=20000"
    texts = await asyncio.gather(
        loop.run_in_executor(None, sync_text, barrier),
        asyncio.to_thread(sync_text, barrier),
        loop_text(barrier))
    print(texts)


asyncio.run(main())
