// Fuzzes the store's log reader (aio/detail/store_log.hpp): what open() does with whatever a
// crash, a bad disk or anyone else left in the file. The first input byte picks a mode:
//   raw:        the rest is the file after the magic (framing, lengths, CRCs as they come);
//   framed:     the rest is '\x1e'-separated payloads, each framed with a correct CRC (so the
//               JSON replay behind the CRC check gets fuzzed too);
//   transactions: the rest describes committed transactions that the real writer logs; then
//               the log is cut short or one byte flipped at a fuzzed place.
// Always: no crash; the good prefix ends on a record boundary, replaying it alone gives the same
// state and consumes it whole; transactions mode: the state is exactly that after the records
// wholly before the damage (never a record of garbage, never a partial transaction).
#include "aio/detail/store_log.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using namespace aio::store;
using namespace aio::store::detail;

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "fuzz_store_log: %s\n", what);
    std::abort();
}

log_scan replay(std::string_view content, store_map& data) {
    try {
        return replay_log(content, data);
    } catch (const corrupt_error&) {
        if (content.substr(0, log_magic.size()) == log_magic) fail("corrupt_error for a log with a good header");
        return {};
    }
}

// The properties of any replay: a valid prefix that replays alone to the same state.
void check_prefix(std::string_view content, const store_map& data, const log_scan& scan) {
    if (scan.fresh || content.substr(0, log_magic.size()) != log_magic) return;
    if (scan.good_bytes < log_magic.size() || scan.good_bytes > content.size()) fail("good prefix out of range");
    store_map again;
    log_scan second = replay(content.substr(0, scan.good_bytes), again);
    if (second.good_bytes != scan.good_bytes || second.records != scan.records) fail("the good prefix does not replay whole");
    if (again != data) fail("the state differs from the good prefix's: a bad record left changes behind");
}

std::string framed_payloads(std::string_view rest) {
    std::string content(log_magic);
    while (true) {
        auto sep = rest.find('\x1e');
        content += frame(rest.substr(0, sep));
        if (sep == std::string_view::npos) break;
        rest.remove_prefix(sep + 1);
    }
    return content;
}

key fuzzed_key(FuzzedDataProvider& in) {
    if (in.ConsumeBool()) return key(in.ConsumeIntegralInRange<int>(-5, 20));
    return key(in.ConsumeRandomLengthString(8));
}

void transactions(FuzzedDataProvider& in) {
    static const char* const stores[] = {"users", "jobs", ""};
    std::string content(log_magic);
    std::vector<std::size_t> ends;      // where each record ends
    std::vector<store_map> states{{}};  // the state after 0, 1, 2 ... records
    int count = in.ConsumeIntegralInRange<int>(0, 12);
    for (int t = 0; t < count; ++t) {
        store_map next = states.back();
        std::string record;
        if (in.ConsumeIntegralInRange<int>(0, 7) == 0) {
            record = snapshot_record(next);  // as compaction writes it
        } else {
            std::vector<write_op> ops;
            int n = in.ConsumeIntegralInRange<int>(1, 5);
            for (int i = 0; i < n; ++i) {
                auto kind = static_cast<write_op::kind_t>(in.ConsumeIntegralInRange<int>(0, 4));
                write_op op{kind, stores[in.ConsumeIntegralInRange<int>(0, 2)]};
                if (kind == write_op::put || kind == write_op::del) op.k = fuzzed_key(in);
                if (kind == write_op::put) op.value = json(in.ConsumeRandomLengthString(16));
                ops.push_back(op);
            }
            try {
                record = ops_record(ops);
            } catch (const aio::store::error&) {
                continue;  // a string that is not UTF-8: the commit is refused, nothing logged
            }
            for (const auto& op : ops) apply(next, op);
        }
        content += record;
        ends.push_back(content.size());
        states.push_back(std::move(next));
    }
    std::size_t at = in.ConsumeIntegralInRange<std::size_t>(log_magic.size(), content.size());
    if (in.ConsumeBool()) {
        content.resize(at);  // a torn tail: killed mid-write
    } else if (at < content.size()) {
        content[at] = static_cast<char>(content[at] ^ in.ConsumeIntegralInRange<int>(1, 255));  // bit rot
    }
    std::size_t whole = 0;  // records wholly before the damage
    while (whole < ends.size() && ends[whole] <= at) ++whole;
    store_map data;
    log_scan scan = replay(content, data);
    check_prefix(content, data, scan);
    if (scan.records != whole || data != states[whole]) fail("recovered something other than the records before the damage");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
    if (size == 0) return 0;
    std::string_view rest(reinterpret_cast<const char*>(bytes) + 1, size - 1);
    switch (bytes[0] % 3) {
    case 0: {
        std::string content = std::string(log_magic) + std::string(rest);
        store_map data;
        check_prefix(content, data, replay(content, data));
        // And the header check on arbitrary bytes.
        store_map other;
        replay(rest, other);
        break;
    }
    case 1: {
        std::string content = framed_payloads(rest);
        store_map data;
        check_prefix(content, data, replay(content, data));
        break;
    }
    default: {
        FuzzedDataProvider in(bytes + 1, size - 1);
        transactions(in);
        break;
    }
    }
    return 0;
}
