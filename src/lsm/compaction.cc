#include "lsm/compaction.h"

#include "lsm/filename.h"
#include "lsm/merger.h"
#include "lsm/range_tombstones.h"
#include "lsm/table/table_builder.h"

namespace datacave::lsm {
namespace {

using FileList = std::vector<std::shared_ptr<const FileMetaData>>;

uint64_t MaxBytesForLevel(const CompactionOptions& options, int level) {
  uint64_t bytes = options.max_bytes_for_level_base;
  for (int l = 1; l < level; l++) bytes *= 10;
  return bytes;
}

// The user-key range [smallest, largest] covered by files.
void KeyRange(const InternalKeyComparator& icmp, const FileList& files, std::string* smallest,
              std::string* largest) {
  for (const auto& f : files) {
    if (smallest->empty() || icmp.Compare(f->smallest, *smallest) < 0) *smallest = f->smallest;
    if (largest->empty() || icmp.Compare(f->largest, *largest) > 0) *largest = f->largest;
  }
}

// Files of level that share a user key with [smallest, largest]; a missing bound is open.
FileList Overlapping(const Version& v, const Comparator* ucmp, int level,
                     std::optional<std::string_view> smallest,
                     std::optional<std::string_view> largest) {
  FileList out;
  for (const auto& f : v.files(level)) {
    if (smallest && ucmp->Compare(ExtractUserKey(f->largest), *smallest) < 0) continue;
    if (largest && ucmp->Compare(ExtractUserKey(f->smallest), *largest) > 0) continue;
    out.push_back(f);
  }
  return out;
}

// Completes a compaction of inputs (files of level) with the files of the next level that
// overlap them.
Compaction MakeCompaction(std::shared_ptr<const Version> version, const InternalKeyComparator& icmp,
                          int level, FileList inputs) {
  const Comparator* ucmp = icmp.user_comparator();
  Compaction c;
  c.level = level;
  c.inputs[0] = std::move(inputs);
  std::string smallest, largest;
  KeyRange(icmp, c.inputs[0], &smallest, &largest);
  c.inputs[1] =
      Overlapping(*version, ucmp, level + 1, ExtractUserKey(smallest), ExtractUserKey(largest));
  KeyRange(icmp, c.inputs[1], &smallest, &largest);
  c.bottommost = true;
  for (int deeper = level + 2; deeper < kNumLevels && c.bottommost; deeper++) {
    c.bottommost =
        Overlapping(*version, ucmp, deeper, ExtractUserKey(smallest), ExtractUserKey(largest))
            .empty();
  }
  c.version = std::move(version);
  return c;
}

}  // namespace

std::optional<Compaction> PickCompaction(std::shared_ptr<const Version> version,
                                         const InternalKeyComparator& icmp,
                                         const CompactionOptions& options) {
  // Score each level by how far over its budget it is; the last level has no budget.
  int best_level = -1;
  double best_score = 1.0;
  for (int level = 0; level + 1 < kNumLevels; level++) {
    double score = level == 0 ? static_cast<double>(version->NumFiles(0)) /
                                    static_cast<double>(options.l0_compaction_trigger)
                              : static_cast<double>(version->LevelBytes(level)) /
                                    static_cast<double>(MaxBytesForLevel(options, level));
    if (score >= best_score) {
      best_score = score;
      best_level = level;
    }
  }
  if (best_level < 0) return std::nullopt;

  if (best_level == 0) {
    // Level-0 files overlap: take them all.
    return MakeCompaction(version, icmp, 0, version->files(0));
  }
  // The largest file of the level: it frees the most room per merge.
  const auto& files = version->files(best_level);
  auto largest = std::max_element(files.begin(), files.end(), [](const auto& a, const auto& b) {
    return a->file_size < b->file_size;
  });
  return MakeCompaction(version, icmp, best_level, {*largest});
}

std::optional<Compaction> PickRangeCompaction(std::shared_ptr<const Version> version,
                                              const InternalKeyComparator& icmp, int level,
                                              std::optional<std::string_view> begin,
                                              std::optional<std::string_view> end) {
  if (level + 1 >= kNumLevels) return std::nullopt;
  FileList inputs = Overlapping(*version, icmp.user_comparator(), level, begin, end);
  if (inputs.empty()) return std::nullopt;
  // Level-0 files overlap each other: leaving an older one behind while a newer one moves
  // down would let the older version of a key shadow the newer. Take them all.
  if (level == 0) inputs = version->files(0);
  return MakeCompaction(std::move(version), icmp, level, std::move(inputs));
}

int DeepestOverlappingLevel(const Version& version, const InternalKeyComparator& icmp,
                            std::optional<std::string_view> begin,
                            std::optional<std::string_view> end) {
  int deepest = -1;
  for (int level = 0; level < kNumLevels; level++) {
    if (!Overlapping(version, icmp.user_comparator(), level, begin, end).empty()) deepest = level;
  }
  return deepest;
}

namespace {

// Writes the merge's output tables, cutting a new one near the target size at a user-key
// boundary, and hands each its share of the surviving range tombstones (clipped to the
// file's key range, so that files in a level stay disjoint).
class OutputWriter {
 public:
  OutputWriter(const CompactionContext& context, int level, VersionEdit* edit,
               std::vector<RangeTombstone> tombstones)
      : context_(context), level_(level), edit_(edit), tombstones_(std::move(tombstones)) {}

  Status Add(std::string_view key, std::string_view value) {
    std::string_view user_key = ExtractUserKey(key);
    const Comparator* ucmp = context_.icmp->user_comparator();
    if (builder_ != nullptr && builder_->FileSize() >= context_.target_file_size &&
        ucmp->Compare(user_key, ExtractUserKey(meta_.largest)) != 0) {
      DC_RETURN_IF_ERROR(FinishFile(std::string(user_key)));
    }
    if (builder_ == nullptr) DC_RETURN_IF_ERROR(OpenFile());
    if (meta_.smallest.empty()) meta_.smallest.assign(key);
    meta_.largest.assign(key);
    return builder_->Add(key, value);
  }

  // Ends the last file; tombstones with no file to go into get one of their own.
  Status Finish() {
    if (builder_ == nullptr && !tombstones_.empty()) DC_RETURN_IF_ERROR(OpenFile());
    if (builder_ != nullptr) DC_RETURN_IF_ERROR(FinishFile(std::nullopt));
    return Status::Ok();
  }

  void Abandon() {
    if (builder_ != nullptr) builder_->Abandon();
    builder_.reset();
    file_.reset();
    for (uint64_t number : outputs_) {
      (void)context_.fs->RemoveFile(TableFileName(context_.dbname, number));
    }
  }

  uint64_t bytes_written() const { return bytes_written_; }

 private:
  Status OpenFile() {
    meta_ = FileMetaData();
    meta_.number = context_.new_output_number();
    outputs_.push_back(meta_.number);
    DC_ASSIGN_OR_RETURN(file_,
                        context_.fs->NewWritableFile(TableFileName(context_.dbname, meta_.number)));
    builder_ = std::make_unique<TableBuilder>(context_.table_cache->table_options(), file_.get());
    return Status::Ok();
  }

  // upper: the first user key of the next file (exclusive bound of this one), or none.
  Status FinishFile(std::optional<std::string> upper) {
    const Comparator* ucmp = context_.icmp->user_comparator();
    for (const RangeTombstone& t : tombstones_) {
      std::string begin = t.begin, end = t.end;
      if (lower_ && ucmp->Compare(begin, *lower_) < 0) begin = *lower_;
      if (upper && ucmp->Compare(*upper, end) < 0) end = *upper;
      if (ucmp->Compare(begin, end) >= 0) continue;
      builder_->AddRangeTombstone(begin, t.sequence, end);
      std::string lo, hi;
      AppendInternalKey(&lo, begin, t.sequence, ValueType::kRangeDeletion);
      AppendInternalKey(&hi, end, kMaxSequenceNumber, ValueType::kRangeDeletion);
      if (meta_.smallest.empty() || context_.icmp->Compare(lo, meta_.smallest) < 0) {
        meta_.smallest = lo;
      }
      if (meta_.largest.empty() || context_.icmp->Compare(hi, meta_.largest) > 0) {
        meta_.largest = hi;
      }
    }
    lower_ = std::move(upper);
    DC_RETURN_IF_ERROR(builder_->Finish());
    meta_.file_size = builder_->FileSize();
    builder_.reset();
    DC_RETURN_IF_ERROR(file_->Sync());
    DC_RETURN_IF_ERROR(file_->Close());
    file_.reset();
    bytes_written_ += meta_.file_size;
    if (!meta_.smallest.empty()) edit_->AddFile(level_, meta_);
    return Status::Ok();
  }

  const CompactionContext& context_;
  const int level_;
  VersionEdit* const edit_;
  const std::vector<RangeTombstone> tombstones_;
  std::optional<std::string> lower_;  // first user key of the current file's range
  FileMetaData meta_;
  std::unique_ptr<WritableFile> file_;
  std::unique_ptr<TableBuilder> builder_;
  std::vector<uint64_t> outputs_;
  uint64_t bytes_written_ = 0;
};

}  // namespace

Status RunCompaction(const Compaction& c, const CompactionContext& context, VersionEdit* edit,
                     uint64_t* bytes_read, uint64_t* bytes_written) {
  const Comparator* ucmp = context.icmp->user_comparator();
  std::vector<std::unique_ptr<Iterator>> inputs;
  RangeTombstoneSet input_tombstones(ucmp);
  std::vector<RangeTombstone> kept_tombstones;
  *bytes_read = 0;
  for (int which = 0; which < 2; which++) {
    for (const auto& f : c.inputs[which]) {
      *bytes_read += f->file_size;
      ReadOptions ro;
      ro.fill_cache = false;  // a merge reads everything once: do not evict hot blocks
      DC_ASSIGN_OR_RETURN(auto it, context.table_cache->NewIterator(ro, f->number, f->file_size));
      inputs.push_back(std::move(it));
      DC_ASSIGN_OR_RETURN(auto table, context.table_cache->Get(f->number, f->file_size));
      for (const RangeTombstone& t : table->range_tombstones()) {
        input_tombstones.Add(t);
        // A tombstone no reader needs, with nothing deeper to hide, has done its work.
        if (!(c.bottommost && t.sequence <= context.smallest_snapshot)) {
          kept_tombstones.push_back(t);
        }
      }
      edit->RemoveFile(c.level + which, f->number);
    }
  }

  OutputWriter out(context, c.level + 1, edit, std::move(kept_tombstones));
  auto merged = NewMergingIterator(context.icmp, std::move(inputs));
  std::string current_user_key;
  bool has_current = false;
  SequenceNumber last_sequence_for_key = kMaxSequenceNumber;
  Status s;
  uint64_t count = 0;
  for (merged->SeekToFirst(); merged->Valid() && s.ok(); merged->Next()) {
    if (++count % 1024 == 0 && context.yield) context.yield();
    ParsedInternalKey ikey;
    if (!ParseInternalKey(merged->key(), &ikey)) {
      s = Status::Corruption("malformed internal key during compaction");
      break;
    }
    if (!has_current || ucmp->Compare(ikey.user_key, current_user_key) != 0) {
      current_user_key.assign(ikey.user_key);
      has_current = true;
      last_sequence_for_key = kMaxSequenceNumber;
    }
    bool drop = false;
    if (last_sequence_for_key <= context.smallest_snapshot) {
      drop = true;  // a newer version of this key is visible to every reader
    } else if (ikey.type == ValueType::kDeletion && ikey.sequence <= context.smallest_snapshot &&
               c.bottommost) {
      drop = true;  // nothing older remains anywhere for this tombstone to hide
    } else if (ikey.type == ValueType::kValue &&
               input_tombstones.Covers(ikey.user_key, ikey.sequence, context.smallest_snapshot)) {
      drop = true;  // deleted by a range tombstone that every reader sees
    }
    last_sequence_for_key = ikey.sequence;
    if (!drop) s = out.Add(merged->key(), merged->value());
  }
  if (s.ok()) s = merged->status();
  if (s.ok()) s = out.Finish();
  if (!s.ok()) {
    out.Abandon();
    return s;
  }
  *bytes_written = out.bytes_written();
  return Status::Ok();
}

}  // namespace datacave::lsm
