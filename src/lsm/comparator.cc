#include "lsm/comparator.h"

#include <algorithm>

namespace datacave::lsm {
namespace {

class BytewiseComparatorImpl final : public Comparator {
 public:
  int Compare(std::string_view a, std::string_view b) const override { return a.compare(b); }

  std::string_view Name() const override { return "datacave.BytewiseComparator"; }

  void FindShortestSeparator(std::string* start, std::string_view limit) const override {
    // Skip the common prefix, then try to bump the first differing byte of *start.
    size_t min_length = std::min(start->size(), limit.size());
    size_t diff = 0;
    while (diff < min_length && (*start)[diff] == limit[diff]) diff++;
    if (diff >= min_length) return;  // one is a prefix of the other
    auto byte = static_cast<uint8_t>((*start)[diff]);
    if (byte < 0xff && byte + 1 < static_cast<uint8_t>(limit[diff])) {
      (*start)[diff] = static_cast<char>(byte + 1);
      start->resize(diff + 1);
    }
  }

  void FindShortSuccessor(std::string* key) const override {
    // The first byte that can be incremented, and nothing after it.
    for (size_t i = 0; i < key->size(); i++) {
      auto byte = static_cast<uint8_t>((*key)[i]);
      if (byte != 0xff) {
        (*key)[i] = static_cast<char>(byte + 1);
        key->resize(i + 1);
        return;
      }
    }
  }
};

}  // namespace

const Comparator* BytewiseComparator() {
  static const BytewiseComparatorImpl* comparator = new BytewiseComparatorImpl();
  return comparator;
}

}  // namespace datacave::lsm
