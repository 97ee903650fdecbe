#!/usr/bin/env node
// Parses every *.tf file of a Terraform folder (and its *.tfvars / *.tfvars.example files) with @cdktf/hcl2json and
// prints one JSON document: { "<file name>": <the file as Terraform JSON syntax>, ... }, files in name order.
// Usage: node infra/node/tf-to-json.mjs [folder]   (default: ../../terraform from this script)
// Exit 1 with "<file>: <error>" on stderr when a file does not parse, 2 when the folder has no .tf file.
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { parse } = require("@cdktf/hcl2json");

const here = path.dirname(fileURLToPath(import.meta.url));
const folder = path.resolve(process.argv[2] ?? path.join(here, "..", "..", "terraform"));

let entries;
try {
  entries = await readdir(folder);
} catch (error) {
  console.error(`${folder}: ${error.code ?? error.message}`);
  process.exit(2);
}
const isTerraform = (name) => name.endsWith(".tf") || name.endsWith(".tfvars") || name.endsWith(".tfvars.example");
const files = entries.filter(isTerraform).sort();
if (!files.some((name) => name.endsWith(".tf"))) {
  console.error(`${folder}: no .tf files`);
  process.exit(2);
}

const parsed = {};
let failed = false;
for (const name of files) {
  const text = await readFile(path.join(folder, name), "utf8");
  try {
    parsed[name] = await parse(name, text);
  } catch (error) {
    failed = true;
    console.error(`${name}: ${String(error?.message ?? error).trim()}`);
  }
}
if (failed) {
  process.exit(1);
}
process.stdout.write(JSON.stringify(parsed, null, 2) + "\n");
