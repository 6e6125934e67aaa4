#include "lsm/range_tombstones.h"

namespace datacave::lsm {

bool RangeTombstoneSet::Covers(std::string_view user_key, SequenceNumber entry_sequence,
                               SequenceNumber snapshot) const {
  for (const RangeTombstone& t : tombstones_) {
    if (t.sequence > entry_sequence && t.sequence <= snapshot &&
        ucmp_->Compare(t.begin, user_key) <= 0 && ucmp_->Compare(user_key, t.end) < 0) {
      return true;
    }
  }
  return false;
}

SequenceNumber RangeTombstoneSet::NewestCovering(std::string_view user_key) const {
  SequenceNumber newest = 0;
  for (const RangeTombstone& t : tombstones_) {
    if (t.sequence > newest && ucmp_->Compare(t.begin, user_key) <= 0 &&
        ucmp_->Compare(user_key, t.end) < 0) {
      newest = t.sequence;
    }
  }
  return newest;
}

}  // namespace datacave::lsm
