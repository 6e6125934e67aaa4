#include "lsm/db_iter.h"

namespace datacave::lsm {
namespace {

// The state machine follows LevelDB's DBIter. Forward: iter_ sits on the entry being
// yielded. Reverse: iter_ sits before every entry of the yielded key, whose user key and
// value are copied into saved_key_ and saved_value_.
class DBIter final : public Iterator {
 public:
  DBIter(const Comparator* ucmp, std::unique_ptr<Iterator> iter, SequenceNumber snapshot,
         RangeTombstoneSet tombstones, std::vector<std::shared_ptr<const void>> pins)
      : ucmp_(ucmp),
        iter_(std::move(iter)),
        snapshot_(snapshot),
        tombstones_(std::move(tombstones)),
        pins_(std::move(pins)) {}

  bool Valid() const override { return valid_; }
  std::string_view key() const override {
    return direction_ == Direction::kForward ? ExtractUserKey(iter_->key())
                                             : std::string_view(saved_key_);
  }
  std::string_view value() const override {
    return direction_ == Direction::kForward ? iter_->value() : std::string_view(saved_value_);
  }
  Status status() const override { return status_.ok() ? iter_->status() : status_; }

  void SeekToFirst() override {
    direction_ = Direction::kForward;
    saved_value_.clear();
    iter_->SeekToFirst();
    if (iter_->Valid()) {
      FindNextUserEntry(false);
    } else {
      valid_ = false;
    }
  }

  void Seek(std::string_view target) override {
    direction_ = Direction::kForward;
    saved_value_.clear();
    saved_key_.clear();
    AppendInternalKey(&saved_key_, target, snapshot_, kValueTypeForSeek);
    iter_->Seek(saved_key_);
    if (iter_->Valid()) {
      FindNextUserEntry(false);
    } else {
      valid_ = false;
    }
  }

  void SeekToLast() override {
    direction_ = Direction::kReverse;
    saved_value_.clear();
    iter_->SeekToLast();
    FindPrevUserEntry();
  }

  void Next() override {
    if (direction_ == Direction::kReverse) {
      // iter_ is before the entries of key(); step into them. saved_key_ holds key(), which
      // the forward scan below skips.
      direction_ = Direction::kForward;
      if (iter_->Valid()) {
        iter_->Next();
      } else {
        iter_->SeekToFirst();
      }
    } else {
      saved_key_.assign(ExtractUserKey(iter_->key()));
      iter_->Next();
    }
    if (!iter_->Valid()) {
      valid_ = false;
      saved_key_.clear();
      return;
    }
    FindNextUserEntry(true);
  }

  void Prev() override {
    if (direction_ == Direction::kForward) {
      // Step back past every entry of the current key, then scan backward as usual.
      saved_key_.assign(ExtractUserKey(iter_->key()));
      for (;;) {
        iter_->Prev();
        if (!iter_->Valid()) {
          valid_ = false;
          saved_key_.clear();
          saved_value_.clear();
          return;
        }
        if (ucmp_->Compare(ExtractUserKey(iter_->key()), saved_key_) < 0) break;
      }
      direction_ = Direction::kReverse;
    }
    FindPrevUserEntry();
  }

 private:
  enum class Direction { kForward, kReverse };

  bool Parse(ParsedInternalKey* ikey) {
    if (ParseInternalKey(iter_->key(), ikey)) return true;
    status_ = Status::Corruption("malformed internal key in iteration");
    return false;
  }

  bool Hidden(const ParsedInternalKey& ikey) const {
    return !tombstones_.empty() && tombstones_.Covers(ikey.user_key, ikey.sequence, snapshot_);
  }

  // Moves forward to the first live entry; with skipping, entries of user keys <= saved_key_
  // are hidden (already yielded or deleted).
  void FindNextUserEntry(bool skipping) {
    do {
      ParsedInternalKey ikey;
      if (!Parse(&ikey)) break;
      if (ikey.sequence <= snapshot_) {
        bool shadowed = skipping && ucmp_->Compare(ikey.user_key, saved_key_) <= 0;
        if (!shadowed) {
          if (ikey.type == ValueType::kValue && !Hidden(ikey)) {
            valid_ = true;
            saved_key_.clear();
            return;
          }
          // The newest visible version is a deletion: skip every older version too.
          saved_key_.assign(ikey.user_key);
          skipping = true;
        }
      }
      iter_->Next();
    } while (iter_->Valid());
    saved_key_.clear();
    valid_ = false;
  }

  // Moves backward to the previous live user key, leaving iter_ before its entries.
  void FindPrevUserEntry() {
    bool have_value = false;
    if (iter_->Valid()) {
      do {
        ParsedInternalKey ikey;
        if (!Parse(&ikey)) {
          have_value = false;
          break;
        }
        if (ikey.sequence <= snapshot_) {
          if (have_value && ucmp_->Compare(ikey.user_key, saved_key_) < 0) break;
          // Backward, versions of one key come oldest first: the last one seen wins.
          if (ikey.type == ValueType::kValue && !Hidden(ikey)) {
            saved_key_.assign(ikey.user_key);
            saved_value_.assign(iter_->value());
            have_value = true;
          } else {
            saved_key_.clear();
            saved_value_.clear();
            have_value = false;
          }
        }
        iter_->Prev();
      } while (iter_->Valid());
    }
    if (!have_value) {
      valid_ = false;
      saved_key_.clear();
      saved_value_.clear();
      direction_ = Direction::kForward;
    } else {
      valid_ = true;
    }
  }

  const Comparator* const ucmp_;
  std::unique_ptr<Iterator> iter_;
  const SequenceNumber snapshot_;
  const RangeTombstoneSet tombstones_;
  const std::vector<std::shared_ptr<const void>> pins_;
  Status status_;
  std::string saved_key_;
  std::string saved_value_;
  Direction direction_ = Direction::kForward;
  bool valid_ = false;
};

}  // namespace

std::unique_ptr<Iterator> NewDBIterator(const Comparator* user_comparator,
                                        std::unique_ptr<Iterator> internal, SequenceNumber snapshot,
                                        RangeTombstoneSet tombstones,
                                        std::vector<std::shared_ptr<const void>> pins) {
  return std::make_unique<DBIter>(user_comparator, std::move(internal), snapshot,
                                  std::move(tombstones), std::move(pins));
}

}  // namespace datacave::lsm
