#include "lsm/table_cache.h"

#include "core/coding.h"
#include "lsm/filename.h"

namespace datacave::lsm {
namespace {

std::string CacheKey(uint64_t number) {
  std::string key;
  PutFixed64(&key, number);
  return key;
}

}  // namespace

TableCache::TableCache(std::string dbname, FileSystem* fs, const TableOptions& table_options,
                       int max_open_files)
    : dbname_(std::move(dbname)),
      fs_(fs),
      table_options_(table_options),
      // Every open table costs 1; one shard keeps the bound exact.
      cache_(NewLruCache(static_cast<size_t>(max_open_files), /*shard_bits=*/0)) {}

Result<std::shared_ptr<const Table>> TableCache::Get(uint64_t number, uint64_t file_size) {
  std::string key = CacheKey(number);
  if (auto cached = cache_->Lookup(key)) return std::static_pointer_cast<const Table>(cached);
  std::string name = TableFileName(dbname_, number);
  DC_ASSIGN_OR_RETURN(auto file, fs_->NewRandomAccessFile(name));
  DC_ASSIGN_OR_RETURN(std::unique_ptr<Table> table,
                      Table::Open(table_options_, std::move(file), file_size, name));
  std::shared_ptr<const Table> shared(std::move(table));
  cache_->Insert(key, shared, 1);
  return shared;
}

Result<std::unique_ptr<Iterator>> TableCache::NewIterator(const ReadOptions& options,
                                                          uint64_t number, uint64_t file_size) {
  DC_ASSIGN_OR_RETURN(auto table, Get(number, file_size));
  return Table::NewPinnedIterator(std::move(table), options);
}

void TableCache::Evict(uint64_t number) {
  cache_->Erase(CacheKey(number));
}

}  // namespace datacave::lsm
