#pragma once

// A total order over keys, used by memtables, tables and iterators. The engine stores
// internal keys (user key + sequence number + type) and orders them with a comparator built
// on the user comparator; tables and blocks only ever see a Comparator.
//
// Implementations must be thread-safe and live as long as any table or DB that uses them.

#include <string>
#include <string_view>

namespace datacave::lsm {

class Comparator {
 public:
  virtual ~Comparator() = default;

  // <0, 0 or >0 as a sorts before, equal to, or after b.
  virtual int Compare(std::string_view a, std::string_view b) const = 0;

  // Stored in table files: opening a table written with another order fails.
  virtual std::string_view Name() const = 0;

  // Space savers for index blocks. If *start < limit, may change *start to a shorter string
  // in [*start, limit). Doing nothing is correct.
  virtual void FindShortestSeparator(std::string* start, std::string_view limit) const = 0;
  // May change *key to a shorter string >= *key. Doing nothing is correct.
  virtual void FindShortSuccessor(std::string* key) const = 0;
};

// Lexicographic order of unsigned bytes (memcmp). The order that the key encoding in
// core/key_encoding.h is designed for. A process-wide singleton.
const Comparator* BytewiseComparator();

}  // namespace datacave::lsm
