// The whole engine against a std::map, through a fault-injecting file system: random puts,
// deletes, range deletes and batches (some synced), reads, iteration both ways, snapshots,
// flushes, clean reopens, and crashes that drop every unsynced byte and directory entry (and
// may tear the last write). After a crash the database must open cleanly, hold every
// synced or flushed write, and equal the model at some point no earlier than that: never a
// partly applied batch, never a hole.

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
#include <spdlog/spdlog.h>

#include <map>
#include <ostream>

#include "core/fault_injection_file_system.h"
#include "lsm/db.h"

namespace datacave::lsm {
namespace {

using Model = std::map<std::string, std::string>;

enum class OpKind {
  kPut,
  kDelete,
  kDeleteRange,
  kBatch,
  kGet,
  kScan,
  kSnapshot,
  kReadSnapshot,
  kFlush,
  kCompact,
  kSeek,
  kReopen,
  kCrash
};

struct Op {
  OpKind kind;
  std::string key;
  std::string end;
  std::string value;
  bool sync = false;
  uint64_t seed = 0;
};

// How RapidCheck prints a counterexample: one line per operation.
void showValue(const Op& op, std::ostream& os) {
  static const char* const kNames[] = {"Put",  "Delete",   "DeleteRange",  "Batch", "Get",
                                       "Scan", "Snapshot", "ReadSnapshot", "Flush", "Compact",
                                       "Seek", "Reopen",   "Crash"};
  os << "\n  " << kNames[static_cast<int>(op.kind)] << " key=" << op.key << " end=" << op.end
     << " value_size=" << op.value.size() << " sync=" << op.sync << " seed=" << op.seed;
}

rc::Gen<std::string> Key() {
  return rc::gen::map(rc::gen::inRange(0, 40), [](int i) {
    return "k" + std::string(1, static_cast<char>('a' + i / 10)) + std::to_string(i % 10);
  });
}

rc::Gen<Op> AnyOp() {
  return rc::gen::build<Op>(
      rc::gen::set(&Op::kind, rc::gen::weightedElement<OpKind>({{20, OpKind::kPut},
                                                                {6, OpKind::kDelete},
                                                                {2, OpKind::kDeleteRange},
                                                                {4, OpKind::kBatch},
                                                                {6, OpKind::kGet},
                                                                {2, OpKind::kScan},
                                                                {2, OpKind::kSnapshot},
                                                                {2, OpKind::kReadSnapshot},
                                                                {2, OpKind::kFlush},
                                                                {2, OpKind::kCompact},
                                                                {3, OpKind::kSeek},
                                                                {1, OpKind::kReopen},
                                                                {2, OpKind::kCrash}})),
      rc::gen::set(&Op::key, Key()), rc::gen::set(&Op::end, Key()),
      rc::gen::set(&Op::value, rc::gen::map(rc::gen::inRange(0, 300),
                                            [](int n) {
                                              return std::string(static_cast<size_t>(n), 'v') + "!";
                                            })),
      rc::gen::set(&Op::sync, rc::gen::arbitrary<bool>()),
      rc::gen::set(&Op::seed, rc::gen::arbitrary<uint64_t>()));
}

Model Scan(DB* db, const Snapshot* snapshot, bool backward) {
  ReadOptions ro;
  ro.snapshot = snapshot;
  auto it = db->NewIterator(ro);
  Model out;
  if (backward) {
    for (it->SeekToLast(); it->Valid(); it->Prev()) out.emplace(it->key(), it->value());
  } else {
    for (it->SeekToFirst(); it->Valid(); it->Next()) out.emplace(it->key(), it->value());
  }
  RC_ASSERT(it->status().ok());
  return out;
}

RC_GTEST_PROP(DBModelProperty, MatchesMapThroughCrashesAndReopens, ()) {
  auto ops = *rc::gen::container<std::vector<Op>>(AnyOp());
  spdlog::set_level(spdlog::level::err);  // torn tails are expected here, not news
  FaultInjectionFileSystem fs;
  Options options;
  options.file_system = &fs;
  options.write_buffer_size = 1 << 10;  // a flush every few writes
  options.block_size = 256;
  options.block_cache_size = 64 << 10;
  // Tiny levels, so that compactions run often and data moves down several levels.
  options.l0_compaction_trigger = 2;
  options.max_bytes_for_level_base = 16 << 10;
  options.target_file_size = 4 << 10;
  auto opened = DB::Open(options, "/db");
  RC_ASSERT(opened.ok());
  std::unique_ptr<DB> db = std::move(opened).value();

  Model model;
  // Every state since the last point where all of it was durable; a crash may recover any.
  std::vector<Model> since_durable = {model};
  std::vector<std::pair<std::shared_ptr<const Snapshot>, Model>> snapshots;

  auto apply_write = [&](WriteBatch* batch, bool sync, const std::function<void(Model&)>& f) {
    RC_ASSERT(db->Write(WriteOptions{.sync = sync}, batch).ok());
    f(model);
    if (sync) since_durable.clear();
    since_durable.push_back(model);
  };

  for (const Op& op : ops) {
    switch (op.kind) {
      case OpKind::kPut: {
        WriteBatch b;
        b.Put(op.key, op.value);
        apply_write(&b, op.sync, [&](Model& m) { m[op.key] = op.value; });
        break;
      }
      case OpKind::kDelete: {
        WriteBatch b;
        b.Delete(op.key);
        apply_write(&b, op.sync, [&](Model& m) { m.erase(op.key); });
        break;
      }
      case OpKind::kDeleteRange: {
        WriteBatch b;
        b.DeleteRange(op.key, op.end);
        apply_write(&b, op.sync, [&](Model& m) {
          for (auto it = m.lower_bound(op.key); it != m.end() && it->first < op.end;) {
            it = m.erase(it);
          }
        });
        break;
      }
      case OpKind::kBatch: {
        // A put, a delete and a put of related keys: recovery must never show part of it.
        WriteBatch b;
        b.Put(op.key, op.value);
        b.Delete(op.end);
        b.Put(op.end + "x", op.value);
        apply_write(&b, op.sync, [&](Model& m) {
          m[op.key] = op.value;
          m.erase(op.end);
          m[op.end + "x"] = op.value;
        });
        break;
      }
      case OpKind::kGet: {
        std::string value;
        Status s = db->Get({}, op.key, &value);
        auto expected = model.find(op.key);
        if (expected == model.end()) {
          RC_ASSERT(s.IsNotFound());
        } else {
          RC_ASSERT(s.ok());
          RC_ASSERT(value == expected->second);
        }
        break;
      }
      case OpKind::kScan: RC_ASSERT(Scan(db.get(), nullptr, op.sync) == model); break;
      case OpKind::kSnapshot: snapshots.emplace_back(db->GetSnapshot(), model); break;
      case OpKind::kReadSnapshot:
        if (!snapshots.empty()) {
          const auto& [snapshot, at] = snapshots[op.seed % snapshots.size()];
          RC_ASSERT(Scan(db.get(), snapshot.get(), op.sync) == at);
        }
        break;
      case OpKind::kFlush:
        RC_ASSERT(db->Flush().ok());
        since_durable = {model};
        break;
      case OpKind::kCompact: {
        // Bounds from the op, either of them sometimes open.
        std::optional<std::string_view> begin, end;
        if (op.seed % 3 != 0) begin = op.key;
        if (op.seed % 5 != 0) end = op.end;
        RC_ASSERT(db->CompactRange(begin, end).ok());
        since_durable = {model};  // it flushes first
        RC_ASSERT(Scan(db.get(), nullptr, false) == model);
        break;
      }
      case OpKind::kSeek: {
        auto it = db->NewIterator({});
        it->Seek(op.key);
        auto want = model.lower_bound(op.key);
        // Walk a few entries each way from the seek position.
        for (int step = 0; step < 3 && want != model.end(); step++, ++want) {
          RC_ASSERT(it->Valid());
          RC_ASSERT(it->key() == want->first);
          RC_ASSERT(it->value() == want->second);
          it->Next();
        }
        if (want == model.end()) RC_ASSERT(!it->Valid());
        RC_ASSERT(it->status().ok());
        break;
      }
      case OpKind::kReopen:
      case OpKind::kCrash: {
        snapshots.clear();
        db.reset();
        if (op.kind == OpKind::kCrash) {
          CrashOptions crash;
          if (op.sync) crash.torn_write_seed = op.seed;
          fs.SimulateCrash(crash);
        } else {
          since_durable = {model};  // a clean close loses nothing
        }
        auto reopened = DB::Open(options, "/db");
        RC_ASSERT(reopened.ok());
        db = std::move(reopened).value();
        Model recovered = Scan(db.get(), nullptr, false);
        bool allowed = false;
        for (const Model& candidate : since_durable) allowed = allowed || candidate == recovered;
        RC_ASSERT(allowed);
        model = recovered;
        since_durable = {model};
        break;
      }
    }
  }
  RC_ASSERT(Scan(db.get(), nullptr, false) == model);
  RC_TAG(db->GetStatistics().compactions > 0 ? "compacted" : "no compaction");
}

}  // namespace
}  // namespace datacave::lsm
