#include "lsm/merger.h"

namespace datacave::lsm {
namespace {

// A linear scan over the children when the smallest may have changed: the number of
// children is small (memtables + L0 files + one per level), and the scan avoids a heap's
// bookkeeping on direction changes.
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
    // Sources often hold disjoint runs of keys (a sequential load leaves one per file):
    // while current_ stays ahead of the runner-up, which did not move, it is still the
    // smallest, for one comparison instead of one per child.
    if (runner_up_ >= 0 && current_->Valid() && Ahead(current_index_, runner_up_)) return;
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

  // Ties go to the earliest child, so that newer sources (listed first) come first. Also
  // notes the runner-up, the child that would be current without current_.
  void FindSmallest() {
    int smallest = -1;
    runner_up_ = -1;
    for (int i = 0; i < static_cast<int>(children_.size()); ++i) {
      if (!children_[static_cast<size_t>(i)]->Valid()) continue;
      if (smallest < 0 || Ahead(i, smallest)) {
        runner_up_ = smallest;
        smallest = i;
      } else if (runner_up_ < 0 || Ahead(i, runner_up_)) {
        runner_up_ = i;
      }
    }
    current_index_ = smallest;
    current_ = smallest < 0 ? nullptr : children_[static_cast<size_t>(smallest)].get();
  }

  // Whether valid child a comes before valid child b in the forward order.
  bool Ahead(int a, int b) const {
    const int c = comparator_->Compare(children_[static_cast<size_t>(a)]->key(),
                                       children_[static_cast<size_t>(b)]->key());
    return c < 0 || (c == 0 && a < b);
  }

  // Backward, ties go to the latest child, which is the mirror of the forward order.
  void FindLargest() {
    runner_up_ = -1;  // kept by FindSmallest only
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
  int current_index_ = -1;  // current_'s, when FindSmallest chose it
  int runner_up_ = -1;      // the second smallest valid child when FindSmallest ran; -1: none
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
