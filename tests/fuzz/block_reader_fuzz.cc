// Feeds arbitrary bytes to the block reader as block contents: iterating both ways and
// seeking must never crash or read outside the block; a malformed block reports Corruption.

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "lsm/table/block.h"

using namespace datacave;
using namespace datacave::lsm;

namespace {

// Iterations are bounded: a block of n bytes has fewer than n entries.
void Exercise(Iterator* it, size_t max_steps) {
  size_t steps = 0;
  for (it->SeekToFirst(); it->Valid() && steps <= max_steps; it->Next()) steps++;
  if (steps > max_steps) std::abort();  // Next must always make progress
  steps = 0;
  for (it->SeekToLast(); it->Valid() && steps <= max_steps; it->Prev()) steps++;
  if (steps > max_steps) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string contents(reinterpret_cast<const char*>(data), size);
  auto block = std::make_shared<const Block>(contents);
  std::unique_ptr<Iterator> it = Block::NewIterator(block, BytewiseComparator());
  Exercise(it.get(), size);

  // Seek to a few targets taken from the input, and step both ways from each.
  for (size_t i = 0; i + 4 <= size && i < 64; i += 7) {
    it = Block::NewIterator(block, BytewiseComparator());
    it->Seek(std::string_view(contents).substr(i, 4));
    if (it->Valid()) {
      std::string key(it->key());
      it->Prev();
      if (it->Valid()) it->Next();
    }
    if (it->Valid()) it->Next();
    if (!it->status().ok() && !it->status().IsCorruption()) std::abort();
  }
  return 0;
}
