#include "lsm/table/block.h"

#include "core/coding.h"

namespace datacave::lsm {

Block::Block(std::string contents) : owned_(std::move(contents)), data_(owned_) {
  ParseRestarts();
}

Block::Block(UnownedTag, std::string_view contents) : data_(contents) {
  ParseRestarts();
}

std::shared_ptr<const Block> Block::Unowned(std::string_view contents) {
  return std::shared_ptr<const Block>(new Block(UnownedTag{}, contents));
}

void Block::ParseRestarts() {
  constexpr size_t kU32 = sizeof(uint32_t);
  if (data_.size() < kU32 || data_.size() > UINT32_MAX) {
    malformed_ = true;
    return;
  }
  num_restarts_ = DecodeFixed32(data_.data() + data_.size() - kU32);
  // The builder always writes at least one restart point (offset 0).
  const size_t max_restarts = (data_.size() - kU32) / kU32;
  if (num_restarts_ == 0 || num_restarts_ > max_restarts) {
    malformed_ = true;
    return;
  }
  restart_offset_ = static_cast<uint32_t>(data_.size() - (size_t{num_restarts_} + 1) * kU32);
}

// Positions are byte offsets into the block. An invalid iterator has current_ ==
// restarts_. Every offset read from the block (restart points, entry lengths) is checked
// against restarts_ before it is used.
class BlockIterator final : public Iterator {
 public:
  BlockIterator(std::shared_ptr<const Block> block, const Comparator* comparator)
      : block_(std::move(block)),
        comparator_(comparator),
        data_(block_->data_.data()),
        restarts_(block_->restart_offset_),
        num_restarts_(block_->num_restarts_),
        current_(restarts_),
        restart_index_(num_restarts_) {
    if (block_->malformed_) status_ = Status::Corruption("malformed block: bad restart array");
  }

  bool Valid() const override { return current_ < restarts_; }
  Status status() const override { return status_; }
  std::string_view key() const override { return key_; }
  std::string_view value() const override { return value_; }

  void Next() override { ParseNextKey(); }

  void Prev() override {
    const uint32_t original = current_;
    // Back up to the last restart point before the current entry, then scan forward to the
    // entry just before it.
    while (RestartPoint(restart_index_) >= original) {
      if (restart_index_ == 0) {  // no entry before the first
        Invalidate();
        return;
      }
      restart_index_--;
    }
    if (!SeekToRestartPoint(restart_index_)) return;
    do {
      if (!ParseNextKey()) return;
    } while (NextEntryOffset() < original);
  }

  void Seek(std::string_view target) override {
    if (!status_.ok()) return;
    // Binary search for the last restart point whose key is < target. Restart points hold
    // full keys (shared == 0).
    uint32_t left = 0;
    uint32_t right = num_restarts_ - 1;
    while (left < right) {
      const uint32_t mid = left + (right - left + 1) / 2;
      const uint32_t offset = RestartPoint(mid);
      std::string_view entry;
      uint32_t shared, non_shared, value_length;
      if (offset >= restarts_ ||
          !DecodeEntry(offset, &shared, &non_shared, &value_length, &entry) || shared != 0) {
        Corrupt("bad restart point");
        return;
      }
      if (comparator_->Compare(entry.substr(0, non_shared), target) < 0) {
        left = mid;
      } else {
        right = mid - 1;
      }
    }
    if (!SeekToRestartPoint(left)) return;
    while (ParseNextKey()) {
      if (comparator_->Compare(key_, target) >= 0) return;
    }
  }

  void SeekToFirst() override {
    if (!status_.ok()) return;
    if (SeekToRestartPoint(0)) ParseNextKey();
  }

  void SeekToLast() override {
    if (!status_.ok()) return;
    if (!SeekToRestartPoint(num_restarts_ - 1)) return;
    while (ParseNextKey() && NextEntryOffset() < restarts_) {
    }
  }

 private:
  uint32_t RestartPoint(uint32_t index) const {
    return DecodeFixed32(data_ + restarts_ + size_t{index} * sizeof(uint32_t));
  }

  // The offset just past the current entry (value_ is always its last field).
  uint32_t NextEntryOffset() const {
    return static_cast<uint32_t>(value_.data() - data_) + static_cast<uint32_t>(value_.size());
  }

  void Invalidate() {
    current_ = restarts_;
    restart_index_ = num_restarts_;
    key_.clear();
    value_ = {};
  }

  void Corrupt(std::string_view what) {
    status_ = Status::Corruption("malformed block: " + std::string(what));
    Invalidate();
  }

  // Positions just before the entry at restart point index: the next ParseNextKey reads it.
  bool SeekToRestartPoint(uint32_t index) {
    key_.clear();
    restart_index_ = index;
    const uint32_t offset = RestartPoint(index);
    if (offset > restarts_) {
      Corrupt("restart point out of range");
      return false;
    }
    value_ = std::string_view(data_ + offset, 0);
    return true;
  }

  // Decodes the entry header at offset. *entry is the key delta followed by the value.
  bool DecodeEntry(uint32_t offset, uint32_t* shared, uint32_t* non_shared, uint32_t* value_length,
                   std::string_view* entry) const {
    std::string_view in(data_ + offset, restarts_ - offset);
    if (!GetVarint32(&in, shared) || !GetVarint32(&in, non_shared) ||
        !GetVarint32(&in, value_length)) {
      return false;
    }
    if (uint64_t{*non_shared} + *value_length > in.size()) return false;
    *entry = in.substr(0, size_t{*non_shared} + *value_length);
    return true;
  }

  bool ParseNextKey() {
    current_ = NextEntryOffset();
    if (current_ >= restarts_) {  // no more entries
      Invalidate();
      return false;
    }
    std::string_view entry;
    uint32_t shared, non_shared, value_length;
    if (!DecodeEntry(current_, &shared, &non_shared, &value_length, &entry) ||
        shared > key_.size()) {
      Corrupt("bad entry");
      return false;
    }
    key_.resize(shared);
    key_.append(entry.substr(0, non_shared));
    value_ = entry.substr(non_shared);
    while (restart_index_ + 1 < num_restarts_ && RestartPoint(restart_index_ + 1) < current_) {
      restart_index_++;
    }
    return true;
  }

  const std::shared_ptr<const Block> block_;
  const Comparator* const comparator_;
  const char* const data_;
  const uint32_t restarts_;
  const uint32_t num_restarts_;

  uint32_t current_;        // offset of the current entry
  uint32_t restart_index_;  // the restart point at or before current_
  std::string key_;
  std::string_view value_;
  Status status_;
};

std::unique_ptr<Iterator> Block::NewIterator(std::shared_ptr<const Block> block,
                                             const Comparator* comparator) {
  return std::make_unique<BlockIterator>(std::move(block), comparator);
}

}  // namespace datacave::lsm
