#pragma once

// A block read from a table (or built in memory): immutable, and shared between the block
// cache and every iterator over it.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "lsm/comparator.h"
#include "lsm/iterator.h"

namespace datacave::lsm {

class Block {
 public:
  // Takes the uncompressed block contents (docs/table-format.md, "Blocks"). Never fails:
  // malformed contents give iterators that report Corruption.
  explicit Block(std::string contents);
  // A block over memory it does not own (a table file mapped into memory), which must
  // outlive it.
  static std::shared_ptr<const Block> Unowned(std::string_view contents);

  Block(const Block&) = delete;
  Block& operator=(const Block&) = delete;

  size_t size() const { return data_.size(); }

  // An iterator over block's entries in comparator order, which holds a reference to block
  // so that the block lives as long as the iterator. comparator (not owned) must be the
  // order the block was built in and outlive the iterator. Any malformed content found
  // while iterating ends the iteration with a Corruption status; nothing is read outside
  // the block.
  static std::unique_ptr<Iterator> NewIterator(std::shared_ptr<const Block> block,
                                               const Comparator* comparator);

 private:
  friend class BlockIterator;

  struct UnownedTag {};
  Block(UnownedTag, std::string_view contents);
  void ParseRestarts();

  std::string owned_;            // empty when the block is Unowned
  std::string_view data_;        // the contents: owned_, or memory someone else owns
  uint32_t restart_offset_ = 0;  // where the restart array starts
  uint32_t num_restarts_ = 0;
  bool malformed_ = false;  // the restart array does not fit; nothing else is checked here
};

}  // namespace datacave::lsm
