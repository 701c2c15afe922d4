// contextlib for aio's Python, written in Python as CPython's is: contextmanager and
// asynccontextmanager (the async tutorials' way to write a resource), suppress, closing,
// aclosing, nullcontext, ExitStack and AsyncExitStack, and the abstract bases and decorator
// mixins. The generator-based managers follow CPython 3.11's rules: an exception from the `with`
// body is thrown into the generator; catching it suppresses it; the original leaves with the
// traceback it had, so a traceback through a @contextmanager shows the user's frames only.

namespace aio::py {

extern const char* const contextlib_source;

const char* const contextlib_source = R"py("""contextlib: utilities for with-statement contexts (aio's Python)."""
from collections import deque
from functools import wraps

__all__ = ["asynccontextmanager", "contextmanager", "closing", "nullcontext", "AbstractContextManager",
           "AbstractAsyncContextManager", "AsyncExitStack", "ContextDecorator", "ExitStack", "suppress",
           "aclosing"]


class AbstractContextManager:
    """A context manager whose __enter__ returns itself."""

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        return None


class AbstractAsyncContextManager:
    """An async context manager whose __aenter__ returns itself."""

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc_value, traceback):
        return None


class ContextDecorator:
    """A context manager usable as a decorator: each call of the function runs inside it."""

    def _recreate_cm(self):
        return self

    def __call__(self, func):
        @wraps(func)
        def inner(*args, **kwds):
            with self._recreate_cm():
                return func(*args, **kwds)
        return inner


class AsyncContextDecorator:
    """An async context manager usable as a decorator of a coroutine function."""

    def _recreate_cm(self):
        return self

    def __call__(self, func):
        @wraps(func)
        async def inner(*args, **kwds):
            async with self._recreate_cm():
                return await func(*args, **kwds)
        return inner


class _GeneratorContextManagerBase:
    def __init__(self, func, args, kwds):
        self.gen = func(*args, **kwds)
        self.func, self.args, self.kwds = func, args, kwds
        self.__doc__ = getattr(func, "__doc__", None)

    def _recreate_cm(self):
        # As a decorator, each call gets a new generator.
        return self.__class__(self.func, self.args, self.kwds)


def _thrown_back(exc, value, traceback, stop_types):
    """Whether `exc`, which left the generator after `value` was thrown in, is `value` going on
    (the generator did not handle it): then it keeps the traceback it came in with."""
    if exc is value:
        exc.__traceback__ = traceback
        return True
    # PEP 479 turned a StopIteration thrown in into RuntimeError; the original goes on.
    if isinstance(exc, RuntimeError) and isinstance(value, stop_types) and exc.__cause__ is value:
        value.__traceback__ = traceback
        return True
    return False


class _GeneratorContextManager(_GeneratorContextManagerBase, AbstractContextManager, ContextDecorator):
    """What a @contextmanager function returns."""

    def __enter__(self):
        del self.args, self.kwds, self.func  # only a decorator's copy needs them
        try:
            return next(self.gen)
        except StopIteration:
            raise RuntimeError("generator didn't yield") from None

    def __exit__(self, typ, value, traceback):
        if typ is None:
            try:
                next(self.gen)
            except StopIteration:
                return False
            raise RuntimeError("generator didn't stop")
        if value is None:
            value = typ()
        try:
            self.gen.throw(typ, value, traceback)
        except StopIteration as exc:
            # The generator handled the exception and returned: suppressed (unless the
            # StopIteration is the one thrown in).
            return exc is not value
        except BaseException as exc:
            if not _thrown_back(exc, value, traceback, StopIteration):
                raise
            return False
        raise RuntimeError("generator didn't stop after throw()")


class _AsyncGeneratorContextManager(_GeneratorContextManagerBase, AbstractAsyncContextManager,
                                    AsyncContextDecorator):
    """What an @asynccontextmanager function returns."""

    async def __aenter__(self):
        del self.args, self.kwds, self.func
        try:
            return await anext(self.gen)
        except StopAsyncIteration:
            raise RuntimeError("generator didn't yield") from None

    async def __aexit__(self, typ, value, traceback):
        if typ is None:
            try:
                await anext(self.gen)
            except StopAsyncIteration:
                return False
            raise RuntimeError("generator didn't stop")
        if value is None:
            value = typ()
        try:
            await self.gen.athrow(typ, value, traceback)
        except StopAsyncIteration as exc:
            return exc is not value
        except BaseException as exc:
            if not _thrown_back(exc, value, traceback, (StopIteration, StopAsyncIteration)):
                raise
            return False
        raise RuntimeError("generator didn't stop after athrow()")


def contextmanager(func):
    """@contextmanager: a generator function that yields once becomes a context manager."""
    @wraps(func)
    def helper(*args, **kwds):
        return _GeneratorContextManager(func, args, kwds)
    return helper


def asynccontextmanager(func):
    """@asynccontextmanager: an async generator function that yields once becomes an async
    context manager."""
    @wraps(func)
    def helper(*args, **kwds):
        return _AsyncGeneratorContextManager(func, args, kwds)
    return helper


class closing(AbstractContextManager):
    """Calls thing.close() at the end of the block."""

    def __init__(self, thing):
        self.thing = thing

    def __enter__(self):
        return self.thing

    def __exit__(self, *exc_info):
        self.thing.close()


class aclosing(AbstractAsyncContextManager):
    """Awaits thing.aclose() at the end of the block."""

    def __init__(self, thing):
        self.thing = thing

    async def __aenter__(self):
        return self.thing

    async def __aexit__(self, *exc_info):
        await self.thing.aclose()


class suppress(AbstractContextManager):
    """Suppresses the given exceptions (and their subclasses) raised in the block."""

    def __init__(self, *exceptions):
        self._exceptions = exceptions

    def __enter__(self):
        pass

    def __exit__(self, exctype, excinst, exctb):
        return exctype is not None and issubclass(exctype, self._exceptions)


class nullcontext(AbstractContextManager, AbstractAsyncContextManager):
    """Does nothing; `as` gives enter_result. For code that may or may not need a manager."""

    def __init__(self, enter_result=None):
        self.enter_result = enter_result

    def __enter__(self):
        return self.enter_result

    def __exit__(self, *excinfo):
        pass

    async def __aenter__(self):
        return self.enter_result

    async def __aexit__(self, *excinfo):
        pass


def _protocol_error(cm, what):
    cls = type(cm)
    return TypeError(f"'{cls.__module__}.{cls.__qualname__}' object does not support the {what} protocol")


class _BaseExitStack:
    def __init__(self):
        self._exit_callbacks = deque()  # (is_sync, callback(exc_type, exc, tb)), run last first

    def pop_all(self):
        """Moves the callbacks to a new stack of the same type, leaving this one empty."""
        new_stack = type(self)()
        new_stack._exit_callbacks = self._exit_callbacks
        self._exit_callbacks = deque()
        return new_stack

    def push(self, exit):
        """Adds a context manager's __exit__, or a callable taking (exc_type, exc, tb)."""
        try:
            exit_method = type(exit).__exit__
        except AttributeError:
            self._exit_callbacks.append((True, exit))
        else:
            self._push_exit(exit, exit_method, True)
        return exit

    def enter_context(self, cm):
        """Enters cm and adds its __exit__; returns what __enter__ returned."""
        cls = type(cm)
        try:
            enter, exit = cls.__enter__, cls.__exit__
        except AttributeError:
            raise _protocol_error(cm, "context manager") from None
        result = enter(cm)
        self._push_exit(cm, exit, True)
        return result

    def callback(self, callback, /, *args, **kwds):
        """Adds callback(*args, **kwds), called whatever the outcome (it cannot suppress)."""
        def exit_wrapper(exc_type, exc, tb):
            callback(*args, **kwds)
        exit_wrapper.__wrapped__ = callback
        self._exit_callbacks.append((True, exit_wrapper))
        return callback

    def _push_exit(self, cm, exit_method, is_sync):
        def exit_wrapper(exc_type, exc, tb):
            return exit_method(cm, exc_type, exc, tb)
        self._exit_callbacks.append((is_sync, exit_wrapper))

    @staticmethod
    def _chain(new_exc, old_exc, frame_exc):
        # A callback's exception gets the exception it replaced as context where Python gave it
        # the one the `with` statement was handling (frame_exc) instead.
        while True:
            context = new_exc.__context__
            if context is None or context is old_exc:
                return
            if context is frame_exc:
                break
            new_exc = context
        new_exc.__context__ = old_exc

    @staticmethod
    def _raise(exc):
        context = exc.__context__
        try:
            raise exc
        except BaseException:
            exc.__context__ = context  # raise set it to the exception being handled
            raise

    @staticmethod
    def _details(exc):
        return (None, None, None) if exc is None else (type(exc), exc, exc.__traceback__)


class ExitStack(_BaseExitStack, AbstractContextManager):
    """Runs the exit callbacks pushed during the block, last first, as nested `with`s would."""

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        received = exc_type is not None
        if received and exc is None:
            exc = exc_type()
        frame_exc = exc
        suppressed = pending = False
        while self._exit_callbacks:
            is_sync, callback = self._exit_callbacks.pop()
            try:
                if callback(*self._details(exc)):
                    suppressed, pending, exc = True, False, None
            except BaseException as new_exc:
                self._chain(new_exc, exc, frame_exc)
                pending, exc = True, new_exc
        if pending:
            self._raise(exc)
        return received and suppressed

    def close(self):
        """Runs the callbacks now."""
        self.__exit__(None, None, None)


class AsyncExitStack(_BaseExitStack, AbstractAsyncContextManager):
    """ExitStack for async context managers and coroutine callbacks too."""

    async def enter_async_context(self, cm):
        """Enters the async context manager cm and adds its __aexit__."""
        cls = type(cm)
        try:
            enter, exit = cls.__aenter__, cls.__aexit__
        except AttributeError:
            raise _protocol_error(cm, "asynchronous context manager") from None
        result = await enter(cm)
        self._push_exit(cm, exit, False)
        return result

    def push_async_exit(self, exit):
        """Adds an async context manager's __aexit__, or a coroutine function taking
        (exc_type, exc, tb)."""
        try:
            exit_method = type(exit).__aexit__
        except AttributeError:
            self._exit_callbacks.append((False, exit))
        else:
            self._push_exit(exit, exit_method, False)
        return exit

    def push_async_callback(self, callback, /, *args, **kwds):
        """Adds the coroutine function call callback(*args, **kwds)."""
        async def exit_wrapper(exc_type, exc, tb):
            await callback(*args, **kwds)
        exit_wrapper.__wrapped__ = callback
        self._exit_callbacks.append((False, exit_wrapper))
        return callback

    async def aclose(self):
        """Runs the callbacks now."""
        await self.__aexit__(None, None, None)

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        received = exc_type is not None
        if received and exc is None:
            exc = exc_type()
        frame_exc = exc
        suppressed = pending = False
        while self._exit_callbacks:
            is_sync, callback = self._exit_callbacks.pop()
            try:
                outcome = callback(*self._details(exc))
                if not is_sync:
                    outcome = await outcome
                if outcome:
                    suppressed, pending, exc = True, False, None
            except BaseException as new_exc:
                self._chain(new_exc, exc, frame_exc)
                pending, exc = True, new_exc
        if pending:
            self._raise(exc)
        return received and suppressed
)py";

}  // namespace aio::py
