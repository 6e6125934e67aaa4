#include "lsm/version_set.h"

#include <algorithm>

#include "core/coding.h"
#include "lsm/filename.h"
#include "lsm/log_reader.h"
#include "lsm/table/two_level_iterator.h"

namespace datacave::lsm {
namespace {

// Collects what a log reader drops; a manifest must have no damage except a torn tail.
class ManifestReporter final : public log::Reader::Reporter {
 public:
  void Corruption(size_t, const Status& reason) override {
    if (status.ok()) status = reason;
  }
  Status status;
};

using FileList = std::vector<std::shared_ptr<const FileMetaData>>;

// The index of the first file in a sorted, disjoint level whose largest key is >= target
// (files.size() when there is none): the only file of the level that can hold target.
size_t FindFile(const InternalKeyComparator& icmp, const FileList& files, std::string_view target) {
  auto it = std::lower_bound(files.begin(), files.end(), target,
                             [&](const std::shared_ptr<const FileMetaData>& f, std::string_view t) {
                               return icmp.Compare(f->largest, t) < 0;
                             });
  return static_cast<size_t>(it - files.begin());
}

// The files of a sorted level as an index for a two-level iterator: the key of each entry
// is the file's largest key, the value its number and size (16 bytes, fixed64 each).
class LevelFileIterator final : public Iterator {
 public:
  LevelFileIterator(const InternalKeyComparator* icmp, const FileList* files)
      : icmp_(icmp), files_(files), index_(files->size()) {}

  bool Valid() const override { return index_ < files_->size(); }
  void SeekToFirst() override { index_ = 0; }
  void SeekToLast() override { index_ = files_->empty() ? 0 : files_->size() - 1; }
  void Seek(std::string_view target) override { index_ = FindFile(*icmp_, *files_, target); }
  void Next() override { index_++; }
  void Prev() override { index_ = index_ == 0 ? files_->size() : index_ - 1; }
  std::string_view key() const override { return (*files_)[index_]->largest; }
  std::string_view value() const override {
    const FileMetaData& f = *(*files_)[index_];
    EncodeFixed64(value_, f.number);
    EncodeFixed64(value_ + 8, f.file_size);
    return {value_, sizeof(value_)};
  }
  Status status() const override { return Status::Ok(); }

 private:
  const InternalKeyComparator* const icmp_;
  const FileList* const files_;  // owned by the version, which outlives the iterator
  size_t index_;
  mutable char value_[16];
};

}  // namespace

// --- Version ---

uint64_t Version::LevelBytes(int level) const {
  uint64_t total = 0;
  for (const auto& f : files_[level]) total += f->file_size;
  return total;
}

Result<Version::GetResult> Version::Get(const ReadOptions& options, std::string_view user_key,
                                        SequenceNumber snapshot, std::string* value) const {
  const Comparator* ucmp = icmp_->user_comparator();
  std::string lookup;
  AppendInternalKey(&lookup, user_key, snapshot, kValueTypeForSeek);
  auto in_range = [&](const FileMetaData& f) {
    return ucmp->Compare(user_key, ExtractUserKey(f.smallest)) >= 0 &&
           ucmp->Compare(user_key, ExtractUserKey(f.largest)) <= 0;
  };
  // Searches one table; true when it decided the key (a value or a deletion).
  GetResult result;
  auto search = [&](const FileMetaData& f) -> Result<bool> {
    DC_ASSIGN_OR_RETURN(auto table, table_cache_->Get(f.number, f.file_size));
    bool corrupt = false;
    Status s = table->InternalGet(options, lookup, [&](std::string_view k, std::string_view v) {
      ParsedInternalKey parsed;
      if (!ParseInternalKey(k, &parsed)) {
        corrupt = true;
        return;
      }
      if (ucmp->Compare(parsed.user_key, user_key) != 0) return;
      result.sequence = parsed.sequence;
      if (parsed.type == ValueType::kValue) {
        result.result = MemTable::LookupResult::kFound;
        value->assign(v.data(), v.size());
      } else {
        result.result = MemTable::LookupResult::kDeleted;
      }
    });
    DC_RETURN_IF_ERROR(s);
    if (corrupt) return Status::Corruption("malformed internal key in " + table->file_name());
    return result.result != MemTable::LookupResult::kNotFound;
  };

  // Level 0 files may overlap: try every one that spans the key, newest first.
  for (const auto& f : files_[0]) {
    if (!in_range(*f)) continue;
    DC_ASSIGN_OR_RETURN(bool decided, search(*f));
    if (decided) return result;
  }
  // Deeper levels are sorted and disjoint: at most one file per level can hold the key.
  for (int level = 1; level < kNumLevels; level++) {
    const FileList& files = files_[level];
    size_t index = FindFile(*icmp_, files, lookup);
    if (index == files.size()) continue;
    const FileMetaData& f = *files[index];
    if (ucmp->Compare(user_key, ExtractUserKey(f.smallest)) < 0) continue;
    DC_ASSIGN_OR_RETURN(bool decided, search(f));
    if (decided) return result;
  }
  return GetResult{};
}

Status Version::AddIterators(const ReadOptions& options,
                             std::vector<std::unique_ptr<Iterator>>* iterators) const {
  for (const auto& f : files_[0]) {
    DC_ASSIGN_OR_RETURN(auto it, table_cache_->NewIterator(options, f->number, f->file_size));
    iterators->push_back(std::move(it));
  }
  // One concatenating iterator per deeper level, opening each table only when reached.
  for (int level = 1; level < kNumLevels; level++) {
    if (files_[level].empty()) continue;
    TableCache* cache = table_cache_;
    auto open_table = [cache, options](std::string_view file) -> std::unique_ptr<Iterator> {
      auto it =
          cache->NewIterator(options, DecodeFixed64(file.data()), DecodeFixed64(file.data() + 8));
      if (!it.ok()) return NewEmptyIterator(it.status());
      return std::move(it).value();
    };
    iterators->push_back(
        NewTwoLevelIterator(std::make_unique<LevelFileIterator>(icmp_, &files_[level]),
                            std::move(open_table), "level " + std::to_string(level)));
  }
  return Status::Ok();
}

Result<std::shared_ptr<const std::vector<RangeTombstone>>> Version::RangeTombstones() const {
  std::call_once(tombstones_once_, [this] {
    auto all = std::make_shared<std::vector<RangeTombstone>>();
    for (int level = 0; level < kNumLevels; level++) {
      for (const auto& f : files_[level]) {
        auto table = table_cache_->Get(f->number, f->file_size);
        if (!table.ok()) {
          tombstones_status_ = table.status();
          return;
        }
        const auto& found = (*table)->range_tombstones();
        all->insert(all->end(), found.begin(), found.end());
      }
    }
    tombstones_ = std::move(all);
  });
  if (!tombstones_status_.ok()) return tombstones_status_;
  return tombstones_;
}

// --- VersionSet ---

VersionSet::VersionSet(std::string dbname, const Options* options, TableCache* table_cache,
                       const InternalKeyComparator* icmp)
    : dbname_(std::move(dbname)),
      options_(options),
      table_cache_(table_cache),
      icmp_(icmp),
      current_(std::make_shared<Version>(icmp, table_cache)) {}

Status VersionSet::CreateNew() {
  FileSystem* fs = options_->file_system;
  VersionEdit edit;
  edit.SetComparatorName(icmp_->user_comparator()->Name());
  edit.SetLogNumber(0);
  edit.SetNextFileNumber(2);
  edit.SetLastSequence(0);
  std::string manifest = ManifestFileName(dbname_, 1);
  DC_ASSIGN_OR_RETURN(auto file, fs->NewWritableFile(manifest));
  log::Writer log(file.get());
  std::string record;
  edit.EncodeTo(&record);
  Status s = log.AddRecord(record);
  if (s.ok()) s = file->Sync();
  if (s.ok()) s = file->Close();
  if (s.ok()) s = SetCurrentFile(fs, dbname_, 1);
  if (!s.ok()) (void)fs->RemoveFile(manifest);
  return s;
}

Status VersionSet::Recover() {
  FileSystem* fs = options_->file_system;
  DC_ASSIGN_OR_RETURN(std::string current, ReadFileToString(fs, CurrentFileName(dbname_)));
  if (current.empty() || current.back() != '\n') {
    return Status::Corruption("CURRENT file does not end with a newline");
  }
  current.pop_back();
  uint64_t manifest_number;
  FileType type;
  if (!ParseFileName(current, &manifest_number, &type) || type != FileType::kManifest) {
    return Status::Corruption("CURRENT names \"" + current + "\", which is not a manifest");
  }
  std::string manifest = dbname_ + "/" + current;
  DC_ASSIGN_OR_RETURN(auto file, fs->NewSequentialFile(manifest));

  ManifestReporter reporter;
  log::Reader reader(file.get(), &reporter, /*verify_checksums=*/true, 0);
  auto version = std::make_shared<Version>(icmp_, table_cache_);
  std::optional<uint64_t> next_file, log_number;
  std::optional<SequenceNumber> last_sequence;
  std::string scratch;
  std::string_view record;
  while (reader.ReadRecord(&record, &scratch)) {
    VersionEdit edit;
    Status s = edit.DecodeFrom(record);
    if (s.ok() && edit.comparator() && *edit.comparator() != icmp_->user_comparator()->Name()) {
      s = Status::InvalidArgument("the database was created with comparator " + *edit.comparator() +
                                  ", not " + std::string(icmp_->user_comparator()->Name()));
    }
    if (!s.ok()) return s.WithContext(manifest);
    version = Apply(*version, edit);
    if (edit.log_number()) log_number = edit.log_number();
    if (edit.next_file_number()) next_file = edit.next_file_number();
    if (edit.last_sequence()) last_sequence = edit.last_sequence();
  }
  // Every manifest write is synced before the version is used, so only a torn tail (a write
  // that was never acknowledged) may be dropped; damage before the end is real corruption.
  if (reader.MidLogCorruption() || !reader.status().ok()) {
    Status why = reader.status().ok() ? reporter.status : reader.status();
    return Status::Corruption("manifest " + manifest + " is damaged: " + why.message());
  }
  if (!next_file || !log_number || !last_sequence) {
    return Status::Corruption("manifest " + manifest + " lacks its file and sequence counters");
  }
  next_file_number_ = *next_file;
  log_number_ = *log_number;
  last_sequence_ = *last_sequence;
  manifest_file_number_ = manifest_number;
  MarkFileNumberUsed(manifest_number);
  for (int level = 0; level < kNumLevels; level++) {
    for (const auto& f : version->files_[level]) MarkFileNumberUsed(f->number);
  }
  current_ = std::move(version);
  versions_.push_back(current_);
  return Status::Ok();
}

std::shared_ptr<Version> VersionSet::Apply(const Version& base, const VersionEdit& edit) const {
  auto v = std::make_shared<Version>(icmp_, table_cache_);
  for (int level = 0; level < kNumLevels; level++) {
    for (const auto& f : base.files_[level]) {
      if (!edit.deleted_files().count({level, f->number})) v->files_[level].push_back(f);
    }
  }
  for (const auto& [level, meta] : edit.new_files()) {
    v->files_[level].push_back(std::make_shared<const FileMetaData>(meta));
  }
  // Level 0 newest (highest number) first; other levels by smallest key.
  std::sort(v->files_[0].begin(), v->files_[0].end(),
            [](const auto& a, const auto& b) { return a->number > b->number; });
  for (int level = 1; level < kNumLevels; level++) {
    std::sort(v->files_[level].begin(), v->files_[level].end(),
              [this](const auto& a, const auto& b) {
                return icmp_->Compare(a->smallest, b->smallest) < 0;
              });
  }
  return v;
}

Status VersionSet::WriteSnapshot(log::Writer* log) const {
  VersionEdit edit;
  edit.SetComparatorName(icmp_->user_comparator()->Name());
  for (int level = 0; level < kNumLevels; level++) {
    for (const auto& f : current_->files_[level]) edit.AddFile(level, *f);
  }
  std::string record;
  edit.EncodeTo(&record);
  return log->AddRecord(record);
}

Status VersionSet::LogAndApply(VersionEdit* edit) {
  if (!edit->log_number()) edit->SetLogNumber(log_number_);
  edit->SetNextFileNumber(next_file_number_);
  edit->SetLastSequence(last_sequence_);
  std::shared_ptr<Version> next = Apply(*current_, *edit);

  FileSystem* fs = options_->file_system;
  bool new_manifest = manifest_log_ == nullptr;
  uint64_t new_manifest_number = 0;
  if (new_manifest) {
    // The first edit after opening starts a fresh manifest with the whole current version,
    // so the old one (and its history) can be deleted.
    new_manifest_number = NewFileNumber();
    edit->SetNextFileNumber(next_file_number_);
    DC_ASSIGN_OR_RETURN(manifest_file_,
                        fs->NewWritableFile(ManifestFileName(dbname_, new_manifest_number)));
    manifest_log_ = std::make_unique<log::Writer>(manifest_file_.get());
    Status s = WriteSnapshot(manifest_log_.get());
    if (!s.ok()) {
      manifest_log_.reset();
      manifest_file_.reset();
      return s;
    }
  }
  std::string record;
  edit->EncodeTo(&record);
  Status s = manifest_log_->AddRecord(record);
  if (s.ok()) s = manifest_file_->Sync();
  if (s.ok() && new_manifest) s = SetCurrentFile(fs, dbname_, new_manifest_number);
  if (!s.ok()) {
    // The manifest may now end in a partial record; never append to it again.
    manifest_log_.reset();
    manifest_file_.reset();
    return s;
  }
  if (new_manifest) manifest_file_number_ = new_manifest_number;
  if (edit->log_number()) log_number_ = *edit->log_number();
  current_ = std::move(next);
  versions_.push_back(current_);
  return Status::Ok();
}

std::set<uint64_t> VersionSet::LiveFiles() {
  std::set<uint64_t> live;
  std::erase_if(versions_, [](const auto& weak) { return weak.expired(); });
  for (const auto& weak : versions_) {
    if (auto v = weak.lock()) {
      for (int level = 0; level < kNumLevels; level++) {
        for (const auto& f : v->files_[level]) live.insert(f->number);
      }
    }
  }
  return live;
}

}  // namespace datacave::lsm
