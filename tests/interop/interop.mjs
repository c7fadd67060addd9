// Independent check of Rosette's credentials against Digital Bazaar's implementation.
//
//   node interop.mjs verify < request.json   -> {"verified": bool, "error": string|null,
//                                               "statuses": [{"purpose", "index", "set"}]}
//   node interop.mjs sign   < request.json   -> the signed credential
//   node interop.mjs bench  < request.json   -> {"sign_seconds": n, "verify_seconds": n,
//                                               "proof_values": [...]}
//
// The request is JSON: {"credential": {...}, "didDocuments": {"did:...": {...}},
// "seedHex": "...", "verificationMethod": "...", "suite": "eddsa-rdfc-2022" |
// "Ed25519Signature2020", "created": "2024-01-01T00:00:00Z"}; bench takes "credentials": [...]
// (signed in turn, then verified in full: proof, dates and status) and, like verify,
// "documents": {"https://.../status/x/validity.json": {...}}}.
// The document loader serves only Rosette's local context files and the DID documents and
// other documents (status list credentials) in the request: nothing is fetched from the
// network. A credential with a credentialStatus is verified with its status checked by Digital
// Bazaar's Bitstring Status List implementation (the list's own proof and issuer included);
// "statuses" says, per entry, whether its bit is set, as a verifier would read it.
import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {Ed25519Signature2020} from '@digitalbazaar/ed25519-signature-2020';
import {Ed25519VerificationKey2020} from
  '@digitalbazaar/ed25519-verification-key-2020';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';

const here = dirname(fileURLToPath(import.meta.url));
const contextsDir = join(here, '..', '..', 'rosette', 'credentials', 'contexts');
const manifest = JSON.parse(readFileSync(join(contextsDir, 'manifest.json'), 'utf8'));
const contexts = new Map();
for(const [url, entry] of Object.entries(manifest)) {
  contexts.set(url, JSON.parse(readFileSync(join(contextsDir, entry.file), 'utf8')));
}

function makeLoader(didDocuments = {}, documents = {}) {
  return async url => {
    if(contexts.has(url)) {
      return {contextUrl: null, documentUrl: url, document: contexts.get(url)};
    }
    if(Object.hasOwn(documents, url)) {
      return {contextUrl: null, documentUrl: url, document: documents[url]};
    }
    const [base, fragment] = url.split('#');
    const doc = didDocuments[base];
    if(doc) {
      if(fragment === undefined) {
        return {contextUrl: null, documentUrl: url, document: doc};
      }
      const method = (doc.verificationMethod || []).find(
        m => m.id === url || m.id === `#${fragment}`);
      if(method) {
        return {
          contextUrl: null, documentUrl: url,
          document: {'@context': doc['@context'], ...method, id: url}
        };
      }
    }
    throw new Error(`Refusing to load ${url}: not a local context or supplied DID document.`);
  };
}

function hexToBytes(hex) {
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

async function makeSigningSuite({seedHex, verificationMethod, suite, created}) {
  const controller = verificationMethod.split('#')[0];
  const date = created ? new Date(created) : new Date();
  if(suite === 'Ed25519Signature2020') {
    const key = await Ed25519VerificationKey2020.generate({seed: hexToBytes(seedHex)});
    key.id = verificationMethod;
    key.controller = controller;
    return {suite: new Ed25519Signature2020({key, date}), key};
  }
  const key = await Ed25519Multikey.generate({seed: hexToBytes(seedHex)});
  key.id = verificationMethod;
  key.controller = controller;
  return {
    suite: new DataIntegrityProof({signer: key.signer(), cryptosuite: eddsaRdfc2022, date}),
    key
  };
}

function verifySuites() {
  return [new DataIntegrityProof({cryptosuite: eddsaRdfc2022}), new Ed25519Signature2020()];
}

async function verify(request) {
  const result = await vc.verifyCredential({
    credential: request.credential,
    suite: verifySuites(),
    documentLoader: makeLoader(request.didDocuments, request.documents),
    checkStatus
  });
  const statusResult = result.statusResult || {};
  const error = result.verified ? null : String(
    (result.error && (result.error.errors || [result.error]).map(e => e.message).join('; ')) ||
    (statusResult.error && statusResult.error.message) ||
    JSON.stringify(result.results));
  const statuses = (statusResult.results || []).map(r => ({
    purpose: r.credentialStatus.statusPurpose,
    index: r.credentialStatus.statusListIndex,
    set: r.status
  }));
  return {verified: result.verified, error, statuses};
}

async function sign(request) {
  const {suite} = await makeSigningSuite(request);
  return vc.issue({
    credential: request.credential,
    suite,
    documentLoader: makeLoader(request.didDocuments)
  });
}

// Like for like with bench/credentials_bench.py: the same unsigned credentials signed with the
// same key and date (so the signatures must be identical), then each verified in full, the
// status check included: the status list credential is loaded and its own proof verified.
async function bench(request) {
  const {suite} = await makeSigningSuite(request);
  const documentLoader = makeLoader(request.didDocuments, request.documents);
  const signed = [];
  let start = process.hrtime.bigint();
  for(const credential of request.credentials) {
    signed.push(await vc.issue({credential, suite, documentLoader}));
  }
  const signSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  start = process.hrtime.bigint();
  for(const credential of signed) {
    const result = await vc.verifyCredential({
      credential, suite: verifySuites(), documentLoader, checkStatus
    });
    if(!result.verified) {
      throw new Error('benchmark credential failed to verify: ' +
        JSON.stringify(result.error || result.statusResult));
    }
  }
  const verifySeconds = Number(process.hrtime.bigint() - start) / 1e9;
  return {
    count: signed.length, sign_seconds: signSeconds, verify_seconds: verifySeconds,
    proof_values: signed.map(c => c.proof.proofValue)
  };
}

const commands = {verify, sign, bench};
const command = commands[process.argv[2]];
if(!command) {
  process.stderr.write('usage: node interop.mjs verify|sign|bench < request.json\n');
  process.exit(2);
}
const input = readFileSync(0, 'utf8');
try {
  const output = await command(JSON.parse(input));
  process.stdout.write(JSON.stringify(output) + '\n');
} catch(e) {
  process.stdout.write(JSON.stringify({verified: false, error: String(e && e.stack || e)}) + '\n');
  process.exit(1);
}
