#pragma once

// Random schemas, data and SELECTs for the differential test (differential_test.cc), all
// deterministic from a seed. The SQL stays within what both PostgreSQL 15 and Datacave are
// meant to answer alike; where an answer would depend on evaluation order (which SQL leaves
// open), the generator keeps errors out of the picture: see "error opportunities" in
// diff_generator.cc.

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace datacave::slt::diff {

enum class Type { kInt4, kInt8, kNumeric, kFloat8, kText, kBool };

struct Column {
  std::string name;
  Type type;
  // Holds values near the type's limits too, so arithmetic on it may overflow.
  bool big = false;
};

struct Table {
  std::string name;
  std::vector<Column> columns;
  bool primary_key = false;  // on columns[0]
};

struct Query {
  std::string sql;
  // Output columns (0-based) of the ORDER BY, in order. The rows of both answers must come
  // in the same order of these columns; the rest of each row is compared as a multiset.
  std::vector<int> order_columns;
  // The ORDER BY names every output column: the whole rows must come in the same order.
  bool total_order = false;
};

class Generator {
 public:
  // Makes the schema (2-4 tables) and their rows from seed.
  explicit Generator(uint64_t seed);

  // CREATE TABLE and INSERT statements, to run before any query.
  const std::vector<std::string>& setup() const { return setup_; }
  const std::vector<Table>& tables() const { return tables_; }

  // The index-th query for this schema (a function of the seed and index only).
  Query MakeQuery(uint64_t index) const;

 private:
  uint64_t seed_;
  std::vector<Table> tables_;
  std::vector<std::string> setup_;
};

}  // namespace datacave::slt::diff
