#include "lsm/range_tombstones.h"

namespace datacave::lsm {

bool RangeTombstoneSet::Covers(std::string_view user_key, SequenceNumber entry_sequence,
                               SequenceNumber snapshot) const {
  bool covered = false;
  ForEach([&](const RangeTombstone& t) {
    covered =
        covered || (t.sequence > entry_sequence && t.sequence <= snapshot &&
                    ucmp_->Compare(t.begin, user_key) <= 0 && ucmp_->Compare(user_key, t.end) < 0);
  });
  return covered;
}

SequenceNumber RangeTombstoneSet::NewestCovering(std::string_view user_key) const {
  SequenceNumber newest = 0;
  ForEach([&](const RangeTombstone& t) {
    if (t.sequence > newest && ucmp_->Compare(t.begin, user_key) <= 0 &&
        ucmp_->Compare(user_key, t.end) < 0) {
      newest = t.sequence;
    }
  });
  return newest;
}

}  // namespace datacave::lsm
