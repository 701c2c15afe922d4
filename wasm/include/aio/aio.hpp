// Everything: #include "aio/aio.hpp".
#pragma once

#include "aio/coro.hpp"
#include "aio/errors.hpp"
#include "aio/future.hpp"
#include "aio/loop.hpp"
#include "aio/run.hpp"
#include "aio/sleep.hpp"
#include "aio/task.hpp"
#include "aio/trace.hpp"
