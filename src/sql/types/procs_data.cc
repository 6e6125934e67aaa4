// PostgreSQL 15's pg_proc rows for the functions Datacave has (see procs.h), made by
// procs_data.sql. One row a line:
// oid|proname|regproc output|regprocedure output|prokind|prorettype|proretset|proargtypes|
// proisstrict|proleakproof|provolatile|proparallel|provariadic|prosupport|procost|prorows|
// prolang|prosrc|proargnames|proallargtypes|proargmodes

#include <string_view>

namespace datacave::sql {

extern const std::string_view kPgProcRows;
const std::string_view kPgProcRows = R"rows(
31|byteaout|byteaout|byteaout(bytea)|f|2275|f|17|t|f|i|s|0|0|1|0|12|byteaout|||
38|int2in|int2in|int2in(cstring)|f|21|f|2275|t|f|i|s|0|0|1|0|12|int2in|||
39|int2out|int2out|int2out(smallint)|f|2275|f|21|t|f|i|s|0|0|1|0|12|int2out|||
40|int2vectorin|int2vectorin|int2vectorin(cstring)|f|22|f|2275|t|f|i|s|0|0|1|0|12|int2vectorin|||
41|int2vectorout|int2vectorout|int2vectorout(int2vector)|f|2275|f|22|t|f|i|s|0|0|1|0|12|int2vectorout|||
42|int4in|int4in|int4in(cstring)|f|23|f|2275|t|f|i|s|0|0|1|0|12|int4in|||
43|int4out|int4out|int4out(integer)|f|2275|f|23|t|f|i|s|0|0|1|0|12|int4out|||
44|regprocin|regprocin|regprocin(cstring)|f|24|f|2275|t|f|s|s|0|0|1|0|12|regprocin|||
45|regprocout|regprocout|regprocout(regproc)|f|2275|f|24|t|f|s|s|0|0|1|0|12|regprocout|||
46|textin|textin|textin(cstring)|f|25|f|2275|t|f|i|s|0|0|1|0|12|textin|||
47|textout|textout|textout(text)|f|2275|f|25|t|f|i|s|0|0|1|0|12|textout|||
54|oidvectorin|oidvectorin|oidvectorin(cstring)|f|30|f|2275|t|f|i|s|0|0|1|0|12|oidvectorin|||
55|oidvectorout|oidvectorout|oidvectorout(oidvector)|f|2275|f|30|t|f|i|s|0|0|1|0|12|oidvectorout|||
89|version|version|version()|f|25|f||t|f|s|s|0|0|1|0|12|pgsql_version|||
200|float4in|float4in|float4in(cstring)|f|700|f|2275|t|f|i|s|0|0|1|0|12|float4in|||
201|float4out|float4out|float4out(real)|f|2275|f|700|t|f|i|s|0|0|1|0|12|float4out|||
214|float8in|float8in|float8in(cstring)|f|701|f|2275|t|f|i|s|0|0|1|0|12|float8in|||
215|float8out|float8out|float8out(double precision)|f|2275|f|701|t|f|i|s|0|0|1|0|12|float8out|||
378|array_append|array_append|array_append(anycompatiblearray,anycompatible)|f|5078|f|5078 5077|f|f|i|s|0|0|1|0|12|array_append|||
379|array_prepend|array_prepend|array_prepend(anycompatible,anycompatiblearray)|f|5078|f|5077 5078|f|f|i|s|0|0|1|0|12|array_prepend|||
383|array_cat|array_cat|array_cat(anycompatiblearray,anycompatiblearray)|f|5078|f|5078 5078|f|f|i|s|0|0|1|0|12|array_cat|||
384|array_to_string|pg_catalog.array_to_string|array_to_string(anyarray,text,text)|f|25|f|2277 25 25|f|f|s|s|0|0|1|0|12|array_to_text_null|||
395|array_to_string|pg_catalog.array_to_string|array_to_string(anyarray,text)|f|25|f|2277 25|t|f|s|s|0|0|1|0|12|array_to_text|||
460|int8in|int8in|int8in(cstring)|f|20|f|2275|t|f|i|s|0|0|1|0|12|int8in|||
461|int8out|int8out|int8out(bigint)|f|2275|f|20|t|f|i|s|0|0|1|0|12|int8out|||
720|octet_length|pg_catalog.octet_length|octet_length(bytea)|f|23|f|17|t|f|i|s|0|0|1|0|12|byteaoctetlen|||
745|current_user|"current_user"|"current_user"()|f|19|f||t|f|s|s|0|0|1|0|12|current_user|||
746|session_user|"session_user"|"session_user"()|f|19|f||t|f|s|s|0|0|1|0|12|session_user|||
750|array_in|array_in|array_in(cstring,oid,integer)|f|2277|f|2275 26 23|t|f|s|s|0|0|1|0|12|array_in|||
751|array_out|array_out|array_out(anyarray)|f|2275|f|2277|t|f|s|s|0|0|1|0|12|array_out|||
849|position|pg_catalog."position"|"position"(text,text)|f|23|f|25 25|t|f|i|s|0|0|1|0|12|textpos|||
861|current_database|current_database|current_database()|f|19|f||t|f|s|s|0|0|1|0|12|current_database|||
868|strpos|strpos|strpos(text,text)|f|23|f|25 25|t|f|i|s|0|0|1|0|12|textpos|||
870|lower|pg_catalog.lower|lower(text)|f|25|f|25|t|f|i|s|0|0|1|0|12|lower|||
871|upper|pg_catalog.upper|upper(text)|f|25|f|25|t|f|i|s|0|0|1|0|12|upper|||
872|initcap|initcap|initcap(text)|f|25|f|25|t|f|i|s|0|0|1|0|12|initcap|||
873|lpad|pg_catalog.lpad|lpad(text,integer,text)|f|25|f|25 23 25|t|f|i|s|0|0|1|0|12|lpad|||
874|rpad|pg_catalog.rpad|rpad(text,integer,text)|f|25|f|25 23 25|t|f|i|s|0|0|1|0|12|rpad|||
875|ltrim|pg_catalog.ltrim|ltrim(text,text)|f|25|f|25 25|t|f|i|s|0|0|1|0|12|ltrim|||
876|rtrim|pg_catalog.rtrim|rtrim(text,text)|f|25|f|25 25|t|f|i|s|0|0|1|0|12|rtrim|||
877|substr|pg_catalog.substr|substr(text,integer,integer)|f|25|f|25 23 23|t|f|i|s|0|0|1|0|12|text_substr|||
879|lpad|pg_catalog.lpad|lpad(text,integer)|f|25|f|25 23|t|f|i|s|0|0|1|0|14||||
880|rpad|pg_catalog.rpad|rpad(text,integer)|f|25|f|25 23|t|f|i|s|0|0|1|0|14||||
881|ltrim|pg_catalog.ltrim|ltrim(text)|f|25|f|25|t|f|i|s|0|0|1|0|12|ltrim1|||
882|rtrim|pg_catalog.rtrim|rtrim(text)|f|25|f|25|t|f|i|s|0|0|1|0|12|rtrim1|||
883|substr|pg_catalog.substr|substr(text,integer)|f|25|f|25 23|t|f|i|s|0|0|1|0|12|text_substr_no_len|||
884|btrim|pg_catalog.btrim|btrim(text,text)|f|25|f|25 25|t|f|i|s|0|0|1|0|12|btrim|||
885|btrim|pg_catalog.btrim|btrim(text)|f|25|f|25|t|f|i|s|0|0|1|0|12|btrim1|||
936|substring|pg_catalog."substring"|"substring"(text,integer,integer)|f|25|f|25 23 23|t|f|i|s|0|0|1|0|12|text_substr|||
937|substring|pg_catalog."substring"|"substring"(text,integer)|f|25|f|25 23|t|f|i|s|0|0|1|0|12|text_substr_no_len|||
938|generate_series|pg_catalog.generate_series|generate_series(timestamp without time zone,timestamp without time zone,interval)|f|1114|t|1114 1114 1186|t|f|i|s|0|0|1|1000|12|generate_series_timestamp|||
939|generate_series|pg_catalog.generate_series|generate_series(timestamp with time zone,timestamp with time zone,interval)|f|1184|t|1184 1184 1186|t|f|s|s|0|0|1|1000|12|generate_series_timestamptz|||
940|mod|pg_catalog.mod|mod(smallint,smallint)|f|21|f|21 21|t|f|i|s|0|0|1|0|12|int2mod|||
941|mod|pg_catalog.mod|mod(integer,integer)|f|23|f|23 23|t|f|i|s|0|0|1|0|12|int4mod|||
947|mod|pg_catalog.mod|mod(bigint,bigint)|f|20|f|20 20|t|f|i|s|0|0|1|0|12|int8mod|||
1024|texticregexeq_support|texticregexeq_support|texticregexeq_support(internal)|f|2281|f|2281|t|f|i|s|0|0|1|0|12|texticregexeq_support|||
1044|bpcharin|bpcharin|bpcharin(cstring,oid,integer)|f|1042|f|2275 26 23|t|f|i|s|0|0|1|0|12|bpcharin|||
1045|bpcharout|bpcharout|bpcharout(character)|f|2275|f|1042|t|f|i|s|0|0|1|0|12|bpcharout|||
1046|varcharin|varcharin|varcharin(cstring,oid,integer)|f|1043|f|2275 26 23|t|f|i|s|0|0|1|0|12|varcharin|||
1047|varcharout|varcharout|varcharout(character varying)|f|2275|f|1043|t|f|i|s|0|0|1|0|12|varcharout|||
1066|generate_series|pg_catalog.generate_series|generate_series(integer,integer,integer)|f|23|t|23 23 23|t|f|i|s|0|3994|1|1000|12|generate_series_step_int4|||
1067|generate_series|pg_catalog.generate_series|generate_series(integer,integer)|f|23|t|23 23|t|f|i|s|0|3994|1|1000|12|generate_series_int4|||
1068|generate_series|pg_catalog.generate_series|generate_series(bigint,bigint,bigint)|f|20|t|20 20 20|t|f|i|s|0|3995|1|1000|12|generate_series_step_int8|||
1069|generate_series|pg_catalog.generate_series|generate_series(bigint,bigint)|f|20|t|20 20|t|f|i|s|0|3995|1|1000|12|generate_series_int8|||
1081|format_type|format_type|format_type(oid,integer)|f|25|f|26 23|f|f|s|s|0|0|1|0|12|format_type|||
1084|date_in|date_in|date_in(cstring)|f|1082|f|2275|t|f|s|s|0|0|1|0|12|date_in|||
1085|date_out|date_out|date_out(date)|f|2275|f|1082|t|f|s|s|0|0|1|0|12|date_out|||
1150|timestamptz_in|timestamptz_in|timestamptz_in(cstring,oid,integer)|f|1184|f|2275 26 23|t|f|s|s|0|0|1|0|12|timestamptz_in|||
1151|timestamptz_out|timestamptz_out|timestamptz_out(timestamp with time zone)|f|2275|f|1184|t|f|s|s|0|0|1|0|12|timestamptz_out|||
1160|interval_in|interval_in|interval_in(cstring,oid,integer)|f|1186|f|2275 26 23|t|f|s|s|0|0|1|0|12|interval_in|||
1161|interval_out|interval_out|interval_out(interval)|f|2275|f|1186|t|f|s|s|0|0|1|0|12|interval_out|||
1171|date_part|pg_catalog.date_part|date_part(text,timestamp with time zone)|f|701|f|25 1184|t|f|s|s|0|0|1|0|12|timestamptz_part|||
1172|date_part|pg_catalog.date_part|date_part(text,interval)|f|701|f|25 1186|t|f|i|s|0|0|1|0|12|interval_part|||
1215|obj_description|pg_catalog.obj_description|obj_description(oid,name)|f|25|f|26 19|t|f|s|s|0|0|100|0|14||||
1216|col_description|col_description|col_description(oid,integer)|f|25|f|26 23|t|f|s|s|0|0|100|0|14||||
1217|date_trunc|pg_catalog.date_trunc|date_trunc(text,timestamp with time zone)|f|1184|f|25 1184|t|f|s|s|0|0|1|0|12|timestamptz_trunc|||
1218|date_trunc|pg_catalog.date_trunc|date_trunc(text,interval)|f|1186|f|25 1186|t|f|i|s|0|0|1|0|12|interval_trunc|||
1238|texticregexeq|texticregexeq|texticregexeq(text,text)|f|16|f|25 25|t|f|i|s|0|1024|1|0|12|texticregexeq|||
1239|texticregexne|texticregexne|texticregexne(text,text)|f|16|f|25 25|t|f|i|s|0|0|1|0|12|texticregexne|||
1242|boolin|boolin|boolin(cstring)|f|16|f|2275|t|f|i|s|0|0|1|0|12|boolin|||
1243|boolout|boolout|boolout(boolean)|f|2275|f|16|t|f|i|s|0|0|1|0|12|boolout|||
1244|byteain|byteain|byteain(cstring)|f|17|f|2275|t|f|i|s|0|0|1|0|12|byteain|||
1254|textregexeq|textregexeq|textregexeq(text,text)|f|16|f|25 25|t|f|i|s|0|1364|1|0|12|textregexeq|||
1256|textregexne|textregexne|textregexne(text,text)|f|16|f|25 25|t|f|i|s|0|0|1|0|12|textregexne|||
1258|textcat|textcat|textcat(text,text)|f|25|f|25 25|t|f|i|s|0|0|1|0|12|textcat|||
1284|date_trunc|pg_catalog.date_trunc|date_trunc(text,timestamp with time zone,text)|f|1184|f|25 1184 25|t|f|s|s|0|0|1|0|12|timestamptz_trunc_zone|||
1299|now|now|now()|f|1184|f||t|f|s|s|0|0|1|0|12|now|||
1312|timestamp_in|timestamp_in|timestamp_in(cstring,oid,integer)|f|1114|f|2275 26 23|t|f|s|s|0|0|1|0|12|timestamp_in|||
1313|timestamp_out|timestamp_out|timestamp_out(timestamp without time zone)|f|2275|f|1114|t|f|s|s|0|0|1|0|12|timestamp_out|||
1317|length|pg_catalog.length|length(text)|f|23|f|25|t|f|i|s|0|0|1|0|12|textlen|||
1318|length|pg_catalog.length|length(character)|f|23|f|1042|t|f|i|s|0|0|1|0|12|bpcharlen|||
1342|round|pg_catalog.round|round(double precision)|f|701|f|701|t|f|i|s|0|0|1|0|12|dround|||
1343|trunc|pg_catalog.trunc|trunc(double precision)|f|701|f|701|t|f|i|s|0|0|1|0|12|dtrunc|||
1344|sqrt|pg_catalog.sqrt|sqrt(double precision)|f|701|f|701|t|f|i|s|0|0|1|0|12|dsqrt|||
1346|pow|pg_catalog.pow|pow(double precision,double precision)|f|701|f|701 701|t|f|i|s|0|0|1|0|12|dpow|||
1348|obj_description|pg_catalog.obj_description|obj_description(oid)|f|25|f|26|t|f|s|s|0|0|100|0|14||||
1364|textregexeq_support|textregexeq_support|textregexeq_support(internal)|f|2281|f|2281|t|f|i|s|0|0|1|0|12|textregexeq_support|||
1367|character_length|pg_catalog.character_length|character_length(character)|f|23|f|1042|t|f|i|s|0|0|1|0|12|bpcharlen|||
1368|power|pg_catalog.power|power(double precision,double precision)|f|701|f|701 701|t|f|i|s|0|0|1|0|12|dpow|||
1369|character_length|pg_catalog.character_length|character_length(text)|f|23|f|25|t|f|i|s|0|0|1|0|12|textlen|||
1372|char_length|pg_catalog.char_length|char_length(character)|f|23|f|1042|t|f|i|s|0|0|1|0|12|bpcharlen|||
1374|octet_length|pg_catalog.octet_length|octet_length(text)|f|23|f|25|t|f|i|s|0|0|1|0|12|textoctetlen|||
1375|octet_length|pg_catalog.octet_length|octet_length(character)|f|23|f|1042|t|f|i|s|0|0|1|0|12|bpcharoctetlen|||
1381|char_length|pg_catalog.char_length|char_length(text)|f|23|f|25|t|f|i|s|0|0|1|0|12|textlen|||
1384|date_part|pg_catalog.date_part|date_part(text,date)|f|701|f|25 1082|t|f|i|s|0|0|1|0|14||||
1387|pg_get_constraintdef|pg_catalog.pg_get_constraintdef|pg_get_constraintdef(oid)|f|25|f|26|t|f|s|s|0|0|1|0|12|pg_get_constraintdef|||
1394|abs|pg_catalog.abs|abs(real)|f|700|f|700|t|f|i|s|0|0|1|0|12|float4abs|||
1395|abs|pg_catalog.abs|abs(double precision)|f|701|f|701|t|f|i|s|0|0|1|0|12|float8abs|||
1396|abs|pg_catalog.abs|abs(bigint)|f|20|f|20|t|f|i|s|0|0|1|0|12|int8abs|||
1397|abs|pg_catalog.abs|abs(integer)|f|23|f|23|t|f|i|s|0|0|1|0|12|int4abs|||
1398|abs|pg_catalog.abs|abs(smallint)|f|21|f|21|t|f|i|s|0|0|1|0|12|int2abs|||
1402|current_schema|"current_schema"|"current_schema"()|f|19|f||t|f|s|u|0|0|1|0|12|current_schema|||
1573|pg_get_ruledef|pg_catalog.pg_get_ruledef|pg_get_ruledef(oid)|f|25|f|26|t|f|s|s|0|0|1|0|12|pg_get_ruledef|||
1597|pg_encoding_to_char|pg_encoding_to_char|pg_encoding_to_char(integer)|f|19|f|23|t|f|s|s|0|0|1|0|12|PG_encoding_to_char|||
1622|repeat|repeat|repeat(text,integer)|f|25|f|25 23|t|f|i|s|0|0|1|0|12|repeat|||
1640|pg_get_viewdef|pg_catalog.pg_get_viewdef|pg_get_viewdef(text)|f|25|f|25|t|f|s|r|0|0|1|0|12|pg_get_viewdef_name|||
1641|pg_get_viewdef|pg_catalog.pg_get_viewdef|pg_get_viewdef(oid)|f|25|f|26|t|f|s|r|0|0|1|0|12|pg_get_viewdef|||
1642|pg_get_userbyid|pg_get_userbyid|pg_get_userbyid(oid)|f|19|f|26|t|f|s|s|0|0|1|0|12|pg_get_userbyid|||
1643|pg_get_indexdef|pg_catalog.pg_get_indexdef|pg_get_indexdef(oid)|f|25|f|26|t|f|s|s|0|0|1|0|12|pg_get_indexdef|||
1662|pg_get_triggerdef|pg_catalog.pg_get_triggerdef|pg_get_triggerdef(oid)|f|25|f|26|t|f|s|s|0|0|1|0|12|pg_get_triggerdef|||
1701|numeric_in|numeric_in|numeric_in(cstring,oid,integer)|f|1700|f|2275 26 23|t|f|i|s|0|0|1|0|12|numeric_in|||
1702|numeric_out|numeric_out|numeric_out(numeric)|f|2275|f|1700|t|f|i|s|0|0|1|0|12|numeric_out|||
1705|abs|pg_catalog.abs|abs(numeric)|f|1700|f|1700|t|f|i|s|0|0|1|0|12|numeric_abs|||
1707|round|pg_catalog.round|round(numeric,integer)|f|1700|f|1700 23|t|f|i|s|0|0|1|0|12|numeric_round|||
1708|round|pg_catalog.round|round(numeric)|f|1700|f|1700|t|f|i|s|0|0|1|0|14||||
1709|trunc|pg_catalog.trunc|trunc(numeric,integer)|f|1700|f|1700 23|t|f|i|s|0|0|1|0|12|numeric_trunc|||
1710|trunc|pg_catalog.trunc|trunc(numeric)|f|1700|f|1700|t|f|i|s|0|0|1|0|14||||
1711|ceil|pg_catalog.ceil|ceil(numeric)|f|1700|f|1700|t|f|i|s|0|0|1|0|12|numeric_ceil|||
1712|floor|pg_catalog.floor|floor(numeric)|f|1700|f|1700|t|f|i|s|0|0|1|0|12|numeric_floor|||
1713|length|pg_catalog.length|length(bytea,name)|f|23|f|17 19|t|f|s|s|0|0|1|0|12|length_in_encoding|||
1728|mod|pg_catalog.mod|mod(numeric,numeric)|f|1700|f|1700 1700|t|f|i|s|0|0|1|0|12|numeric_mod|||
1730|sqrt|pg_catalog.sqrt|sqrt(numeric)|f|1700|f|1700|t|f|i|s|0|0|1|0|12|numeric_sqrt|||
1738|pow|pg_catalog.pow|pow(numeric,numeric)|f|1700|f|1700 1700|t|f|i|s|0|0|1|0|12|numeric_power|||
1798|oidin|oidin|oidin(cstring)|f|26|f|2275|t|f|i|s|0|0|1|0|12|oidin|||
1799|oidout|oidout|oidout(oid)|f|2275|f|26|t|f|i|s|0|0|1|0|12|oidout|||
1922|has_table_privilege|pg_catalog.has_table_privilege|has_table_privilege(name,text,text)|f|16|f|19 25 25|t|f|s|s|0|0|1|0|12|has_table_privilege_name_name|||
1923|has_table_privilege|pg_catalog.has_table_privilege|has_table_privilege(name,oid,text)|f|16|f|19 26 25|t|f|s|s|0|0|1|0|12|has_table_privilege_name_id|||
1924|has_table_privilege|pg_catalog.has_table_privilege|has_table_privilege(oid,text,text)|f|16|f|26 25 25|t|f|s|s|0|0|1|0|12|has_table_privilege_id_name|||
1925|has_table_privilege|pg_catalog.has_table_privilege|has_table_privilege(oid,oid,text)|f|16|f|26 26 25|t|f|s|s|0|0|1|0|12|has_table_privilege_id_id|||
1926|has_table_privilege|pg_catalog.has_table_privilege|has_table_privilege(text,text)|f|16|f|25 25|t|f|s|s|0|0|1|0|12|has_table_privilege_name|||
1927|has_table_privilege|pg_catalog.has_table_privilege|has_table_privilege(oid,text)|f|16|f|26 25|t|f|s|s|0|0|1|0|12|has_table_privilege_id|||
1986|similar_to_escape|pg_catalog.similar_to_escape|similar_to_escape(text,text)|f|25|f|25 25|t|f|i|s|0|0|1|0|12|similar_to_escape_2|||
1987|similar_to_escape|pg_catalog.similar_to_escape|similar_to_escape(text)|f|25|f|25|t|f|i|s|0|0|1|0|12|similar_to_escape_1|||
1993|shobj_description|shobj_description|shobj_description(oid,name)|f|25|f|26 19|t|f|s|s|0|0|100|0|14||||
2010|length|pg_catalog.length|length(bytea)|f|23|f|17|t|f|i|s|0|0|1|0|12|byteaoctetlen|||
2012|substring|pg_catalog."substring"|"substring"(bytea,integer,integer)|f|17|f|17 23 23|t|f|i|s|0|0|1|0|12|bytea_substr|||
2013|substring|pg_catalog."substring"|"substring"(bytea,integer)|f|17|f|17 23|t|f|i|s|0|0|1|0|12|bytea_substr_no_len|||
2014|position|pg_catalog."position"|"position"(bytea,bytea)|f|23|f|17 17|t|f|i|s|0|0|1|0|12|byteapos|||
2015|btrim|pg_catalog.btrim|btrim(bytea,bytea)|f|17|f|17 17|t|f|i|s|0|0|1|0|12|byteatrim|||
2020|date_trunc|pg_catalog.date_trunc|date_trunc(text,timestamp without time zone)|f|1114|f|25 1114|t|f|i|s|0|0|1|0|12|timestamp_trunc|||
2021|date_part|pg_catalog.date_part|date_part(text,timestamp without time zone)|f|701|f|25 1114|t|f|i|s|0|0|1|0|12|timestamp_part|||
2026|pg_backend_pid|pg_backend_pid|pg_backend_pid()|f|23|f||t|f|s|r|0|0|1|0|12|pg_backend_pid|||
2050|max|pg_catalog.max|max(anyarray)|a|2277|f|2277|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2051|min|pg_catalog.min|min(anyarray)|a|2277|f|2277|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2073|substring|pg_catalog."substring"|"substring"(text,text)|f|25|f|25 25|t|f|i|s|0|0|1|0|12|textregexsubstr|||
2074|substring|pg_catalog."substring"|"substring"(text,text,text)|f|25|f|25 25 25|t|f|i|s|0|0|1|0|14||||
2079|pg_table_is_visible|pg_table_is_visible|pg_table_is_visible(oid)|f|16|f|26|t|f|s|s|0|0|10|0|12|pg_table_is_visible|||
2080|pg_type_is_visible|pg_type_is_visible|pg_type_is_visible(oid)|f|16|f|26|t|f|s|s|0|0|10|0|12|pg_type_is_visible|||
2085|substr|pg_catalog.substr|substr(bytea,integer,integer)|f|17|f|17 23 23|t|f|i|s|0|0|1|0|12|bytea_substr|||
2086|substr|pg_catalog.substr|substr(bytea,integer)|f|17|f|17 23|t|f|i|s|0|0|1|0|12|bytea_substr_no_len|||
2087|replace|replace|replace(text,text,text)|f|25|f|25 25 25|t|f|i|s|0|0|1|0|12|replace_text|||
2088|split_part|split_part|split_part(text,text,integer)|f|25|f|25 25 23|t|f|i|s|0|0|1|0|12|split_part|||
2091|array_lower|array_lower|array_lower(anyarray,integer)|f|23|f|2277 23|t|f|i|s|0|0|1|0|12|array_lower|||
2092|array_upper|array_upper|array_upper(anyarray,integer)|f|23|f|2277 23|t|f|i|s|0|0|1|0|12|array_upper|||
2100|avg|pg_catalog.avg|avg(bigint)|a|1700|f|20|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2101|avg|pg_catalog.avg|avg(integer)|a|1700|f|23|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2102|avg|pg_catalog.avg|avg(smallint)|a|1700|f|21|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2103|avg|pg_catalog.avg|avg(numeric)|a|1700|f|1700|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2104|avg|pg_catalog.avg|avg(real)|a|701|f|700|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2105|avg|pg_catalog.avg|avg(double precision)|a|701|f|701|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2106|avg|pg_catalog.avg|avg(interval)|a|1186|f|1186|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2107|sum|pg_catalog.sum|sum(bigint)|a|1700|f|20|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2108|sum|pg_catalog.sum|sum(integer)|a|20|f|23|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2109|sum|pg_catalog.sum|sum(smallint)|a|20|f|21|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2110|sum|pg_catalog.sum|sum(real)|a|700|f|700|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2111|sum|pg_catalog.sum|sum(double precision)|a|701|f|701|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2113|sum|pg_catalog.sum|sum(interval)|a|1186|f|1186|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2114|sum|pg_catalog.sum|sum(numeric)|a|1700|f|1700|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2115|max|pg_catalog.max|max(bigint)|a|20|f|20|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2116|max|pg_catalog.max|max(integer)|a|23|f|23|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2117|max|pg_catalog.max|max(smallint)|a|21|f|21|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2118|max|pg_catalog.max|max(oid)|a|26|f|26|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2119|max|pg_catalog.max|max(real)|a|700|f|700|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2120|max|pg_catalog.max|max(double precision)|a|701|f|701|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2122|max|pg_catalog.max|max(date)|a|1082|f|1082|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2126|max|pg_catalog.max|max(timestamp without time zone)|a|1114|f|1114|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2127|max|pg_catalog.max|max(timestamp with time zone)|a|1184|f|1184|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2128|max|pg_catalog.max|max(interval)|a|1186|f|1186|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2129|max|pg_catalog.max|max(text)|a|25|f|25|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2130|max|pg_catalog.max|max(numeric)|a|1700|f|1700|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2131|min|pg_catalog.min|min(bigint)|a|20|f|20|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2132|min|pg_catalog.min|min(integer)|a|23|f|23|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2133|min|pg_catalog.min|min(smallint)|a|21|f|21|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2134|min|pg_catalog.min|min(oid)|a|26|f|26|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2135|min|pg_catalog.min|min(real)|a|700|f|700|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2136|min|pg_catalog.min|min(double precision)|a|701|f|701|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2138|min|pg_catalog.min|min(date)|a|1082|f|1082|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2142|min|pg_catalog.min|min(timestamp without time zone)|a|1114|f|1114|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2143|min|pg_catalog.min|min(timestamp with time zone)|a|1184|f|1184|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2144|min|pg_catalog.min|min(interval)|a|1186|f|1186|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2145|min|pg_catalog.min|min(text)|a|25|f|25|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2146|min|pg_catalog.min|min(numeric)|a|1700|f|1700|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2147|count|pg_catalog.count|count("any")|a|20|f|2276|f|f|i|s|0|6236|1|0|12|aggregate_dummy|||
2167|ceiling|pg_catalog.ceiling|ceiling(numeric)|f|1700|f|1700|t|f|i|s|0|0|1|0|12|numeric_ceil|||
2169|power|pg_catalog.power|power(numeric,numeric)|f|1700|f|1700 1700|t|f|i|s|0|0|1|0|12|numeric_power|||
2176|array_length|array_length|array_length(anyarray,integer)|f|23|f|2277 23|t|f|i|s|0|0|1|0|12|array_length|||
2212|regprocedurein|regprocedurein|regprocedurein(cstring)|f|2202|f|2275|t|f|s|s|0|0|1|0|12|regprocedurein|||
2213|regprocedureout|regprocedureout|regprocedureout(regprocedure)|f|2275|f|2202|t|f|s|s|0|0|1|0|12|regprocedureout|||
2244|max|pg_catalog.max|max(character)|a|1042|f|1042|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2245|min|pg_catalog.min|min(character)|a|1042|f|1042|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2250|has_database_privilege|pg_catalog.has_database_privilege|has_database_privilege(name,text,text)|f|16|f|19 25 25|t|f|s|s|0|0|1|0|12|has_database_privilege_name_name|||
2251|has_database_privilege|pg_catalog.has_database_privilege|has_database_privilege(name,oid,text)|f|16|f|19 26 25|t|f|s|s|0|0|1|0|12|has_database_privilege_name_id|||
2252|has_database_privilege|pg_catalog.has_database_privilege|has_database_privilege(oid,text,text)|f|16|f|26 25 25|t|f|s|s|0|0|1|0|12|has_database_privilege_id_name|||
2253|has_database_privilege|pg_catalog.has_database_privilege|has_database_privilege(oid,oid,text)|f|16|f|26 26 25|t|f|s|s|0|0|1|0|12|has_database_privilege_id_id|||
2254|has_database_privilege|pg_catalog.has_database_privilege|has_database_privilege(text,text)|f|16|f|25 25|t|f|s|s|0|0|1|0|12|has_database_privilege_name|||
2255|has_database_privilege|pg_catalog.has_database_privilege|has_database_privilege(oid,text)|f|16|f|26 25|t|f|s|s|0|0|1|0|12|has_database_privilege_id|||
2268|has_schema_privilege|pg_catalog.has_schema_privilege|has_schema_privilege(name,text,text)|f|16|f|19 25 25|t|f|s|s|0|0|1|0|12|has_schema_privilege_name_name|||
2269|has_schema_privilege|pg_catalog.has_schema_privilege|has_schema_privilege(name,oid,text)|f|16|f|19 26 25|t|f|s|s|0|0|1|0|12|has_schema_privilege_name_id|||
2270|has_schema_privilege|pg_catalog.has_schema_privilege|has_schema_privilege(oid,text,text)|f|16|f|26 25 25|t|f|s|s|0|0|1|0|12|has_schema_privilege_id_name|||
2271|has_schema_privilege|pg_catalog.has_schema_privilege|has_schema_privilege(oid,oid,text)|f|16|f|26 26 25|t|f|s|s|0|0|1|0|12|has_schema_privilege_id_id|||
2272|has_schema_privilege|pg_catalog.has_schema_privilege|has_schema_privilege(text,text)|f|16|f|25 25|t|f|s|s|0|0|1|0|12|has_schema_privilege_name|||
2273|has_schema_privilege|pg_catalog.has_schema_privilege|has_schema_privilege(oid,text)|f|16|f|26 25|t|f|s|s|0|0|1|0|12|has_schema_privilege_id|||
2308|ceil|pg_catalog.ceil|ceil(double precision)|f|701|f|701|t|f|i|s|0|0|1|0|12|dceil|||
2309|floor|pg_catalog.floor|floor(double precision)|f|701|f|701|t|f|i|s|0|0|1|0|12|dfloor|||
2320|ceiling|pg_catalog.ceiling|ceiling(double precision)|f|701|f|701|t|f|i|s|0|0|1|0|12|dceil|||
2331|unnest|pg_catalog.unnest|unnest(anyarray)|f|2283|t|2277|t|f|i|s|0|3996|1|100|12|array_unnest|||
2400|array_recv|array_recv|array_recv(internal,oid,integer)|f|2277|f|2281 26 23|t|f|s|s|0|0|1|0|12|array_recv|||
2401|array_send|array_send|array_send(anyarray)|f|17|f|2277|t|f|s|s|0|0|1|0|12|array_send|||
2404|int2recv|int2recv|int2recv(internal)|f|21|f|2281|t|f|i|s|0|0|1|0|12|int2recv|||
2405|int2send|int2send|int2send(smallint)|f|17|f|21|t|f|i|s|0|0|1|0|12|int2send|||
2406|int4recv|int4recv|int4recv(internal)|f|23|f|2281|t|f|i|s|0|0|1|0|12|int4recv|||
2407|int4send|int4send|int4send(integer)|f|17|f|23|t|f|i|s|0|0|1|0|12|int4send|||
2408|int8recv|int8recv|int8recv(internal)|f|20|f|2281|t|f|i|s|0|0|1|0|12|int8recv|||
2409|int8send|int8send|int8send(bigint)|f|17|f|20|t|f|i|s|0|0|1|0|12|int8send|||
2410|int2vectorrecv|int2vectorrecv|int2vectorrecv(internal)|f|22|f|2281|t|f|i|s|0|0|1|0|12|int2vectorrecv|||
2411|int2vectorsend|int2vectorsend|int2vectorsend(int2vector)|f|17|f|22|t|f|i|s|0|0|1|0|12|int2vectorsend|||
2412|bytearecv|bytearecv|bytearecv(internal)|f|17|f|2281|t|f|i|s|0|0|1|0|12|bytearecv|||
2413|byteasend|byteasend|byteasend(bytea)|f|17|f|17|t|f|i|s|0|0|1|0|12|byteasend|||
2414|textrecv|textrecv|textrecv(internal)|f|25|f|2281|t|f|s|s|0|0|1|0|12|textrecv|||
2415|textsend|textsend|textsend(text)|f|17|f|25|t|f|s|s|0|0|1|0|12|textsend|||
2418|oidrecv|oidrecv|oidrecv(internal)|f|26|f|2281|t|f|i|s|0|0|1|0|12|oidrecv|||
2419|oidsend|oidsend|oidsend(oid)|f|17|f|26|t|f|i|s|0|0|1|0|12|oidsend|||
2420|oidvectorrecv|oidvectorrecv|oidvectorrecv(internal)|f|30|f|2281|t|f|i|s|0|0|1|0|12|oidvectorrecv|||
2421|oidvectorsend|oidvectorsend|oidvectorsend(oidvector)|f|17|f|30|t|f|i|s|0|0|1|0|12|oidvectorsend|||
2424|float4recv|float4recv|float4recv(internal)|f|700|f|2281|t|f|i|s|0|0|1|0|12|float4recv|||
2425|float4send|float4send|float4send(real)|f|17|f|700|t|f|i|s|0|0|1|0|12|float4send|||
2426|float8recv|float8recv|float8recv(internal)|f|701|f|2281|t|f|i|s|0|0|1|0|12|float8recv|||
2427|float8send|float8send|float8send(double precision)|f|17|f|701|t|f|i|s|0|0|1|0|12|float8send|||
2430|bpcharrecv|bpcharrecv|bpcharrecv(internal,oid,integer)|f|1042|f|2281 26 23|t|f|s|s|0|0|1|0|12|bpcharrecv|||
2431|bpcharsend|bpcharsend|bpcharsend(character)|f|17|f|1042|t|f|s|s|0|0|1|0|12|bpcharsend|||
2432|varcharrecv|varcharrecv|varcharrecv(internal,oid,integer)|f|1043|f|2281 26 23|t|f|s|s|0|0|1|0|12|varcharrecv|||
2433|varcharsend|varcharsend|varcharsend(character varying)|f|17|f|1043|t|f|s|s|0|0|1|0|12|varcharsend|||
2436|boolrecv|boolrecv|boolrecv(internal)|f|16|f|2281|t|f|i|s|0|0|1|0|12|boolrecv|||
2437|boolsend|boolsend|boolsend(boolean)|f|17|f|16|t|f|i|s|0|0|1|0|12|boolsend|||
2444|regprocrecv|regprocrecv|regprocrecv(internal)|f|24|f|2281|t|f|i|s|0|0|1|0|12|regprocrecv|||
2445|regprocsend|regprocsend|regprocsend(regproc)|f|17|f|24|t|f|i|s|0|0|1|0|12|regprocsend|||
2446|regprocedurerecv|regprocedurerecv|regprocedurerecv(internal)|f|2202|f|2281|t|f|i|s|0|0|1|0|12|regprocedurerecv|||
2447|regproceduresend|regproceduresend|regproceduresend(regprocedure)|f|17|f|2202|t|f|i|s|0|0|1|0|12|regproceduresend|||
2460|numeric_recv|numeric_recv|numeric_recv(internal,oid,integer)|f|1700|f|2281 26 23|t|f|i|s|0|0|1|0|12|numeric_recv|||
2461|numeric_send|numeric_send|numeric_send(numeric)|f|17|f|1700|t|f|i|s|0|0|1|0|12|numeric_send|||
2468|date_recv|date_recv|date_recv(internal)|f|1082|f|2281|t|f|i|s|0|0|1|0|12|date_recv|||
2469|date_send|date_send|date_send(date)|f|17|f|1082|t|f|i|s|0|0|1|0|12|date_send|||
2474|timestamp_recv|timestamp_recv|timestamp_recv(internal,oid,integer)|f|1114|f|2281 26 23|t|f|i|s|0|0|1|0|12|timestamp_recv|||
2475|timestamp_send|timestamp_send|timestamp_send(timestamp without time zone)|f|17|f|1114|t|f|i|s|0|0|1|0|12|timestamp_send|||
2476|timestamptz_recv|timestamptz_recv|timestamptz_recv(internal,oid,integer)|f|1184|f|2281 26 23|t|f|i|s|0|0|1|0|12|timestamptz_recv|||
2477|timestamptz_send|timestamptz_send|timestamptz_send(timestamp with time zone)|f|17|f|1184|t|f|i|s|0|0|1|0|12|timestamptz_send|||
2478|interval_recv|interval_recv|interval_recv(internal,oid,integer)|f|1186|f|2281 26 23|t|f|i|s|0|0|1|0|12|interval_recv|||
2479|interval_send|interval_send|interval_send(interval)|f|17|f|1186|t|f|i|s|0|0|1|0|12|interval_send|||
2504|pg_get_ruledef|pg_catalog.pg_get_ruledef|pg_get_ruledef(oid,boolean)|f|25|f|26 16|t|f|s|s|0|0|1|0|12|pg_get_ruledef_ext|||
2505|pg_get_viewdef|pg_catalog.pg_get_viewdef|pg_get_viewdef(text,boolean)|f|25|f|25 16|t|f|s|r|0|0|1|0|12|pg_get_viewdef_name_ext|||
2506|pg_get_viewdef|pg_catalog.pg_get_viewdef|pg_get_viewdef(oid,boolean)|f|25|f|26 16|t|f|s|r|0|0|1|0|12|pg_get_viewdef_ext|||
2507|pg_get_indexdef|pg_catalog.pg_get_indexdef|pg_get_indexdef(oid,integer,boolean)|f|25|f|26 23 16|t|f|s|s|0|0|1|0|12|pg_get_indexdef_ext|||
2508|pg_get_constraintdef|pg_catalog.pg_get_constraintdef|pg_get_constraintdef(oid,boolean)|f|25|f|26 16|t|f|s|s|0|0|1|0|12|pg_get_constraintdef_ext|||
2517|bool_and|bool_and|bool_and(boolean)|a|16|f|16|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2518|bool_or|bool_or|bool_or(boolean)|a|16|f|16|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2519|every|every|every(boolean)|a|16|f|16|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
2647|transaction_timestamp|transaction_timestamp|transaction_timestamp()|f|1184|f||t|f|s|s|0|0|1|0|12|now|||
2648|statement_timestamp|statement_timestamp|statement_timestamp()|f|1184|f||t|f|s|s|0|0|1|0|12|statement_timestamp|||
2730|pg_get_triggerdef|pg_catalog.pg_get_triggerdef|pg_get_triggerdef(oid,boolean)|f|25|f|26 16|t|f|s|s|0|0|1|0|12|pg_get_triggerdef_ext|||
2803|count|pg_catalog.count|count()|a|20|f||f|f|i|s|0|6236|1|0|12|aggregate_dummy|||
2903|intervaltypmodin|intervaltypmodin|intervaltypmodin(cstring[])|f|23|f|1263|t|f|i|s|0|0|1|0|12|intervaltypmodin|||
2904|intervaltypmodout|intervaltypmodout|intervaltypmodout(integer)|f|2275|f|23|t|f|i|s|0|0|1|0|12|intervaltypmodout|||
2905|timestamptypmodin|timestamptypmodin|timestamptypmodin(cstring[])|f|23|f|1263|t|f|i|s|0|0|1|0|12|timestamptypmodin|||
2906|timestamptypmodout|timestamptypmodout|timestamptypmodout(integer)|f|2275|f|23|t|f|i|s|0|0|1|0|12|timestamptypmodout|||
2907|timestamptztypmodin|timestamptztypmodin|timestamptztypmodin(cstring[])|f|23|f|1263|t|f|i|s|0|0|1|0|12|timestamptztypmodin|||
2908|timestamptztypmodout|timestamptztypmodout|timestamptztypmodout(integer)|f|2275|f|23|t|f|i|s|0|0|1|0|12|timestamptztypmodout|||
2913|bpchartypmodin|bpchartypmodin|bpchartypmodin(cstring[])|f|23|f|1263|t|f|i|s|0|0|1|0|12|bpchartypmodin|||
2914|bpchartypmodout|bpchartypmodout|bpchartypmodout(integer)|f|2275|f|23|t|f|i|s|0|0|1|0|12|bpchartypmodout|||
2915|varchartypmodin|varchartypmodin|varchartypmodin(cstring[])|f|23|f|1263|t|f|i|s|0|0|1|0|12|varchartypmodin|||
2916|varchartypmodout|varchartypmodout|varchartypmodout(integer)|f|2275|f|23|t|f|i|s|0|0|1|0|12|varchartypmodout|||
2917|numerictypmodin|numerictypmodin|numerictypmodin(cstring[])|f|23|f|1263|t|f|i|s|0|0|1|0|12|numerictypmodin|||
2918|numerictypmodout|numerictypmodout|numerictypmodout(integer)|f|2275|f|23|t|f|i|s|0|0|1|0|12|numerictypmodout|||
3012|has_column_privilege|pg_catalog.has_column_privilege|has_column_privilege(name,text,text,text)|f|16|f|19 25 25 25|t|f|s|s|0|0|1|0|12|has_column_privilege_name_name_name|||
3013|has_column_privilege|pg_catalog.has_column_privilege|has_column_privilege(name,text,smallint,text)|f|16|f|19 25 21 25|t|f|s|s|0|0|1|0|12|has_column_privilege_name_name_attnum|||
3014|has_column_privilege|pg_catalog.has_column_privilege|has_column_privilege(name,oid,text,text)|f|16|f|19 26 25 25|t|f|s|s|0|0|1|0|12|has_column_privilege_name_id_name|||
3015|has_column_privilege|pg_catalog.has_column_privilege|has_column_privilege(name,oid,smallint,text)|f|16|f|19 26 21 25|t|f|s|s|0|0|1|0|12|has_column_privilege_name_id_attnum|||
3016|has_column_privilege|pg_catalog.has_column_privilege|has_column_privilege(oid,text,text,text)|f|16|f|26 25 25 25|t|f|s|s|0|0|1|0|12|has_column_privilege_id_name_name|||
3017|has_column_privilege|pg_catalog.has_column_privilege|has_column_privilege(oid,text,smallint,text)|f|16|f|26 25 21 25|t|f|s|s|0|0|1|0|12|has_column_privilege_id_name_attnum|||
3018|has_column_privilege|pg_catalog.has_column_privilege|has_column_privilege(oid,oid,text,text)|f|16|f|26 26 25 25|t|f|s|s|0|0|1|0|12|has_column_privilege_id_id_name|||
3019|has_column_privilege|pg_catalog.has_column_privilege|has_column_privilege(oid,oid,smallint,text)|f|16|f|26 26 21 25|t|f|s|s|0|0|1|0|12|has_column_privilege_id_id_attnum|||
3020|has_column_privilege|pg_catalog.has_column_privilege|has_column_privilege(text,text,text)|f|16|f|25 25 25|t|f|s|s|0|0|1|0|12|has_column_privilege_name_name|||
3021|has_column_privilege|pg_catalog.has_column_privilege|has_column_privilege(text,smallint,text)|f|16|f|25 21 25|t|f|s|s|0|0|1|0|12|has_column_privilege_name_attnum|||
3022|has_column_privilege|pg_catalog.has_column_privilege|has_column_privilege(oid,text,text)|f|16|f|26 25 25|t|f|s|s|0|0|1|0|12|has_column_privilege_id_name|||
3023|has_column_privilege|pg_catalog.has_column_privilege|has_column_privilege(oid,smallint,text)|f|16|f|26 21 25|t|f|s|s|0|0|1|0|12|has_column_privilege_id_attnum|||
3024|has_any_column_privilege|pg_catalog.has_any_column_privilege|has_any_column_privilege(name,text,text)|f|16|f|19 25 25|t|f|s|s|0|0|10|0|12|has_any_column_privilege_name_name|||
3025|has_any_column_privilege|pg_catalog.has_any_column_privilege|has_any_column_privilege(name,oid,text)|f|16|f|19 26 25|t|f|s|s|0|0|10|0|12|has_any_column_privilege_name_id|||
3026|has_any_column_privilege|pg_catalog.has_any_column_privilege|has_any_column_privilege(oid,text,text)|f|16|f|26 25 25|t|f|s|s|0|0|10|0|12|has_any_column_privilege_id_name|||
3027|has_any_column_privilege|pg_catalog.has_any_column_privilege|has_any_column_privilege(oid,oid,text)|f|16|f|26 26 25|t|f|s|s|0|0|10|0|12|has_any_column_privilege_id_id|||
3028|has_any_column_privilege|pg_catalog.has_any_column_privilege|has_any_column_privilege(text,text)|f|16|f|25 25|t|f|s|s|0|0|10|0|12|has_any_column_privilege_name|||
3029|has_any_column_privilege|pg_catalog.has_any_column_privilege|has_any_column_privilege(oid,text)|f|16|f|26 25|t|f|s|s|0|0|10|0|12|has_any_column_privilege_id|||
3058|concat|concat|concat("any")|f|25|f|2276|f|f|s|s|2276|0|1|0|12|text_concat||{2276}|{v}
3059|concat_ws|concat_ws|concat_ws(text,"any")|f|25|f|25 2276|f|f|s|s|2276|0|1|0|12|text_concat_ws||{25,2276}|{i,v}
3060|left|"left"|"left"(text,integer)|f|25|f|25 23|t|f|i|s|0|0|1|0|12|text_left|||
3061|right|"right"|"right"(text,integer)|f|25|f|25 23|t|f|i|s|0|0|1|0|12|text_right|||
3062|reverse|reverse|reverse(text)|f|25|f|25|t|f|i|s|0|0|1|0|12|text_reverse|||
3100|row_number|row_number|row_number()|w|20|f||f|f|i|s|0|6233|1|0|12|window_row_number|||
3101|rank|pg_catalog.rank|rank()|w|20|f||f|f|i|s|0|6234|1|0|12|window_rank|||
3102|dense_rank|pg_catalog.dense_rank|dense_rank()|w|20|f||f|f|i|s|0|6235|1|0|12|window_dense_rank|||
3103|percent_rank|pg_catalog.percent_rank|percent_rank()|w|701|f||f|f|i|s|0|0|1|0|12|window_percent_rank|||
3104|cume_dist|pg_catalog.cume_dist|cume_dist()|w|701|f||f|f|i|s|0|0|1|0|12|window_cume_dist|||
3105|ntile|ntile|ntile(integer)|w|23|f|23|t|f|i|s|0|0|1|0|12|window_ntile|||
3106|lag|pg_catalog.lag|lag(anyelement)|w|2283|f|2283|t|f|i|s|0|0|1|0|12|window_lag|||
3107|lag|pg_catalog.lag|lag(anyelement,integer)|w|2283|f|2283 23|t|f|i|s|0|0|1|0|12|window_lag_with_offset|||
3108|lag|pg_catalog.lag|lag(anycompatible,integer,anycompatible)|w|5077|f|5077 23 5077|t|f|i|s|0|0|1|0|12|window_lag_with_offset_and_default|||
3109|lead|pg_catalog.lead|lead(anyelement)|w|2283|f|2283|t|f|i|s|0|0|1|0|12|window_lead|||
3110|lead|pg_catalog.lead|lead(anyelement,integer)|w|2283|f|2283 23|t|f|i|s|0|0|1|0|12|window_lead_with_offset|||
3111|lead|pg_catalog.lead|lead(anycompatible,integer,anycompatible)|w|5077|f|5077 23 5077|t|f|i|s|0|0|1|0|12|window_lead_with_offset_and_default|||
3112|first_value|first_value|first_value(anyelement)|w|2283|f|2283|t|f|i|s|0|0|1|0|12|window_first_value|||
3113|last_value|last_value|last_value(anyelement)|w|2283|f|2283|t|f|i|s|0|0|1|0|12|window_last_value|||
3114|nth_value|nth_value|nth_value(anyelement,integer)|w|2283|f|2283 23|t|f|i|s|0|0|1|0|12|window_nth_value|||
3159|pg_get_viewdef|pg_catalog.pg_get_viewdef|pg_get_viewdef(oid,integer)|f|25|f|26 23|t|f|s|r|0|0|1|0|12|pg_get_viewdef_wrap|||
3179|cardinality|cardinality|cardinality(anyarray)|f|23|f|2277|t|f|i|s|0|0|1|0|12|array_cardinality|||
3259|generate_series|pg_catalog.generate_series|generate_series(numeric,numeric,numeric)|f|1700|t|1700 1700 1700|t|f|i|s|0|0|1|1000|12|generate_series_step_numeric|||
3260|generate_series|pg_catalog.generate_series|generate_series(numeric,numeric)|f|1700|t|1700 1700|t|f|i|s|0|0|1|1000|12|generate_series_numeric|||
3352|pg_get_partkeydef|pg_get_partkeydef|pg_get_partkeydef(oid)|f|25|f|26|t|f|s|s|0|0|1|0|12|pg_get_partkeydef|||
3538|string_agg|pg_catalog.string_agg|string_agg(text,text)|a|25|f|25 25|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
3545|string_agg|pg_catalog.string_agg|string_agg(bytea,bytea)|a|17|f|17 17|f|f|i|s|0|0|1|0|12|aggregate_dummy|||
3816|array_typanalyze|array_typanalyze|array_typanalyze(internal)|f|16|f|2281|t|f|s|s|0|0|1|0|12|array_typanalyze|||
3994|generate_series_int4_support|generate_series_int4_support|generate_series_int4_support(internal)|f|2281|f|2281|t|f|i|s|0|0|1|0|12|generate_series_int4_support|||
3995|generate_series_int8_support|generate_series_int8_support|generate_series_int8_support(internal)|f|2281|f|2281|t|f|i|s|0|0|1|0|12|generate_series_int8_support|||
3996|array_unnest_support|array_unnest_support|array_unnest_support(internal)|f|2281|f|2281|t|f|i|s|0|0|1|0|12|array_unnest_support|||
6121|pg_relation_is_publishable|pg_relation_is_publishable|pg_relation_is_publishable(regclass)|f|16|f|2205|t|f|s|s|0|0|1|0|12|pg_relation_is_publishable|||
6174|pg_get_statisticsobjdef_columns|pg_get_statisticsobjdef_columns|pg_get_statisticsobjdef_columns(oid)|f|25|f|26|t|f|s|s|0|0|1|0|12|pg_get_statisticsobjdef_columns|||
6179|array_subscript_handler|array_subscript_handler|array_subscript_handler(internal)|f|2281|f|2281|t|f|i|s|0|0|1|0|12|array_subscript_handler|||
6195|ltrim|pg_catalog.ltrim|ltrim(bytea,bytea)|f|17|f|17 17|t|f|i|s|0|0|1|0|12|bytealtrim|||
6196|rtrim|pg_catalog.rtrim|rtrim(bytea,bytea)|f|17|f|17 17|t|f|i|s|0|0|1|0|12|byteartrim|||
6199|extract|pg_catalog."extract"|"extract"(text,date)|f|1700|f|25 1082|t|f|i|s|0|0|1|0|12|extract_date|||
6202|extract|pg_catalog."extract"|"extract"(text,timestamp without time zone)|f|1700|f|25 1114|t|f|i|s|0|0|1|0|12|extract_timestamp|||
6203|extract|pg_catalog."extract"|"extract"(text,timestamp with time zone)|f|1700|f|25 1184|t|f|s|s|0|0|1|0|12|extract_timestamptz|||
6204|extract|pg_catalog."extract"|"extract"(text,interval)|f|1700|f|25 1186|t|f|i|s|0|0|1|0|12|extract_interval|||
6233|window_row_number_support|window_row_number_support|window_row_number_support(internal)|f|2281|f|2281|t|f|i|s|0|0|1|0|12|window_row_number_support|||
6234|window_rank_support|window_rank_support|window_rank_support(internal)|f|2281|f|2281|t|f|i|s|0|0|1|0|12|window_rank_support|||
6235|window_dense_rank_support|window_dense_rank_support|window_dense_rank_support(internal)|f|2281|f|2281|t|f|i|s|0|0|1|0|12|window_dense_rank_support|||
6236|int8inc_support|int8inc_support|int8inc_support(internal)|f|2281|f|2281|t|f|i|s|0|0|1|0|12|int8inc_support|||
)rows";

}  // namespace datacave::sql
