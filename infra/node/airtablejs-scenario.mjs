#!/usr/bin/env node
// Drives the official Airtable.js client (npm "airtable") against an Airtable API endpoint — our emulator — and
// asserts every answer. Exits 0 when all checks pass, 1 with a clear message on the first mismatch.
//
// Usage: node airtablejs-scenario.mjs [crud|burst|all] [--endpoint URL] [--base BASEID] [--token TOKEN] [--table NAME]
//   or the environment: AIRTABLE_ENDPOINT_URL, AIRTABLE_BASE_ID, AIRTABLE_TOKEN, AIRTABLE_TABLE (default "Users").
// The table needs the fields of src/test/resources/emulator/test-schema.json's "Users" table:
//   Name (text, primary), Key (text), Email (email), Age (number), Status (single select with "Active").
//   crud  : paged listing (eachPage over >100 records), create, update (PATCH), replace (PUT), upsert with
//           performUpsert, destroy, unknown field → 422 UNKNOWN_FIELD_NAME. Needs a generous rate limit (or none).
//   burst : 12 concurrent selects; with the endpoint at 5 requests/s most get 429 and Airtable.js retries them
//           with its own backoff until all succeed. Needs at least one record in the table.
import Airtable from 'airtable';

const args = process.argv.slice(2);
const option = (name, env, fallback) => {
  const i = args.indexOf(`--${name}`);
  if (i >= 0 && i + 1 < args.length) return args[i + 1];
  return process.env[env] ?? fallback;
};
const part = args.find((a) => ['crud', 'burst', 'all'].includes(a)) ?? 'all';
const endpointUrl = option('endpoint', 'AIRTABLE_ENDPOINT_URL');
const baseId = option('base', 'AIRTABLE_BASE_ID');
const token = option('token', 'AIRTABLE_TOKEN');
const tableName = option('table', 'AIRTABLE_TABLE', 'Users');
if (!endpointUrl || !baseId || !token) {
  console.error('airtablejs-scenario: give --endpoint, --base and --token (or AIRTABLE_ENDPOINT_URL, AIRTABLE_BASE_ID, AIRTABLE_TOKEN)');
  process.exit(2);
}

const airtable = new Airtable({ endpointUrl, apiKey: token, requestTimeout: 30_000 });
const table = airtable.base(baseId).table(tableName);
const runId = `js${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

class Mismatch extends Error {}
function check(condition, message) {
  if (!condition) throw new Mismatch(message);
}
function equal(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  check(a === e, `${what}: expected ${e} but got ${a}`);
}
async function rejects(promise, what) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Mismatch(`${what}: expected an error, but the call succeeded`);
}
const step = (name) => console.log(`[airtablejs-scenario] ${name}`);
const byKeyPrefix = (prefix) => `FIND('${prefix}', {Key}) = 1`;

async function crud() {
  step(`crud part, run ${runId}, table ${tableName} of ${baseId} at ${endpointUrl}`);

  // Batch create 150 records, 10 per request (the API limit).
  const createdIds = [];
  for (let batch = 0; batch < 15; batch++) {
    const records = [];
    for (let i = 0; i < 10; i++) {
      const n = batch * 10 + i;
      records.push({ fields: { Name: `Paged ${n}`, Key: `${runId}-page-${String(n).padStart(3, '0')}` } });
    }
    const created = await table.create(records);
    equal(created.length, 10, 'records created per batch');
    for (const r of created) {
      check(/^rec[A-Za-z0-9]{14}$/.test(r.id), `created record ID looks like rec + 14 characters: ${r.id}`);
      createdIds.push(r.id);
    }
  }
  step('created 150 records in 15 batches');

  // Paged listing: eachPage over more than 100 records gives two pages (100 + 50).
  const pageSizes = [];
  const listedIds = [];
  await table.select({ filterByFormula: byKeyPrefix(`${runId}-page-`), fields: ['Name', 'Key'] }).eachPage((records, next) => {
    pageSizes.push(records.length);
    for (const r of records) listedIds.push(r.id);
    next();
  });
  equal(pageSizes, [100, 50], 'page sizes of eachPage over 150 records');
  equal(listedIds, createdIds, 'listed records (in creation order)');
  const sorted = await table.select({
    filterByFormula: byKeyPrefix(`${runId}-page-`), sort: [{ field: 'Key', direction: 'desc' }], maxRecords: 3,
  }).all();
  equal(sorted.map((r) => r.get('Name')), ['Paged 149', 'Paged 148', 'Paged 147'], 'sorted listing with maxRecords');
  step('listed them: eachPage pages [100, 50], sort and maxRecords work');

  // Single create, then PATCH (update keeps other fields) and PUT (replace clears them).
  const ann = await table.create({ Name: 'Ann', Key: `${runId}-ann`, Email: 'ann@example.com', Age: 30 });
  equal(ann.get('Email'), 'ann@example.com', 'created record field');
  const patched = await table.update(ann.id, { Age: 31 });
  equal([patched.get('Name'), patched.get('Email'), patched.get('Age')], ['Ann', 'ann@example.com', 31], 'PATCH keeps unspecified fields');
  const batchPatched = await table.update([{ id: ann.id, fields: { Status: 'Active' } }]);
  equal(batchPatched[0].get('Email'), 'ann@example.com', 'batch PATCH keeps unspecified fields');
  equal(batchPatched[0].get('Status'), 'Active', 'batch PATCH sets the field');
  const replaced = await table.replace(ann.id, { Name: 'Ann Replaced', Key: `${runId}-ann` });
  equal([replaced.get('Name'), replaced.get('Email'), replaced.get('Age'), replaced.get('Status')],
    ['Ann Replaced', undefined, undefined, undefined], 'PUT clears unspecified fields');
  const found = await table.find(ann.id);
  equal(found.get('Name'), 'Ann Replaced', 'find after replace');
  step('create, update (PATCH), replace (PUT) and find behave');

  // Upsert through table.update(records, {performUpsert}): one match updated, one new record created.
  const upserted = await table.update([
    { fields: { Key: `${runId}-ann`, Age: 40 } },
    { fields: { Key: `${runId}-bob`, Name: 'Bob' } },
  ], { performUpsert: { fieldsToMergeOn: ['Key'] } });
  equal(upserted.length, 2, 'records answered by the upsert');
  equal(upserted[0].id, ann.id, 'upsert updated the record matching on Key');
  equal([upserted[0].get('Name'), upserted[0].get('Age')], ['Ann Replaced', 40], 'upsert (PATCH) kept other fields');
  check(upserted[1].id !== ann.id && /^rec/.test(upserted[1].id), 'upsert created a new record for the new Key');
  const again = await table.update([{ fields: { Key: `${runId}-bob`, Name: 'Bob Again' } }],
    { performUpsert: { fieldsToMergeOn: ['Key'] } });
  equal(again[0].id, upserted[1].id, 'a second upsert updates the record the first created');
  const bobs = await table.select({ filterByFormula: `{Key} = '${runId}-bob'` }).all();
  equal(bobs.map((r) => r.get('Name')), ['Bob Again'], 'exactly one record per merge key');
  step('upsert with performUpsert creates and updates');

  // Unknown field: 422 UNKNOWN_FIELD_NAME surfaces as an AirtableError.
  const unknown = await rejects(table.create({ Name: 'x', 'No Such Field': 1 }), 'create with an unknown field');
  equal([unknown.statusCode, unknown.error], [422, 'UNKNOWN_FIELD_NAME'], 'unknown field error');
  check(String(unknown.message).includes('No Such Field'), `error message names the field: ${unknown.message}`);
  const badOption = await rejects(table.create({ Name: 'x', Status: 'Not an option' }), 'create with an unknown select option');
  equal([badOption.statusCode, badOption.error], [422, 'INVALID_MULTIPLE_CHOICE_OPTIONS'], 'unknown select option error');
  const typecast = await table.create([{ fields: { Name: 'Typecast', Key: `${runId}-typecast`, Age: '7' } }], { typecast: true });
  equal(typecast[0].get('Age'), 7, 'typecast turns "7" into a number');
  step('unknown field and bad option give 422 with Airtable error types; typecast converts');

  // Destroy: one record, then a batch; afterwards find() answers 404.
  const destroyedOne = await table.destroy(ann.id);
  equal(destroyedOne.id, ann.id, 'destroyed record');
  const destroyedMany = await table.destroy([upserted[1].id, typecast[0].id]);
  equal(destroyedMany.map((r) => r.id), [upserted[1].id, typecast[0].id], 'batch destroy');
  const gone = await rejects(table.find(ann.id), 'find of a destroyed record');
  equal(gone.statusCode, 404, 'status of a destroyed record');
  for (let i = 0; i < createdIds.length; i += 10) {
    await table.destroy(createdIds.slice(i, i + 10));
  }
  const left = await table.select({ filterByFormula: byKeyPrefix(runId) }).all();
  equal(left.length, 0, 'records of this run left after cleanup');
  step('destroy (one and batch) works; cleaned up');
}

async function burst() {
  step(`burst part: 12 concurrent selects on ${tableName}`);
  const started = Date.now();
  const results = await Promise.all(Array.from({ length: 12 }, () => table.select({ pageSize: 5 }).firstPage()));
  const ids = results.map((records) => records.map((r) => r.id).join(','));
  check(results.every((records) => records.length > 0), 'every select returned records (seed the table first)');
  check(ids.every((x) => x === ids[0]), 'all 12 selects returned the same records');
  step(`all 12 selects succeeded after Airtable.js's own 429 retries (${Date.now() - started} ms)`);
}

try {
  if (part === 'crud' || part === 'all') await crud();
  if (part === 'burst' || part === 'all') await burst();
  step('OK');
} catch (err) {
  if (err instanceof Mismatch) {
    console.error(`[airtablejs-scenario] MISMATCH: ${err.message}`);
  } else {
    console.error(`[airtablejs-scenario] FAILED: ${err && err.stack ? err.stack : JSON.stringify(err)}`);
  }
  process.exit(1);
}
