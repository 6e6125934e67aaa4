#pragma once

// The table's bloom filter: one filter over every key of a table (or every user key, see
// TableOptions::filter_on_user_key), so that a point read of an absent key usually skips
// the table without reading a data block.
//
// Filter bytes (docs/table-format.md, "Filter block"): a bit array of 8n bits followed by
// one byte holding the number of probes k. A key sets k bits chosen by double hashing of
// one 64-bit hash: bit_i = (h1 + i * h2) mod 8n.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace datacave::lsm {

// The metaindex key of a table's bloom filter block. A reader ignores filters under other
// names, so a future filter format gets a new name.
constexpr std::string_view kBloomFilterMetaKey = "filter.datacave.Bloom";

// The hash the filter probes with; stable across versions because it is on disk.
uint64_t BloomHash(std::string_view key);

class BloomFilterPolicy {
 public:
  // ~0.69 * bits_per_key probes minimize false positives; bits_per_key is clamped to
  // [1, 100] (a filter of 0 bits per key is no filter: see TableOptions).
  explicit BloomFilterPolicy(int bits_per_key = 10);

  int bits_per_key() const { return bits_per_key_; }

  // Appends a filter over the keys with these hashes (BloomHash of each key) to *dst.
  void CreateFilter(const std::vector<uint64_t>& hashes, std::string* dst) const;

  // False only when the key was certainly not in the set the filter was built over. Any
  // malformed filter matches everything.
  static bool KeyMayMatch(std::string_view key, std::string_view filter);

 private:
  int bits_per_key_;
  int num_probes_;
};

// Collects the keys of a table and builds its filter block. Not thread-safe.
class FilterBlockBuilder {
 public:
  explicit FilterBlockBuilder(int bits_per_key) : policy_(bits_per_key) {}

  // Keys may come in any order and repeat (several versions of one user key).
  void AddKey(std::string_view key);

  // The filter block contents. REQUIRES: called once.
  std::string Finish();

 private:
  BloomFilterPolicy policy_;
  // Hashes rather than keys: 8 bytes per key while the table is built. Consecutive
  // duplicates (versions of one user key) are stored once.
  std::vector<uint64_t> hashes_;
};

// Answers filter queries over a filter block's contents, which it owns.
class FilterBlockReader {
 public:
  explicit FilterBlockReader(std::string contents) : contents_(std::move(contents)) {}

  bool KeyMayMatch(std::string_view key) const {
    return BloomFilterPolicy::KeyMayMatch(key, contents_);
  }

 private:
  std::string contents_;
};

}  // namespace datacave::lsm
