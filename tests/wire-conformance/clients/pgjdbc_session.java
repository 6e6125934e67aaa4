// A pgjdbc session as an application runs it, with its values and Java types checked.
//
// Run as a single source file: java -cp /usr/share/java/postgresql.jar pgjdbc_session.java
// Connects with PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE from the environment; exits
// non-zero with a message on the first mismatch. pgjdbc uses the extended protocol for
// everything, pipelines BEGIN with the first statement of a transaction, switches a
// PreparedStatement to a named server-side statement (S_n) on its 5th execution and then asks
// for numbers and timestamps in binary, and reads the ReadyForQuery status byte to decide
// whether a COMMIT is needed.

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

public class PgjdbcSession {
  static String driver = "pgjdbc";

  static void fail(String message) {
    System.err.println(driver + ": " + message);
    System.exit(1);
  }

  static void check(String what, Object got, Object want) {
    boolean same = Objects.equals(got, want)
        || (got instanceof byte[] && want instanceof byte[]
            && Arrays.equals((byte[]) got, (byte[]) want));
    if (!same || (got != null && want != null && got.getClass() != want.getClass())) {
      fail(what + ": got " + show(got) + ", want " + show(want));
    }
  }

  static String show(Object o) {
    if (o == null) return "null";
    String text = o instanceof byte[] ? Arrays.toString((byte[]) o) : o.toString();
    return text + " (" + o.getClass().getName() + ")";
  }

  static Connection connect() throws SQLException {
    String url = "jdbc:postgresql://" + System.getenv("PGHOST") + ":" + System.getenv("PGPORT")
        + "/" + System.getenv("PGDATABASE");
    Properties props = new Properties();
    props.setProperty("user", System.getenv("PGUSER"));
    props.setProperty("password", Objects.requireNonNullElse(System.getenv("PGPASSWORD"), ""));
    props.setProperty("connectTimeout", "10");
    return DriverManager.getConnection(url, props);
  }

  // The ids in the table, as text ("[1, 2]").
  static String ids(Connection c) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id FROM items ORDER BY id")) {
      while (rs.next()) ids.add(rs.getInt(1));
    }
    return ids.toString();
  }

  // DatabaseMetaData.getColumns, which tools (DBeaver, ORMs) call on every table they show:
  // one query on pg_attribute, pg_type, pg_attrdef and pg_description with a window
  // function, then pgjdbc's own type mapping. Each row is printed, and checked against what
  // PostgreSQL 15 answers.
  static void checkGetColumns(Connection conn, DatabaseMetaData meta) throws SQLException {
    try (Statement s = conn.createStatement()) {
      s.execute("DROP TABLE IF EXISTS gadgets");
      s.execute("CREATE TABLE gadgets (id integer PRIMARY KEY, name varchar(40) NOT NULL,"
          + " price numeric(10,2) DEFAULT 0, qty bigint NOT NULL DEFAULT 1, note text DEFAULT 'none',"
          + " active boolean DEFAULT true, made timestamp, made_tz timestamptz, day date,"
          + " ratio double precision, payload bytea, small smallint)");
    }
    String[] want = {
        "id|int4|4|10|0|null|1|NO",
        "name|varchar|12|40|0|null|2|NO",
        "price|numeric|2|10|1|0|3|NO",
        "qty|int8|-5|19|0|1|4|NO",
        "note|text|12|2147483647|1|'none'::text|5|NO",
        "active|bool|-7|1|1|true|6|NO",
        "made|timestamp|93|29|1|null|7|NO",
        "made_tz|timestamptz|93|35|1|null|8|NO",
        "day|date|91|13|1|null|9|NO",
        "ratio|float8|8|17|1|null|10|NO",
        "payload|bytea|-2|2147483647|1|null|11|NO",
        "small|int2|5|5|1|null|12|NO",
    };
    List<String> got = new ArrayList<>();
    try (ResultSet rs = meta.getColumns(null, "public", "gadgets", null)) {
      while (rs.next()) {
        String row = String.join("|", rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"),
            String.valueOf(rs.getInt("DATA_TYPE")), String.valueOf(rs.getInt("COLUMN_SIZE")),
            String.valueOf(rs.getInt("NULLABLE")), String.valueOf(rs.getString("COLUMN_DEF")),
            String.valueOf(rs.getInt("ORDINAL_POSITION")), rs.getString("IS_AUTOINCREMENT"));
        System.out.println("getColumns: " + row);
        got.add(row);
      }
    }
    check("getColumns", got, new ArrayList<>(Arrays.asList(want)));
    try (Statement s = conn.createStatement()) {
      s.execute("DROP TABLE gadgets");
    }
  }

  // A type outside pgjdbc's built-in list (interval, and its array): the column's type name,
  // SQL type and Java class come from TypeInfoCache's pg_type lookup, which asks
  // `typinput = 'pg_catalog.array_in'::regproc` to tell arrays from element types.
  static void checkTypeLookup(Connection conn) throws SQLException {
    try (Statement s = conn.createStatement();
         ResultSet rs = s.executeQuery("SELECT interval '1 day 02:03:04' AS i,"
             + " ARRAY[interval '1 hour', interval '2 days'] AS ia")) {
      if (!rs.next()) fail("type lookup: no row");
      ResultSetMetaData md = rs.getMetaData();
      check("interval type name", md.getColumnTypeName(1), "interval");
      check("interval SQL type", md.getColumnType(1), Types.OTHER);
      check("interval class", md.getColumnClassName(1), "org.postgresql.util.PGInterval");
      check("interval[] type name", md.getColumnTypeName(2), "_interval");
      check("interval[] SQL type", md.getColumnType(2), Types.ARRAY);
      check("interval value", rs.getObject(1).toString(),
          "0 years 0 mons 1 days 2 hours 3 mins 4.0 secs");
      java.sql.Array array = rs.getArray(2);
      check("interval[] base type name", array.getBaseTypeName(), "interval");
      check("interval[] elements", Arrays.toString((Object[]) array.getArray()),
          "[0 years 0 mons 0 days 1 hours 0 mins 0.0 secs,"
              + " 0 years 0 mons 2 days 0 hours 0 mins 0.0 secs]");
    }
    // Connection.createArrayOf looks the element type up by name, then its array type.
    java.sql.Array made = conn.createArrayOf("interval", new Object[] {"1 hour", "3 days"});
    try (PreparedStatement p = conn.prepareStatement("SELECT ?::text")) {
      p.setArray(1, made);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) fail("createArrayOf: no row");
        check("createArrayOf(interval)", rs.getString(1), "{01:00:00,\"3 days\"}");
      }
    }
  }

  public static void main(String[] args) throws Exception {
    Connection conn = connect();
    DatabaseMetaData meta = conn.getMetaData();
    driver = "pgjdbc " + meta.getDriverVersion();
    try (Statement s = conn.createStatement()) {
      s.execute("DROP TABLE IF EXISTS items");
      s.execute("CREATE TABLE items (id integer PRIMARY KEY, name varchar(100), price numeric(10,2),"
          + " big bigint, note text, made timestamp, active boolean, payload bytea,"
          + " ratio double precision, made_tz timestamptz)");
    }

    // Every type an application stores, with the setters applications use.
    Timestamp made = Timestamp.valueOf("2024-01-02 03:04:05.678901");
    OffsetDateTime madeTz = OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2));
    byte[] payload = {0, 1, (byte) 0xff, '\'', '\\'};
    try (PreparedStatement p = conn.prepareStatement(
             "INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      p.setInt(1, 1);
      p.setString(2, "it's a \\ backslash");
      p.setBigDecimal(3, new BigDecimal("12.50"));
      p.setLong(4, 1L << 40);
      p.setNull(5, Types.VARCHAR);
      p.setTimestamp(6, made);
      p.setBoolean(7, true);
      p.setBytes(8, payload);
      p.setDouble(9, 0.25);
      p.setObject(10, madeTz);
      check("INSERT update count", p.executeUpdate(), 1);
    }
    Object[] want = {1, "it's a \\ backslash", new BigDecimal("12.50"), 1L << 40, null, made,
                     true, payload, 0.25};
    String select = "SELECT id, name, price, big, note, made, active, payload, ratio, made_tz"
        + " FROM items WHERE id = ?";
    // Run 7 times: from the 5th run pgjdbc uses a named statement and binary results.
    try (PreparedStatement p = conn.prepareStatement(select)) {
      for (int run = 1; run <= 7; run++) {
        p.setInt(1, 1);
        try (ResultSet rs = p.executeQuery()) {
          if (!rs.next()) fail("run " + run + ": row 1 not found");
          for (int i = 0; i < want.length; i++) {
            String column = rs.getMetaData().getColumnName(i + 1);
            Object got = rs.getObject(i + 1);
            check("run " + run + ": column " + column, got, want[i]);
          }
          check("run " + run + ": getString(price)", rs.getString(3), "12.50");
          check("run " + run + ": getTimestamp(made)", rs.getTimestamp(6), made);
          // The same instant, in UTC (the session's TimeZone).
          check("run " + run + ": made_tz", rs.getObject(10, OffsetDateTime.class),
              madeTz.withOffsetSameInstant(ZoneOffset.UTC));
          if (rs.next()) fail("run " + run + ": more than one row");
        }
      }
    }

    // A committed transaction, then one rolled back (pgjdbc sends BEGIN itself, pipelined
    // with the INSERT, and skips COMMIT if the server says it is not in a transaction).
    conn.setAutoCommit(false);
    try (PreparedStatement p = conn.prepareStatement("INSERT INTO items (id, name) VALUES (?, ?)")) {
      p.setInt(1, 2);
      p.setString(2, "committed");
      p.executeUpdate();
      conn.commit();
      p.setInt(1, 3);
      p.setString(2, "rolled back");
      p.executeUpdate();
      conn.rollback();
    }
    check("ids after commit and rollback", ids(conn), "[1, 2]");
    conn.commit();
    try (Connection other = connect()) {
      check("ids seen by another connection", ids(other), "[1, 2]");
    }

    // A duplicate key: SQLState 23505; then 25P02 until rollback, and the connection works.
    try (PreparedStatement p = conn.prepareStatement("INSERT INTO items (id, name) VALUES (?, ?)")) {
      p.setInt(1, 1);
      p.setString(2, "duplicate");
      p.executeUpdate();
      fail("a duplicate key was accepted");
    } catch (SQLException e) {
      check("duplicate key SQLState", e.getSQLState(), "23505");
    }
    try (Statement s = conn.createStatement()) {
      s.executeQuery("SELECT 1");
      fail("a statement ran in a failed transaction");
    } catch (SQLException e) {
      check("failed transaction SQLState", e.getSQLState(), "25P02");
    }
    conn.rollback();
    check("ids after the error", ids(conn), "[1, 2]");
    conn.commit();

    // A batch of inserts in one transaction, then read back with a fetch size (a named
    // portal executed a few rows at a time, PortalSuspended in between).
    try (PreparedStatement p = conn.prepareStatement(
             "INSERT INTO items (id, name, price) VALUES (?, ?, ?)")) {
      for (int i = 0; i < 10; i++) {
        p.setInt(1, 10 + i);
        p.setString(2, "batch " + i);
        p.setBigDecimal(3, BigDecimal.valueOf(i, 2));
        p.addBatch();
      }
      int[] counts = p.executeBatch();
      check("batch size", counts.length, 10);
      for (int count : counts) check("batch update count", count, 1);
    }
    conn.commit();
    try (PreparedStatement p = conn.prepareStatement(
             "SELECT id, name, price FROM items WHERE id >= ? ORDER BY id")) {
      p.setFetchSize(3);
      p.setInt(1, 10);
      try (ResultSet rs = p.executeQuery()) {
        for (int i = 0; i < 10; i++) {
          if (!rs.next()) fail("fetch size: row " + i + " missing");
          check("fetch size: id", rs.getInt(1), 10 + i);
          check("fetch size: name", rs.getString(2), "batch " + i);
          check("fetch size: price", rs.getBigDecimal(3), BigDecimal.valueOf(i, 2));
        }
        if (rs.next()) fail("fetch size: too many rows");
      }
    }
    conn.commit();
    conn.setAutoCommit(true);

    // DatabaseMetaData.getTables finds the table as a TABLE in schema public.
    try (ResultSet rs = meta.getTables(null, "public", "items", new String[] {"TABLE"})) {
      if (!rs.next()) fail("getTables did not find items");
      check("getTables TABLE_SCHEM", rs.getString("TABLE_SCHEM"), "public");
      check("getTables TABLE_NAME", rs.getString("TABLE_NAME"), "items");
      check("getTables TABLE_TYPE", rs.getString("TABLE_TYPE"), "TABLE");
      if (rs.next()) fail("getTables found more than items");
    }

    checkGetColumns(conn, meta);
    checkTypeLookup(conn);

    try (Statement s = conn.createStatement()) {
      s.execute("DROP TABLE items");
    }
    conn.close();
    System.out.println(driver + ": session passed");
  }
}
