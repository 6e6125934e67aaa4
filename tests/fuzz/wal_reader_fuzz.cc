// Feeds arbitrary bytes to the WAL reader as a log file. It must not crash, read out of
// bounds or loop, and what it returns must be backed by the bytes: a record that came from
// one FULL physical record is exactly that record's payload, under a matching checksum.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/coding.h"
#include "core/crc32c.h"
#include "lsm/log_format.h"
#include "lsm/log_reader.h"
#include "support/string_file.h"

using namespace datacave;
using namespace datacave::lsm;

namespace {

class NullReporter final : public log::Reader::Reporter {
 public:
  void Corruption(size_t bytes, const Status& reason) override {
    if (!reason.IsCorruption()) std::abort();  // the in-memory file never fails
    total += bytes;
  }
  uint64_t total = 0;
};

// The record just returned starts at `offset`; check it against the physical record there.
void CheckRecord(std::string_view input, uint64_t offset, std::string_view record) {
  if (offset + log::kHeaderSize > input.size()) std::abort();
  const char* header = input.data() + offset;
  uint32_t length = static_cast<uint32_t>(static_cast<uint8_t>(header[4])) |
                    (static_cast<uint32_t>(static_cast<uint8_t>(header[5])) << 8);
  auto type = static_cast<log::RecordType>(header[6]);
  if (offset + log::kHeaderSize + length > input.size()) std::abort();
  std::string_view payload(header + log::kHeaderSize, length);
  uint32_t crc = crc32c::Value(std::string_view(header + 6, 1 + length));
  if (crc32c::Unmask(DecodeFixed32(header)) != crc) std::abort();
  if (type == log::RecordType::kFull) {
    if (payload != record) std::abort();
  } else if (type == log::RecordType::kFirst) {
    // A FIRST fragment is the front of its record (the rest came from later fragments).
    if (record.substr(0, payload.size()) != payload) std::abort();
  } else {
    std::abort();  // records start with FULL or FIRST
  }
}

void ReadAll(std::string_view input, bool verify_checksums, uint64_t initial_offset) {
  testing::StringSource source(input);
  NullReporter reporter;
  log::Reader reader(&source, &reporter, verify_checksums, initial_offset);
  std::string_view record;
  std::string scratch;
  uint64_t previous_end = initial_offset;
  while (reader.ReadRecord(&record, &scratch)) {
    if (reader.LastRecordOffset() < initial_offset) std::abort();
    if (reader.LastRecordEndOffset() > input.size()) std::abort();
    if (reader.LastRecordEndOffset() <= previous_end) std::abort();  // in file order
    previous_end = reader.LastRecordEndOffset();
    if (verify_checksums) CheckRecord(input, reader.LastRecordOffset(), record);
  }
  if (!reader.status().ok()) std::abort();
  if (reader.DroppedBytes() != reporter.total) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  ReadAll(input, /*verify_checksums=*/true, 0);
  ReadAll(input, /*verify_checksums=*/false, 0);
  // Start somewhere inside, derived from the input so the fuzzer can steer it.
  if (size > 0) ReadAll(input, true, (static_cast<uint64_t>(data[0]) * 257) % (size + 1));
  return 0;
}
