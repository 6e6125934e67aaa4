#pragma once

// Writes a table file (docs/table-format.md): data blocks, a filter block, a metaindex
// block, an index block and a footer, in that order.
//
// Not thread-safe: one thread builds a table.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/file_system.h"
#include "core/status.h"
#include "lsm/dbformat.h"
#include "lsm/table/block_builder.h"
#include "lsm/table/bloom.h"
#include "lsm/table/format.h"
#include "lsm/table/table_options.h"

namespace datacave::lsm {

class TableBuilder {
 public:
  // Appends the table to file, which is not owned, must outlive the builder, and should be
  // empty. The caller syncs and closes the file after Finish().
  TableBuilder(const TableOptions& options, WritableFile* file);

  TableBuilder(const TableBuilder&) = delete;
  TableBuilder& operator=(const TableBuilder&) = delete;

  // REQUIRES: Finish() or Abandon() has been called.
  ~TableBuilder();

  // Adds an entry. The first error (from the file, or a block over kMaxBlockSize) is kept:
  // this and every later call return it, and nothing more is written.
  // REQUIRES: key is larger than every key added before, by options.comparator.
  // REQUIRES: Finish() and Abandon() have not been called.
  Status Add(std::string_view key, std::string_view value);

  // Writes the rest of the table. The file holds a complete table only when this returns
  // OK. REQUIRES: Finish() and Abandon() have not been called.
  Status Finish();

  // Records that user keys in [begin, end) written before `sequence` are deleted. Stored in
  // the table's range tombstone block, in the order added, not in the data blocks.
  // REQUIRES: Finish() and Abandon() have not been called.
  void AddRangeTombstone(std::string_view begin, SequenceNumber sequence, std::string_view end);

  // Gives up on the table: the caller should delete the file.
  // REQUIRES: Finish() and Abandon() have not been called.
  void Abandon();

  // The first error, or OK.
  Status status() const { return status_; }

  uint64_t NumEntries() const { return num_entries_; }

  // Bytes written so far; after a successful Finish(), the size of the table file.
  uint64_t FileSize() const { return offset_; }

 private:
  // Ends the current data block, if it has entries.
  void Flush();
  // Finishes block, compresses and writes it, and resets it.
  void WriteBlock(BlockBuilder* block, BlockHandle* handle);
  void WriteRawBlock(std::string_view contents, CompressionType type, BlockHandle* handle);

  const TableOptions options_;
  WritableFile* const file_;
  uint64_t offset_ = 0;
  Status status_;
  BlockBuilder data_block_;
  BlockBuilder index_block_;
  std::unique_ptr<FilterBlockBuilder> filter_block_;  // null when the table has no filter
  std::string last_key_;
  uint64_t num_entries_ = 0;
  std::string range_tombstones_;  // encoded, see docs/table-format.md
  bool closed_ = false;           // Finish() or Abandon() was called

  // The index entry for a data block is added only when the next block's first key is
  // known, so that its separator can be shorter than the block's last key.
  bool pending_index_entry_ = false;
  BlockHandle pending_handle_;

  std::string compressed_;  // scratch for WriteBlock
};

}  // namespace datacave::lsm
