-- Makes procs_data.cc's rows: run on PostgreSQL 15 with
--   psql -X -At -F'|' -f src/sql/types/procs_data.sql
-- and paste the output between the raw string's delimiters.
WITH
-- Datacave's types and their arrays, then the pseudo-types and catalog types the
-- functions' signatures use.
dc_types(oid) AS (
  VALUES (16), (17), (20), (21), (23), (25), (26), (700), (701), (1700), (1043), (1042),
         (1082), (1114), (1184), (1186), (22), (30), (24), (2202),
         (1000), (1001), (1005), (1007), (1016), (1021), (1022), (1231), (1009), (1015),
         (1014), (1182), (1115), (1185), (1187), (1028),
         (705), (2275), (2276), (2277), (2281), (2283), (2776), (5077), (5078), (5079),
         (2249), (2278), (2205), (2206), (4089), (4096), (19), (18)),
-- The functions the binder implements (binder/functions.cc, bind_catalog.cc, aggregates
-- and window functions).
names(n) AS (
  SELECT unnest(string_to_array(
    'abs array_append array_cat array_length array_lower array_prepend array_to_string '
    'array_upper avg bool_and bool_or btrim cardinality ceil ceiling char_length '
    'character_length concat concat_ws count cume_dist current_database current_schema '
    'current_schemas current_user session_user date_part date_trunc dense_rank every extract '
    'first_value floor format_type generate_series has_any_column_privilege '
    'has_column_privilege has_database_privilege has_schema_privilege has_table_privilege '
    'initcap lag last_value lead left length lower lpad ltrim max min mod now nth_value ntile '
    'obj_description col_description shobj_description octet_length percent_rank '
    'pg_backend_pid pg_encoding_to_char pg_get_constraintdef pg_get_expr pg_get_indexdef '
    'pg_get_partkeydef pg_get_ruledef pg_get_statisticsobjdef_columns pg_get_triggerdef '
    'pg_get_userbyid pg_get_viewdef pg_relation_is_publishable pg_table_is_visible '
    'pg_type_is_visible position pow power rank repeat replace reverse right round row_number '
    'rpad rtrim similar_to_escape split_part sqrt statement_timestamp string_agg strpos '
    'substr substring sum textcat texticregexeq texticregexne textregexeq textregexne '
    'transaction_timestamp trunc unnest upper version', ' '))),
-- The I/O functions of Datacave's pg_type rows.
io(oid) AS (
  SELECT unnest(ARRAY[typinput::oid, typoutput::oid, typreceive::oid, typsend::oid,
                      typmodin::oid, typmodout::oid, typanalyze::oid, typsubscript::oid])
  FROM pg_type
  WHERE oid IN (SELECT oid FROM dc_types) AND (oid < 2000 OR oid = 2202) AND oid <> 705
        AND oid NOT IN (19, 18))
SELECT p.oid, p.proname, p.oid::regproc::text, p.oid::regprocedure::text, p.prokind,
       p.prorettype, p.proretset, p.proargtypes::text, p.proisstrict, p.proleakproof,
       p.provolatile, p.proparallel, p.provariadic, p.prosupport::oid, p.procost, p.prorows,
       p.prolang, p.prosrc, p.proargnames::text, p.proallargtypes::text, p.proargmodes::text
FROM pg_proc p
WHERE p.oid IN (SELECT oid FROM io WHERE oid <> 0)
   -- the support functions of those below
   OR p.oid IN (1024, 1364, 3994, 3995, 3996, 6233, 6234, 6235, 6236)
   OR (p.proname IN (SELECT n FROM names)
       AND p.prorettype IN (SELECT oid FROM dc_types)
       AND p.proargtypes::oid[] <@ (SELECT array_agg(oid)::oid[] FROM dc_types)
       -- not the hypothetical-set aggregates rank("any") ...: only the window functions
       AND NOT (p.prokind = 'a' AND p.provariadic = 2276))
ORDER BY p.oid;
