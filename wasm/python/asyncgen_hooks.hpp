// sys.set_asyncgen_hooks / sys.get_asyncgen_hooks: the hooks an async generator's first
// iteration and its finalization call (asyncgen_hooks.cpp), and the running loop's own
// (asyncio_asyncgens.cpp), which apply until the program sets others.
#pragma once

#include "python/object.hpp"

namespace aio {
class event_loop;
}

namespace aio::py {

struct AsyncgenHooks {
    Value firstiter, finalizer;  // None or callables
};

// The hooks the program set for where Python runs now (in the running loop, or outside any:
// plain code and threads); nullptr when none were set in the running loop, whose own apply.
const AsyncgenHooks* program_asyncgen_hooks();
// The loop's run ended (CPython's run_forever restores the hooks it found): what the program set
// inside it goes. nullptr: the program ended, everything goes.
void forget_asyncgen_hooks(const aio::event_loop* loop);
void init_asyncgen_hooks(Dict& sys);

// The loop's hooks as Python sees them: <bound method BaseEventLoop._asyncgen_firstiter_hook of
// <_UnixSelectorEventLoop ...>> (or _asyncgen_finalizer_hook), callable.
Value loop_asyncgen_hook(aio::event_loop& loop, bool finalizer);

}  // namespace aio::py
