// Random operations against the DB and a std::map, on the in-memory fault-injecting file
// system; after a clean reopen (and at the end) the two must hold the same data. Each input
// byte pair is one operation: (opcode, argument).

#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>

#include "core/fault_injection_file_system.h"
#include "lsm/db.h"

using namespace datacave;
using namespace datacave::lsm;

namespace {

std::map<std::string, std::string> Contents(DB* db) {
  std::map<std::string, std::string> out;
  auto it = db->NewIterator({});
  for (it->SeekToFirst(); it->Valid(); it->Next()) out.emplace(it->key(), it->value());
  if (!it->status().ok()) std::abort();
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FaultInjectionFileSystem fs;
  Options options;
  options.file_system = &fs;
  options.write_buffer_size = 4 << 10;
  options.block_size = 128;
  options.l0_compaction_trigger = 2;
  options.max_bytes_for_level_base = 8 << 10;
  options.target_file_size = 2 << 10;
  auto opened = DB::Open(options, "/db");
  if (!opened.ok()) std::abort();
  std::unique_ptr<DB> db = std::move(opened).value();
  std::map<std::string, std::string> model;

  for (size_t i = 0; i + 1 < size; i += 2) {
    uint8_t op = data[i] % 7;
    std::string key = "k" + std::to_string(data[i + 1] % 32);
    std::string value(data[i + 1], 'v');
    switch (op) {
      case 0:
      case 1:
        if (!db->Put({}, key, value).ok()) std::abort();
        model[key] = value;
        break;
      case 2:
        if (!db->Delete({}, key).ok()) std::abort();
        model.erase(key);
        break;
      case 3: {
        std::string end = "k" + std::to_string((data[i + 1] / 32) % 32);
        if (!db->DeleteRange({}, key, end).ok()) std::abort();
        for (auto it = model.lower_bound(key); it != model.end() && it->first < end;) {
          it = model.erase(it);
        }
        break;
      }
      case 4:
        if (!db->Flush().ok()) std::abort();
        break;
      case 6: {
        std::string end = "k" + std::to_string((data[i + 1] / 32) % 32);
        if (!db->CompactRange(key, end).ok()) std::abort();
        break;
      }
      case 5:
        db.reset();
        opened = DB::Open(options, "/db");
        if (!opened.ok()) std::abort();
        db = std::move(opened).value();
        if (Contents(db.get()) != model) std::abort();
        break;
    }
  }
  if (Contents(db.get()) != model) std::abort();
  return 0;
}
