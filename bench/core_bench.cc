// Micro-benchmarks of core codecs that sit on every hot path: CRC32C over blocks, varints
// in block and record headers, and order-preserving key encoding for every row key.

#include <benchmark/benchmark.h>

#include <random>
#include <string>

#include "core/coding.h"
#include "core/crc32c.h"
#include "core/key_encoding.h"

namespace datacave {
namespace {

void BM_Crc32c(benchmark::State& state) {
  std::string block(static_cast<size_t>(state.range(0)), 'x');
  for (auto _ : state) benchmark::DoNotOptimize(crc32c::Value(block));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_Crc32c)->Arg(4096)->Arg(65536);

void BM_Crc32cPortable(benchmark::State& state) {
  std::string block(static_cast<size_t>(state.range(0)), 'x');
  for (auto _ : state) benchmark::DoNotOptimize(crc32c::ExtendPortable(0, block));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_Crc32cPortable)->Arg(4096);

void BM_VarintRoundTrip(benchmark::State& state) {
  std::mt19937_64 rng(42);
  std::string buf;
  for (int i = 0; i < 1000; i++) PutVarint64(&buf, rng() >> (rng() % 64));
  for (auto _ : state) {
    std::string_view in = buf;
    uint64_t v, sum = 0;
    while (GetVarint64(&in, &v)) sum += v;
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * 1000);
}
BENCHMARK(BM_VarintRoundTrip);

void BM_KeyEncodeIntText(benchmark::State& state) {
  std::string key;
  int64_t i = 0;
  for (auto _ : state) {
    key.clear();
    AppendKeyInt64(&key, i++);
    AppendKeyText(&key, "customer-name");
    benchmark::DoNotOptimize(key.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_KeyEncodeIntText);

}  // namespace
}  // namespace datacave

BENCHMARK_MAIN();
