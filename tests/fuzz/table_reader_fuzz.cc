// Feeds arbitrary bytes to the table reader as a whole table file, read through an
// in-memory file: opening, iterating both ways, seeking and point reads must never crash or
// read out of bounds; every failure is a Status.
//
// Input: one flags byte, then the file. With bit 0 of the flags set, the footer, index and
// metaindex checksums are recomputed before opening (and data blocks are read without
// verification), so that the fuzzer reaches the parsers behind the checksums instead of
// stopping at them.

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "core/coding.h"
#include "core/crc32c.h"
#include "lsm/table/format.h"
#include "lsm/table/table.h"
#include "support/memory_file.h"

using namespace datacave;
using namespace datacave::lsm;

namespace {

void PutMaskedCrc(std::string* file, size_t at, std::string_view covered) {
  std::string crc;
  PutFixed32(&crc, crc32c::Mask(crc32c::Value(covered)));
  file->replace(at, 4, crc);
}

// Makes the checksums that Table::Open verifies match whatever the bytes are.
void RepairChecksums(std::string* file) {
  if (file->size() < Footer::kEncodedLength) return;
  const size_t footer = file->size() - Footer::kEncodedLength;
  constexpr size_t kChecked = 2 * BlockHandle::kMaxEncodedLength + 4;
  PutMaskedCrc(file, footer + kChecked, std::string_view(*file).substr(footer, kChecked));
  Footer decoded;
  if (!decoded.DecodeFrom(std::string_view(*file).substr(footer)).ok()) return;
  for (const BlockHandle& h : {decoded.metaindex_handle(), decoded.index_handle()}) {
    if (h.offset() > file->size() || h.size() > file->size() ||
        h.offset() + h.size() + kBlockTrailerSize > file->size()) {
      continue;
    }
    const auto offset = static_cast<size_t>(h.offset());
    const auto n = static_cast<size_t>(h.size());
    PutMaskedCrc(file, offset + n + 1, std::string_view(*file).substr(offset, n + 1));
  }
}

void CheckStatus(const Status& s) {
  if (!s.ok() && !s.IsCorruption()) std::abort();  // in-memory reads never fail otherwise
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t flags = data[0];
  std::string file(reinterpret_cast<const char*>(data) + 1, size - 1);
  const bool repair = (flags & 1) != 0;
  if (repair) RepairChecksums(&file);

  TableOptions options;
  const uint64_t file_size = file.size();
  auto table = Table::Open(options, std::make_unique<testing::StringRandomAccessFile>(file),
                           file_size, "fuzz.sst");
  if (!table.ok()) {
    // A damaged comparator name (behind a repaired checksum) reads as another comparator.
    if (table.status().code() != StatusCode::kInvalidArgument) CheckStatus(table.status());
    return 0;
  }
  ReadOptions read_options;
  read_options.verify_checksums = !repair;

  // Scans are capped rather than checked against a bound: a corrupt index may point many
  // entries at one data block, so a table can yield far more entries than it has bytes.
  // (Termination itself is the fuzzer's timeout to check.)
  constexpr size_t kMaxSteps = 20000;
  auto it = (*table)->NewIterator(read_options);
  size_t steps = 0;
  for (it->SeekToFirst(); it->Valid() && steps < kMaxSteps; it->Next()) steps++;
  CheckStatus(it->status());
  steps = 0;
  it = (*table)->NewIterator(read_options);
  for (it->SeekToLast(); it->Valid() && steps < kMaxSteps; it->Prev()) steps++;
  CheckStatus(it->status());

  for (size_t i = 0; i + 4 <= file.size() && i < 64; i += 9) {
    std::string_view target = std::string_view(file).substr(i, 4);
    it = (*table)->NewIterator(read_options);
    it->Seek(target);
    if (it->Valid()) it->Prev();
    CheckStatus(it->status());
    CheckStatus((*table)->InternalGet(read_options, target, [](auto, auto) {}));
    (void)(*table)->ApproximateOffsetOf(target);
  }
  return 0;
}
