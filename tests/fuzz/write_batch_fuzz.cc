// Feeds arbitrary bytes to WriteBatch::FromContents and Iterate. Nothing may crash; Validate
// and Iterate must agree; a batch that parses must rebuild, through the public API, into a
// batch that iterates to the same records with the same header.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "lsm/write_batch.h"

using namespace datacave;
using namespace datacave::lsm;

namespace {

// Rebuilds the batch it is shown, and records the operations as text.
class Rebuilder final : public WriteBatch::Handler {
 public:
  Status Put(std::string_view key, std::string_view value) override {
    batch.Put(key, value);
    Log('P', key, value);
    return Status::Ok();
  }
  Status Delete(std::string_view key) override {
    batch.Delete(key);
    Log('D', key, "");
    return Status::Ok();
  }
  Status DeleteRange(std::string_view begin, std::string_view end) override {
    batch.DeleteRange(begin, end);
    Log('R', begin, end);
    return Status::Ok();
  }
  WriteBatch batch;
  std::string log;

 private:
  void Log(char op, std::string_view a, std::string_view b) {
    log += op;
    log += std::to_string(a.size()) + ":" + std::string(a) + std::to_string(b.size()) + ":" +
           std::string(b);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto batch = WriteBatch::FromContents(input);
  if (!batch.ok()) {
    if (size >= WriteBatch::kHeaderSize || !batch.status().IsCorruption()) std::abort();
    return 0;
  }
  if (batch->Contents() != input) std::abort();
  Rebuilder first;
  Status s = batch->Iterate(&first);
  if (s.ok() != batch->Validate().ok()) std::abort();
  if (!s.ok()) {
    if (!s.IsCorruption()) std::abort();
    return 0;
  }
  first.batch.SetSequence(batch->Sequence());
  if (first.batch.Count() != batch->Count()) std::abort();
  // Lengths may have been encoded non-minimally, so compare records rather than bytes.
  Rebuilder second;
  if (!first.batch.Iterate(&second).ok() || second.log != first.log) std::abort();
  if (first.batch.ApproximateSize() > batch->ApproximateSize()) std::abort();
  return 0;
}
