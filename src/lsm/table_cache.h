#pragma once

// Open tables, by file number, so that reads do not reopen (and re-read the index and filter
// of) a table each time. Bounded by max_open_files; least recently used tables are closed.
// Thread-safe.

#include <cstdint>
#include <memory>
#include <string>

#include "lsm/cache.h"
#include "lsm/options.h"
#include "lsm/table/table.h"

namespace datacave::lsm {

class TableCache {
 public:
  // table_options is copied; its pointers (comparator, block cache) must outlive the cache.
  TableCache(std::string dbname, FileSystem* fs, const TableOptions& table_options,
             int max_open_files);

  // The open table for file `number` of `file_size` bytes; opens it when needed. The table
  // stays usable while the pointer is held, even if the cache closes it meanwhile.
  Result<std::shared_ptr<const Table>> Get(uint64_t number, uint64_t file_size);

  // An iterator over the table that keeps it open for as long as the iterator lives.
  Result<std::unique_ptr<Iterator>> NewIterator(const ReadOptions& options, uint64_t number,
                                                uint64_t file_size);

  // Forgets the table (its file is being deleted).
  void Evict(uint64_t number);

  const TableOptions& table_options() const { return table_options_; }

 private:
  const std::string dbname_;
  FileSystem* const fs_;
  const TableOptions table_options_;
  std::unique_ptr<Cache> cache_;
};

}  // namespace datacave::lsm
