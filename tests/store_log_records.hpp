// The records of a store log file (wasm/src/store_log.cpp's format: an 8-byte header, then per
// record a 4-byte little-endian length, 4 bytes of checksum and a JSON document), for the tests
// that damage a log on purpose: the Catch2 suite and the Node harness's host_store.
#pragma once

#include "aio/store.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace aio_test {

// [start, end) of a record and the keys it writes.
struct log_record {
    std::size_t start, end;
    std::vector<int> keys;
};

inline std::vector<log_record> records_of(const std::string& bytes) {
    using aio::store::json;
    std::vector<log_record> out;
    for (std::size_t at = 8; at + 8 <= bytes.size();) {
        std::uint32_t len = 0;
        for (int i = 0; i < 4; ++i) len |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
        json doc = json::parse(bytes.substr(at + 8, len));
        log_record r{at, at + 8 + len, {}};
        if (doc.contains("snapshot"))
            for (const auto& row : doc["snapshot"][0][1]) r.keys.push_back(row[0].get<int>());
        else
            for (const auto& op : doc["ops"]) r.keys.push_back(op[2].get<int>());
        at = r.end;
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace aio_test
