#include "lsm/db_impl.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "lsm/db_iter.h"
#include "lsm/filename.h"
#include "lsm/log_reader.h"
#include "lsm/merger.h"
#include "lsm/table/table_builder.h"

namespace datacave::lsm {

// One caller of Write() waiting in the queue. The leader (front) writes the batches of the
// writers behind it as one WAL record and wakes them when done.
struct DBImpl::Writer {
  WriteBatch* batch;
  bool sync;
  bool switch_memtable = false;  // Flush(): switch out the memtable, write nothing
  bool done = false;
  Status status;
  std::condition_variable cv;
};

namespace {

// Applies a batch to a memtable, giving each record its sequence number.
class MemTableInserter final : public WriteBatch::Handler {
 public:
  MemTableInserter(SequenceNumber sequence, MemTable* mem) : sequence_(sequence), mem_(mem) {}
  Status Put(std::string_view key, std::string_view value) override {
    mem_->Add(sequence_++, ValueType::kValue, key, value);
    return Status::Ok();
  }
  Status Delete(std::string_view key) override {
    mem_->Add(sequence_++, ValueType::kDeletion, key, "");
    return Status::Ok();
  }
  Status DeleteRange(std::string_view begin, std::string_view end) override {
    mem_->Add(sequence_++, ValueType::kRangeDeletion, begin, end);
    return Status::Ok();
  }

 private:
  SequenceNumber sequence_;
  MemTable* mem_;
};

// Counts the user bytes of a batch for the statistics.
uint64_t UserBytes(const WriteBatch& batch) {
  return batch.ApproximateSize() > WriteBatch::kHeaderSize
             ? batch.ApproximateSize() - WriteBatch::kHeaderSize
             : 0;
}

// How many bytes of later writers a leader may add to its group: enough to amortize an
// fsync, small enough not to delay a small write behind a huge one.
constexpr size_t kMaxGroupBytes = size_t{1} << 20;

}  // namespace

double Statistics::WriteAmplification() const {
  if (bytes_written == 0) return 0;
  return static_cast<double>(wal_bytes + flush_bytes + compaction_bytes_written) /
         static_cast<double>(bytes_written);
}

DBImpl::DBImpl(const Options& options, std::string dbname)
    : options_(options),
      dbname_(std::move(dbname)),
      fs_(options.file_system),
      icmp_(options.comparator) {
  if (options_.block_cache_size > 0) block_cache_ = NewLruCache(options_.block_cache_size);
  TableOptions table_options;
  table_options.comparator = &icmp_;
  table_options.block_size = options_.block_size;
  table_options.block_restart_interval = options_.block_restart_interval;
  table_options.compression = options_.compression;
  table_options.bloom_bits_per_key = options_.bloom_bits_per_key;
  table_options.filter_on_user_key = true;
  table_options.block_cache = block_cache_.get();
  table_cache_ = std::make_unique<TableCache>(dbname_, fs_, table_options, options_.max_open_files);
  versions_ = std::make_unique<VersionSet>(dbname_, &options_, table_cache_.get(), &icmp_);
  mem_ = std::make_shared<MemTable>(&icmp_);
}

DBImpl::~DBImpl() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    shutting_down_ = true;
  }
  background_cv_.notify_all();
  if (background_.joinable()) background_.join();
  if (log_file_) (void)log_file_->Close();
}

Result<std::unique_ptr<DB>> DB::Open(const Options& options, const std::string& path) {
  auto db = std::make_unique<DBImpl>(options, path);
  DC_RETURN_IF_ERROR(db->Open());
  return std::unique_ptr<DB>(std::move(db));
}

namespace {

// Options that would make the engine hang or misbehave rather than merely run slowly.
Status ValidateOptions(const Options& o) {
  if (o.l0_compaction_trigger < 1 || o.l0_compaction_trigger > o.l0_slowdown_writes_trigger ||
      o.l0_slowdown_writes_trigger > o.l0_stop_writes_trigger) {
    // Writes stopped below the compaction trigger would wait forever.
    return Status::InvalidArgument(
        "level-0 triggers must satisfy 1 <= compaction <= slowdown <= stop");
  }
  if (o.block_size < 1 || o.block_restart_interval < 1 || o.max_open_files < 1 ||
      o.target_file_size < 1 || o.max_bytes_for_level_base < 1 || o.bloom_bits_per_key < 0) {
    return Status::InvalidArgument("table and level sizes must be positive");
  }
  return Status::Ok();
}

}  // namespace

Status DBImpl::Open() {
  DC_RETURN_IF_ERROR(ValidateOptions(options_));
  if (options_.create_if_missing) DC_RETURN_IF_ERROR(fs_->CreateDir(dbname_));
  auto lock = fs_->LockFile(LockFileName(dbname_));
  if (!lock.ok()) return lock.status();
  lock_ = std::move(lock).value();

  std::unique_lock<std::mutex> guard(mutex_);
  if (!fs_->FileExists(CurrentFileName(dbname_))) {
    if (!options_.create_if_missing) {
      return Status::InvalidArgument(dbname_ + " does not exist (create_if_missing is false)");
    }
    DC_RETURN_IF_ERROR(versions_->CreateNew());
  } else if (options_.error_if_exists) {
    return Status::InvalidArgument(dbname_ + " exists (error_if_exists is true)");
  }
  DC_RETURN_IF_ERROR(versions_->Recover());

  // Replay the WALs newer than the last flush into tables, then start a fresh WAL and record
  // both in one version edit: after it, the old logs are garbage.
  VersionEdit edit;
  SequenceNumber max_sequence = versions_->LastSequence();
  DC_RETURN_IF_ERROR(RecoverLogs(guard, &edit, &max_sequence));
  versions_->SetLastSequence(max_sequence);
  DC_RETURN_IF_ERROR(NewLogFile());
  edit.SetLogNumber(log_number_);
  DC_RETURN_IF_ERROR(versions_->LogAndApply(&edit));
  RemoveObsoleteFiles();
  background_ = std::thread([this] { BackgroundLoop(); });
  return Status::Ok();
}

Status DBImpl::RecoverLogs(std::unique_lock<std::mutex>& lock, VersionEdit* edit,
                           SequenceNumber* max_sequence) {
  DC_ASSIGN_OR_RETURN(auto names, fs_->ListDir(dbname_));
  std::vector<uint64_t> logs;
  for (const std::string& name : names) {
    uint64_t number;
    FileType type;
    if (!ParseFileName(name, &number, &type)) continue;
    versions_->MarkFileNumberUsed(number);
    if (type == FileType::kLog && number >= versions_->LogNumber()) logs.push_back(number);
  }
  std::sort(logs.begin(), logs.end());
  ReplayState replay;
  for (size_t i = 0; i < logs.size(); ++i) {
    bool replayed_any = false;
    DC_RETURN_IF_ERROR(RecoverLogFile(lock, logs[i], max_sequence, edit, &replay, &replayed_any));
    // A log that lost even its start marker lost every record in it; a later log cannot
    // have been needed (each log holds at least one write before the next one starts).
    if (!replayed_any && i + 1 < logs.size()) replay.gap = true;
    if (replay.gap) {
      if (i + 1 < logs.size()) {
        spdlog::warn(
            "{}: writes are missing from the write-ahead log; the {} later log(s) "
            "hold only writes after them that were never synced, and are discarded",
            LogFileName(dbname_, logs[i]), logs.size() - i - 1);
      }
      break;
    }
  }
  return Status::Ok();
}

Status DBImpl::RecoverLogFile(std::unique_lock<std::mutex>& lock, uint64_t number,
                              SequenceNumber* max_sequence, VersionEdit* edit, ReplayState* replay,
                              bool* replayed_any) {
  struct Reporter final : log::Reader::Reporter {
    void Corruption(size_t bytes, const Status& reason) override {
      dropped += bytes;
      if (first.ok()) first = reason;
    }
    size_t dropped = 0;
    Status first;
  };
  std::string name = LogFileName(dbname_, number);
  DC_ASSIGN_OR_RETURN(auto file, fs_->NewSequentialFile(name));
  Reporter reporter;
  log::Reader reader(file.get(), &reporter, /*verify_checksums=*/true, 0);
  auto mem = std::make_shared<MemTable>(&icmp_);
  std::string scratch;
  std::string_view record;
  *replayed_any = false;
  while (reader.ReadRecord(&record, &scratch)) {
    auto batch = WriteBatch::FromContents(record);
    Status s = batch.ok() ? batch->Validate() : batch.status();
    if (!s.ok()) return s.WithContext("recovering " + name);
    *replayed_any = true;
    // Records are numbered without gaps across logs. A record that does not start where
    // the previous one ended means writes in between were lost (an older log's unsynced
    // tail): replaying later writes without them would leave a hole, so replay stops.
    if (replay->expected != 0 && batch->Sequence() != replay->expected) {
      replay->gap = true;
      break;
    }
    replay->expected = batch->Sequence() + batch->Count();
    if (batch->Count() == 0) continue;  // the log's start marker
    MemTableInserter inserter(batch->Sequence(), mem.get());
    DC_RETURN_IF_ERROR(batch->Iterate(&inserter));
    SequenceNumber last = batch->Sequence() + batch->Count() - 1;
    if (last > *max_sequence) *max_sequence = last;
    if (mem->ApproximateMemoryUsage() > options_.write_buffer_size) {
      DC_RETURN_IF_ERROR(WriteLevel0Table(lock, *mem, edit));
      mem = std::make_shared<MemTable>(&icmp_);
    }
  }
  if (!replay->gap) {
    if (!reader.status().ok()) return reader.status().WithContext("recovering " + name);
    if (reader.MidLogCorruption()) {
      // Damage followed by intact records is not a torn write: refuse rather than silently
      // lose acknowledged writes.
      return Status::Corruption("write-ahead log " + name + " is damaged before its end (" +
                                reporter.first.message() + ")");
    }
    if (reporter.dropped > 0) {
      // A torn tail: the last write never completed, so it was never acknowledged. Its good
      // prefix goes into a table below and the log is deleted, which truncates it.
      spdlog::warn("{}: dropped {} bytes of an incomplete record at the end ({})", name,
                   reporter.dropped, reporter.first.message());
    }
  }
  if (mem->NumEntries() > 0) DC_RETURN_IF_ERROR(WriteLevel0Table(lock, *mem, edit));
  return Status::Ok();
}

Status DBImpl::NewLogFile() {
  // The old log is not synced here, which would stall every writer behind an fsync. Its
  // unsynced tail may be lost in a crash while a later log's records survive; recovery
  // detects the missing sequence numbers and replays nothing after them, so writes are
  // still lost only from the end. A sync write syncs the old logs first (SyncLog).
  uint64_t number = versions_->NewFileNumber();
  DC_ASSIGN_OR_RETURN(auto file, fs_->NewWritableFile(LogFileName(dbname_, number)));
  // The new log's directory entry must be durable before a synced write in it is
  // acknowledged; that can wait for the first sync write (SyncLog).
  log_dir_synced_ = false;
  if (log_file_) unsynced_logs_.emplace_back(log_number_, std::move(log_file_));
  log_file_ = std::move(file);
  log_ = std::make_unique<log::Writer>(log_file_.get());
  log_number_ = number;
  // The start marker: an empty batch naming the sequence the log's first write will have,
  // so that recovery notices when an older log lost records at its end.
  WriteBatch marker;
  marker.SetSequence(versions_->LastSequence() + 1);
  return log_->AddRecord(marker.Contents());
}

Status DBImpl::SyncLog(std::vector<std::unique_ptr<WritableFile>> old_logs) {
  for (auto& old_log : old_logs) {
    DC_RETURN_IF_ERROR(old_log->Sync());
    (void)old_log->Close();
  }
  if (!log_dir_synced_) {
    DC_RETURN_IF_ERROR(fs_->SyncDir(dbname_));
    log_dir_synced_ = true;
  }
  return log_file_->Sync();
}

Status DBImpl::WriteLevel0Table(std::unique_lock<std::mutex>& lock, const MemTable& mem,
                                VersionEdit* edit) {
  FileMetaData meta;
  meta.number = versions_->NewFileNumber();
  pending_outputs_.insert(meta.number);
  std::string name = TableFileName(dbname_, meta.number);
  // Building the table needs no shared state: let writers and readers go on meanwhile.
  lock.unlock();
  auto build = [&]() -> Status {
    DC_ASSIGN_OR_RETURN(auto file, fs_->NewWritableFile(name));
    TableBuilder builder(table_cache_->table_options(), file.get());
    auto it = mem.NewIterator();
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      if (meta.smallest.empty()) meta.smallest.assign(it->key());
      meta.largest.assign(it->key());
      Status s = builder.Add(it->key(), it->value());
      if (!s.ok()) {
        builder.Abandon();
        return s;
      }
    }
    for (const RangeTombstone& t : mem.RangeTombstones()) {
      builder.AddRangeTombstone(t.begin, t.sequence, t.end);
      // The file's key range covers its tombstones, so that reads and compactions that
      // overlap a tombstone see the file.
      std::string begin, end;
      AppendInternalKey(&begin, t.begin, t.sequence, ValueType::kRangeDeletion);
      AppendInternalKey(&end, t.end, kMaxSequenceNumber, ValueType::kRangeDeletion);
      if (meta.smallest.empty() || icmp_.Compare(begin, meta.smallest) < 0) meta.smallest = begin;
      if (meta.largest.empty() || icmp_.Compare(end, meta.largest) > 0) meta.largest = end;
    }
    DC_RETURN_IF_ERROR(builder.Finish());
    meta.file_size = builder.FileSize();
    DC_RETURN_IF_ERROR(file->Sync());
    DC_RETURN_IF_ERROR(file->Close());
    // The manifest will name this file: its directory entry must survive a crash too.
    return fs_->SyncDir(dbname_);
  };
  Status s = build();
  lock.lock();
  if (s.ok() && meta.smallest.empty()) {
    (void)fs_->RemoveFile(name);  // nothing to keep
  } else if (s.ok()) {
    edit->AddFile(0, meta);
    stats_.flushes++;
    stats_.flush_bytes += meta.file_size;
  } else {
    (void)fs_->RemoveFile(name);
  }
  pending_outputs_.erase(meta.number);
  return s.WithContext("writing table " + name);
}

// --- Writes ---

Status DBImpl::Put(const WriteOptions& options, std::string_view key, std::string_view value) {
  WriteBatch batch;
  batch.Put(key, value);
  return Write(options, &batch);
}

Status DBImpl::Delete(const WriteOptions& options, std::string_view key) {
  WriteBatch batch;
  batch.Delete(key);
  return Write(options, &batch);
}

Status DBImpl::DeleteRange(const WriteOptions& options, std::string_view begin,
                           std::string_view end) {
  if (options_.comparator->Compare(begin, end) >= 0) return Status::Ok();  // empty range
  WriteBatch batch;
  batch.DeleteRange(begin, end);
  return Write(options, &batch);
}

Status DBImpl::Write(const WriteOptions& options, WriteBatch* batch) {
  Writer w{batch, options.sync};
  return Enqueue(&w);
}

Status DBImpl::Enqueue(Writer* writer) {
  Writer& w = *writer;
  WriteBatch* batch = w.batch;
  std::unique_lock<std::mutex> lock(mutex_);
  writers_.push_back(&w);
  while (!w.done && &w != writers_.front()) w.cv.wait(lock);
  if (w.done) return w.status;

  Status status = MakeRoomForWrite(lock, /*force=*/w.switch_memtable);
  Writer* last_writer = &w;
  if (status.ok() && batch->Count() > 0) {
    WriteBatch* group = BuildBatchGroup(&last_writer);
    SequenceNumber first = versions_->LastSequence() + 1;
    group->SetSequence(first);
    SequenceNumber last = first + group->Count() - 1;
    bool sync = w.sync;
    MemTable* mem = mem_.get();
    uint64_t user_bytes = UserBytes(*group);
    std::vector<std::unique_ptr<WritableFile>> old_logs;
    if (sync) old_logs = TakeUnsyncedLogs();

    // Only the leader touches the log and the memtable, so the mutex can go while the
    // expensive part runs and other writers queue up behind it.
    lock.unlock();
    status = log_->AddRecord(group->Contents());
    if (status.ok() && sync) status = SyncLog(std::move(old_logs));
    if (status.ok()) {
      MemTableInserter inserter(first, mem);
      status = group->Iterate(&inserter);
    }
    lock.lock();
    if (status.ok()) {
      versions_->SetLastSequence(last);  // now visible to readers
      stats_.bytes_written += user_bytes;
      stats_.wal_bytes += group->ApproximateSize();
      if (sync) stats_.wal_syncs++;
    } else {
      // The log may hold a partial record, or data whose durability is unknown: stop
      // accepting writes rather than acknowledge anything on top of it.
      RecordBackgroundError(status);
    }
    if (group == &group_batch_) group_batch_.Clear();
  } else if (status.ok() && w.sync && !w.switch_memtable) {
    // SyncWal(): make every write before this one durable.
    std::vector<std::unique_ptr<WritableFile>> old_logs = TakeUnsyncedLogs();
    lock.unlock();
    status = SyncLog(std::move(old_logs));
    lock.lock();
    if (status.ok()) {
      stats_.wal_syncs++;
    } else {
      RecordBackgroundError(status);
    }
  }

  for (;;) {
    Writer* ready = writers_.front();
    writers_.pop_front();
    if (ready != &w) {
      ready->status = status;
      ready->done = true;
      ready->cv.notify_one();
    }
    if (ready == last_writer) break;
  }
  if (!writers_.empty()) writers_.front()->cv.notify_one();
  return status;
}

WriteBatch* DBImpl::BuildBatchGroup(Writer** last_writer) {
  Writer* first = writers_.front();
  WriteBatch* result = first->batch;
  size_t size = first->batch->ApproximateSize();
  size_t max_size = size <= (128 << 10) ? size + (128 << 10) : kMaxGroupBytes;
  for (auto it = writers_.begin() + 1; it != writers_.end(); ++it) {
    Writer* w = *it;
    if (w->switch_memtable) break;  // a Flush() goes alone
    // A sync write cannot ride in a group whose leader will not sync.
    if (w->sync && !first->sync) break;
    if (w->batch->Count() == 0) {
      *last_writer = w;
      continue;
    }
    size += w->batch->ApproximateSize();
    if (size > max_size) break;
    if (result == first->batch) {
      group_batch_.Clear();
      group_batch_.Append(*first->batch);
      result = &group_batch_;
    }
    result->Append(*w->batch);
    *last_writer = w;
  }
  return result;
}

Status DBImpl::MakeRoomForWrite(std::unique_lock<std::mutex>& lock, bool force) {
  bool delayed = false;
  for (;;) {
    if (!background_error_.ok()) return background_error_;
    int l0_files = versions_->NumLevel0Files();
    if (!force && !delayed && l0_files >= options_.l0_slowdown_writes_trigger) {
      // Level 0 is filling up: give compaction a millisecond of this writer's time rather
      // than stop it for seconds later.
      stats_.write_stalls++;
      delayed = true;
      lock.unlock();
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      lock.lock();
      continue;
    }
    // An empty memtable always has room: its fixed overhead may exceed a tiny budget, and
    // switching it out would only make another just like it.
    if (!force &&
        (mem_->NumEntries() == 0 || mem_->ApproximateMemoryUsage() <= options_.write_buffer_size)) {
      return Status::Ok();
    }
    if (imm_ != nullptr || l0_files >= options_.l0_stop_writes_trigger) {
      // The previous memtable is still being flushed, or level 0 is full: wait.
      stats_.write_stalls++;
      background_cv_.wait(lock);
      continue;
    }
    if (force && mem_->NumEntries() == 0) return Status::Ok();
    if (Status s = NewLogFile(); !s.ok()) {
      // The new log may hold a partial marker record: accept no more writes.
      RecordBackgroundError(s);
      return s;
    }
    imm_ = std::move(mem_);
    mem_ = std::make_shared<MemTable>(&icmp_);
    force = false;
    background_cv_.notify_all();
  }
}

Status DBImpl::SyncWal() {
  // An empty sync write: its leader fsyncs the log, covering every write queued before it.
  WriteBatch nothing;
  Writer w{&nothing, true};
  return Enqueue(&w);
}

Status DBImpl::Flush() {
  // Go through the write queue, as a writer of nothing, so that no leader is writing the
  // memtable being switched.
  WriteBatch nothing;
  Writer w{&nothing, false};
  w.switch_memtable = true;
  DC_RETURN_IF_ERROR(Enqueue(&w));
  std::unique_lock<std::mutex> lock(mutex_);
  while (imm_ != nullptr && background_error_.ok()) background_cv_.wait(lock);
  return background_error_;
}

Status DBImpl::CompactRange(std::optional<std::string_view> begin,
                            std::optional<std::string_view> end) {
  DC_RETURN_IF_ERROR(Flush());
  std::unique_lock<std::mutex> lock(mutex_);
  // Level 0 always moves down: its files overlap, so reads must check each of them.
  int deepest = std::max(1, DeepestOverlappingLevel(*versions_->current(), icmp_, begin, end));
  for (int level = 0; level < deepest; level++) {
    ManualCompaction m{.level = level};
    if (begin) m.begin.emplace(*begin);
    if (end) m.end.emplace(*end);
    // One request at a time: wait for another caller's to finish.
    while (manual_compaction_ != nullptr && background_error_.ok()) background_cv_.wait(lock);
    if (!background_error_.ok()) return background_error_;
    manual_compaction_ = &m;
    background_cv_.notify_all();
    // Once taken, the request is finished even after an error: it lives on this stack.
    while (!m.done && (background_error_.ok() || m.running)) background_cv_.wait(lock);
    manual_compaction_ = nullptr;
    background_cv_.notify_all();
    if (!background_error_.ok()) return background_error_;
  }
  return Status::Ok();
}

// --- Background work ---

void DBImpl::BackgroundLoop() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    if (shutting_down_) return;
    if (background_error_.ok() && imm_ != nullptr) {
      FlushImmutable(lock);
    } else if (background_error_.ok() && manual_compaction_ != nullptr &&
               !manual_compaction_->done) {
      RunManualCompaction(lock);
    } else if (!background_error_.ok() || !CompactOnce(lock)) {
      background_cv_.wait(lock);  // woken by a memtable switch, an error or shutdown
      continue;
    }
    background_cv_.notify_all();
  }
}

CompactionOptions DBImpl::compaction_options() const {
  CompactionOptions c;
  c.l0_compaction_trigger = options_.l0_compaction_trigger;
  c.max_bytes_for_level_base = options_.max_bytes_for_level_base;
  c.target_file_size = options_.target_file_size;
  return c;
}

SequenceNumber DBImpl::SmallestSnapshot() {
  std::lock_guard<std::mutex> guard(snapshots_->mutex);
  return snapshots_->sequences.empty() ? versions_->LastSequence() : *snapshots_->sequences.begin();
}

bool DBImpl::CompactOnce(std::unique_lock<std::mutex>& lock) {
  std::optional<Compaction> c = PickCompaction(versions_->current(), icmp_, compaction_options());
  if (!c) return false;
  RunCompactionAndInstall(lock, *c);
  return true;
}

void DBImpl::RunManualCompaction(std::unique_lock<std::mutex>& lock) {
  ManualCompaction* m = manual_compaction_;
  m->running = true;
  std::optional<Compaction> c =
      PickRangeCompaction(versions_->current(), icmp_, m->level, m->begin, m->end);
  // One merge moves every overlapping file of the level down (it is not split by size).
  if (c) RunCompactionAndInstall(lock, *c);
  m->done = true;
}

void DBImpl::RunCompactionAndInstall(std::unique_lock<std::mutex>& lock, const Compaction& c) {
  std::vector<uint64_t> outputs;
  CompactionContext context{
      .fs = fs_,
      .dbname = dbname_,
      .table_cache = table_cache_.get(),
      .icmp = &icmp_,
      .smallest_snapshot = SmallestSnapshot(),
      .target_file_size = options_.target_file_size,
      .new_output_number =
          [&] {
            std::lock_guard<std::mutex> guard(mutex_);
            uint64_t number = versions_->NewFileNumber();
            pending_outputs_.insert(number);
            outputs.push_back(number);
            return number;
          },
      .yield =
          [&] {
            // A full memtable must not wait for a long merge: flush it in between.
            std::unique_lock<std::mutex> guard(mutex_);
            if (imm_ != nullptr && background_error_.ok()) {
              FlushImmutable(guard);
              background_cv_.notify_all();
            }
          },
  };
  VersionEdit edit;
  uint64_t bytes_read = 0, bytes_written = 0;
  lock.unlock();
  Status s = RunCompaction(c, context, &edit, &bytes_read, &bytes_written);
  if (s.ok()) s = fs_->SyncDir(dbname_);  // the outputs' entries, before the manifest
  lock.lock();
  if (s.ok()) s = versions_->LogAndApply(&edit);
  for (uint64_t number : outputs) pending_outputs_.erase(number);
  if (!s.ok()) {
    RecordBackgroundError(s.WithContext("compaction"));
    return;
  }
  stats_.compactions++;
  stats_.compaction_bytes_read += bytes_read;
  stats_.compaction_bytes_written += bytes_written;
  RemoveObsoleteFiles();
}

void DBImpl::FlushImmutable(std::unique_lock<std::mutex>& lock) {
  std::shared_ptr<MemTable> imm = imm_;
  VersionEdit edit;
  Status s = WriteLevel0Table(lock, *imm, &edit);
  if (s.ok()) {
    // Logs before the current one hold only what is now in tables.
    edit.SetLogNumber(log_number_);
    s = versions_->LogAndApply(&edit);
  }
  if (!s.ok()) {
    RecordBackgroundError(s);
    return;
  }
  imm_.reset();
  // The older logs' contents are in tables now: they never need syncing.
  std::erase_if(unsynced_logs_, [&](const auto& log) { return log.first < log_number_; });
  RemoveObsoleteFiles();
}

std::vector<std::unique_ptr<WritableFile>> DBImpl::TakeUnsyncedLogs() {
  std::vector<std::unique_ptr<WritableFile>> logs;
  for (auto& [number, file] : unsynced_logs_) logs.push_back(std::move(file));
  unsynced_logs_.clear();
  return logs;
}

void DBImpl::RecordBackgroundError(const Status& s) {
  if (background_error_.ok()) {
    background_error_ = s;
    spdlog::error("storage engine stopped accepting writes: {}", s.ToString());
  }
  background_cv_.notify_all();
}

void DBImpl::RemoveObsoleteFiles() {
  auto names = fs_->ListDir(dbname_);
  if (!names.ok()) return;  // try again after the next flush
  std::set<uint64_t> live = versions_->LiveFiles();
  live.insert(pending_outputs_.begin(), pending_outputs_.end());
  for (const std::string& name : *names) {
    uint64_t number;
    FileType type;
    if (!ParseFileName(name, &number, &type)) continue;
    bool keep = true;
    switch (type) {
      case FileType::kLog: keep = number >= versions_->LogNumber() || number == log_number_; break;
      case FileType::kManifest: keep = number >= versions_->ManifestFileNumber(); break;
      case FileType::kTable: keep = live.count(number) > 0; break;
      case FileType::kTemp: keep = pending_outputs_.count(number) > 0; break;
      case FileType::kCurrent:
      case FileType::kLock: break;
    }
    if (keep) continue;
    if (type == FileType::kTable) table_cache_->Evict(number);
    Status s = fs_->RemoveFile(dbname_ + "/" + name);
    if (!s.ok()) spdlog::warn("could not remove obsolete file: {}", s.ToString());
  }
}

// --- Reads ---

DBImpl::ReadState DBImpl::GetReadState(const ReadOptions& options) {
  std::lock_guard<std::mutex> lock(mutex_);
  ReadState state;
  state.mem = mem_;
  state.imm = imm_;
  state.version = versions_->current();
  state.snapshot =
      options.snapshot != nullptr ? options.snapshot->sequence() : versions_->LastSequence();
  return state;
}

Result<RangeTombstoneSet> DBImpl::TombstonesFor(const ReadState& state) {
  RangeTombstoneSet set(options_.comparator);
  if (state.mem->HasRangeTombstones()) set.AddAll(state.mem->RangeTombstones());
  if (state.imm && state.imm->HasRangeTombstones()) set.AddAll(state.imm->RangeTombstones());
  DC_ASSIGN_OR_RETURN(auto from_tables, state.version->RangeTombstones());
  set.AddShared(std::move(from_tables));
  return set;
}

Status DBImpl::Get(const ReadOptions& options, std::string_view key, std::string* value) {
  ReadState state = GetReadState(options);
  MemTable::Lookup found = state.mem->Get(key, state.snapshot, value);
  if (found.result == MemTable::LookupResult::kNotFound && state.imm) {
    found = state.imm->Get(key, state.snapshot, value);
  }
  if (found.result == MemTable::LookupResult::kNotFound) {
    DC_ASSIGN_OR_RETURN(auto in_tables, state.version->Get(options, key, state.snapshot, value));
    found = {in_tables.result, in_tables.sequence};
  }
  if (found.result != MemTable::LookupResult::kFound) return Status::NotFound("key not found");
  DC_ASSIGN_OR_RETURN(RangeTombstoneSet tombstones, TombstonesFor(state));
  if (tombstones.Covers(key, found.sequence, state.snapshot)) {
    return Status::NotFound("key not found");
  }
  bytes_read_.fetch_add(value->size(), std::memory_order_relaxed);
  return Status::Ok();
}

std::unique_ptr<Iterator> DBImpl::NewIterator(const ReadOptions& options) {
  ReadState state = GetReadState(options);
  std::vector<std::unique_ptr<Iterator>> children;
  children.push_back(state.mem->NewIterator());
  if (state.imm) children.push_back(state.imm->NewIterator());
  Status s = state.version->AddIterators(options, &children);
  if (!s.ok()) return NewEmptyIterator(s);
  auto tombstones = TombstonesFor(state);
  if (!tombstones.ok()) return NewEmptyIterator(tombstones.status());
  return NewDBIterator(options_.comparator, NewMergingIterator(&icmp_, std::move(children)),
                       state.snapshot, std::move(tombstones).value(),
                       {state.mem, state.imm, state.version});
}

std::shared_ptr<const Snapshot> DBImpl::GetSnapshot() {
  std::lock_guard<std::mutex> lock(mutex_);
  SequenceNumber sequence = versions_->LastSequence();
  {
    std::lock_guard<std::mutex> guard(snapshots_->mutex);
    snapshots_->sequences.insert(sequence);
  }
  return std::shared_ptr<const Snapshot>(
      new Snapshot(sequence), [list = snapshots_](const Snapshot* s) {
        {
          std::lock_guard<std::mutex> guard(list->mutex);
          list->sequences.erase(list->sequences.find(s->sequence()));
        }
        delete s;
      });
}

Result<SequenceNumber> DBImpl::GetLatestSequenceForKey(std::string_view key) {
  ReadState state = GetReadState(ReadOptions());
  state.snapshot = kMaxSequenceNumber;
  std::string ignored;
  MemTable::Lookup found = state.mem->Get(key, state.snapshot, &ignored);
  if (found.result == MemTable::LookupResult::kNotFound && state.imm) {
    found = state.imm->Get(key, state.snapshot, &ignored);
  }
  SequenceNumber latest = found.sequence;
  if (found.result == MemTable::LookupResult::kNotFound) {
    DC_ASSIGN_OR_RETURN(auto in_tables,
                        state.version->Get(ReadOptions(), key, state.snapshot, &ignored));
    latest = in_tables.sequence;
  }
  DC_ASSIGN_OR_RETURN(RangeTombstoneSet tombstones, TombstonesFor(state));
  return std::max(latest, tombstones.NewestCovering(key));
}

SequenceNumber DBImpl::LatestSequence() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return versions_->LastSequence();
}

Statistics DBImpl::GetStatistics() {
  std::lock_guard<std::mutex> lock(mutex_);
  Statistics s = stats_;
  s.bytes_read = bytes_read_.load(std::memory_order_relaxed);
  auto version = versions_->current();
  for (int level = 0; level < kNumLevels; level++) {
    s.files_per_level.push_back(version->NumFiles(level));
    s.bytes_per_level.push_back(version->LevelBytes(level));
  }
  s.memtable_bytes = mem_->ApproximateMemoryUsage() + (imm_ ? imm_->ApproximateMemoryUsage() : 0);
  if (block_cache_) {
    s.block_cache_hits = block_cache_->hits();
    s.block_cache_misses = block_cache_->misses();
  }
  return s;
}

Status DBImpl::Health() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return background_error_;
}

}  // namespace datacave::lsm
