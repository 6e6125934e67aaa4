// information_schema's views over Datacave's tables, as PostgreSQL 15 presents them. Its
// domains (sql_identifier, character_data, yes_or_no, cardinal_number) are shown as their
// base types text and integer.

#include <algorithm>

#include "sql/catalog/system_catalog.h"

namespace datacave::sql {

using SystemRows = std::vector<std::vector<Value>>;

namespace {

const Type kIdentifier = Type::Of(TypeId::kText);
const Type kCharacterData = Type::Of(TypeId::kText);
const Type kYesOrNo = Type::Of(TypeId::kText);
const Type kCardinal = Type::Of(TypeId::kInt4);

Value Text(std::string s) {
  return Value::Text(std::move(s));
}
Value Null() {
  return Value::Null(TypeId::kText);
}
Value NullInt() {
  return Value::Null(TypeId::kInt4);
}
Value Int(int v) {
  return Value::Int4(v);
}
Value YesNo(bool b) {
  return Text(b ? "YES" : "NO");
}

bool InPrimaryKey(const TableInfo& table, size_t column) {
  return std::find(table.primary_key.begin(), table.primary_key.end(), static_cast<int>(column)) !=
         table.primary_key.end();
}

SystemRows TablesRows(const SystemCatalogContext& context) {
  SystemRows rows;
  auto row = [&](const char* schema, const std::string& name, bool view) {
    rows.push_back({Text(context.database), Text(schema), Text(name),
                    Text(view ? "VIEW" : "BASE TABLE"), Null(), Null(), Null(), Null(), Null(),
                    YesNo(!view), Text("NO"), Null()});
  };
  for (const SystemRelation& r : SystemRelations()) row(r.schema, r.name, r.is_view);
  for (const auto& table : context.tables) row("public", table->name, table->is_view);
  return rows;
}

// data_type: the SQL standard's name of the type, without modifiers.
std::string DataType(TypeId id) {
  if (id == TypeId::kBpchar) return "character";
  return FormatType(Type::Of(id));
}

std::vector<Value> ColumnRow(const SystemCatalogContext& context, const char* schema,
                             const std::string& table, const std::string& name, const Type& type,
                             int position, bool nullable, const std::string& default_sql,
                             bool updatable) {
  Value max_length = NullInt(), octet_length = NullInt(), precision = NullInt(), radix = NullInt(),
        scale = NullInt(), datetime_precision = NullInt();
  Value interval_type = Null();
  switch (type.id) {
    case TypeId::kVarchar:
    case TypeId::kBpchar:
    case TypeId::kText:
      if (type.char_length() >= 0) {
        max_length = Int(type.char_length());
        octet_length = Int(type.char_length() * 4);
      } else {
        octet_length = Int(1073741824);
      }
      break;
    case TypeId::kInt2: precision = Int(16), radix = Int(2), scale = Int(0); break;
    case TypeId::kInt4: precision = Int(32), radix = Int(2), scale = Int(0); break;
    case TypeId::kInt8: precision = Int(64), radix = Int(2), scale = Int(0); break;
    case TypeId::kFloat4: precision = Int(24), radix = Int(2); break;
    case TypeId::kFloat8: precision = Int(53), radix = Int(2); break;
    case TypeId::kNumeric:
      radix = Int(10);
      if (type.has_numeric_typmod()) {
        precision = Int(type.numeric_precision());
        scale = Int(type.numeric_scale());
      }
      break;
    case TypeId::kDate: datetime_precision = Int(0); break;
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kInterval: datetime_precision = Int(type.typmod >= 0 ? type.typmod : 6); break;
    default: break;
  }
  const bool collatable = IsStringType(type.id);
  return {Text(context.database),
          Text(schema),
          Text(table),
          Text(name),
          Int(position),
          default_sql.empty() ? Null() : Text(default_sql),
          YesNo(nullable),
          Text(DataType(type.id)),
          max_length,
          octet_length,
          precision,
          radix,
          scale,
          datetime_precision,
          interval_type,
          NullInt(),
          Null(),
          Null(),
          Null(),
          collatable ? Text(context.database) : Null(),
          collatable ? Text("pg_catalog") : Null(),
          collatable ? Text("default") : Null(),
          Null(),
          Null(),
          Null(),
          Text(context.database),
          Text("pg_catalog"),
          Text(std::string(TypeName(type.id))),
          Null(),
          Null(),
          Null(),
          NullInt(),
          Text(std::to_string(position)),
          Text("NO"),
          Text("NO"),
          Null(),
          Null(),
          Null(),
          Null(),
          Null(),
          Text("NO"),
          Text("NEVER"),
          Null(),
          YesNo(updatable)};
}

SystemRows ColumnsRows(const SystemCatalogContext& context) {
  SystemRows rows;
  for (const SystemRelation& r : SystemRelations()) {
    for (size_t i = 0; i < r.columns.size(); ++i) {
      rows.push_back(ColumnRow(context, r.schema, r.name, r.columns[i].name, r.columns[i].type,
                               static_cast<int>(i + 1), true, "", false));
    }
  }
  for (const auto& table : context.tables) {
    for (size_t i = 0; i < table->columns.size(); ++i) {
      const ColumnInfo& c = table->columns[i];
      if (c.dropped) continue;
      rows.push_back(ColumnRow(context, "public", table->name, c.name, c.type,
                               static_cast<int>(i + 1), !c.not_null && !InPrimaryKey(*table, i),
                               DeparseDefault(c), !table->is_view));
    }
  }
  return rows;
}

SystemRows SchemataRows(const SystemCatalogContext& context) {
  SystemRows rows;
  for (const char* schema : {"pg_catalog", "public", "information_schema"}) {
    rows.push_back({Text(context.database), Text(schema),
                    Text(std::string_view(schema) == "public" ? "pg_database_owner" : context.user),
                    Null(), Null(), Null(), Null()});
  }
  return rows;
}

// PRIMARY KEY, UNIQUE and CHECK constraints, and (as PostgreSQL 15 lists them) each NOT
// NULL column as a CHECK constraint named <namespace oid>_<table oid>_<attnum>_not_null.
SystemRows TableConstraintsRows(const SystemCatalogContext& context) {
  SystemRows rows;
  for (const auto& table : context.tables) {
    if (table->is_view) continue;
    auto row = [&](const std::string& name, const char* type, bool unique) {
      rows.push_back({Text(context.database), Text("public"), Text(name), Text(context.database),
                      Text("public"), Text(table->name), Text(type), Text("NO"), Text("NO"),
                      Text("YES"), unique ? Text("YES") : Null()});
    };
    for (const auto& check : table->checks) row(check.name, "CHECK", false);
    if (!table->primary_key.empty()) row(table->primary_key_name, "PRIMARY KEY", true);
    for (const auto& unique : table->uniques) {
      if (!unique.from_create_index) row(unique.name, "UNIQUE", true);
    }
    for (size_t i = 0; i < table->columns.size(); ++i) {
      const ColumnInfo& c = table->columns[i];
      if (c.dropped || !(c.not_null || InPrimaryKey(*table, i))) continue;
      row(std::to_string(kPublicNamespace) + "_" + std::to_string(table->oid()) + "_" +
              std::to_string(i + 1) + "_not_null",
          "CHECK", false);
    }
  }
  return rows;
}

SystemRows KeyColumnUsageRows(const SystemCatalogContext& context) {
  SystemRows rows;
  for (const auto& table : context.tables) {
    auto add = [&](const std::string& name, const std::vector<int>& columns) {
      for (size_t i = 0; i < columns.size(); ++i) {
        rows.push_back({Text(context.database), Text("public"), Text(name), Text(context.database),
                        Text("public"), Text(table->name),
                        Text(table->columns[static_cast<size_t>(columns[i])].name),
                        Int(static_cast<int>(i + 1)), NullInt()});
      }
    };
    if (!table->primary_key.empty()) add(table->primary_key_name, table->primary_key);
    for (const auto& unique : table->uniques) {
      if (!unique.from_create_index) add(unique.name, unique.columns);
    }
  }
  return rows;
}

}  // namespace

std::vector<SystemRelation> InformationSchemaRelations() {
  const Type id = kIdentifier, ch = kCharacterData, yn = kYesOrNo, card = kCardinal;
  return {
      {"information_schema",
       "tables",
       13001,
       true,
       {{"table_catalog", id},
        {"table_schema", id},
        {"table_name", id},
        {"table_type", ch},
        {"self_referencing_column_name", id},
        {"reference_generation", ch},
        {"user_defined_type_catalog", id},
        {"user_defined_type_schema", id},
        {"user_defined_type_name", id},
        {"is_insertable_into", yn},
        {"is_typed", yn},
        {"commit_action", ch}},
       TablesRows},
      {"information_schema",
       "columns",
       13002,
       true,
       {{"table_catalog", id},
        {"table_schema", id},
        {"table_name", id},
        {"column_name", id},
        {"ordinal_position", card},
        {"column_default", ch},
        {"is_nullable", yn},
        {"data_type", ch},
        {"character_maximum_length", card},
        {"character_octet_length", card},
        {"numeric_precision", card},
        {"numeric_precision_radix", card},
        {"numeric_scale", card},
        {"datetime_precision", card},
        {"interval_type", ch},
        {"interval_precision", card},
        {"character_set_catalog", id},
        {"character_set_schema", id},
        {"character_set_name", id},
        {"collation_catalog", id},
        {"collation_schema", id},
        {"collation_name", id},
        {"domain_catalog", id},
        {"domain_schema", id},
        {"domain_name", id},
        {"udt_catalog", id},
        {"udt_schema", id},
        {"udt_name", id},
        {"scope_catalog", id},
        {"scope_schema", id},
        {"scope_name", id},
        {"maximum_cardinality", card},
        {"dtd_identifier", id},
        {"is_self_referencing", yn},
        {"is_identity", yn},
        {"identity_generation", ch},
        {"identity_start", ch},
        {"identity_increment", ch},
        {"identity_maximum", ch},
        {"identity_minimum", ch},
        {"identity_cycle", yn},
        {"is_generated", ch},
        {"generation_expression", ch},
        {"is_updatable", yn}},
       ColumnsRows},
      {"information_schema",
       "schemata",
       13003,
       true,
       {{"catalog_name", id},
        {"schema_name", id},
        {"schema_owner", id},
        {"default_character_set_catalog", id},
        {"default_character_set_schema", id},
        {"default_character_set_name", id},
        {"sql_path", ch}},
       SchemataRows},
      {"information_schema",
       "table_constraints",
       13004,
       true,
       {{"constraint_catalog", id},
        {"constraint_schema", id},
        {"constraint_name", id},
        {"table_catalog", id},
        {"table_schema", id},
        {"table_name", id},
        {"constraint_type", ch},
        {"is_deferrable", yn},
        {"initially_deferred", yn},
        {"enforced", yn},
        {"nulls_distinct", yn}},
       TableConstraintsRows},
      {"information_schema",
       "key_column_usage",
       13005,
       true,
       {{"constraint_catalog", id},
        {"constraint_schema", id},
        {"constraint_name", id},
        {"table_catalog", id},
        {"table_schema", id},
        {"table_name", id},
        {"column_name", id},
        {"ordinal_position", card},
        {"position_in_unique_constraint", card}},
       KeyColumnUsageRows},
  };
}

}  // namespace datacave::sql
