#include "lsm/table/table.h"

#include "core/coding.h"
#include "lsm/cache.h"
#include "lsm/table/two_level_iterator.h"

namespace datacave::lsm {

Table::Table(const TableOptions& options, std::unique_ptr<RandomAccessFile> file,
             uint64_t file_size, std::string file_name)
    : options_(options),
      file_(std::move(file)),
      file_size_(file_size),
      file_name_(std::move(file_name)),
      cache_id_(options.block_cache != nullptr ? options.block_cache->NewId() : 0) {}

Table::~Table() = default;

Result<std::unique_ptr<Table>> Table::Open(const TableOptions& options,
                                           std::unique_ptr<RandomAccessFile> file,
                                           uint64_t file_size, std::string file_name) {
  // Not make_unique: the constructor is private.
  std::unique_ptr<Table> table(
      new Table(options, std::move(file), file_size, std::move(file_name)));
  const std::string& name = table->file_name_;
  if (file_size < Footer::kEncodedLength) {
    return Status::Corruption("file is too short to be a table: " + name);
  }
  char footer_space[Footer::kEncodedLength];
  std::string_view footer_input;
  Status s = table->file_->Read(file_size - Footer::kEncodedLength, Footer::kEncodedLength,
                                footer_space, &footer_input);
  if (!s.ok()) return s.WithContext("reading " + name);
  if (footer_input.size() != Footer::kEncodedLength) {
    return Status::Corruption("truncated footer read in " + name);
  }
  s = table->footer_.DecodeFrom(footer_input);
  if (!s.ok()) return s.WithContext(name);

  DC_RETURN_IF_ERROR(table->ReadMetaIndex(table->footer_.metaindex_handle()));

  DC_ASSIGN_OR_RETURN(std::string index_contents,
                      ReadBlock(*table->file_, file_size, name, table->footer_.index_handle(),
                                /*verify_checksums=*/true));
  table->index_block_ = std::make_shared<const Block>(std::move(index_contents));
  return table;
}

Status Table::ReadMetaIndex(const BlockHandle& handle) {
  DC_ASSIGN_OR_RETURN(std::string contents, ReadBlock(*file_, file_size_, file_name_, handle,
                                                      /*verify_checksums=*/true));
  auto block = std::make_shared<const Block>(std::move(contents));
  std::unique_ptr<Iterator> it = Block::NewIterator(block, BytewiseComparator());

  it->Seek(kComparatorMetaKey);
  if (!it->Valid() || it->key() != kComparatorMetaKey) {
    if (!it->status().ok()) return it->status().WithContext(file_name_);
    return Status::Corruption("table has no comparator name: " + file_name_);
  }
  if (it->value() != options_.comparator->Name()) {
    return Status::InvalidArgument("table " + file_name_ + " was written with comparator " +
                                   std::string(it->value()) + ", not " +
                                   std::string(options_.comparator->Name()));
  }

  DC_ASSIGN_OR_RETURN(std::optional<std::string> filter,
                      ReadMetaBlock(it.get(), kBloomFilterMetaKey));
  if (filter) filter_ = std::make_unique<FilterBlockReader>(std::move(*filter));
  DC_ASSIGN_OR_RETURN(std::optional<std::string> tombstones,
                      ReadMetaBlock(it.get(), kRangeTombstonesMetaKey));
  if (tombstones) DC_RETURN_IF_ERROR(DecodeRangeTombstones(*tombstones));
  if (!it->status().ok()) return it->status().WithContext(file_name_);
  return Status::Ok();
}

Result<std::optional<std::string>> Table::ReadMetaBlock(Iterator* metaindex,
                                                        std::string_view name) const {
  metaindex->Seek(name);
  if (!metaindex->Valid() || metaindex->key() != name) {
    if (!metaindex->status().ok()) return metaindex->status().WithContext(file_name_);
    return std::optional<std::string>();  // the table has no such block
  }
  BlockHandle handle;
  std::string_view input = metaindex->value();
  Status s = handle.DecodeFrom(&input);
  if (!s.ok()) return s.WithContext(file_name_);
  DC_ASSIGN_OR_RETURN(std::string contents, ReadBlock(*file_, file_size_, file_name_, handle,
                                                      /*verify_checksums=*/true));
  return std::optional<std::string>(std::move(contents));
}

Status Table::DecodeRangeTombstones(std::string_view block) {
  while (!block.empty()) {
    std::string_view begin, end;
    uint64_t sequence;
    if (!GetLengthPrefixed(&block, &begin) || !GetVarint64(&block, &sequence) ||
        !GetLengthPrefixed(&block, &end) || sequence > kMaxSequenceNumber) {
      range_tombstones_.clear();
      return Status::Corruption("malformed range tombstone block in " + file_name_);
    }
    range_tombstones_.push_back({std::string(begin), std::string(end), sequence});
  }
  return Status::Ok();
}

Result<std::shared_ptr<const Block>> Table::ReadDataBlock(const ReadOptions& options,
                                                          std::string_view index_value) const {
  BlockHandle handle;
  Status s = handle.DecodeFrom(&index_value);
  if (!s.ok()) return s.WithContext("index block of " + file_name_);
  Cache* cache = options_.block_cache;
  std::string cache_key;
  if (cache != nullptr && !StoredUncompressed(handle)) {
    PutFixed64(&cache_key, cache_id_);
    PutFixed64(&cache_key, handle.offset());
    if (auto cached = cache->Lookup(cache_key)) {
      return std::static_pointer_cast<const Block>(std::move(cached));
    }
  }
  DC_ASSIGN_OR_RETURN(BlockContents contents, ReadBlockContents(*file_, file_size_, file_name_,
                                                                handle, options.verify_checksums));
  // A block read straight from a mapped file is already in memory (the page cache): a
  // cached copy would only cost a copy and evict blocks that do need decompressing. Such a
  // block points into the file, so it must not outlive this table (which the block cache
  // could make it do).
  if (contents.in_file) return Block::Unowned(contents.file_view);
  size_t charge = contents.heap.size();
  auto block = std::make_shared<const Block>(std::move(contents.heap));
  if (cache != nullptr && options.fill_cache) cache->Insert(cache_key, block, charge);
  return std::shared_ptr<const Block>(std::move(block));
}

bool Table::StoredUncompressed(const BlockHandle& handle) const {
  // The trailer's type byte, looked at in place.
  const std::string_view mapped = file_->mapped();
  const uint64_t type_at = handle.offset() + handle.size();
  return type_at < mapped.size() &&
         static_cast<uint8_t>(mapped[type_at]) == static_cast<uint8_t>(CompressionType::kNone);
}

std::unique_ptr<Iterator> Table::NewDataBlockIterator(const ReadOptions& options,
                                                      std::string_view index_value) const {
  Result<std::shared_ptr<const Block>> block = ReadDataBlock(options, index_value);
  if (!block.ok()) return NewEmptyIterator(block.status());
  return Block::NewIterator(std::move(block).value(), options_.comparator);
}

std::unique_ptr<Iterator> Table::NewIterator(const ReadOptions& options) const {
  return NewTwoLevelIterator(
      Block::NewIterator(index_block_, options_.comparator),
      [this, options](std::string_view index_value) {
        return NewDataBlockIterator(options, index_value);
      },
      file_name_);
}

std::unique_ptr<Iterator> Table::NewPinnedIterator(std::shared_ptr<const Table> table,
                                                   const ReadOptions& options) {
  const Table* t = table.get();
  // The block function owns the reference: it lives exactly as long as the iterator.
  return NewTwoLevelIterator(
      Block::NewIterator(t->index_block_, t->options_.comparator),
      [table = std::move(table), options](std::string_view index_value) {
        return table->NewDataBlockIterator(options, index_value);
      },
      t->file_name_);
}

Status Table::InternalGet(const ReadOptions& options, std::string_view key,
                          const GetCallback& callback) const {
  if (filter_ != nullptr && !filter_->KeyMayMatch(FilterKey(options_, key))) return Status::Ok();
  std::unique_ptr<Iterator> index = Block::NewIterator(index_block_, options_.comparator);
  index->Seek(key);
  if (!index->Valid()) return index->status().WithContext(file_name_);
  std::unique_ptr<Iterator> block = NewDataBlockIterator(options, index->value());
  block->Seek(key);
  if (block->Valid()) {
    callback(block->key(), block->value());
    return Status::Ok();
  }
  Status s = block->status();
  if (s.ok() || s.message().find(file_name_) != std::string::npos) return s;
  return s.WithContext(file_name_);
}

uint64_t Table::ApproximateOffsetOf(std::string_view key) const {
  std::unique_ptr<Iterator> index = Block::NewIterator(index_block_, options_.comparator);
  index->Seek(key);
  if (index->Valid()) {
    BlockHandle handle;
    std::string_view input = index->value();
    if (handle.DecodeFrom(&input).ok()) return handle.offset();
  }
  // Past the last key, or an unreadable index: the metaindex follows the data blocks.
  return footer_.metaindex_handle().offset();
}

}  // namespace datacave::lsm
