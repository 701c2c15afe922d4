#include "aio/trace_names.hpp"

namespace aio {

const char* to_string(trace_kind kind) { return name_in(trace_kind_names, kind); }
const char* to_string(wait_kind kind) { return name_in(wait_kind_names, kind); }
const char* to_string(outcome kind) { return name_in(outcome_names, kind); }

}  // namespace aio
