// splitmix64: a tiny, portable pseudo-random sequence (the same numbers on every host), for the
// runtime's seeded choices (fault injection, schedule exploration).
#pragma once

#include <cstdint>

namespace aio::detail {

inline std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

}  // namespace aio::detail
