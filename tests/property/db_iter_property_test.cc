// The read path above the sources: memtables merged by the merging iterator and filtered by
// the DB iterator at a snapshot, with point and range deletions, checked against a model,
// walking forward, backward, seeking and switching direction at random.

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <map>
#include <optional>

#include "lsm/db_iter.h"
#include "lsm/memtable.h"
#include "lsm/merger.h"

namespace datacave::lsm {
namespace {

enum class OpKind { kPut, kDelete, kDeleteRange };
struct Op {
  OpKind kind;
  std::string key;
  std::string end;  // kDeleteRange
  std::string value;
};

rc::Gen<std::string> SmallKey() {
  return rc::gen::container<std::string>(*rc::gen::inRange<size_t>(0, 3),
                                         rc::gen::element('a', 'b', 'c'));
}

// The visible state at snapshot: replay the ops with sequence <= snapshot.
std::map<std::string, std::string> ModelAt(const std::vector<Op>& ops, SequenceNumber snapshot) {
  std::map<std::string, std::string> state;
  for (SequenceNumber s = 1; s <= snapshot && s <= ops.size(); s++) {
    const Op& op = ops[s - 1];
    switch (op.kind) {
      case OpKind::kPut: state[op.key] = op.value; break;
      case OpKind::kDelete: state.erase(op.key); break;
      case OpKind::kDeleteRange:
        for (auto it = state.lower_bound(op.key); it != state.end() && it->first < op.end;) {
          it = state.erase(it);
        }
        break;
    }
  }
  return state;
}

RC_GTEST_PROP(DBIterProperty, MatchesModelInEveryDirection, ()) {
  auto ops = *rc::gen::container<std::vector<Op>>(rc::gen::build<Op>(
      rc::gen::set(&Op::kind,
                   rc::gen::weightedElement<OpKind>(
                       {{6, OpKind::kPut}, {3, OpKind::kDelete}, {1, OpKind::kDeleteRange}})),
      rc::gen::set(&Op::key, SmallKey()), rc::gen::set(&Op::end, SmallKey()),
      rc::gen::set(&Op::value, rc::gen::container<std::string>(rc::gen::element('x', 'y')))));

  InternalKeyComparator icmp(BytewiseComparator());
  // Two memtables, as when one is being flushed: older writes in the second.
  auto older = std::make_shared<MemTable>(&icmp);
  auto newer = std::make_shared<MemTable>(&icmp);
  size_t split = *rc::gen::inRange<size_t>(0, ops.size() + 1);
  for (size_t i = 0; i < ops.size(); i++) {
    MemTable* mem = i < split ? older.get() : newer.get();
    SequenceNumber seq = i + 1;
    const Op& op = ops[i];
    switch (op.kind) {
      case OpKind::kPut: mem->Add(seq, ValueType::kValue, op.key, op.value); break;
      case OpKind::kDelete: mem->Add(seq, ValueType::kDeletion, op.key, ""); break;
      case OpKind::kDeleteRange: mem->Add(seq, ValueType::kRangeDeletion, op.key, op.end); break;
    }
  }
  SequenceNumber snapshot = *rc::gen::inRange<SequenceNumber>(0, ops.size() + 1);
  auto model = ModelAt(ops, snapshot);

  auto make = [&] {
    std::vector<std::unique_ptr<Iterator>> children;
    children.push_back(newer->NewIterator());
    children.push_back(older->NewIterator());
    RangeTombstoneSet tombstones(BytewiseComparator());
    tombstones.AddAll(newer->RangeTombstones());
    tombstones.AddAll(older->RangeTombstones());
    return NewDBIterator(BytewiseComparator(), NewMergingIterator(&icmp, std::move(children)),
                         snapshot, std::move(tombstones), {newer, older});
  };

  // Full scans.
  auto it = make();
  std::vector<std::pair<std::string, std::string>> forward, backward;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    forward.emplace_back(std::string(it->key()), std::string(it->value()));
  }
  for (it->SeekToLast(); it->Valid(); it->Prev()) {
    backward.emplace_back(std::string(it->key()), std::string(it->value()));
  }
  std::vector<std::pair<std::string, std::string>> expected(model.begin(), model.end());
  RC_ASSERT(forward == expected);
  std::reverse(backward.begin(), backward.end());
  RC_ASSERT(backward == expected);
  RC_ASSERT(it->status().ok());

  // A random walk: seeks and steps in both directions, checked step by step.
  auto walk = *rc::gen::container<std::vector<int>>(rc::gen::inRange(0, 5));
  std::optional<std::string> at;  // the model's position; nullopt = invalid
  for (int step : walk) {
    if (step == 0) {
      std::string target = *SmallKey();
      it->Seek(target);
      auto m = model.lower_bound(target);
      at = m == model.end() ? std::nullopt : std::optional<std::string>(m->first);
    } else if (step == 1) {
      it->SeekToFirst();
      at = model.empty() ? std::nullopt : std::optional<std::string>(model.begin()->first);
    } else if (step == 2) {
      it->SeekToLast();
      at = model.empty() ? std::nullopt : std::optional<std::string>(model.rbegin()->first);
    } else if (!at) {
      continue;  // Next/Prev need a valid position
    } else if (step == 3) {
      it->Next();
      auto m = model.upper_bound(*at);
      at = m == model.end() ? std::nullopt : std::optional<std::string>(m->first);
    } else {
      it->Prev();
      auto m = model.lower_bound(*at);
      at = m == model.begin() ? std::nullopt : std::optional<std::string>(std::prev(m)->first);
    }
    RC_ASSERT(it->Valid() == at.has_value());
    if (at) {
      RC_ASSERT(std::string(it->key()) == *at);
      RC_ASSERT(std::string(it->value()) == model[*at]);
    }
  }
}

}  // namespace
}  // namespace datacave::lsm
