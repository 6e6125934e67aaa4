#include "lsm/table/table_builder.h"

#include <cassert>

#include "core/coding.h"
#include "core/crc32c.h"

namespace datacave::lsm {

TableBuilder::TableBuilder(const TableOptions& options, WritableFile* file)
    : options_(options),
      file_(file),
      data_block_(options.block_restart_interval, options.comparator),
      // Index entries are binary-searched one by one: every entry is a restart point.
      index_block_(1, options.comparator) {
  if (options_.bloom_bits_per_key > 0) {
    filter_block_ = std::make_unique<FilterBlockBuilder>(options_.bloom_bits_per_key);
  }
}

TableBuilder::~TableBuilder() {
  assert(closed_ && "a TableBuilder must be finished or abandoned");
}

Status TableBuilder::Add(std::string_view key, std::string_view value) {
  assert(!closed_ && "Add after Finish or Abandon");
  if (!status_.ok()) return status_;
  assert((num_entries_ == 0 || options_.comparator->Compare(key, last_key_) > 0) &&
         "table keys must be added in increasing order");

  if (pending_index_entry_) {
    options_.comparator->FindShortestSeparator(&last_key_, key);
    std::string handle_encoding;
    pending_handle_.EncodeTo(&handle_encoding);
    index_block_.Add(last_key_, handle_encoding);
    pending_index_entry_ = false;
  }
  if (filter_block_ != nullptr) filter_block_->AddKey(FilterKey(options_, key));

  last_key_.assign(key);
  num_entries_++;
  data_block_.Add(key, value);
  if (data_block_.CurrentSizeEstimate() >= options_.block_size) Flush();
  return status_;
}

void TableBuilder::Flush() {
  if (!status_.ok() || data_block_.empty()) return;
  assert(!pending_index_entry_);
  WriteBlock(&data_block_, &pending_handle_);
  if (status_.ok()) {
    pending_index_entry_ = true;
    // Pushes the block towards the file system, in step with the data (as LevelDB does).
    status_ = file_->Flush();
  }
}

void TableBuilder::WriteBlock(BlockBuilder* block, BlockHandle* handle) {
  std::string_view raw = block->Finish();
  if (raw.size() > kMaxBlockSize) {
    status_ = Status::InvalidArgument("table block of " + std::to_string(raw.size()) +
                                      " bytes exceeds the maximum block size");
    return;
  }
  if (CompressBlock(options_.compression, raw, &compressed_)) {
    WriteRawBlock(compressed_, options_.compression, handle);
  } else {
    WriteRawBlock(raw, CompressionType::kNone, handle);
  }
  compressed_.clear();
  block->Reset();
}

void TableBuilder::WriteRawBlock(std::string_view contents, CompressionType type,
                                 BlockHandle* handle) {
  *handle = BlockHandle(offset_, contents.size());
  status_ = file_->Append(contents);
  if (!status_.ok()) return;
  char trailer[kBlockTrailerSize];
  trailer[0] = static_cast<char>(type);
  uint32_t crc = crc32c::Value(contents);
  crc = crc32c::Extend(crc, std::string_view(trailer, 1));  // the type is covered too
  std::string masked;
  PutFixed32(&masked, crc32c::Mask(crc));
  masked.copy(trailer + 1, 4);
  status_ = file_->Append(std::string_view(trailer, kBlockTrailerSize));
  if (status_.ok()) offset_ += contents.size() + kBlockTrailerSize;
}

Status TableBuilder::Finish() {
  assert(!closed_ && "Finish called twice or after Abandon");
  Flush();
  closed_ = true;
  if (!status_.ok()) return status_;

  BlockHandle filter_handle;
  if (filter_block_ != nullptr) {
    // Filters are random bits: compressing them gains nothing.
    WriteRawBlock(filter_block_->Finish(), CompressionType::kNone, &filter_handle);
    if (!status_.ok()) return status_;
  }

  BlockHandle tombstones_handle;
  if (!range_tombstones_.empty()) {
    WriteRawBlock(range_tombstones_, CompressionType::kNone, &tombstones_handle);
    if (!status_.ok()) return status_;
  }

  // The metaindex maps names to meta blocks, in bytewise order of the names.
  BlockBuilder meta_block(1, BytewiseComparator());
  meta_block.Add(kComparatorMetaKey, options_.comparator->Name());
  if (filter_block_ != nullptr) {
    std::string handle_encoding;
    filter_handle.EncodeTo(&handle_encoding);
    meta_block.Add(kBloomFilterMetaKey, handle_encoding);
  }
  if (!range_tombstones_.empty()) {
    std::string handle_encoding;
    tombstones_handle.EncodeTo(&handle_encoding);
    meta_block.Add(kRangeTombstonesMetaKey, handle_encoding);
  }
  BlockHandle metaindex_handle;
  WriteBlock(&meta_block, &metaindex_handle);
  if (!status_.ok()) return status_;

  if (pending_index_entry_) {
    // Past the last key of the table, any key >= it separates.
    options_.comparator->FindShortSuccessor(&last_key_);
    std::string handle_encoding;
    pending_handle_.EncodeTo(&handle_encoding);
    index_block_.Add(last_key_, handle_encoding);
    pending_index_entry_ = false;
  }
  BlockHandle index_handle;
  WriteBlock(&index_block_, &index_handle);
  if (!status_.ok()) return status_;

  std::string footer;
  Footer(metaindex_handle, index_handle).EncodeTo(&footer);
  status_ = file_->Append(footer);
  if (status_.ok()) offset_ += footer.size();
  return status_;
}

void TableBuilder::AddRangeTombstone(std::string_view begin, SequenceNumber sequence,
                                     std::string_view end) {
  assert(!closed_ && "AddRangeTombstone after Finish or Abandon");
  PutLengthPrefixed(&range_tombstones_, begin);
  PutVarint64(&range_tombstones_, sequence);
  PutLengthPrefixed(&range_tombstones_, end);
}

void TableBuilder::Abandon() {
  assert(!closed_ && "Abandon called twice or after Finish");
  closed_ = true;
}

}  // namespace datacave::lsm
