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

namespace {

// Holds the table while iterating over it.
class PinnedTableIterator final : public Iterator {
 public:
  PinnedTableIterator(std::shared_ptr<const Table> table, const ReadOptions& options)
      : table_(std::move(table)), it_(table_->NewIterator(options)) {}
  bool Valid() const override { return it_->Valid(); }
  void SeekToFirst() override { it_->SeekToFirst(); }
  void SeekToLast() override { it_->SeekToLast(); }
  void Seek(std::string_view target) override { it_->Seek(target); }
  void Next() override { it_->Next(); }
  void Prev() override { it_->Prev(); }
  std::string_view key() const override { return it_->key(); }
  std::string_view value() const override { return it_->value(); }
  Status status() const override { return it_->status(); }

 private:
  std::shared_ptr<const Table> table_;
  std::unique_ptr<Iterator> it_;
};

}  // namespace

Result<std::unique_ptr<Iterator>> TableCache::NewIterator(const ReadOptions& options,
                                                          uint64_t number, uint64_t file_size) {
  DC_ASSIGN_OR_RETURN(auto table, Get(number, file_size));
  return std::unique_ptr<Iterator>(new PinnedTableIterator(std::move(table), options));
}

void TableCache::Evict(uint64_t number) {
  cache_->Erase(CacheKey(number));
}

}  // namespace datacave::lsm
