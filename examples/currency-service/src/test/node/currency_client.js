// Calls currency.v1.CurrencyService from Node and prints what it got as one JSON object, with the same
// keys as ../python/currency_client.py. InteropIT runs it and asserts the values.
// The .proto is loaded at run time (no codegen). Usage: node currency_client.js HOST:PORT PROTO_DIR INCLUDE_DIR
//   PROTO_DIR    src/main/proto (currency/v1/currency.proto)
//   INCLUDE_DIR  target/proto-include (google/api/*.proto, unpacked from proto-google-common-protos by the build)
// google/protobuf/*.proto (timestamp, descriptor) come with protobufjs.
// Environment: GRPC_CA = a PEM trust bundle: call over TLS (host name checked against HOST);
// GRPC_TOKEN = a bearer token sent as call credentials on every call.
'use strict';
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const TIMEOUT_MS = 10000; // per call: only a guard, so a hanging call fails instead of blocking the build
const [target, protoDir, includeDir] = process.argv.slice(2);
const definition = protoLoader.loadSync('currency/v1/currency.proto', {
  includeDirs: [protoDir, includeDir],
  keepCase: true, longs: String, enums: String, defaults: true, oneofs: true,
});
const CurrencyService = grpc.loadPackageDefinition(definition).currency.v1.CurrencyService;
function credentials() {
  if (!process.env.GRPC_CA) return grpc.credentials.createInsecure();
  const tls = grpc.credentials.createSsl(require('fs').readFileSync(process.env.GRPC_CA));
  const token = process.env.GRPC_TOKEN;
  if (!token) return tls;
  const bearer = grpc.credentials.createFromMetadataGenerator((params, callback) => {
    const metadata = new grpc.Metadata();
    metadata.add('authorization', 'Bearer ' + token);
    callback(null, metadata);
  });
  return grpc.credentials.combineChannelCredentials(tls, bearer);
}
const client = new CurrencyService(target, credentials());
const codeNames = Object.fromEntries(Object.entries(grpc.status).map(([name, code]) => [code, name]));

const deadline = () => ({ deadline: Date.now() + TIMEOUT_MS });
const rateJson = (r) => ({
  base: r.base, quote: r.quote, rate: r.rate,
  as_of: { seconds: Number(r.as_of.seconds), nanos: r.as_of.nanos },
});
const conversionJson = (c) => ({ base: c.base, quote: c.quote, amount: c.amount, converted: c.converted, rate: c.rate });
const summaryJson = (s) => ({ count: s.count, totals: s.totals });
const errorJson = (e) => ({ code: codeNames[e.code], message: e.details });

function unary(method, request) {
  return new Promise((resolve, reject) => {
    client[method](request, deadline(), (err, response) => (err ? reject(err) : resolve(response)));
  });
}

async function failure(promise) {
  try {
    const answer = await promise;
    throw new Error('expected an error, got ' + JSON.stringify(answer));
  } catch (e) {
    if (e.code === undefined) throw e;
    return errorJson(e);
  }
}

function listCurrencies() {
  return new Promise((resolve, reject) => {
    const currencies = [];
    const call = client.ListCurrencies({}, deadline());
    call.on('data', (c) => currencies.push({ code: c.code, name: c.name }));
    call.on('error', reject);
    call.on('end', () => resolve(currencies));
  });
}

function convertBatch(requests) {
  return new Promise((resolve, reject) => {
    const call = client.ConvertBatch(deadline(), (err, summary) => (err ? reject(err) : resolve(summary)));
    requests.forEach((r) => call.write(r));
    call.end();
  });
}

// One request at a time, each written only after the answer to the previous one arrived (a server
// that waited for more requests or for the half-close would run into the deadline). Resolves with
// the rates and, if the stream failed, its status.
function streamRates(pairs) {
  return new Promise((resolve, reject) => {
    const rates = [];
    const call = client.StreamRates(deadline());
    let next = 0;
    const send = () => {
      if (next < pairs.length) {
        const [base, quote] = pairs[next++];
        call.write({ base, quote });
      } else if (next++ === pairs.length) {
        call.end(); // an answer too many still lands in rates
      }
    };
    call.on('data', (r) => { rates.push(rateJson(r)); send(); });
    call.on('error', (e) => (e.code === undefined ? reject(e) : resolve({ rates, error: errorJson(e) })));
    call.on('end', () => resolve({ rates }));
    send();
  });
}

async function main() {
  await new Promise((resolve, reject) =>
    client.waitForReady(Date.now() + TIMEOUT_MS, (err) => (err ? reject(err) : resolve())));
  const out = { client: 'node', grpc_js: require('@grpc/grpc-js/package.json').version };

  out.get_rate = rateJson(await unary('GetRate', { base: 'EUR', quote: 'USD' }));
  out.get_rate_same = rateJson(await unary('GetRate', { base: 'USD', quote: 'USD' }));
  out.convert = conversionJson(await unary('Convert', { base: 'EUR', quote: 'JPY', amount: '10.00' }));
  out.convert_tie = conversionJson(await unary('Convert', { base: 'EUR', quote: 'USD', amount: '150' }));
  out.invalid_argument = await failure(unary('GetRate', { base: 'eur', quote: 'USD' }));
  out.invalid_amount = await failure(unary('Convert', { base: 'EUR', quote: 'USD', amount: '1e3' }));
  out.not_found = await failure(unary('GetRate', { base: 'EUR', quote: 'XXX' }));

  out.currencies = await listCurrencies();

  out.batch = summaryJson(await convertBatch([
    { base: 'EUR', quote: 'USD', amount: '12.50' },
    { base: 'GBP', quote: 'USD', amount: '5.5' },
    { base: 'EUR', quote: 'JPY', amount: '10.00' },
  ]));
  out.batch_empty = summaryJson(await convertBatch([]));
  out.batch_invalid = await failure(convertBatch([
    { base: 'EUR', quote: 'USD', amount: '1' },
    { base: 'EUR', quote: 'USD', amount: '1.0000001' },
  ]));

  const streamed = await streamRates([['EUR', 'USD'], ['USD', 'JPY'], ['GBP', 'GBP']]);
  if (streamed.error) throw new Error('StreamRates failed: ' + JSON.stringify(streamed.error));
  out.stream_rates = streamed.rates;
  out.stream_rates_error = await streamRates([['EUR', 'CHF'], ['EUR', 'chf']]);

  client.close();
  console.log(JSON.stringify(out, null, 1));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
