#!/usr/bin/env node
// The benchmark's peer: a straightforward sync written with the official Airtable.js client (npm "airtable"), as a
// careful user would write one. For each table in order it upserts every record in batches of 10
// (performUpsert on the table's key field, typecast), starting one request every 1/rate s without waiting for the
// previous answer ("4 requests per second"), and relies on Airtable.js's own back-off when Airtable answers 429.
// Links to an earlier table are resolved from the record IDs that table's upserts returned.
//
// Usage: node airtablejs-peer-sync.mjs --input FILE --endpoint URL --base BASEID --token TOKEN [--rate 4]
// FILE: {"tables":[{"name","airtableTable","keyField","records":[{field: value}]}]}; a link value is a list of
// "<LINK_PREFIX><table name>:<source id>" strings. Prints one JSON line: {"elapsedMs","requests","records","failed"}.
import Airtable from 'airtable';
import { readFileSync } from 'node:fs';

const LINK_PREFIX = 'airsync-peer-link:';
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const input = option('input');
const endpointUrl = option('endpoint');
const baseId = option('base');
const token = option('token');
const rate = Number(option('rate', '4'));
if (!input || !endpointUrl || !baseId || !token || !(rate > 0)) {
  console.error('airtablejs-peer-sync: give --input, --endpoint, --base, --token and a --rate above 0');
  process.exit(2);
}

const started = process.hrtime.bigint();
const data = JSON.parse(readFileSync(input, 'utf8'));
const base = new Airtable({ endpointUrl, apiKey: token, requestTimeout: 60_000 }).base(baseId);
const ids = new Map(); // table name -> Map(source id -> record ID)
const spacingMs = 1000 / rate;
let nextStart = Date.now();
let requests = 0;
let records = 0;
let failed = 0;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const resolveLinks = (fields) => {
  const out = {};
  for (const [name, value] of Object.entries(fields)) {
    if (Array.isArray(value) && value.some((v) => typeof v === 'string' && v.startsWith(LINK_PREFIX))) {
      out[name] = value.map((v) => {
        const [table, ...rest] = v.slice(LINK_PREFIX.length).split(':');
        return ids.get(table)?.get(rest.join(':'));
      }).filter(Boolean);
    } else {
      out[name] = value;
    }
  }
  return out;
};

for (const t of data.tables) {
  const table = base.table(t.airtableTable);
  const mine = new Map();
  ids.set(t.name, mine);
  const pending = [];
  for (let i = 0; i < t.records.length; i += 10) {
    const wait = nextStart - Date.now();
    if (wait > 0) await sleep(wait);
    nextStart = Math.max(nextStart, Date.now()) + spacingMs;
    const batch = t.records.slice(i, i + 10).map((fields) => ({ fields: resolveLinks(fields) }));
    requests++;
    pending.push(table.update(batch, { performUpsert: { fieldsToMergeOn: [t.keyField] }, typecast: true })
      .then((answer) => {
        for (const r of answer) mine.set(String(r.fields[t.keyField]), r.id);
        records += batch.length;
      })
      .catch((e) => {
        failed += batch.length;
        console.error(`airtablejs-peer-sync: ${t.airtableTable}: ${e.statusCode ?? ''} ${e.error ?? ''} ${e.message}`);
      }));
  }
  await Promise.all(pending); // links of later tables need this table's record IDs
}
const elapsedMs = Number((process.hrtime.bigint() - started) / 1_000_000n);
console.log(JSON.stringify({ elapsedMs, requests, records, failed }));
process.exit(failed > 0 ? 1 : 0);
