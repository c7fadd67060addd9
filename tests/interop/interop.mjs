// Independent check of Rosette's credentials against Digital Bazaar's implementation.
//
//   node interop.mjs verify < request.json   -> {"verified": bool, "error": string|null}
//   node interop.mjs sign   < request.json   -> the signed credential
//   node interop.mjs bench  < request.json   -> {"sign_seconds": n, "verify_seconds": n,
//                                               "proof_values": [...]}
//
// The request is JSON: {"credential": {...}, "didDocuments": {"did:...": {...}},
// "seedHex": "...", "verificationMethod": "...", "suite": "eddsa-rdfc-2022" |
// "Ed25519Signature2020", "created": "2024-01-01T00:00:00Z", "count": n}; bench takes
// "credentials": [...] (signed in turn, then verified in full: proof, dates and status) and
// "documents": {"url": {...}} (the status list credentials they point at).
// The document loader serves only Rosette's local context files and the DID documents in the
// request: nothing is fetched from the network.
import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

import * as vc from '@digitalbazaar/vc';
import {checkStatus as checkBitstringStatus} from
  '@digitalbazaar/vc-bitstring-status-list';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {Ed25519Signature2020} from '@digitalbazaar/ed25519-signature-2020';
import {Ed25519VerificationKey2020} from
  '@digitalbazaar/ed25519-verification-key-2020';

const here = dirname(fileURLToPath(import.meta.url));
const contextsDir = join(here, '..', '..', 'rosette', 'credentials', 'contexts');
const manifest = JSON.parse(readFileSync(join(contextsDir, 'manifest.json'), 'utf8'));
const contexts = new Map();
for(const [url, entry] of Object.entries(manifest)) {
  contexts.set(url, JSON.parse(readFileSync(join(contextsDir, entry.file), 'utf8')));
}

function makeLoader(didDocuments = {}) {
  return async url => {
    if(contexts.has(url)) {
      return {contextUrl: null, documentUrl: url, document: contexts.get(url)};
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

// Status is Rosette's own check (Bitstring Status List); here we only check the proof.
const checkStatus = async () => ({verified: true});

async function verify(request) {
  const result = await vc.verifyCredential({
    credential: request.credential,
    suite: verifySuites(),
    documentLoader: makeLoader(request.didDocuments),
    checkStatus
  });
  const error = result.verified ? null : String(
    (result.error && (result.error.errors || [result.error]).map(e => e.message).join('; ')) ||
    JSON.stringify(result.results));
  return {verified: result.verified, error};
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
  const didLoader = makeLoader(request.didDocuments);
  const documents = request.documents || {};
  const documentLoader = async url => documents[url] ?
    {contextUrl: null, documentUrl: url, document: documents[url]} : didLoader(url);
  const signed = [];
  let start = process.hrtime.bigint();
  for(const credential of request.credentials) {
    signed.push(await vc.issue({credential, suite, documentLoader}));
  }
  const signSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  start = process.hrtime.bigint();
  for(const credential of signed) {
    const result = await vc.verifyCredential({
      credential, suite: verifySuites(), documentLoader, checkStatus: checkBitstringStatus
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
