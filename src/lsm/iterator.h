#pragma once

// An ordered cursor over key/value pairs: a memtable, a block, a table, a merge of them, or
// the whole database at a snapshot.
//
// Not thread-safe: one thread uses an iterator at a time. key() and value() are views into
// memory the iterator owns; they stay valid only until the next call that moves the
// iterator (Seek*, Next, Prev) or destroys it.

#include <memory>
#include <string_view>

#include "core/status.h"

namespace datacave::lsm {

class Iterator {
 public:
  virtual ~Iterator() = default;

  // True when positioned at an entry.
  virtual bool Valid() const = 0;
  virtual void SeekToFirst() = 0;
  virtual void SeekToLast() = 0;
  // Positions at the first entry with key >= target.
  virtual void Seek(std::string_view target) = 0;
  // REQUIRES: Valid().
  virtual void Next() = 0;
  // REQUIRES: Valid().
  virtual void Prev() = 0;
  // REQUIRES: Valid().
  virtual std::string_view key() const = 0;
  // REQUIRES: Valid().
  virtual std::string_view value() const = 0;
  // Not OK when iteration stopped on an error (corruption, I/O); Valid() is then false.
  virtual Status status() const = 0;
};

// An iterator over nothing, carrying an error (or OK).
std::unique_ptr<Iterator> NewEmptyIterator(Status status = Status::Ok());

}  // namespace datacave::lsm
