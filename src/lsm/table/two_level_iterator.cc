#include "lsm/table/two_level_iterator.h"

namespace datacave::lsm {
namespace {

class TwoLevelIterator final : public Iterator {
 public:
  TwoLevelIterator(std::unique_ptr<Iterator> index_iter, BlockFunction block_function,
                   std::string error_context)
      : index_iter_(std::move(index_iter)),
        block_function_(std::move(block_function)),
        error_context_(std::move(error_context)) {}

  bool Valid() const override { return data_iter_ != nullptr && data_iter_->Valid(); }
  std::string_view key() const override { return data_iter_->key(); }
  std::string_view value() const override { return data_iter_->value(); }
  Status status() const override { return status_; }

  void Seek(std::string_view target) override {
    if (!status_.ok()) return;
    index_iter_->Seek(target);
    InitDataBlock();
    if (data_iter_ != nullptr) data_iter_->Seek(target);
    SkipEmptyDataBlocksForward();
  }

  void SeekToFirst() override {
    if (!status_.ok()) return;
    index_iter_->SeekToFirst();
    InitDataBlock();
    if (data_iter_ != nullptr) data_iter_->SeekToFirst();
    SkipEmptyDataBlocksForward();
  }

  void SeekToLast() override {
    if (!status_.ok()) return;
    index_iter_->SeekToLast();
    InitDataBlock();
    if (data_iter_ != nullptr) data_iter_->SeekToLast();
    SkipEmptyDataBlocksBackward();
  }

  void Next() override {
    data_iter_->Next();
    SkipEmptyDataBlocksForward();
  }

  void Prev() override {
    data_iter_->Prev();
    SkipEmptyDataBlocksBackward();
  }

 private:
  // Records the first error of either level and ends the iteration. True when there was
  // one.
  bool CheckError() {
    Status s = index_iter_->status();
    if (s.ok() && data_iter_ != nullptr) s = data_iter_->status();
    if (s.ok()) return false;
    // Block reads already name the file; malformed block contents do not.
    const bool named = s.message().find(error_context_) != std::string::npos;
    status_ = named ? std::move(s) : s.WithContext(error_context_);
    data_iter_.reset();
    return true;
  }

  // Opens the block the index iterator is at, or none when it is not valid. A seek that
  // lands in the block already open keeps it rather than fetching it again.
  void InitDataBlock() {
    if (CheckError() || !index_iter_->Valid()) {
      data_iter_.reset();
      return;
    }
    std::string_view handle = index_iter_->value();
    if (data_iter_ != nullptr && handle == data_handle_) return;
    data_iter_ = block_function_(handle);
    data_handle_.assign(handle);
  }

  // Moves past data blocks with nothing left in the direction of travel (an empty block,
  // or one whose keys are all < a Seek target).
  void SkipEmptyDataBlocksForward() {
    while (data_iter_ != nullptr && !data_iter_->Valid()) {
      if (CheckError()) return;
      index_iter_->Next();
      InitDataBlock();
      if (data_iter_ != nullptr) data_iter_->SeekToFirst();
    }
    CheckError();
  }

  void SkipEmptyDataBlocksBackward() {
    while (data_iter_ != nullptr && !data_iter_->Valid()) {
      if (CheckError()) return;
      index_iter_->Prev();
      InitDataBlock();
      if (data_iter_ != nullptr) data_iter_->SeekToLast();
    }
    CheckError();
  }

  std::unique_ptr<Iterator> index_iter_;
  BlockFunction block_function_;
  std::string error_context_;
  std::unique_ptr<Iterator> data_iter_;  // null when not positioned in a block
  std::string data_handle_;              // the index value data_iter_ was opened for
  Status status_;
};

}  // namespace

std::unique_ptr<Iterator> NewTwoLevelIterator(std::unique_ptr<Iterator> index_iter,
                                              BlockFunction block_function,
                                              std::string error_context) {
  return std::make_unique<TwoLevelIterator>(std::move(index_iter), std::move(block_function),
                                            std::move(error_context));
}

}  // namespace datacave::lsm
