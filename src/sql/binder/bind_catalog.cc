// What psql and drivers call over the system catalogs: reg* casts ('t'::regclass,
// oid::regclass::text) and functions that read the catalog (pg_get_userbyid, pg_get_indexdef,
// pg_table_is_visible ...). Lookups by OID become a kLookup node over a table made here from
// the catalog the statement sees.

#include "sql/binder/binder.h"
#include "sql/binder/binder_context.h"
#include "sql/binder/functions.h"
#include "sql/types/procs.h"

namespace datacave::sql {
namespace {

using LookupTable = std::map<std::string, Value, std::less<>>;

std::string Key(uint32_t oid) {
  return std::to_string(oid);
}

const Type kTextType = Type::Of(TypeId::kText);
const Type kBoolType = Type::Of(TypeId::kBool);
const Type kOidType = Type::Of(TypeId::kOid);

// regproc and regprocedure are types of their own (their names are PostgreSQL's fixed ones,
// types/procs.h); the others are oid here.
bool IsProcRegType(std::string_view name) {
  return name == "regproc" || name == "regprocedure";
}

bool IsRegType(std::string_view name) {
  return name == "regclass" || name == "regtype" || name == "regnamespace" || name == "regrole" ||
         name == "regproc" || name == "regprocedure";
}

BoundExprPtr MakeLookup(BoundExprPtr key, Type type, LookupTable table, Value fallback,
                        bool key_as_text) {
  auto node = std::make_unique<BoundExpr>();
  node->kind = BoundExprKind::kLookup;
  node->type = type;
  node->lookup = std::make_shared<const LookupTable>(std::move(table));
  node->constant = std::move(fallback);
  node->flag = key_as_text;
  node->children.push_back(std::move(key));
  return node;
}

// Every relation OID (tables, views, indexes, system relations) with its name.
LookupTable RelationNames(const CatalogLookups& lookups) {
  LookupTable names;
  for (const SystemRelation& r : SystemRelations()) names[Key(r.oid)] = Value::Text(r.name);
  for (const auto& table : lookups.context().tables) {
    names[Key(table->oid())] = Value::Text(table->name);
    for (size_t k = 0; k < 256; ++k) {
      auto name = lookups.RelationName(IndexOid(*table, k));
      if (!name) break;
      names[Key(IndexOid(*table, k))] = Value::Text(*name);
    }
  }
  return names;
}

LookupTable TypeNames() {
  LookupTable names;
  for (int i = 1; i < kNumTypeIds; ++i) {
    const auto id = static_cast<TypeId>(i);
    names[Key(TypeOid(id))] = Value::Text(FormatType(Type::Of(id)));
  }
  for (const SignatureType& t : SignatureTypes())
    names[Key(t.oid)] = Value::Text(std::string(t.name));
  return names;
}

// The names a reg* type's output function prints, by OID.
LookupTable RegNames(std::string_view reg, const CatalogLookups& lookups) {
  if (reg == "regclass") return RelationNames(lookups);
  if (reg == "regtype") return TypeNames();
  LookupTable names;
  for (uint32_t oid : {kPgCatalogNamespace, kPublicNamespace, kInformationSchemaNamespace,
                       kBootstrapSuperuser, kDatabaseOwnerRole}) {
    auto name = reg == "regnamespace" ? lookups.NamespaceName(oid) : lookups.RoleName(oid);
    if (name) names[Key(oid)] = Value::Text(*name);
  }
  return names;
}

Result<uint32_t> RegInput(std::string_view reg, const std::string& text,
                          const CatalogLookups& lookups, int location) {
  if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos &&
      text.size() <= 10) {
    const uint64_t oid = std::stoull(text);
    if (oid <= UINT32_MAX) return static_cast<uint32_t>(oid);
  }
  if (reg == "regclass") {
    if (auto oid = lookups.RelationOid(text)) return *oid;
    return BindError("42P01", "relation \"" + text + "\" does not exist", location);
  }
  if (reg == "regtype") {
    const bool array = text.size() > 2 && text.ends_with("[]");
    auto type = LookupType(array ? text.substr(0, text.size() - 2) : text, {}, array);
    if (type.ok()) return TypeOid(type->id);
    for (const SignatureType& t : SignatureTypes()) {
      if (t.name == text) return t.oid;
    }
    return BindError("42704", "type \"" + text + "\" does not exist", location);
  }
  const LookupTable names = RegNames(reg, lookups);
  for (const auto& [oid, name] : names) {
    if (name.string_value() == text) return static_cast<uint32_t>(std::stoul(oid));
  }
  if (reg == "regnamespace") {
    return BindError("42704", "schema \"" + text + "\" does not exist", location);
  }
  return BindError("42704", "role \"" + text + "\" does not exist", location);
}

}  // namespace

std::shared_ptr<const CatalogLookups> Binder::Lookups() {
  if (!lookups_) {
    SystemCatalogContext context{catalog_->Tables(), environment_->user, environment_->database};
    if (environment_->session) {
      context.settings = environment_->session->SettingsSnapshot();
      context.cursors = environment_->session->OpenCursors();
    }
    lookups_ = std::make_shared<const CatalogLookups>(std::move(context));
  }
  return lookups_;
}

std::optional<Result<BoundExprPtr>> Binder::BindRegCast(const ast::CastExpr& node,
                                                        Context& context) {
  const std::string& target = node.type.name;
  if (!IsRegType(target)) {
    // name::regclass::text: the object's name.
    if (target != "text" && target != "varchar" && target != "name") return std::nullopt;
    if (node.arg->kind != ast::ExprKind::kCast) return std::nullopt;
    const auto& inner = node.arg->As<ast::CastExpr>();
    if (!IsRegType(inner.type.name) || IsProcRegType(inner.type.name)) return std::nullopt;
    auto oid = BindRegCast(inner, context);
    if (!oid->ok()) return std::move(*oid);
    return MakeLookup(std::move(oid->value()), kTextType, RegNames(inner.type.name, *Lookups()),
                      Value::Null(TypeId::kText), /*key_as_text=*/true);
  }
  auto bound = BindExpr(*node.arg, context);
  if (!bound.ok()) return bound.status();
  BoundExprPtr arg = std::move(bound).value();
  if (IsProcRegType(target)) {
    // Names resolve without the catalog: a string constant now (errors point at it), a
    // string known only when the statement runs then; an OID is an OID.
    const Type type = Type::Of(target == "regproc" ? TypeId::kRegproc : TypeId::kRegprocedure);
    if (arg->kind == BoundExprKind::kConstant && IsStringType(arg->type.id)) {
      if (arg->constant.is_null()) return MakeConstant(Value::Null(type.id), type);
      auto value = ParseText(type, arg->constant.string_value());
      if (!value.ok()) return value.status().WithPosition(node.arg->location + 1);
      return MakeConstant(std::move(value).value(), type);
    }
    if (IsStringType(arg->type.id)) return MakeCast(std::move(arg), type, CastContext::kExplicit);
    return CoerceImplicit(std::move(arg), type);
  }
  if (arg->kind == BoundExprKind::kConstant && IsStringType(arg->type.id)) {
    if (arg->constant.is_null()) return MakeConstant(Value::Null(TypeId::kOid), kOidType);
    auto oid = RegInput(target, arg->constant.string_value(), *Lookups(), node.arg->location);
    if (!oid.ok()) return oid.status();
    return MakeConstant(Value::Oid(*oid), kOidType);
  }
  if (IsStringType(arg->type.id) || arg->type.id == TypeId::kUnknown) {
    // $1::regtype: the name is known only when the statement runs; look it up then among
    // the names (and OIDs written as digits) the catalog has. A name naming nothing gives
    // NULL, so `WHERE oid = $1::regtype` finds no row.
    auto text = CoerceImplicit(std::move(arg), kTextType);
    if (!text.ok()) return text.status();
    LookupTable oids;
    for (const auto& [oid, name] : RegNames(target, *Lookups())) {
      oids[name.string_value()] = Value::Oid(static_cast<uint32_t>(std::stoul(oid)));
      oids[oid] = Value::Oid(static_cast<uint32_t>(std::stoul(oid)));
    }
    if (target == "regtype") {
      for (int i = 1; i < kNumTypeIds; ++i) {
        const auto id = static_cast<TypeId>(i);
        oids[std::string(TypeName(id))] = Value::Oid(TypeOid(id));
        if (IsArrayType(id) && id != TypeId::kInt2Vector && id != TypeId::kOidVector) {
          // int4[]: the element's internal name with [] (psycopg's TypeInfo.fetch).
          oids[std::string(TypeName(ArrayElementType(id))) + "[]"] = Value::Oid(TypeOid(id));
        }
      }
    }
    return MakeLookup(std::move(text).value(), kOidType, std::move(oids), Value::Null(TypeId::kOid),
                      false);
  }
  return CoerceImplicit(std::move(arg), kOidType);
}

std::optional<Result<BoundExprPtr>> Binder::BindCatalogFunction(const std::string& name,
                                                                std::vector<BoundExprPtr>& args,
                                                                int location) {
  auto oid_arg = [&](size_t i) -> Result<BoundExprPtr> {
    return CoerceImplicit(std::move(args[i]), kOidType);
  };
  auto wrong = [&]() -> Result<BoundExprPtr> {
    return BindError("42883",
                     "function " + name + " with " + std::to_string(args.size()) +
                         " arguments does not exist",
                     location)
        .WithHint(
            "No function matches the given name and argument types. You might need to add "
            "explicit type casts.");
  };
  // By OID through a table of what the statement's catalog has.
  auto lookup = [&](size_t min_args, size_t max_args, Type type, auto&& fill, Value fallback,
                    bool key_as_text) -> Result<BoundExprPtr> {
    if (args.size() < min_args || args.size() > max_args) return wrong();
    DC_ASSIGN_OR_RETURN(auto key, oid_arg(0));
    LookupTable table;
    fill(table);
    return MakeLookup(std::move(key), type, std::move(table), std::move(fallback), key_as_text);
  };
  const CatalogLookups* lookups = nullptr;
  auto catalog = [&]() -> const CatalogLookups& {
    if (!lookups) lookups = Lookups().get();
    return *lookups;
  };
  auto each_relation = [&](auto&& visit) {
    for (const auto& [oid, value] : RelationNames(catalog())) visit(oid);
  };
  if (name == "pg_get_userbyid") {
    return lookup(
        1, 1, kTextType, [&](LookupTable& t) { t = RegNames("regrole", catalog()); },
        Value::Null(TypeId::kText), true);
  }
  if (name == "pg_table_is_visible" || name == "pg_relation_is_publishable") {
    const bool visible = name == "pg_table_is_visible";
    return lookup(
        1, 1, kBoolType,
        [&](LookupTable& t) {
          each_relation([&](const std::string& oid) { t[oid] = Value::Bool(visible); });
        },
        Value::Null(TypeId::kBool), false);
  }
  if (name == "pg_type_is_visible") {
    return lookup(
        1, 1, kBoolType,
        [&](LookupTable& t) {
          for (const auto& [oid, n] : TypeNames()) t[oid] = Value::Bool(true);
        },
        Value::Null(TypeId::kBool), false);
  }
  if (name == "pg_get_indexdef" && (args.size() == 2 || args.size() == 3)) {
    // pg_get_indexdef(oid, column, pretty): looked up by "oid column" (column 0 is the whole
    // definition, k the k-th key column alone).
    DC_ASSIGN_OR_RETURN(auto oid, oid_arg(0));
    DC_ASSIGN_OR_RETURN(auto column, CoerceImplicit(std::move(args[1]), Type::Of(TypeId::kInt4)));
    std::vector<BoundExprPtr> tail, key;
    tail.push_back(MakeConstant(Value::Text(" "), kTextType));
    tail.push_back(MakeCast(std::move(column), kTextType, CastContext::kExplicit));
    key.push_back(MakeCast(std::move(oid), kTextType, CastContext::kExplicit));
    DC_ASSIGN_OR_RETURN(
        auto rest, ResolveFunction("textcat", std::move(tail), location, FunctionEnvironment{}));
    key.push_back(std::move(rest));
    DC_ASSIGN_OR_RETURN(
        auto joined, ResolveFunction("textcat", std::move(key), location, FunctionEnvironment{}));
    LookupTable t;
    for (const auto& table : catalog().context().tables) {
      for (size_t k = 0; k < 1 + table->uniques.size() && k < 256; ++k) {
        const uint32_t index = IndexOid(*table, k);
        const int columns = catalog().IndexColumnCount(index);
        for (int c = 0; c <= columns && columns > 0; ++c) {
          if (auto def = catalog().IndexDef(index, c)) {
            t[Key(index) + " " + std::to_string(c)] = Value::Text(*def);
          }
        }
      }
    }
    return MakeLookup(std::move(joined), kTextType, std::move(t), Value::Null(TypeId::kText),
                      false);
  }
  if (name == "pg_get_indexdef" || name == "pg_get_constraintdef" || name == "pg_get_viewdef") {
    return lookup(
        1, name == "pg_get_indexdef" ? 3 : 2, kTextType,
        [&](LookupTable& t) {
          for (const auto& table : catalog().context().tables) {
            if (name == "pg_get_viewdef") {
              if (table->is_view) t[Key(table->oid())] = Value::Text(" " + table->view_sql + ";");
              continue;
            }
            // Slot 0 is the primary key's, then one per UNIQUE constraint or index, then
            // the CHECKs; a slot may be empty (no primary key, an index without constraint).
            const size_t slots = 1 + table->uniques.size() + table->checks.size();
            for (size_t k = 0; k < slots && k < 256; ++k) {
              const uint32_t oid =
                  name == "pg_get_indexdef" ? IndexOid(*table, k) : ConstraintOid(*table, k);
              auto def = name == "pg_get_indexdef" ? catalog().IndexDef(oid)
                                                   : catalog().ConstraintDef(oid);
              if (def) t[Key(oid)] = Value::Text(*def);
            }
          }
        },
        Value::Null(TypeId::kText), false);
  }
  if (name == "pg_get_expr") {
    // adbin and conbin already hold the expression's SQL.
    if (args.size() < 2 || args.size() > 3) return wrong();
    return CoerceImplicit(std::move(args[0]), kTextType);
  }
  if (name == "obj_description" || name == "col_description" || name == "shobj_description" ||
      name == "pg_get_statisticsobjdef_columns" || name == "pg_get_partkeydef" ||
      name == "pg_get_triggerdef" || name == "pg_get_ruledef") {
    // No object Datacave has carries a comment, statistics object, partition key, trigger
    // or rule.
    if (args.empty() || args.size() > 2) return wrong();
    return MakeConstant(Value::Null(TypeId::kText), kTextType);
  }
  if (name == "has_table_privilege" || name == "has_schema_privilege" ||
      name == "has_database_privilege" || name == "has_column_privilege" ||
      name == "has_any_column_privilege") {
    // Datacave has no privileges: every user may do everything.
    if (args.size() < 2 || args.size() > 4) return wrong();
    return MakeConstant(Value::Bool(true), kBoolType);
  }
  if (name == "current_schemas") {
    if (args.size() != 1) return wrong();
    DC_ASSIGN_OR_RETURN(auto implicit, CoerceImplicit(std::move(args[0]), kBoolType));
    auto node = std::make_unique<BoundExpr>();
    node->kind = BoundExprKind::kCase;
    // name[] in PostgreSQL; text[] here, as name is text.
    const Type array = Type::Of(TypeId::kTextArray);
    node->type = array;
    node->children.push_back(std::move(implicit));
    node->children.push_back(MakeConstant(
        Value::Array(array.id, {Value::Text("pg_catalog"), Value::Text("public")}), array));
    node->children.push_back(MakeConstant(Value::Array(array.id, {Value::Text("public")}), array));
    return node;
  }
  return std::nullopt;
}

}  // namespace datacave::sql
