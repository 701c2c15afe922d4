// asyncio's exception types and the aio <-> Python error mapping (asyncio.hpp).
#include "python/asyncio.hpp"
#include "python/awaitable.hpp"

#include "aio/barrier.hpp"
#include "aio/errors.hpp"
#include "aio/queue.hpp"

#include <stdexcept>

namespace aio::py {

Type invalid_state_error_type("InvalidStateError", &exc::Exception, Kind::exception);
Type queue_empty_type("QueueEmpty", &exc::Exception, Kind::exception);
Type queue_full_type("QueueFull", &exc::Exception, Kind::exception);
Type queue_shut_down_type("QueueShutDown", &exc::Exception, Kind::exception);
Type broken_barrier_error_type("BrokenBarrierError", &exc::RuntimeError, Kind::exception);

RunOptions& run_options() {
    static RunOptions options;
    return options;
}

namespace {
Value with_message(Type& t, const std::string& message) {
    if (message.empty()) return new_exception(t, {});
    return new_exception(t, {new_str(message)});
}
}  // namespace

Value from_aio_error(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const Error& e) {
        return e.exc;
    } catch (const aio::cancelled_error& e) {
        return with_message(cancelled_error_type, e.message());
    } catch (const aio::timeout_error&) {
        // asyncio raises a bare TimeoutError from the CancelledError that stopped the work.
        Value out = new_exception(exc::TimeoutError, {});
        if (auto cause = aio::cause_of(error)) setattr(out, "__cause__", from_aio_error(cause));
        return out;
    } catch (const aio::invalid_state_error& e) {
        return with_message(invalid_state_error_type, e.what());
    } catch (const aio::queue_empty&) {
        return new_exception(queue_empty_type, {});
    } catch (const aio::queue_full&) {
        return new_exception(queue_full_type, {});
    } catch (const aio::queue_shut_down&) {
        return new_exception(queue_shut_down_type, {});
    } catch (const aio::broken_barrier_error& e) {
        // asyncio's words: a wait() on a broken barrier vs. one broken while it waited.
        bool aborted = std::string_view(e.what()) == "barrier aborted";
        return with_message(broken_barrier_error_type, aborted ? "Barrier aborted" : "Abort or reset of barrier");
    } catch (const aio::type_error& e) {
        return with_message(exc::TypeError, e.what());
    } catch (const std::invalid_argument& e) {
        return with_message(exc::ValueError, e.what());
    } catch (const aio::exception_group& e) {
        std::vector<Value> items;
        for (auto& sub : e.exceptions()) items.push_back(from_aio_error(sub));
        // The constructor picks ExceptionGroup when every item is an Exception and sets
        // `exceptions`; asyncio raises it `from None`.
        Value group = call(Value(&exc::BaseExceptionGroup),
                           {new_str("unhandled errors in a TaskGroup"), new_list(std::move(items))});
        setattr(group, "__cause__", Value());
        return group;
    } catch (const std::exception& e) {
        return with_message(exc::RuntimeError, e.what());
    } catch (const aio::base_exception& e) {
        return with_message(exc::BaseException, e.message());
    } catch (...) {
        return with_message(exc::RuntimeError, aio::describe(error));
    }
}

std::exception_ptr to_aio_error(const Value& exception) {
    if (isinstance(exception, cancelled_error_type)) {
        auto* e = exception.as<ExceptionObject>();
        auto& args = e->args.as<Tuple>()->items;
        std::string message = args.empty() ? "" : str(args[0]);
        return std::make_exception_ptr(aio::cancelled_error(message));
    }
    return std::make_exception_ptr(Error(exception));
}

void rethrow_for_python(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const Error&) {
        throw;
    } catch (const aio::cancelled_error&) {
        throw;
    } catch (...) {
    }
    throw Error(from_aio_error(error));
}

}  // namespace aio::py
