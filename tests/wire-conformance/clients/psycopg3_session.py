#!/usr/bin/python3
"""A psycopg 3 session as an application runs it, with its values and Python types checked.

Connects with PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE from the environment. Exits
non-zero with a message on the first mismatch. psycopg 3 uses the extended protocol for every
statement with parameters and for its own BEGIN/COMMIT/ROLLBACK, sends ints and floats in
binary, prepares a statement (named `_pg3_n`) on its 6th execution, and decides what it sent
last from the ReadyForQuery status byte.
"""

import datetime
import decimal
import os
import sys

import psycopg
import psycopg.errors
from psycopg.types import TypeInfo

DRIVER = "psycopg " + psycopg.__version__


def fail(message):
    sys.exit(f"{DRIVER}: {message}")


def check(what, got, want):
    if type(got) is not type(want) or got != want:
        fail(f"{what}: got {got!r} ({type(got).__name__}), want {want!r} ({type(want).__name__})")


def connect(**kwargs):
    return psycopg.connect(host=os.environ["PGHOST"], port=os.environ["PGPORT"],
                           user=os.environ["PGUSER"], password=os.environ.get("PGPASSWORD", ""),
                           dbname=os.environ["PGDATABASE"], connect_timeout=10, **kwargs)


def ids(conn):
    return [r[0] for r in conn.execute("SELECT id FROM items ORDER BY id").fetchall()]


COLUMNS = ["id", "name", "price", "big", "note", "made", "made_tz", "active", "payload", "ratio"]


def check_row(what, got, want):
    for name, value, expected in zip(COLUMNS, got, want):
        check(f"{what}: column {name}", value, expected)


def main():
    conn = connect()
    conn.execute("DROP TABLE IF EXISTS items")
    conn.execute("CREATE TABLE items (id integer PRIMARY KEY, name text, price numeric(10,2),"
                 " big bigint, note text, made timestamp, made_tz timestamptz, active boolean,"
                 " payload bytea, ratio double precision)")
    conn.commit()

    made = datetime.datetime(2024, 1, 2, 3, 4, 5, 678901)
    made_tz = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    row = (1, "it's a \\ backslash", decimal.Decimal("12.50"), 2**40, None, made, made_tz, True,
           b"\x00\x01\xff'\\", 0.25)
    cur = conn.execute("INSERT INTO items VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)", row)
    check("INSERT rowcount", cur.rowcount, 1)
    conn.commit()

    select_one = f"SELECT {', '.join(COLUMNS)} FROM items WHERE id = %s"
    cur = conn.execute(select_one, (1,))
    check("column names", [d.name for d in cur.description], COLUMNS)
    got = cur.fetchone()
    check_row("text results", got, row)
    check("timestamptz offset", got[6].utcoffset(), datetime.timedelta(0))
    # The same row with every column in binary (the types' send functions).
    bcur = conn.cursor(binary=True)
    bcur.execute(select_one, (1,))
    check_row("binary results", bcur.fetchone(), row)
    conn.commit()

    # A committed transaction, then one rolled back: if the server's ReadyForQuery status were
    # wrong, psycopg would skip the COMMIT and the row would be gone.
    conn.execute("INSERT INTO items (id, name) VALUES (%s, %s)", (2, "committed"))
    conn.commit()
    conn.execute("INSERT INTO items (id, name) VALUES (%s, %s)", (3, "rolled back"))
    conn.rollback()
    check("ids after commit and rollback", ids(conn), [1, 2])
    conn.commit()

    # Explicit transaction blocks on an autocommit connection.
    auto = connect(autocommit=True)
    with auto.transaction():
        auto.execute("UPDATE items SET name = %s WHERE id = %s", ("renamed", 2))
    with auto.transaction():
        auto.execute("INSERT INTO items (id, name) VALUES (%s, %s)", (4, "rolled back"))
        raise psycopg.Rollback()
    check("name after a committed block", auto.execute(
        "SELECT name FROM items WHERE id = 2").fetchone()[0], "renamed")
    check("ids after a rolled back block", ids(auto), [1, 2])
    # Nested blocks are savepoints: the inner one fails and is rolled back to its
    # savepoint, the outer one commits.
    with auto.transaction():
        auto.execute("INSERT INTO items (id, name) VALUES (%s, %s)", (5, "outer"))
        try:
            with auto.transaction():
                auto.execute("INSERT INTO items (id, name) VALUES (%s, %s)", (6, "inner"))
                auto.execute("INSERT INTO items (id, name) VALUES (%s, %s)", (5, "duplicate"))
            fail("a duplicate key was accepted in a nested block")
        except psycopg.errors.UniqueViolation:
            pass
        with auto.transaction():
            auto.execute("INSERT INTO items (id, name) VALUES (%s, %s)", (7, "inner kept"))
    check("ids after nested blocks", ids(auto), [1, 2, 5, 7])
    auto.execute("DELETE FROM items WHERE id IN (5, 7)")

    # A duplicate key: UniqueViolation (an IntegrityError), 23505; the transaction is then
    # failed (25P02) until ROLLBACK, after which the connection works.
    try:
        conn.execute("INSERT INTO items (id, name) VALUES (%s, %s)", (1, "duplicate"))
        fail("a duplicate key was accepted")
    except psycopg.IntegrityError as e:
        check("duplicate key error class", type(e).__name__, "UniqueViolation")
        check("duplicate key SQLSTATE", e.sqlstate, "23505")
    try:
        conn.execute("SELECT 1")
        fail("a statement ran in a failed transaction")
    except psycopg.errors.InFailedSqlTransaction as e:
        check("failed transaction SQLSTATE", e.sqlstate, "25P02")
    conn.rollback()
    check("ids after the error", ids(conn), [1, 2])
    try:
        auto.execute("SELECT 1 / %s", (0,))
        fail("division by zero succeeded")
    except psycopg.errors.DivisionByZero as e:
        check("division by zero SQLSTATE", e.sqlstate, "22012")
    check("autocommit connection after an error", auto.execute("SELECT 7").fetchone(), (7,))

    # The same statement 8 times: from the 6th run psycopg prepares it (Parse "_pg3_0"), then
    # only binds and executes it.
    for i in range(8):
        cur = conn.execute("SELECT id, name FROM items WHERE id = %s", (1 + i % 2,))
        want = (1, row[1]) if i % 2 == 0 else (2, "renamed")
        check(f"prepared run {i}", cur.fetchone(), want)
    cur = conn.execute("SELECT name FROM items WHERE id = %s", (2,), prepare=True)
    check("explicitly prepared", cur.fetchone(), ("renamed",))
    conn.commit()

    # executemany (a pipeline: many Bind/Execute before one Sync), then fetchmany.
    many = [(10 + i, f"many {i}", decimal.Decimal(i) / 4) for i in range(10)]
    cur = conn.cursor()
    cur.executemany("INSERT INTO items (id, name, price) VALUES (%s, %s, %s)", many)
    conn.commit()
    cur.execute("SELECT id, name, price FROM items WHERE id >= %s ORDER BY id", (10,))
    check("fetchmany(4)", cur.fetchmany(4), many[:4])
    check("fetchmany(4) again", cur.fetchmany(4), many[4:8])
    check("fetchall rest", cur.fetchall(), many[8:])
    conn.commit()

    # A server-side cursor: DECLARE "..." CURSOR FOR ... with its parameters (extended
    # protocol), Describe Portal of the cursor by name, then FETCH FORWARD n per fetchmany.
    with conn.cursor(name="server_side") as named:
        named.execute("SELECT g, 'row ' || g::text FROM generate_series(1, 400) g WHERE g > %s",
                      (20,))
        check("named fetchone", named.fetchone(), (21, "row 21"))
        check("named fetchmany(150)", named.fetchmany(150),
              [(g, f"row {g}") for g in range(22, 172)])
        rest = []
        while batch := named.fetchmany(100):
            rest.extend(batch)
        check("named fetchmany to the end", [r[0] for r in rest], list(range(172, 401)))
    with conn.cursor(name="iterated") as named:
        named.itersize = 64
        named.execute("SELECT id FROM items WHERE id >= %s ORDER BY id", (10,))
        check("named iteration", [r[0] for r in named], [r[0] for r in many])
    # binary=True: FETCH's Bind asks for binary results (the DECLARE itself stays text).
    with conn.cursor(name="binary_side", binary=True) as named:
        named.execute("SELECT id, price FROM items WHERE id >= %s ORDER BY id", (10,))
        check("binary named fetchmany(3)", named.fetchmany(3), [(r[0], r[2]) for r in many[:3]])
    with conn.cursor(name="scrolled", scrollable=True) as named:
        named.execute("SELECT id FROM items ORDER BY id")
        check("scrollable fetchmany(5)", named.fetchmany(5), [(1,), (2,), (10,), (11,), (12,)])
        named.scroll(-3)
        check("after scroll(-3)", named.fetchone(), (10,))
        named.scroll(0, mode="absolute")
        check("after scroll(0, absolute)", named.fetchone(), (1,))
    conn.commit()
    check("ids seen by another connection", ids(auto), [1, 2] + [r[0] for r in many])

    # TypeInfo.fetch: pg_type looked up by `oid = %(name)s::regtype` (a name known only when
    # the statement runs), as psycopg does to register adapters for a type by name.
    for name, want in [("int4[]", ("_int4", 1007, 0, "integer[]")),
                       ("interval", ("interval", 1186, 1187, "interval")),
                       ("character varying", ("varchar", 1043, 1015, "character varying")),
                       ("regproc", ("regproc", 24, 1008, "regproc"))]:
        info = TypeInfo.fetch(auto, name)
        if info is None:
            fail(f"TypeInfo.fetch({name!r}) found nothing")
        check(f"TypeInfo.fetch({name!r})", (info.name, info.oid, info.array_oid, info.regtype), want)
    check("TypeInfo.fetch of no type", TypeInfo.fetch(auto, "no_such_type"), None)
    # pg_type's input functions are regprocs that print as names.
    check("typinput of int4[]",
          auto.execute("SELECT typinput::text, typinput = 'pg_catalog.array_in'::regproc"
                       " FROM pg_type WHERE oid = 1007").fetchone(), ("array_in", True))

    # Closing a named cursor that never ran: psycopg asks pg_catalog.pg_cursors whether the
    # server has it (a WITH HOLD one it did not declare itself), and closes it if so.
    conn.execute("SELECT 1")  # in a transaction, psycopg asks even for a cursor WITHOUT HOLD
    conn.cursor("never_ran").close()
    conn.commit()
    auto.execute("DECLARE held CURSOR WITH HOLD FOR SELECT 1")
    check("pg_cursors row",
          auto.execute("SELECT name, statement, is_holdable, is_binary FROM pg_cursors")
          .fetchall(), [("held", "DECLARE held CURSOR WITH HOLD FOR SELECT 1", True, False)])
    auto.cursor("held", withhold=True).close()
    check("pg_cursors after close",
          auto.execute("SELECT count(*) FROM pg_catalog.pg_cursors").fetchone(), (0,))

    # pg_dump's first statement; set_config changes the setting as SET does.
    check("set_config", auto.execute("SELECT pg_catalog.set_config('search_path', '', false)")
          .fetchone(), ("",))
    check("current_setting after set_config",
          auto.execute("SELECT current_setting('search_path')").fetchone(), ("",))
    auto.execute("RESET search_path")

    auto.execute("DROP TABLE items")
    auto.close()
    conn.close()
    print(f"{DRIVER}: session passed")


if __name__ == "__main__":
    main()
