#include "sql/catalog/system_catalog.h"

#include <algorithm>
#include <optional>

#include "sql/catalog/system_relations.h"
#include "sql/parser/parser.h"

namespace datacave::sql {
namespace {

using namespace system_rows;

std::string ColumnList(const TableInfo& table, const std::vector<int>& columns) {
  std::string out;
  for (int c : columns) {
    out += (out.empty() ? "" : ", ") + QuoteIdentifier(table.columns[static_cast<size_t>(c)].name);
  }
  return out;
}

std::vector<SystemRelation> BuildRelations() {
  // In this order: pg_class lists them so.
  std::vector<SystemRelation> r = ServerRelations();
  for (auto* family : {TypeRelations, ClassRelations, ConstraintRelations, ViewAndEmptyRelations,
                       InformationSchemaRelations}) {
    for (SystemRelation& relation : family()) r.push_back(std::move(relation));
  }
  return r;
}

std::string ParseIdentifierPart(std::string_view part) {
  if (part.size() >= 2 && part.front() == '"' && part.back() == '"') {
    std::string out;
    for (size_t i = 1; i + 1 < part.size(); ++i) {
      out += part[i];
      if (part[i] == '"' && i + 2 < part.size() && part[i + 1] == '"') ++i;
    }
    return out;
  }
  std::string out(part);
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
  }
  return out;
}

}  // namespace

namespace system_rows {

std::vector<IndexInfo> Indexes(const TableInfo& table) {
  std::vector<IndexInfo> out;
  if (table.is_view) return out;
  if (!table.primary_key.empty()) {
    out.push_back({IndexOid(table, 0), ConstraintOid(table, 0), table.primary_key_name,
                   table.primary_key, true});
  }
  for (size_t i = 0; i < table.uniques.size() && i + 1 < 256; ++i) {
    const ConstraintInfo& unique = table.uniques[i];
    out.push_back({IndexOid(table, i + 1),
                   unique.from_create_index ? 0 : ConstraintOid(table, i + 1), unique.name,
                   unique.columns, false, unique.unique, unique.descending});
  }
  return out;
}
uint32_t CheckOid(const TableInfo& table, size_t i) {
  return ConstraintOid(table, 1 + table.uniques.size() + i);
}

}  // namespace system_rows

uint32_t IndexOid(const TableInfo& table, size_t k) {
  return 0x40000000u + (table.id << 8) + static_cast<uint32_t>(k & 0xff);
}
uint32_t ConstraintOid(const TableInfo& table, size_t k) {
  return 0x80000000u + (table.id << 8) + static_cast<uint32_t>(k & 0xff);
}

std::string DeparseDefault(const ColumnInfo& column) {
  auto parsed = ParseExpression(column.default_sql);
  if (!parsed.ok() || (*parsed)->kind != ast::ExprKind::kConstant) return column.default_sql;
  const auto& constant = (*parsed)->As<ast::ConstantExpr>();
  if (constant.constant_kind == ast::ConstantKind::kBoolean) {
    return constant.bool_value ? "true" : "false";
  }
  if (constant.constant_kind == ast::ConstantKind::kString) {
    // The constant was coerced to the column's type when the table was made; PostgreSQL
    // shows that coercion (bpchar by its internal name, as its deparser does).
    switch (column.type.id) {
      case TypeId::kText: return column.default_sql + "::text";
      case TypeId::kVarchar: return column.default_sql + "::character varying";
      case TypeId::kBpchar: return column.default_sql + "::bpchar";
      default: break;
    }
  }
  return column.default_sql;
}

const std::vector<SystemRelation>& SystemRelations() {
  static const std::vector<SystemRelation> relations = BuildRelations();
  return relations;
}

const SystemRelation* FindSystemRelation(std::string_view schema, std::string_view name) {
  if (schema.empty()) schema = "pg_catalog";
  for (const SystemRelation& r : SystemRelations()) {
    if (schema == r.schema && name == r.name) return &r;
  }
  return nullptr;
}

CatalogLookups::CatalogLookups(SystemCatalogContext context) : context_(std::move(context)) {}

std::optional<std::string> CatalogLookups::RelationName(uint32_t oid) const {
  for (const SystemRelation& r : SystemRelations()) {
    if (r.oid == oid) return std::string(r.name);
  }
  for (const auto& table : context_.tables) {
    if (table->oid() == oid) return table->name;
    for (const IndexInfo& index : Indexes(*table)) {
      if (index.oid == oid) return index.name;
    }
  }
  return std::nullopt;
}

std::optional<uint32_t> CatalogLookups::RelationOid(std::string_view name) const {
  std::string schema;
  const size_t dot = name.rfind('.');
  std::string relation =
      ParseIdentifierPart(name.substr(dot == std::string_view::npos ? 0 : dot + 1));
  if (dot != std::string_view::npos) schema = ParseIdentifierPart(name.substr(0, dot));
  if (schema.empty() || schema == "pg_catalog" || schema == "information_schema") {
    if (const SystemRelation* r = FindSystemRelation(schema, relation)) return r->oid;
    if (!schema.empty()) return std::nullopt;
  }
  if (!schema.empty() && schema != "public") return std::nullopt;
  for (const auto& table : context_.tables) {
    if (table->name == relation) return table->oid();
    for (const IndexInfo& index : Indexes(*table)) {
      if (index.name == relation) return index.oid;
    }
  }
  return std::nullopt;
}

std::optional<std::string> CatalogLookups::RoleName(uint32_t oid) const {
  if (oid == kBootstrapSuperuser) return context_.user;
  if (oid == kDatabaseOwnerRole) return std::string("pg_database_owner");
  return std::nullopt;
}

std::optional<std::string> CatalogLookups::NamespaceName(uint32_t oid) const {
  if (oid == kPgCatalogNamespace) return std::string("pg_catalog");
  if (oid == kPublicNamespace) return std::string("public");
  if (oid == kInformationSchemaNamespace) return std::string("information_schema");
  return std::nullopt;
}

int CatalogLookups::IndexColumnCount(uint32_t oid) const {
  for (const auto& table : context_.tables) {
    for (const IndexInfo& index : Indexes(*table)) {
      if (index.oid == oid) return static_cast<int>(index.columns.size());
    }
  }
  return 0;
}

std::optional<std::string> CatalogLookups::IndexDef(uint32_t oid, int column) const {
  for (const auto& table : context_.tables) {
    for (const IndexInfo& index : Indexes(*table)) {
      if (index.oid != oid) continue;
      if (column > 0) {
        if (column > static_cast<int>(index.columns.size())) return std::nullopt;
        const int c = index.columns[static_cast<size_t>(column - 1)];
        return QuoteIdentifier(table->columns[static_cast<size_t>(c)].name);
      }
      std::string columns;
      for (size_t k = 0; k < index.columns.size(); ++k) {
        if (k > 0) columns += ", ";
        columns += QuoteIdentifier(table->columns[static_cast<size_t>(index.columns[k])].name);
        if (k < index.descending.size() && index.descending[k]) columns += " DESC";
      }
      return std::string(index.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") +
             QuoteIdentifier(index.name) + " ON " + QuoteIdentifier(table->name) +
             " USING btree (" + columns + ")";
    }
  }
  return std::nullopt;
}

std::optional<std::string> CatalogLookups::ConstraintDef(uint32_t oid) const {
  for (const auto& table : context_.tables) {
    for (const IndexInfo& index : Indexes(*table)) {
      if (index.constraint_oid == 0 || index.constraint_oid != oid) continue;
      return std::string(index.primary ? "PRIMARY KEY (" : "UNIQUE (") +
             ColumnList(*table, index.columns) + ")";
    }
    for (size_t i = 0; i < table->checks.size(); ++i) {
      if (CheckOid(*table, i) != oid) continue;
      const std::string& sql = table->checks[i].check_sql;
      return !sql.empty() && sql.front() == '(' && sql.back() == ')' ? "CHECK " + sql
                                                                     : "CHECK (" + sql + ")";
    }
  }
  return std::nullopt;
}

}  // namespace datacave::sql
