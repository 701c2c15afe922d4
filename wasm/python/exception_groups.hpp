// What the VM's except* instructions need from exception groups (exception_groups.cpp).
#pragma once

#include "python/exceptions.hpp"

#include <vector>

namespace aio::py {

// One `except* types` clause against `handled` (the part no earlier clause took, or none):
// true with the matching part in `match` (a naked exception wrapped in ExceptionGroup('', [e]))
// and what is left in `rest`. TypeError for non-exception types and for exception groups.
bool star_match(const Value& handled, const Value& types, Value& match, Value& rest);

// What leaves an except* statement: the parts of `orig` re-raised unchanged (in orig's shape)
// together with anything the handlers raised, or none. `excs` holds both, none entries skipped.
Value star_reraise(const Value& orig, const std::vector<Value>& excs);

}  // namespace aio::py
