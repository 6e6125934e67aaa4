#!/usr/bin/python3
"""A psycopg2 session as an application runs it, with its values and Python types checked.

Connects with PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE from the environment. Exits
non-zero with a message on the first mismatch. psycopg2 sends only simple Query messages
(parameters are quoted into the text by the client), with an implicit BEGIN before the first
statement of each transaction.
"""

import datetime
import decimal
import os
import sys

import psycopg2
import psycopg2.errors

DRIVER = "psycopg2 " + psycopg2.__version__.split()[0]


def fail(message):
    sys.exit(f"{DRIVER}: {message}")


def check(what, got, want):
    if type(got) is not type(want) or got != want:
        fail(f"{what}: got {got!r} ({type(got).__name__}), want {want!r} ({type(want).__name__})")


def connect():
    return psycopg2.connect(host=os.environ["PGHOST"], port=os.environ["PGPORT"],
                            user=os.environ["PGUSER"], password=os.environ.get("PGPASSWORD", ""),
                            dbname=os.environ["PGDATABASE"], connect_timeout=10)


def ids(cur):
    cur.execute("SELECT id FROM items ORDER BY id")
    return [r[0] for r in cur.fetchall()]


def main():
    conn = connect()
    cur = conn.cursor()
    cur.execute("DROP TABLE IF EXISTS items")
    cur.execute("CREATE TABLE items (id integer PRIMARY KEY, name text, price numeric(10,2),"
                " big bigint, note text, made timestamp, made_tz timestamptz, active boolean,"
                " payload bytea, ratio double precision)")
    conn.commit()

    # Every type an application stores, quoting that needs standard_conforming_strings.
    made = datetime.datetime(2024, 1, 2, 3, 4, 5, 678901)
    made_tz = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    row = (1, "it's a \\ backslash", decimal.Decimal("12.50"), 2**40, None, made, made_tz, True,
           b"\x00\x01\xff'\\", 0.25)
    cur.execute("INSERT INTO items VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)", row)
    check("INSERT rowcount", cur.rowcount, 1)
    conn.commit()

    cur.execute("SELECT id, name, price, big, note, made, made_tz, active, payload, ratio"
                " FROM items WHERE id = %s", (1,))
    got = cur.fetchone()
    names = [d.name for d in cur.description]
    check("column names", names,
          ["id", "name", "price", "big", "note", "made", "made_tz", "active", "payload", "ratio"])
    for name, value, want in zip(names, got, row):
        if name == "payload":
            check("payload type", type(value).__name__, "memoryview")
            value = bytes(value)
        check(f"column {name}", value, want)
    check("timestamptz offset", got[6].utcoffset(), datetime.timedelta(0))

    # A committed transaction, then one rolled back: both must be what the server did.
    cur.execute("INSERT INTO items (id, name) VALUES (%s, %s)", (2, "committed"))
    conn.commit()
    cur.execute("INSERT INTO items (id, name) VALUES (%s, %s)", (3, "rolled back"))
    conn.rollback()
    check("ids after commit and rollback", ids(cur), [1, 2])
    with conn:  # the context manager commits
        cur.execute("UPDATE items SET name = %s WHERE id = %s", ("renamed", 2))
        check("UPDATE rowcount", cur.rowcount, 1)
    cur.execute("SELECT name FROM items WHERE id = 2")
    check("name after a committed UPDATE", cur.fetchone()[0], "renamed")
    conn.rollback()

    # A duplicate key: UniqueViolation (an IntegrityError), 23505; the transaction is then
    # failed (25P02) until ROLLBACK, after which the connection works.
    try:
        cur.execute("INSERT INTO items (id, name) VALUES (%s, %s)", (1, "duplicate"))
        fail("a duplicate key was accepted")
    except psycopg2.IntegrityError as e:
        check("duplicate key error class", type(e).__name__, "UniqueViolation")
        check("duplicate key SQLSTATE", e.pgcode, "23505")
    try:
        cur.execute("SELECT 1")
        fail("a statement ran in a failed transaction")
    except psycopg2.errors.InFailedSqlTransaction as e:
        check("failed transaction SQLSTATE", e.pgcode, "25P02")
    conn.rollback()
    check("ids after the error", ids(cur), [1, 2])
    try:
        cur.execute("SELECT 1 / %s", (0,))
        fail("division by zero succeeded")
    except psycopg2.errors.DivisionByZero as e:
        check("division by zero SQLSTATE", e.pgcode, "22012")
    conn.rollback()

    # The same parameterized statement several times, then executemany.
    for i in range(8):
        cur.execute("SELECT %s::integer * 2, %s", (i, f"run {i}"))
        check(f"run {i}", cur.fetchone(), (i * 2, f"run {i}"))
    many = [(10 + i, f"many {i}", decimal.Decimal(i) / 4) for i in range(10)]
    cur.executemany("INSERT INTO items (id, name, price) VALUES (%s, %s, %s)", many)
    check("executemany rowcount", cur.rowcount, 10)
    conn.commit()
    cur.execute("SELECT id, name, price FROM items WHERE id >= %s ORDER BY id", (10,))
    check("fetchmany(4)", cur.fetchmany(4), many[:4])
    check("fetchmany(4) again", cur.fetchmany(4), many[4:8])
    check("fetchall rest", cur.fetchall(), many[8:])
    check("rowcount of the SELECT", cur.rowcount, 10)

    # A named (server-side) cursor: DECLARE "..." CURSOR WITHOUT HOLD FOR ..., then FETCH
    # FORWARD n FROM "..." for each fetchmany, a batch at a time.
    conn.rollback()
    named = conn.cursor("server_side")
    named.execute("SELECT g, 'row ' || g::text FROM generate_series(1, %s) g", (400,))
    check("named fetchone", named.fetchone(), (1, "row 1"))
    check("named fetchmany(150)", named.fetchmany(150), [(g, f"row {g}") for g in range(2, 152)])
    rest = []
    while batch := named.fetchmany(100):
        rest.extend(batch)
    check("named fetchmany to the end", [r[0] for r in rest], list(range(152, 401)))
    named.close()
    # Iterating fetches itersize rows at a time; a scrollable cursor (SCROLL) moves back.
    named = conn.cursor("iterated")
    named.itersize = 64
    named.execute("SELECT id FROM items ORDER BY id")
    check("named iteration", [r[0] for r in named], [1, 2] + list(range(10, 20)))
    named.close()
    named = conn.cursor("scrolled", scrollable=True)
    named.execute("SELECT id FROM items ORDER BY id")
    check("scrollable fetchmany(5)", named.fetchmany(5), [(1,), (2,), (10,), (11,), (12,)])
    named.scroll(-3)
    check("after scroll(-3)", named.fetchone(), (10,))
    named.scroll(0, mode="absolute")
    check("after scroll(0, absolute)", named.fetchone(), (1,))
    named.close()
    conn.commit()

    # Autocommit: each statement commits on its own, no BEGIN.
    conn.rollback()
    conn.autocommit = True
    cur.execute("DELETE FROM items WHERE id >= 10")
    check("DELETE rowcount", cur.rowcount, 10)
    other = connect()
    ocur = other.cursor()
    check("ids seen by another connection", ids(ocur), [1, 2])
    other.close()

    cur.execute("DROP TABLE items")
    conn.close()
    print(f"{DRIVER}: session passed")


if __name__ == "__main__":
    main()
