#include "lsm/merger.h"

namespace datacave::lsm {
namespace {

// A linear scan over the children per step: the number of children is small (memtables +
// L0 files + one per level), and the scan avoids a heap's bookkeeping on direction changes.
class MergingIterator final : public Iterator {
 public:
  MergingIterator(const Comparator* comparator, std::vector<std::unique_ptr<Iterator>> children)
      : comparator_(comparator), children_(std::move(children)) {}

  bool Valid() const override { return current_ != nullptr; }

  void SeekToFirst() override {
    for (auto& child : children_) child->SeekToFirst();
    FindSmallest();
    direction_ = Direction::kForward;
  }

  void SeekToLast() override {
    for (auto& child : children_) child->SeekToLast();
    FindLargest();
    direction_ = Direction::kReverse;
  }

  void Seek(std::string_view target) override {
    for (auto& child : children_) child->Seek(target);
    FindSmallest();
    direction_ = Direction::kForward;
  }

  void Next() override {
    // Moving forward after moving backward: every other child must first be positioned
    // after key(); they currently sit before it.
    if (direction_ != Direction::kForward) {
      std::string key(current_->key());
      for (auto& child : children_) {
        if (child.get() == current_) continue;
        child->Seek(key);
        if (child->Valid() && comparator_->Compare(key, child->key()) == 0) child->Next();
      }
      direction_ = Direction::kForward;
    }
    current_->Next();
    FindSmallest();
  }

  void Prev() override {
    // The mirror image: every other child must sit before key().
    if (direction_ != Direction::kReverse) {
      std::string key(current_->key());
      for (auto& child : children_) {
        if (child.get() == current_) continue;
        child->Seek(key);
        if (child->Valid()) {
          child->Prev();  // the last entry < key
        } else {
          child->SeekToLast();  // every entry is < key
        }
      }
      direction_ = Direction::kReverse;
    }
    current_->Prev();
    FindLargest();
  }

  std::string_view key() const override { return current_->key(); }
  std::string_view value() const override { return current_->value(); }

  Status status() const override {
    for (const auto& child : children_) {
      Status s = child->status();
      if (!s.ok()) return s;
    }
    return Status::Ok();
  }

 private:
  enum class Direction { kForward, kReverse };

  // Ties go to the earliest child, so that newer sources (listed first) come first.
  void FindSmallest() {
    current_ = nullptr;
    for (auto& child : children_) {
      if (child->Valid() &&
          (current_ == nullptr || comparator_->Compare(child->key(), current_->key()) < 0)) {
        current_ = child.get();
      }
    }
  }

  // Backward, ties go to the latest child, which is the mirror of the forward order.
  void FindLargest() {
    current_ = nullptr;
    for (auto it = children_.rbegin(); it != children_.rend(); ++it) {
      Iterator* child = it->get();
      if (child->Valid() &&
          (current_ == nullptr || comparator_->Compare(child->key(), current_->key()) > 0)) {
        current_ = child;
      }
    }
  }

  const Comparator* comparator_;
  std::vector<std::unique_ptr<Iterator>> children_;
  Iterator* current_ = nullptr;
  Direction direction_ = Direction::kForward;
};

}  // namespace

std::unique_ptr<Iterator> NewMergingIterator(const Comparator* comparator,
                                             std::vector<std::unique_ptr<Iterator>> children) {
  if (children.empty()) return NewEmptyIterator();
  if (children.size() == 1) return std::move(children[0]);
  return std::make_unique<MergingIterator>(comparator, std::move(children));
}

}  // namespace datacave::lsm
