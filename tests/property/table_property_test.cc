// Model-based properties of the block and table formats: whatever sorted map is written,
// with whatever block size, restart interval and compression, reads back as the same map
// forward, backward and by Seek (against std::map::lower_bound).

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <map>
#include <string>

#include "lsm/table/block.h"
#include "lsm/table/block_builder.h"
#include "lsm/table/table.h"
#include "lsm/table/table_builder.h"
#include "support/memory_file.h"

namespace datacave::lsm {
namespace {

using Model = std::map<std::string, std::string>;

// Keys over a small alphabet, so that they share prefixes and hit the edge bytes.
rc::Gen<std::string> KeyGen() {
  return rc::gen::container<std::string>(rc::gen::element('a', 'b', 'c', '\0', '\xff'));
}

rc::Gen<Model> ModelGen() {
  return rc::gen::container<Model>(KeyGen(), rc::gen::arbitrary<std::string>());
}

// Checks that it yields exactly model, both ways, and that Seek agrees with lower_bound.
void CheckIterator(Iterator* it, const Model& model, const std::vector<std::string>& targets) {
  it->SeekToFirst();
  for (const auto& [k, v] : model) {
    RC_ASSERT(it->Valid());
    RC_ASSERT(it->key() == k);
    RC_ASSERT(it->value() == v);
    it->Next();
  }
  RC_ASSERT(!it->Valid());
  it->SeekToLast();
  for (auto m = model.rbegin(); m != model.rend(); ++m) {
    RC_ASSERT(it->Valid());
    RC_ASSERT(it->key() == m->first);
    RC_ASSERT(it->value() == m->second);
    it->Prev();
  }
  RC_ASSERT(!it->Valid());
  for (const std::string& target : targets) {
    it->Seek(target);
    auto expected = model.lower_bound(target);
    if (expected == model.end()) {
      RC_ASSERT(!it->Valid());
    } else {
      RC_ASSERT(it->Valid());
      RC_ASSERT(it->key() == expected->first);
      RC_ASSERT(it->value() == expected->second);
    }
  }
  RC_ASSERT(it->status().ok());
}

std::vector<std::string> SeekTargets(const Model& model) {
  std::vector<std::string> targets = *rc::gen::container<std::vector<std::string>>(KeyGen());
  for (const auto& entry : model) targets.push_back(entry.first);
  return targets;
}

RC_GTEST_PROP(TableProperty, BlockRoundTrips, ()) {
  const Model model = *ModelGen();
  const int restart_interval = *rc::gen::inRange(1, 20);
  BlockBuilder builder(restart_interval, BytewiseComparator());
  for (const auto& [k, v] : model) builder.Add(k, v);
  const size_t estimate = builder.CurrentSizeEstimate();
  auto block = std::make_shared<const Block>(std::string(builder.Finish()));
  RC_ASSERT(estimate == block->size());
  auto it = Block::NewIterator(block, BytewiseComparator());
  CheckIterator(it.get(), model, SeekTargets(model));
}

RC_GTEST_PROP(TableProperty, TableRoundTrips, ()) {
  const Model model = *ModelGen();
  TableOptions options;
  options.block_size = *rc::gen::inRange<size_t>(1, 2000);
  options.block_restart_interval = *rc::gen::inRange(1, 20);
  options.compression =
      *rc::gen::element(CompressionType::kNone, CompressionType::kLz4, CompressionType::kZstd);
  options.bloom_bits_per_key = *rc::gen::inRange(0, 16);

  std::string contents;
  testing::StringTableSink sink(&contents);
  TableBuilder builder(options, &sink);
  for (const auto& [k, v] : model) RC_ASSERT(builder.Add(k, v).ok());
  RC_ASSERT(builder.Finish().ok());
  RC_ASSERT(builder.FileSize() == contents.size());

  const uint64_t size = contents.size();
  auto table =
      Table::Open(options, std::make_unique<testing::StringRandomAccessFile>(std::move(contents)),
                  size, "property.sst");
  RC_ASSERT(table.ok());
  auto it = (*table)->NewIterator(ReadOptions());
  const std::vector<std::string> targets = SeekTargets(model);
  CheckIterator(it.get(), model, targets);

  // Point reads: present keys always pass the filter; every hit is lower_bound.
  for (const std::string& target : targets) {
    auto expected = model.lower_bound(target);
    bool called = false;
    Status s = (*table)->InternalGet(ReadOptions(), target,
                                     [&](std::string_view key, std::string_view value) {
                                       called = true;
                                       RC_ASSERT(expected != model.end());
                                       RC_ASSERT(key == expected->first);
                                       RC_ASSERT(value == expected->second);
                                     });
    RC_ASSERT(s.ok());
    if (model.count(target) != 0) RC_ASSERT(called);
  }
}

}  // namespace
}  // namespace datacave::lsm
