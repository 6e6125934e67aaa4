#include "lsm/table/bloom.h"

#include <algorithm>

#include "core/coding.h"

namespace datacave::lsm {
namespace {

constexpr int kMaxProbes = 30;

// The splitmix64 finalizer: every input bit affects every output bit.
uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

}  // namespace

uint64_t BloomHash(std::string_view key) {
  uint64_t h = 0x9e3779b97f4a7c15ull ^ (key.size() * 0xff51afd7ed558ccdull);
  size_t i = 0;
  for (; i + 8 <= key.size(); i += 8) h = Mix(h ^ DecodeFixed64(key.data() + i));
  uint64_t tail = 0;
  for (size_t j = 0; i + j < key.size(); j++) {
    tail |= uint64_t{static_cast<uint8_t>(key[i + j])} << (8 * j);
  }
  return Mix(h ^ tail ^ 0x2545f4914f6cdd1dull);
}

BloomFilterPolicy::BloomFilterPolicy(int bits_per_key)
    : bits_per_key_(std::clamp(bits_per_key, 1, 100)),
      // Rounding down saves a little probing time at almost no cost in accuracy.
      num_probes_(std::clamp(bits_per_key_ * 69 / 100, 1, kMaxProbes)) {}

void BloomFilterPolicy::CreateFilter(const std::vector<uint64_t>& hashes, std::string* dst) const {
  // Tiny filters have a high false-positive rate whatever their bits per key: use 64 bits.
  const uint64_t bits =
      std::max<uint64_t>(uint64_t{hashes.size()} * static_cast<uint64_t>(bits_per_key_), 64);
  const size_t bytes = static_cast<size_t>((bits + 7) / 8);
  const uint64_t num_bits = uint64_t{bytes} * 8;

  const size_t start = dst->size();
  dst->resize(start + bytes, '\0');
  dst->push_back(static_cast<char>(num_probes_));
  char* array = dst->data() + start;
  for (uint64_t h : hashes) {
    // Double hashing (Kirsch and Mitzenmacher): two halves of one hash give k probes.
    const uint64_t delta = (h >> 32) | 1;  // odd, so that probes do not repeat early
    uint64_t probe = h & 0xffffffffu;
    for (int i = 0; i < num_probes_; i++) {
      const uint64_t bit = probe % num_bits;
      array[bit / 8] = static_cast<char>(array[bit / 8] | (1 << (bit % 8)));
      probe += delta;
    }
  }
}

bool BloomFilterPolicy::KeyMayMatch(std::string_view key, std::string_view filter) {
  if (filter.size() < 2) return true;
  const int num_probes = static_cast<uint8_t>(filter.back());
  // Reserved for other encodings: do not filter.
  if (num_probes < 1 || num_probes > kMaxProbes) return true;
  const uint64_t num_bits = uint64_t{filter.size() - 1} * 8;
  const uint64_t h = BloomHash(key);
  const uint64_t delta = (h >> 32) | 1;
  uint64_t probe = h & 0xffffffffu;
  for (int i = 0; i < num_probes; i++) {
    const uint64_t bit = probe % num_bits;
    if ((static_cast<uint8_t>(filter[bit / 8]) & (1u << (bit % 8))) == 0) return false;
    probe += delta;
  }
  return true;
}

void FilterBlockBuilder::AddKey(std::string_view key) {
  const uint64_t h = BloomHash(key);
  if (hashes_.empty() || hashes_.back() != h) hashes_.push_back(h);
}

std::string FilterBlockBuilder::Finish() {
  std::string result;
  policy_.CreateFilter(hashes_, &result);
  hashes_.clear();
  hashes_.shrink_to_fit();
  return result;
}

}  // namespace datacave::lsm
