// Everything: #include "aio/aio.hpp".
#pragma once

#include "aio/coro.hpp"
#include "aio/errors.hpp"
#include "aio/future.hpp"
#include "aio/gather.hpp"
#include "aio/loop.hpp"
#include "aio/result.hpp"
#include "aio/run.hpp"
#include "aio/shield.hpp"
#include "aio/sleep.hpp"
#include "aio/task.hpp"
#include "aio/task_group.hpp"
#include "aio/timeout.hpp"
#include "aio/trace.hpp"
#include "aio/wait.hpp"
