#include "lsm/merger.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

namespace datacave::lsm {
namespace {

// An iterator over a sorted vector of keys (value = key), for testing.
class VectorIterator final : public Iterator {
 public:
  explicit VectorIterator(std::vector<std::string> keys) : keys_(std::move(keys)) {}
  bool Valid() const override { return pos_ < keys_.size(); }
  void SeekToFirst() override { pos_ = 0; }
  void SeekToLast() override { pos_ = keys_.empty() ? keys_.size() : keys_.size() - 1; }
  void Seek(std::string_view t) override {
    pos_ = static_cast<size_t>(std::lower_bound(keys_.begin(), keys_.end(), t) - keys_.begin());
  }
  void Next() override { pos_++; }
  void Prev() override { pos_ = pos_ == 0 ? keys_.size() : pos_ - 1; }
  std::string_view key() const override { return keys_[pos_]; }
  std::string_view value() const override { return keys_[pos_]; }
  Status status() const override { return Status::Ok(); }

 private:
  std::vector<std::string> keys_;
  size_t pos_ = 0;
};

TEST(MergerTest, RandomWalkMatchesUnionOfChildren) {
  std::mt19937 rng(99);
  for (int round = 0; round < 50; round++) {
    std::set<std::string> all;
    std::vector<std::unique_ptr<Iterator>> children;
    for (int c = 0; c < 3; c++) {
      std::set<std::string> mine;
      for (int i = 0; i < 20; i++) {
        std::string k = std::to_string(rng() % 100);
        if (all.insert(k).second) mine.insert(k);  // keys unique across children
      }
      children.push_back(
          std::make_unique<VectorIterator>(std::vector<std::string>(mine.begin(), mine.end())));
    }
    auto it = NewMergingIterator(BytewiseComparator(), std::move(children));
    auto at = all.end();
    for (int step = 0; step < 200; step++) {
      int what = static_cast<int>(rng() % 5);
      if (what == 0) {
        std::string t = std::to_string(rng() % 100);
        it->Seek(t);
        at = all.lower_bound(t);
      } else if (what == 1) {
        it->SeekToFirst();
        at = all.begin();
      } else if (what == 2) {
        it->SeekToLast();
        at = all.empty() ? all.end() : std::prev(all.end());
      } else if (at == all.end()) {
        continue;
      } else if (what == 3) {
        it->Next();
        ++at;
      } else {
        it->Prev();
        at = at == all.begin() ? all.end() : std::prev(at);
      }
      ASSERT_EQ(it->Valid(), at != all.end()) << "round " << round << " step " << step;
      if (at != all.end()) {
        ASSERT_EQ(it->key(), *at);
      }
    }
  }
}

TEST(MergerTest, EmptyAndSingleChild) {
  auto none = NewMergingIterator(BytewiseComparator(), {});
  none->SeekToFirst();
  EXPECT_FALSE(none->Valid());
  std::vector<std::unique_ptr<Iterator>> one;
  one.push_back(std::make_unique<VectorIterator>(std::vector<std::string>{"a", "b"}));
  auto it = NewMergingIterator(BytewiseComparator(), std::move(one));
  it->SeekToLast();
  EXPECT_EQ(it->key(), "b");
}

}  // namespace
}  // namespace datacave::lsm
