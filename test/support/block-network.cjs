// Preloaded with `node --require` in tests: any attempt to open a network connection (TCP, DNS,
// fetch) is logged to stderr with a marker and fails, so a test can prove a command never reaches for
// the network. Unix-domain sockets stay allowed: they are local IPC (tsx's loader uses one).
const net = require('node:net');
const dns = require('node:dns');
const MARK = 'VNPLAN-NETWORK-ATTEMPT';
const refuse = (what) => {
  process.stderr.write(`${MARK} ${what}\n`);
  throw new Error(`network disabled in this test (${what})`);
};
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const isLocalIpc = (first && typeof first === 'object' && typeof first.path === 'string') || typeof first === 'string';
  if (!isLocalIpc) refuse(`net.Socket.connect ${JSON.stringify(first)}`);
  return connect.apply(this, args);
};
dns.lookup = () => refuse('dns.lookup');
dns.promises.lookup = async () => refuse('dns.promises.lookup');
globalThis.fetch = async (url) => refuse(`fetch ${url}`);
