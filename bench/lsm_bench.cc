// Datacave's LSM (lsm::DB) side by side with LevelDB and RocksDB: the same workloads, the same
// keys and values and equal settings, in one run, so that the output reads as ratios.
//
// Every benchmark is named workload/engine (fillseq/datacave, fillseq/leveldb, ...) and runs
// exactly once at the full key count: a fill is not repeatable per iteration. Each run opens
// the engine in a fresh directory under /tmp and removes it afterwards. The key count is
// DATACAVE_BENCH_KEYS (default 1,000,000); the bench-smoke test sets it to 2000.
//
// Equal settings (also printed in the context header of the output): WAL on, no sync per
// write (except fillsync8); 16-byte keys, 100-byte values; 64 MiB write buffer; bloom filter
// of 10 bits per key; no compression; checksums verified on reads; otherwise each engine's
// defaults.

#include <benchmark/benchmark.h>
#include <leveldb/cache.h>
#include <leveldb/db.h>
#include <leveldb/filter_policy.h>
#include <leveldb/options.h>
#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/version.h>
#include <stdlib.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <numeric>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "lsm/db.h"
#include "lsm/options.h"

namespace datacave {
namespace {

constexpr size_t kKeySize = 16;
constexpr size_t kValueSize = 100;
constexpr size_t kWriteBufferSize = size_t{64} << 20;
constexpr int kBloomBitsPerKey = 10;
// "From disk": a cache much smaller than the data. "From cache": room for all of it at the
// default key count (about 120 MB of keys and values).
constexpr size_t kSmallCacheSize = size_t{8} << 20;
constexpr size_t kLargeCacheSize = size_t{1} << 30;
constexpr int kSyncThreads = 8;
constexpr int kScanLength = 100;

// Stops the program with a message: a benchmark that lost data measures nothing.
void Check(bool ok, std::string_view what, const std::string& detail) {
  if (ok) return;
  std::fprintf(stderr, "lsm_bench: %.*s: %s\n", static_cast<int>(what.size()), what.data(),
               detail.c_str());
  std::abort();
}

int64_t NumKeys() {
  const char* env = std::getenv("DATACAVE_BENCH_KEYS");
  if (env == nullptr || *env == '\0') return 1'000'000;
  int64_t n = std::strtoll(env, nullptr, 10);
  Check(n > 0, "DATACAVE_BENCH_KEYS", env);
  return n;
}

// Zero-padded decimal, so that byte order is numeric order (i < 10^16).
std::string MakeKey(int64_t i) {
  char buf[24];
  std::snprintf(buf, sizeof(buf), "%016lld", static_cast<long long>(i));
  return std::string(buf, kKeySize);
}

// 100-byte values cut from a fixed pseudo-random buffer, as LevelDB's db_bench does.
class ValueSource {
 public:
  ValueSource() {
    std::mt19937_64 rng(301);
    data_.resize(size_t{1} << 20);
    for (char& c : data_) c = static_cast<char>(' ' + rng() % 95);
  }
  std::string_view Next() {
    if (pos_ + kValueSize > data_.size()) pos_ = 0;
    std::string_view v(data_.data() + pos_, kValueSize);
    pos_ += kValueSize;
    return v;
  }

 private:
  std::string data_;
  size_t pos_ = 0;
};

// 0..n-1 in a fixed random order.
std::vector<int64_t> Shuffled(int64_t n, uint64_t seed) {
  std::vector<int64_t> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), int64_t{0});
  std::shuffle(order.begin(), order.end(), std::mt19937_64(seed));
  return order;
}

// ---------------------------------------------------------------------------------------
// The adapter each engine implements.

class Cursor {
 public:
  virtual ~Cursor() = default;
  virtual void SeekToFirst() = 0;
  virtual void Seek(std::string_view key) = 0;
  virtual bool Valid() const = 0;
  virtual void Next() = 0;
  virtual std::string_view key() const = 0;
  virtual std::string_view value() const = 0;
};

class Engine {
 public:
  virtual ~Engine() = default;
  virtual void Open(const std::string& dir, size_t block_cache_size) = 0;
  virtual void Put(std::string_view key, std::string_view value, bool sync) = 0;
  // False when the key is absent.
  virtual bool Get(std::string_view key, std::string* value) = 0;
  virtual std::unique_ptr<Cursor> NewCursor() = 0;
  // Closes the database and frees everything Open made; Open may follow.
  virtual void Close() = 0;
};

// Datacave ------------------------------------------------------------------------------

class DatacaveCursor : public Cursor {
 public:
  explicit DatacaveCursor(std::unique_ptr<lsm::Iterator> it) : it_(std::move(it)) {}
  ~DatacaveCursor() override { Check(it_->status().ok(), "datacave iterator", ""); }
  void SeekToFirst() override { it_->SeekToFirst(); }
  void Seek(std::string_view key) override { it_->Seek(key); }
  bool Valid() const override { return it_->Valid(); }
  void Next() override { it_->Next(); }
  std::string_view key() const override { return it_->key(); }
  std::string_view value() const override { return it_->value(); }

 private:
  std::unique_ptr<lsm::Iterator> it_;
};

class DatacaveEngine : public Engine {
 public:
  void Open(const std::string& dir, size_t block_cache_size) override {
    lsm::Options options;
    options.write_buffer_size = kWriteBufferSize;
    options.compression = lsm::CompressionType::kNone;
    options.bloom_bits_per_key = kBloomBitsPerKey;
    options.block_cache_size = block_cache_size;
    auto db = lsm::DB::Open(options, dir);
    Check(db.ok(), "datacave open", db.status().ToString());
    db_ = std::move(db).value();
  }
  void Put(std::string_view key, std::string_view value, bool sync) override {
    lsm::WriteOptions options;
    options.sync = sync;
    Status s = db_->Put(options, key, value);
    Check(s.ok(), "datacave put", s.ToString());
  }
  bool Get(std::string_view key, std::string* value) override {
    Status s = db_->Get(lsm::ReadOptions(), key, value);
    Check(s.ok() || s.IsNotFound(), "datacave get", s.ToString());
    return s.ok();
  }
  std::unique_ptr<Cursor> NewCursor() override {
    return std::make_unique<DatacaveCursor>(db_->NewIterator(lsm::ReadOptions()));
  }
  void Close() override { db_.reset(); }

 private:
  std::unique_ptr<lsm::DB> db_;
};

// LevelDB -------------------------------------------------------------------------------

std::string_view View(const leveldb::Slice& s) {
  return {s.data(), s.size()};
}

class LevelDbCursor : public Cursor {
 public:
  explicit LevelDbCursor(leveldb::Iterator* it) : it_(it) {}
  ~LevelDbCursor() override { Check(it_->status().ok(), "leveldb iterator", ""); }
  void SeekToFirst() override { it_->SeekToFirst(); }
  void Seek(std::string_view key) override { it_->Seek(leveldb::Slice(key.data(), key.size())); }
  bool Valid() const override { return it_->Valid(); }
  void Next() override { it_->Next(); }
  std::string_view key() const override { return View(it_->key()); }
  std::string_view value() const override { return View(it_->value()); }

 private:
  std::unique_ptr<leveldb::Iterator> it_;
};

class LevelDbEngine : public Engine {
 public:
  ~LevelDbEngine() override { Close(); }
  void Open(const std::string& dir, size_t block_cache_size) override {
    cache_.reset(leveldb::NewLRUCache(block_cache_size));
    filter_.reset(leveldb::NewBloomFilterPolicy(kBloomBitsPerKey));
    leveldb::Options options;
    options.create_if_missing = true;
    options.write_buffer_size = kWriteBufferSize;
    options.compression = leveldb::kNoCompression;
    options.block_cache = cache_.get();
    options.filter_policy = filter_.get();
    leveldb::DB* db = nullptr;
    leveldb::Status s = leveldb::DB::Open(options, dir, &db);
    Check(s.ok(), "leveldb open", s.ToString());
    db_.reset(db);
    read_options_.verify_checksums = true;
  }
  void Put(std::string_view key, std::string_view value, bool sync) override {
    leveldb::WriteOptions options;
    options.sync = sync;
    leveldb::Status s = db_->Put(options, leveldb::Slice(key.data(), key.size()),
                                 leveldb::Slice(value.data(), value.size()));
    Check(s.ok(), "leveldb put", s.ToString());
  }
  bool Get(std::string_view key, std::string* value) override {
    leveldb::Status s = db_->Get(read_options_, leveldb::Slice(key.data(), key.size()), value);
    Check(s.ok() || s.IsNotFound(), "leveldb get", s.ToString());
    return s.ok();
  }
  std::unique_ptr<Cursor> NewCursor() override {
    return std::make_unique<LevelDbCursor>(db_->NewIterator(read_options_));
  }
  void Close() override {
    db_.reset();  // before the cache and filter policy it uses
    cache_.reset();
    filter_.reset();
  }

 private:
  std::unique_ptr<leveldb::Cache> cache_;
  std::unique_ptr<const leveldb::FilterPolicy> filter_;
  std::unique_ptr<leveldb::DB> db_;
  leveldb::ReadOptions read_options_;
};

// RocksDB -------------------------------------------------------------------------------

std::string_view View(const rocksdb::Slice& s) {
  return {s.data(), s.size()};
}

class RocksDbCursor : public Cursor {
 public:
  explicit RocksDbCursor(rocksdb::Iterator* it) : it_(it) {}
  ~RocksDbCursor() override { Check(it_->status().ok(), "rocksdb iterator", ""); }
  void SeekToFirst() override { it_->SeekToFirst(); }
  void Seek(std::string_view key) override { it_->Seek(rocksdb::Slice(key.data(), key.size())); }
  bool Valid() const override { return it_->Valid(); }
  void Next() override { it_->Next(); }
  std::string_view key() const override { return View(it_->key()); }
  std::string_view value() const override { return View(it_->value()); }

 private:
  std::unique_ptr<rocksdb::Iterator> it_;
};

class RocksDbEngine : public Engine {
 public:
  ~RocksDbEngine() override { Close(); }
  void Open(const std::string& dir, size_t block_cache_size) override {
    rocksdb::BlockBasedTableOptions table_options;
    table_options.block_cache = rocksdb::NewLRUCache(block_cache_size);
    table_options.filter_policy.reset(rocksdb::NewBloomFilterPolicy(kBloomBitsPerKey));
    rocksdb::Options options;
    options.create_if_missing = true;
    options.write_buffer_size = kWriteBufferSize;
    options.compression = rocksdb::kNoCompression;
    options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table_options));
    rocksdb::DB* db = nullptr;
    rocksdb::Status s = rocksdb::DB::Open(options, dir, &db);
    Check(s.ok(), "rocksdb open", s.ToString());
    db_.reset(db);
    read_options_.verify_checksums = true;
  }
  void Put(std::string_view key, std::string_view value, bool sync) override {
    rocksdb::WriteOptions options;
    options.sync = sync;
    rocksdb::Status s = db_->Put(options, rocksdb::Slice(key.data(), key.size()),
                                 rocksdb::Slice(value.data(), value.size()));
    Check(s.ok(), "rocksdb put", s.ToString());
  }
  bool Get(std::string_view key, std::string* value) override {
    rocksdb::Status s = db_->Get(read_options_, rocksdb::Slice(key.data(), key.size()), value);
    Check(s.ok() || s.IsNotFound(), "rocksdb get", s.ToString());
    return s.ok();
  }
  std::unique_ptr<Cursor> NewCursor() override {
    return std::make_unique<RocksDbCursor>(db_->NewIterator(read_options_));
  }
  void Close() override {
    if (db_ == nullptr) return;
    rocksdb::Status s = db_->Close();
    Check(s.ok(), "rocksdb close", s.ToString());
    db_.reset();
  }

 private:
  std::unique_ptr<rocksdb::DB> db_;
  rocksdb::ReadOptions read_options_;
};

// ---------------------------------------------------------------------------------------
// Workloads. Each opens its engine in a fresh directory, prepares untimed, times one pass in
// the single benchmark iteration, and removes the directory.

using EngineFactory = std::function<std::unique_ptr<Engine>()>;

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "lsm_bench.XXXXXX").string();
    Check(mkdtemp(pattern.data()) != nullptr, "mkdtemp", pattern);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Table files in the directory now (.sst for Datacave and RocksDB, .ldb for LevelDB): how
// many tables a read may have to consult, at most.
void CountTables(benchmark::State& state, const std::string& dir) {
  int tables = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string extension = entry.path().extension().string();
    if (extension == ".sst" || extension == ".ldb") tables++;
  }
  state.counters["tables"] = tables;
}

void FillInOrder(Engine* engine, const std::vector<int64_t>& order, bool sync = false) {
  ValueSource values;
  for (int64_t i : order) engine->Put(MakeKey(i), values.Next(), sync);
}

std::vector<int64_t> Sequential(int64_t n) {
  std::vector<int64_t> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), int64_t{0});
  return order;
}

void FillSeq(benchmark::State& state, const EngineFactory& factory) {
  const int64_t n = NumKeys();
  TempDir dir;
  auto engine = factory();
  engine->Open(dir.path(), kSmallCacheSize);
  const std::vector<int64_t> order = Sequential(n);
  for (auto _ : state) FillInOrder(engine.get(), order);
  CountTables(state, dir.path());
  engine->Close();
  state.SetItemsProcessed(n);
}

void FillRandom(benchmark::State& state, const EngineFactory& factory) {
  const int64_t n = NumKeys();
  TempDir dir;
  auto engine = factory();
  engine->Open(dir.path(), kSmallCacheSize);
  const std::vector<int64_t> order = Shuffled(n, 1);
  for (auto _ : state) FillInOrder(engine.get(), order);
  CountTables(state, dir.path());
  engine->Close();
  state.SetItemsProcessed(n);
}

// Rewrites every key, in another random order, after a random fill.
void Overwrite(benchmark::State& state, const EngineFactory& factory) {
  const int64_t n = NumKeys();
  TempDir dir;
  auto engine = factory();
  engine->Open(dir.path(), kSmallCacheSize);
  FillInOrder(engine.get(), Shuffled(n, 1));
  const std::vector<int64_t> order = Shuffled(n, 2);
  for (auto _ : state) FillInOrder(engine.get(), order);
  CountTables(state, dir.path());
  engine->Close();
  state.SetItemsProcessed(n);
}

// A random fill, then the engine is closed and reopened with a block cache of
// block_cache_size (its recovery writes the WAL's contents to a table, in all three), so that
// reads go to table files. With warm_cache, one untimed full scan first loads every block.
void FillAndReopen(Engine* engine, const std::string& dir, size_t block_cache_size,
                   bool warm_cache) {
  engine->Open(dir, block_cache_size);
  FillInOrder(engine, Shuffled(NumKeys(), 1));
  engine->Close();
  engine->Open(dir, block_cache_size);
  if (warm_cache) {
    auto cursor = engine->NewCursor();
    for (cursor->SeekToFirst(); cursor->Valid(); cursor->Next()) {
      benchmark::DoNotOptimize(cursor->value().data());
    }
  }
}

void ReadRandom(benchmark::State& state, const EngineFactory& factory, size_t block_cache_size,
                bool warm_cache) {
  const int64_t n = NumKeys();
  TempDir dir;
  auto engine = factory();
  FillAndReopen(engine.get(), dir.path(), block_cache_size, warm_cache);
  const std::vector<int64_t> order = Shuffled(n, 3);
  int64_t found = 0;
  for (auto _ : state) {
    std::string value;
    for (int64_t i : order) found += engine->Get(MakeKey(i), &value) ? 1 : 0;
  }
  CountTables(state, dir.path());
  engine->Close();
  Check(found == n, "readrandom", "keys missing");
  state.SetItemsProcessed(n);
}

// N/10 seeks to random keys, each followed by reading 100 keys forward. Items are seeks.
void SeekScan(benchmark::State& state, const EngineFactory& factory) {
  const int64_t n = NumKeys();
  const int64_t seeks = std::max<int64_t>(n / 10, 1);
  TempDir dir;
  auto engine = factory();
  FillAndReopen(engine.get(), dir.path(), kLargeCacheSize, /*warm_cache=*/true);
  std::mt19937_64 rng(4);
  std::vector<std::string> targets;
  targets.reserve(static_cast<size_t>(seeks));
  for (int64_t i = 0; i < seeks; i++)
    targets.push_back(MakeKey(static_cast<int64_t>(rng() % static_cast<uint64_t>(n))));
  int64_t read = 0;
  for (auto _ : state) {
    auto cursor = engine->NewCursor();
    for (const std::string& target : targets) {
      cursor->Seek(target);
      for (int j = 0; j < kScanLength && cursor->Valid(); j++, cursor->Next()) {
        benchmark::DoNotOptimize(cursor->value().data());
        read++;
      }
    }
  }
  CountTables(state, dir.path());
  engine->Close();
  Check(read > 0, "seekscan", "nothing read");
  state.SetItemsProcessed(seeks);
  state.counters["keys_read"] = static_cast<double>(read);
}

// Every key in order, after a random fill and a reopen with a cold 8 MiB cache.
void FullScan(benchmark::State& state, const EngineFactory& factory) {
  const int64_t n = NumKeys();
  TempDir dir;
  auto engine = factory();
  FillAndReopen(engine.get(), dir.path(), kSmallCacheSize, /*warm_cache=*/false);
  int64_t read = 0;
  for (auto _ : state) {
    auto cursor = engine->NewCursor();
    for (cursor->SeekToFirst(); cursor->Valid(); cursor->Next()) {
      benchmark::DoNotOptimize(cursor->value().data());
      read++;
    }
  }
  CountTables(state, dir.path());
  engine->Close();
  Check(read == n, "fullscan", "keys missing");
  state.SetItemsProcessed(n);
}

// 8 threads write N/100 keys in all, each write with sync=true: measures group commit.
void FillSync8(benchmark::State& state, const EngineFactory& factory) {
  const int64_t total = std::max<int64_t>(NumKeys() / 100, kSyncThreads);
  const int64_t per_thread = total / kSyncThreads;
  TempDir dir;
  auto engine = factory();
  engine->Open(dir.path(), kSmallCacheSize);
  for (auto _ : state) {
    std::vector<std::thread> threads;
    for (int t = 0; t < kSyncThreads; t++) {
      threads.emplace_back([&engine, t, per_thread] {
        ValueSource values;
        for (int64_t i = 0; i < per_thread; i++) {
          engine->Put(MakeKey(i * kSyncThreads + t), values.Next(), /*sync=*/true);
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
  }
  CountTables(state, dir.path());
  engine->Close();
  state.SetItemsProcessed(per_thread * kSyncThreads);
}

void RegisterAll() {
  const std::vector<std::pair<std::string, EngineFactory>> engines = {
      {"datacave", [] { return std::unique_ptr<Engine>(new DatacaveEngine); }},
      {"leveldb", [] { return std::unique_ptr<Engine>(new LevelDbEngine); }},
      {"rocksdb", [] { return std::unique_ptr<Engine>(new RocksDbEngine); }},
  };
  using Workload = std::function<void(benchmark::State&, const EngineFactory&)>;
  const std::vector<std::pair<std::string, Workload>> workloads = {
      {"fillseq", FillSeq},
      {"fillrandom", FillRandom},
      {"overwrite", Overwrite},
      {"readrandom_cache", [](benchmark::State& s,
                              const EngineFactory& f) { ReadRandom(s, f, kLargeCacheSize, true); }},
      {"readrandom_disk", [](benchmark::State& s,
                             const EngineFactory& f) { ReadRandom(s, f, kSmallCacheSize, false); }},
      {"seekscan100", SeekScan},
      {"fullscan", FullScan},
      {"fillsync8", FillSync8},
  };
  for (const auto& [workload_name, workload] : workloads) {
    for (const auto& [engine_name, factory] : engines) {
      benchmark::RegisterBenchmark(
          (workload_name + "/" + engine_name).c_str(),
          [workload, factory](benchmark::State& state) { workload(state, factory); })
          ->Iterations(1)
          ->UseRealTime()
          ->Unit(benchmark::kMillisecond);
    }
  }
}

void AddContext() {
  benchmark::AddCustomContext("keys", std::to_string(NumKeys()) + " (DATACAVE_BENCH_KEYS)");
  benchmark::AddCustomContext("key/value bytes", "16 / 100");
  benchmark::AddCustomContext("write path", "WAL on, sync=false (fillsync8: sync=true, 8 threads)");
  benchmark::AddCustomContext("write buffer", "64 MiB");
  benchmark::AddCustomContext("block cache",
                              "8 MiB (fill*, overwrite, readrandom_disk, fullscan), "
                              "1 GiB warmed by a full scan (readrandom_cache, seekscan100)");
  benchmark::AddCustomContext("bloom filter", "10 bits/key");
  benchmark::AddCustomContext("compression", "none");
  benchmark::AddCustomContext("read checksums", "verified");
  benchmark::AddCustomContext("leveldb", std::to_string(leveldb::kMajorVersion) + "." +
                                             std::to_string(leveldb::kMinorVersion));
  benchmark::AddCustomContext("rocksdb", std::to_string(ROCKSDB_MAJOR) + "." +
                                             std::to_string(ROCKSDB_MINOR) + "." +
                                             std::to_string(ROCKSDB_PATCH));
}

// Prints benchmarks as workload/engine: drops the "iterations:1/real_time" that every name
// would otherwise carry. Wraps the reporter --benchmark_format asks for.
class ShortNameReporter : public benchmark::BenchmarkReporter {
 public:
  ShortNameReporter() : inner_(benchmark::CreateDefaultDisplayReporter()) {}
  bool ReportContext(const Context& context) override { return inner_->ReportContext(context); }
  void ReportRuns(const std::vector<Run>& runs) override {
    std::vector<Run> renamed = runs;
    for (Run& run : renamed) {
      run.run_name.iterations.clear();
      run.run_name.time_type.clear();
    }
    inner_->ReportRuns(renamed);
  }
  void Finalize() override { inner_->Finalize(); }

 private:
  std::unique_ptr<benchmark::BenchmarkReporter> inner_;
};

}  // namespace
}  // namespace datacave

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  datacave::AddContext();
  datacave::RegisterAll();
  datacave::ShortNameReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
