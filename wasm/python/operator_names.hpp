// The special methods of each BinOp (forward: __add__, reflected: __radd__) and CmpOp (__lt__ ...),
// in enum order (object.hpp); defined in arith.cpp.
#pragma once

namespace aio::py {

extern const char* const forward_names[13];
extern const char* const reflected_names[13];
extern const char* const compare_names[6];

}  // namespace aio::py
