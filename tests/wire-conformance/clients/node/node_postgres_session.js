#!/usr/bin/env node
// A node-postgres (npm pg) session as an application runs it, with its values and JavaScript
// types checked.
//
// Run with node from this directory's node_modules (scripts/setup runs `npm ci` here).
// Connects with PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE from the environment (pg
// reads them itself); exits non-zero with a message on the first mismatch. pg sends a query
// without parameters as a simple Query and one with parameters as Parse/Bind/Describe/
// Execute/Sync with an unnamed statement, or a named one (parsed once per connection) when
// the query has a name; it asks for every result in text and parses it itself: int8 and
// numeric stay strings, date and timestamp become a Date in the process's time zone.
'use strict';

process.env.TZ = 'UTC';  // before the first Date: date and timestamp parse as UTC

const assert = require('node:assert');
const pg = require('pg');

const DRIVER = 'node-postgres ' + require('pg/package.json').version;

function fail(message) {
  console.error(`${DRIVER}: ${message}`);
  process.exit(1);
}

function show(value) {
  if (Buffer.isBuffer(value)) return `Buffer <${value.toString('hex')}>`;
  if (value instanceof Date) return `Date ${value.toISOString()}`;
  return `${JSON.stringify(value)} (${value === null ? 'null' : typeof value})`;
}

function check(what, got, want) {
  try {
    assert.deepStrictEqual(got, want);
  } catch (e) {
    fail(`${what}: got ${show(got)}, want ${show(want)}`);
  }
}

// Runs a statement that must fail; returns the error.
async function mustFail(what, client, query, values) {
  try {
    await client.query(query, values);
  } catch (e) {
    return e;
  }
  fail(`${what}: the statement succeeded`);
}

async function ids(client) {
  const r = await client.query('SELECT id FROM items ORDER BY id');
  return r.rows.map((row) => row.id);
}

async function main() {
  // The server asks for SCRAM-SHA-256 (the test configures both servers so); pg answers it.
  const client = new pg.Client({connectionTimeoutMillis: 10000});
  await client.connect();

  // Simple queries: no parameters, one or several statements in one Query message.
  let r = await client.query('SELECT 1 AS one, \'a\' AS letter');
  check('simple query rows', r.rows, [{one: 1, letter: 'a'}]);
  check('simple query fields', r.fields.map((f) => f.name), ['one', 'letter']);
  check('simple query command', r.command, 'SELECT');
  await client.query('DROP TABLE IF EXISTS items; CREATE TABLE items (id integer PRIMARY KEY,' +
                     ' name text, price numeric(10,2), big bigint, note text, active boolean,' +
                     ' day date, made timestamp, made_tz timestamptz, payload bytea)');

  // Every type an application stores, as parameters (the extended protocol).
  const made = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
  const madeTz = new Date('2024-01-02T03:04:05+02:00');
  const payload = Buffer.from([0, 1, 0xff, 0x27, 0x5c]);
  r = await client.query('INSERT INTO items VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
                         [1, 'it\'s a \\ backslash', '12.50', '1099511627776', null, true,
                          '2024-02-29', made, madeTz, payload]);
  check('INSERT command', r.command, 'INSERT');
  check('INSERT rowCount', r.rowCount, 1);
  r = await client.query('SELECT id, name, price, big, note, active, day, made, made_tz, payload' +
                         ' FROM items WHERE id = $1', [1]);
  check('typed row', r.rows, [{
    id: 1,
    name: 'it\'s a \\ backslash',
    price: '12.50',         // numeric: a string, no precision lost
    big: '1099511627776',   // int8: a string, beyond 2^53 in general
    note: null,
    active: true,
    day: new Date(Date.UTC(2024, 1, 29)),
    made,
    made_tz: new Date(Date.UTC(2024, 0, 2, 1, 4, 5)),  // the same instant
    payload,
  }]);
  check('typed row dataTypeIDs', r.fields.map((f) => f.dataTypeID),
        [23, 25, 1700, 20, 25, 16, 1082, 1114, 1184, 17]);
  r = await client.query('SELECT $1::int + 1 AS n, $2::text AS t, $3::bigint AS b,' +
                         ' $4::numeric * 2 AS x, $5::bool AS f', [41, 'héllo', '-5', '0.25', false]);
  check('parameters cast by the query', r.rows, [{n: 42, t: 'héllo', b: '-5', x: '0.50', f: false}]);

  // A committed transaction, then one rolled back.
  await client.query('BEGIN');
  await client.query('INSERT INTO items (id, name) VALUES ($1, $2)', [2, 'committed']);
  await client.query('COMMIT');
  await client.query('BEGIN');
  await client.query('INSERT INTO items (id, name) VALUES ($1, $2)', [3, 'rolled back']);
  check('ids inside the transaction', await ids(client), [1, 2, 3]);
  await client.query('ROLLBACK');
  check('ids after commit and rollback', await ids(client), [1, 2]);
  const other = new pg.Client();
  await other.connect();
  check('ids seen by another connection', await ids(other), [1, 2]);
  await other.end();

  // A duplicate key: 23505 with PostgreSQL's message; the transaction is then failed
  // (25P02) until ROLLBACK, after which the connection works.
  await client.query('BEGIN');
  let e = await mustFail('duplicate key', client, 'INSERT INTO items (id, name) VALUES ($1, $2)',
                         [1, 'duplicate']);
  check('duplicate key code', e.code, '23505');
  check('duplicate key message', e.message,
        'duplicate key value violates unique constraint "items_pkey"');
  check('duplicate key severity', e.severity, 'ERROR');
  e = await mustFail('failed transaction', client, 'SELECT 1');
  check('failed transaction code', e.code, '25P02');
  await client.query('ROLLBACK');
  check('ids after the error', await ids(client), [1, 2]);
  e = await mustFail('division by zero', client, 'SELECT 1 / $1::int', [0]);
  check('division by zero code', e.code, '22012');
  r = await client.query('SELECT 2 AS two');
  check('a query after the errors', r.rows, [{two: 2}]);

  // A named prepared statement: parsed on its first run, then only bound and executed.
  const insert = {name: 'insert_item', text: 'INSERT INTO items (id, name, price) VALUES ($1, $2, $3)'};
  for (let i = 0; i < 20; i++) {
    r = await client.query({...insert, values: [100 - i, `named ${i}`, (i / 4).toFixed(2)]});
    check(`named run ${i} rowCount`, r.rowCount, 1);
  }
  const byId = {name: 'item_by_id', text: 'SELECT name, price FROM items WHERE id = $1'};
  for (let i = 0; i < 5; i++) {
    r = await client.query({...byId, values: [100 - i]});
    check(`named select ${i}`, r.rows, [{name: `named ${i}`, price: (i / 4).toFixed(2)}]);
  }

  // Rows come back in the order asked for, in both directions, and as arrays.
  r = await client.query('SELECT id FROM items WHERE id >= $1 ORDER BY id', [81]);
  check('ascending ids', r.rows.map((row) => row.id), Array.from({length: 20}, (_, i) => 81 + i));
  check('SELECT rowCount', r.rowCount, 20);
  r = await client.query({text: 'SELECT id, name FROM items WHERE id >= $1 ORDER BY id DESC',
                          values: [81], rowMode: 'array'});
  check('descending rows as arrays', r.rows.slice(0, 3),
        [[100, 'named 0'], [99, 'named 1'], [98, 'named 2']]);

  r = await client.query('DELETE FROM items WHERE id >= 81');
  check('DELETE rowCount', r.rowCount, 20);
  await client.query('DROP TABLE items');
  await client.end();
  console.log(`${DRIVER}: session passed`);
}

main().catch((e) => fail(`${e.code ? e.code + ' ' : ''}${e.stack || e}`));
