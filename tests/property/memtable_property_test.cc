// The memtable against a model: a map from (user key, sequence) to the entry, read at random
// snapshots, and iterated in full.

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <map>

#include "lsm/memtable.h"

namespace datacave::lsm {
namespace {

struct Op {
  bool is_delete;
  std::string key;
  std::string value;
};

RC_GTEST_PROP(MemTableProperty, GetAtEverySnapshotMatchesModel, ()) {
  // Small key alphabet so that keys repeat and versions pile up.
  auto key_gen = rc::gen::container<std::string>(*rc::gen::inRange<size_t>(0, 4),
                                                 rc::gen::element('a', 'b', '\0', '\xff'));
  auto ops = *rc::gen::container<std::vector<Op>>(rc::gen::build<Op>(
      rc::gen::set(&Op::is_delete, rc::gen::arbitrary<bool>()), rc::gen::set(&Op::key, key_gen),
      rc::gen::set(&Op::value, rc::gen::arbitrary<std::string>())));

  InternalKeyComparator comparator(BytewiseComparator());
  MemTable mem(&comparator);
  // model[key][sequence] = value, or nullopt for a deletion.
  std::map<std::string, std::map<SequenceNumber, std::optional<std::string>>> model;
  SequenceNumber seq = 0;
  for (const Op& op : ops) {
    seq++;
    mem.Add(seq, op.is_delete ? ValueType::kDeletion : ValueType::kValue, op.key,
            op.is_delete ? "" : op.value);
    model[op.key][seq] = op.is_delete ? std::nullopt : std::optional<std::string>(op.value);
  }
  for (SequenceNumber snapshot = 0; snapshot <= seq; snapshot++) {
    for (const auto& [key, versions] : model) {
      std::string value;
      auto got = mem.Get(key, snapshot, &value);
      auto visible = versions.upper_bound(snapshot);
      if (visible == versions.begin()) {
        RC_ASSERT(got.result == MemTable::LookupResult::kNotFound);
        continue;
      }
      --visible;
      RC_ASSERT(got.sequence == visible->first);
      if (visible->second) {
        RC_ASSERT(got.result == MemTable::LookupResult::kFound);
        RC_ASSERT(value == *visible->second);
      } else {
        RC_ASSERT(got.result == MemTable::LookupResult::kDeleted);
      }
    }
  }
  // Full iteration: keys ascending, versions newest first.
  auto it = mem.NewIterator();
  it->SeekToFirst();
  for (const auto& [key, versions] : model) {
    for (auto v = versions.rbegin(); v != versions.rend(); ++v) {
      RC_ASSERT(it->Valid());
      ParsedInternalKey p;
      RC_ASSERT(ParseInternalKey(it->key(), &p));
      RC_ASSERT(p.user_key == key);
      RC_ASSERT(p.sequence == v->first);
      it->Next();
    }
  }
  RC_ASSERT(!it->Valid());
}

}  // namespace
}  // namespace datacave::lsm
