#include "lsm/memtable.h"

#include <cstring>

#include "core/coding.h"

namespace datacave::lsm {
namespace {

// Decodes a varint32-prefixed slice that the memtable itself wrote: well-formed by
// construction, so no error paths.
std::string_view LengthPrefixed(const char* p) {
  std::string_view in(p, kMaxVarint32Bytes);
  uint32_t length = 0;
  GetVarint32(&in, &length);
  return {in.data(), length};
}

// Encodes target in the entry format, for seeking the skiplist.
std::string SeekKey(std::string_view internal_key) {
  std::string key;
  PutVarint32(&key, static_cast<uint32_t>(internal_key.size()));
  key.append(internal_key);
  return key;
}

}  // namespace

int MemTable::KeyComparator::operator()(const char* a, const char* b) const {
  return comparator->Compare(LengthPrefixed(a), LengthPrefixed(b));
}

MemTable::MemTable(const InternalKeyComparator* comparator)
    : comparator_(comparator),
      table_(KeyComparator{comparator}, &arena_),
      range_table_(KeyComparator{comparator}, &arena_) {}

void MemTable::Add(SequenceNumber sequence, ValueType type, std::string_view key,
                   std::string_view value) {
  const size_t internal_size = key.size() + 8;
  const size_t encoded_size = static_cast<size_t>(VarintLength(internal_size)) + internal_size +
                              static_cast<size_t>(VarintLength(value.size())) + value.size();
  // The entry is written straight into the room behind its skiplist node.
  auto encode = [&](char* p) -> const char* {
    char* const entry = p;
    p = EncodeVarint64(p, internal_size);
    std::memcpy(p, key.data(), key.size());
    p += key.size();
    EncodeFixed64(p, (sequence << 8) | static_cast<uint64_t>(type));
    p += 8;
    p = EncodeVarint64(p, value.size());
    std::memcpy(p, value.data(), value.size());
    return entry;
  };
  if (type == ValueType::kRangeDeletion) {
    range_table_.InsertWithRoom(encoded_size, encode);
    range_count_.fetch_add(1, std::memory_order_release);
  } else {
    table_.InsertWithRoom(encoded_size, encode);
  }
  entries_.fetch_add(1, std::memory_order_relaxed);
}

MemTable::Lookup MemTable::Get(std::string_view user_key, SequenceNumber snapshot,
                               std::string* value) const {
  std::string internal;
  AppendInternalKey(&internal, user_key, snapshot, kValueTypeForSeek);
  std::string seek = SeekKey(internal);
  Table::Iterator it(&table_);
  it.Seek(seek.data());
  if (!it.Valid()) return {};
  std::string_view found = LengthPrefixed(it.key());
  ParsedInternalKey parsed;
  if (!ParseInternalKey(found, &parsed) ||
      comparator_->user_comparator()->Compare(parsed.user_key, user_key) != 0) {
    return {};
  }
  if (parsed.type == ValueType::kDeletion) return {LookupResult::kDeleted, parsed.sequence};
  std::string_view v = LengthPrefixed(found.data() + found.size());
  value->assign(v.data(), v.size());
  return {LookupResult::kFound, parsed.sequence};
}

std::vector<RangeTombstone> MemTable::RangeTombstones() const {
  std::vector<RangeTombstone> out;
  if (!HasRangeTombstones()) return out;
  Table::Iterator it(&range_table_);
  for (it.SeekToFirst(); it.Valid(); it.Next()) {
    std::string_view key = LengthPrefixed(it.key());
    ParsedInternalKey parsed;
    ParseInternalKey(key, &parsed);
    std::string_view end = LengthPrefixed(key.data() + key.size());
    out.push_back({std::string(parsed.user_key), std::string(end), parsed.sequence});
  }
  return out;
}

class MemTable::MemTableIterator final : public Iterator {
 public:
  explicit MemTableIterator(const Table* table) : it_(table) {}

  bool Valid() const override { return it_.Valid(); }
  void SeekToFirst() override { it_.SeekToFirst(); }
  void SeekToLast() override { it_.SeekToLast(); }
  void Seek(std::string_view target) override {
    seek_scratch_ = SeekKey(target);
    it_.Seek(seek_scratch_.data());
  }
  void Next() override { it_.Next(); }
  void Prev() override { it_.Prev(); }
  std::string_view key() const override { return LengthPrefixed(it_.key()); }
  std::string_view value() const override {
    std::string_view k = key();
    return LengthPrefixed(k.data() + k.size());
  }
  Status status() const override { return Status::Ok(); }

 private:
  Table::Iterator it_;
  std::string seek_scratch_;
};

std::unique_ptr<Iterator> MemTable::NewIterator() const {
  return std::make_unique<MemTableIterator>(&table_);
}

}  // namespace datacave::lsm
