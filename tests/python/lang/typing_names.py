# `from typing import ...` in an asyncio program; the names subscript and print as CPython's.
import asyncio
import typing
from typing import Any, Awaitable, Callable, Dict, List, Optional, Tuple, TypeVar, Union

T = TypeVar('T')
Handler = Callable[[str], Awaitable[None]]


async def fetch(url: str, retries: Optional[int] = None) -> Dict[str, Any]:
    await asyncio.sleep(0.1)
    return {'url': url, 'retries': retries}


async def run_all(urls: List[str], handler: Handler) -> List[Dict[str, Any]]:
    results: List[Dict[str, Any]] = await asyncio.gather(*(fetch(u) for u in urls))
    for r in results:
        await handler(r['url'])
    return results


async def show_url(url: str) -> None:
    print('handled', url)


print(asyncio.run(run_all(['a', 'b'], show_url)))


def show(label, f):
    try:
        print(label, '->', repr(f()))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)


class Node:
    pass


show('plain', lambda: (List, Any, typing.Coroutine, typing.AsyncIterator))
show('subscripted', lambda: (List[int], Dict[str, List[Node]], Tuple[int, ...], Tuple[()], Awaitable[None]))
show('callable', lambda: (Handler, Callable[..., Any], Callable[[], int]))
show('union', lambda: (Union[int, str], Union[int, None], Optional[str], Union[int], Union[int, Union[str, int]]))
show('optional of optional', lambda: Optional[Optional[int]])
show('forward', lambda: Optional[List['Node']])
show('typevar', lambda: (T, List[T], TypeVar('K', bound=int)))
show('cast', lambda: (typing.cast(int, 'x'), typing.TYPE_CHECKING))
show('Any[int]', lambda: Any[int])
show('List[int][str]', lambda: List[int][str])
show('Optional[int, str]', lambda: Optional[int, str])
show('Callable[int]', lambda: Callable[int])
show('Union[()]', lambda: Union[()])
