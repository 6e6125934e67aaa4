#pragma once

// An open, immutable table file (docs/table-format.md).
//
// Thread-safe: a Table is immutable after Open and may be read from many threads at once
// (each iterator is used by one thread at a time).

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/file_system.h"
#include "core/status.h"
#include "lsm/dbformat.h"
#include "lsm/iterator.h"
#include "lsm/table/block.h"
#include "lsm/table/bloom.h"
#include "lsm/table/format.h"
#include "lsm/table/table_options.h"

namespace datacave::lsm {

class Table {
 public:
  // Opens the table in file, which is file_size bytes long. file_name names the file in
  // error messages. Reads and verifies the footer, metaindex, filter and index blocks.
  // Corruption (naming the file) when any of them is unreadable; InvalidArgument when the
  // table was written with a comparator of another name than options.comparator.
  // options.filter_on_user_key must be what the table was written with.
  static Result<std::unique_ptr<Table>> Open(const TableOptions& options,
                                             std::unique_ptr<RandomAccessFile> file,
                                             uint64_t file_size, std::string file_name);

  Table(const Table&) = delete;
  Table& operator=(const Table&) = delete;
  ~Table();

  // An iterator over the table's entries. The table must outlive it. Errors (an unreadable
  // or corrupt data block) end the iteration with a status naming the file.
  std::unique_ptr<Iterator> NewIterator(const ReadOptions& options) const;
  // The same, keeping the table alive for as long as the iterator lives.
  static std::unique_ptr<Iterator> NewPinnedIterator(std::shared_ptr<const Table> table,
                                                     const ReadOptions& options);

  // Called with the entry found by InternalGet; the views are valid only during the call.
  using GetCallback = std::function<void(std::string_view key, std::string_view value)>;

  // Finds the first entry with key >= the given key and calls callback with it, unless the
  // bloom filter rules the key out (by FilterKey) or there is no such entry. The entry found
  // may have another key: the caller checks. OK when nothing was found.
  Status InternalGet(const ReadOptions& options, std::string_view key,
                     const GetCallback& callback) const;

  // The approximate offset in the file where the data for key starts (or would start):
  // the offset of the data block that holds it, or the end of the data blocks when key is
  // past the last one.
  uint64_t ApproximateOffsetOf(std::string_view key) const;

  const std::string& file_name() const { return file_name_; }

  // The range tombstones stored in the table (read and validated by Open).
  const std::vector<RangeTombstone>& range_tombstones() const { return range_tombstones_; }

 private:
  Table(const TableOptions& options, std::unique_ptr<RandomAccessFile> file, uint64_t file_size,
        std::string file_name);

  // Reads the data block that an index entry's value locates.
  Result<std::shared_ptr<const Block>> ReadDataBlock(const ReadOptions& options,
                                                     std::string_view index_value) const;
  // Whether the block at handle is stored uncompressed in a mapped file: then it is read in
  // place and never cached, so looking it up in the cache would be wasted.
  bool StoredUncompressed(const BlockHandle& handle) const;
  std::unique_ptr<Iterator> NewDataBlockIterator(const ReadOptions& options,
                                                 std::string_view index_value) const;
  Status ReadMetaIndex(const BlockHandle& handle);
  // The contents of the meta block called name, or nullopt when the table has none.
  Result<std::optional<std::string>> ReadMetaBlock(Iterator* metaindex,
                                                   std::string_view name) const;
  Status DecodeRangeTombstones(std::string_view block);

  const TableOptions options_;
  const std::unique_ptr<RandomAccessFile> file_;
  const uint64_t file_size_;
  const std::string file_name_;
  Footer footer_;
  std::shared_ptr<const Block> index_block_;
  std::unique_ptr<FilterBlockReader> filter_;  // null when the table has no filter
  std::vector<RangeTombstone> range_tombstones_;
  uint64_t cache_id_ = 0;  // prefix of this table's block cache keys
};

}  // namespace datacave::lsm
