// Ids as the protocol defines them (docs/protocol.md): message and action ids are time-based
// UUIDs that order a chat; a one-to-one chat's id is derived from its two users.

const HEX = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(text) {
  return typeof text === 'string' && HEX.test(text);
}

/** The 60-bit timestamp of a time-based UUID, as a BigInt (100 ns since 1582). */
function timestamp(id) {
  const [low, mid, high] = id.split('-');
  return (BigInt('0x' + high) & 0x0fffn) << 48n | BigInt('0x' + mid) << 32n | BigInt('0x' + low);
}

/** Orders two time-based ids as the server orders a chat: by time, then by the rest. */
export function compareTimeIds(a, b) {
  const ta = timestamp(a);
  const tb = timestamp(b);
  if (ta !== tb) {
    return ta < tb ? -1 : 1;
  }
  return a.slice(19) < b.slice(19) ? -1 : a.slice(19) > b.slice(19) ? 1 : 0;
}

/** The instant a time-based id was made, in milliseconds since 1970. */
export function timeOf(id) {
  return Number((timestamp(id) - 0x01b21dd213814000n) / 10000n);
}

const DIRECT_CHAT_NAMESPACE = '6f1d3c1e-63b4-4b8e-9a7e-2c51f0e9d0a4';

function bytesOf(uuid) {
  const hex = uuid.replaceAll('-', '');
  return Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.substr(i * 2, 2), 16));
}

/** The halves of a UUID as signed 64-bit numbers: the order in which the server sorts user ids. */
function signedHalves(uuid) {
  const hex = uuid.replaceAll('-', '');
  return [BigInt.asIntN(64, BigInt('0x' + hex.slice(0, 16))), BigInt.asIntN(64, BigInt('0x' + hex.slice(16)))];
}

function compareSigned(a, b) {
  const [am, al] = signedHalves(a);
  const [bm, bl] = signedHalves(b);
  return am !== bm ? (am < bm ? -1 : 1) : al !== bl ? (al < bl ? -1 : 1) : 0;
}

/**
 * The id of the one-to-one chat of two users: a name-based (version 5) UUID of both user ids in
 * order, so that a chat can be opened, and its history read, before any message is sent.
 */
export async function directChatId(userA, userB) {
  const [first, second] = compareSigned(userA, userB) < 0 ? [userA, userB] : [userB, userA];
  const input = new Uint8Array(48);
  input.set(bytesOf(DIRECT_CHAT_NAMESPACE), 0);
  input.set(bytesOf(first), 16);
  input.set(bytesOf(second), 32);
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-1', input)).slice(0, 16);
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = Array.from(hash, b => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A new id for a send: random, so that no two installations ever reuse one. */
export function newClientId() {
  return crypto.randomUUID();
}

/** A device id for this browser tab: "web-" and 8 random characters. */
export function newDeviceId() {
  return 'web-' + crypto.randomUUID().slice(0, 8);
}
