// Round-trip properties for the byte codecs, and CRC32C's algebra.

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "core/coding.h"
#include "core/crc32c.h"
#include "core/password.h"

namespace datacave {
namespace {

RC_GTEST_PROP(CodingProperty, VarintSequencesRoundTrip, (const std::vector<uint64_t>& values)) {
  std::string buf;
  for (uint64_t v : values) PutVarint64(&buf, v);
  std::string_view in = buf;
  for (uint64_t expected : values) {
    uint64_t got;
    RC_ASSERT(GetVarint64(&in, &got));
    RC_ASSERT(got == expected);
  }
  RC_ASSERT(in.empty());
}

RC_GTEST_PROP(CodingProperty, VarintLengthMatchesEncoding, (uint64_t value)) {
  std::string buf;
  PutVarint64(&buf, value);
  RC_ASSERT(static_cast<int>(buf.size()) == VarintLength(value));
}

RC_GTEST_PROP(CodingProperty, Varint32RoundTrips, (uint32_t value)) {
  std::string buf;
  PutVarint32(&buf, value);
  std::string_view in = buf;
  uint32_t got;
  RC_ASSERT(GetVarint32(&in, &got));
  RC_ASSERT(got == value);
}

RC_GTEST_PROP(CodingProperty, FixedRoundTrips, (uint32_t a, uint64_t b)) {
  std::string buf;
  PutFixed32(&buf, a);
  PutFixed64(&buf, b);
  std::string_view in = buf;
  uint32_t ga;
  uint64_t gb;
  RC_ASSERT(GetFixed32(&in, &ga) && GetFixed64(&in, &gb));
  RC_ASSERT(ga == a && gb == b);
}

RC_GTEST_PROP(CodingProperty, LengthPrefixedRoundTrips, (const std::vector<std::string>& parts)) {
  std::string buf;
  for (const auto& p : parts) PutLengthPrefixed(&buf, p);
  std::string_view in = buf;
  for (const auto& p : parts) {
    std::string_view got;
    RC_ASSERT(GetLengthPrefixed(&in, &got));
    RC_ASSERT(got == p);
  }
  RC_ASSERT(in.empty());
}

RC_GTEST_PROP(CodingProperty, TruncatedVarintNeverDecodes, (uint64_t value)) {
  std::string buf;
  PutVarint64(&buf, value);
  std::string_view in = std::string_view(buf).substr(0, buf.size() - 1);
  uint64_t got;
  RC_ASSERT(!GetVarint64(&in, &got));
}

RC_GTEST_PROP(Crc32cProperty, ExtendComposes, (const std::string& a, const std::string& b)) {
  RC_ASSERT(crc32c::Extend(crc32c::Value(a), b) == crc32c::Value(a + b));
  RC_ASSERT(crc32c::ExtendPortable(0, a + b) == crc32c::Value(a + b));
  RC_ASSERT(crc32c::Unmask(crc32c::Mask(crc32c::Value(a))) == crc32c::Value(a));
}

RC_GTEST_PROP(Crc32cProperty, DetectsEveryOneBitFlip, (const std::string& data)) {
  RC_PRE(!data.empty());
  size_t bit = *rc::gen::inRange<size_t>(0, data.size() * 8);
  std::string flipped = data;
  flipped[bit / 8] = static_cast<char>(flipped[bit / 8] ^ (1 << (bit % 8)));
  RC_ASSERT(crc32c::Value(flipped) != crc32c::Value(data));
}

RC_GTEST_PROP(Base64Property, RoundTrips, (const std::string& raw)) {
  auto decoded = scram::Base64Decode(scram::Base64Encode(raw));
  RC_ASSERT(decoded.ok());
  RC_ASSERT(*decoded == raw);
}

}  // namespace
}  // namespace datacave
