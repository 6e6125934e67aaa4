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

}  // namespace datacave::lsm
