#include "lsm/table/block_builder.h"

#include <algorithm>
#include <cassert>

#include "core/coding.h"

namespace datacave::lsm {

BlockBuilder::BlockBuilder(int restart_interval, const Comparator* comparator)
    : restart_interval_(restart_interval), comparator_(comparator) {
  assert(restart_interval_ >= 1 && "a block needs at least one key per restart interval");
  restarts_.push_back(0);  // the first entry is always a restart point
}

void BlockBuilder::Reset() {
  buffer_.clear();
  restarts_.clear();
  restarts_.push_back(0);
  counter_ = 0;
  finished_ = false;
  last_key_.clear();
}

size_t BlockBuilder::CurrentSizeEstimate() const {
  return buffer_.size() + restarts_.size() * sizeof(uint32_t) + sizeof(uint32_t);
}

std::string_view BlockBuilder::Finish() {
  for (uint32_t restart : restarts_) PutFixed32(&buffer_, restart);
  PutFixed32(&buffer_, static_cast<uint32_t>(restarts_.size()));
  finished_ = true;
  return buffer_;
}

void BlockBuilder::Add(std::string_view key, std::string_view value) {
  assert(!finished_ && "Add after Finish");
  assert((buffer_.empty() || comparator_->Compare(key, last_key_) > 0) &&
         "keys must be added in increasing order");
  (void)comparator_;  // only read by the assertion
  size_t shared = 0;
  if (counter_ < restart_interval_) {
    const size_t limit = std::min(last_key_.size(), key.size());
    while (shared < limit && last_key_[shared] == key[shared]) shared++;
  } else {
    // A restart point: the full key, so that Seek can binary-search these.
    restarts_.push_back(static_cast<uint32_t>(buffer_.size()));
    counter_ = 0;
  }
  const size_t non_shared = key.size() - shared;
  PutVarint32(&buffer_, static_cast<uint32_t>(shared));
  PutVarint32(&buffer_, static_cast<uint32_t>(non_shared));
  PutVarint32(&buffer_, static_cast<uint32_t>(value.size()));
  buffer_.append(key.substr(shared));
  buffer_.append(value);

  last_key_.resize(shared);
  last_key_.append(key.substr(shared));
  counter_++;
}

}  // namespace datacave::lsm
