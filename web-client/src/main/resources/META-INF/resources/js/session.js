// Who this tab is: the account (kept in localStorage, shared by the browser's tabs) and this
// tab's device (sessionStorage). Every tab is a device of its own, as the protocol asks ("a device
// is one socket"): the first tab uses the device the account was registered or signed in with,
// any further tab links a device of its own (POST /v1/accounts/me/devices, local mode).

import { newDeviceId } from './ids.js';

const ACCOUNT_KEY = 'chat.account';
const DEVICE_KEY = 'chat.device';

export function savedAccount() {
  return JSON.parse(localStorage.getItem(ACCOUNT_KEY) || 'null');
}

export function forget() {
  localStorage.removeItem(ACCOUNT_KEY);
  sessionStorage.removeItem(DEVICE_KEY);
}

/** Registers a phone number (local mode answers a token for this tab's new device). */
export async function register(api, phoneNumber, displayName) {
  const deviceId = newDeviceId();
  const created = await api.post('/v1/accounts', { phoneNumber, displayName, deviceId });
  if (!created.token) {
    throw new Error('this server issues tokens through its identity provider: sign in with a token instead');
  }
  return keep({ userId: created.userId, phoneNumber, displayName, token: created.token, deviceId });
}

/** Signs in with a token from elsewhere (an identity provider, or start.sh token). */
export async function signInWithToken(api, token) {
  const claims = claimsOf(token);
  const me = await api.withToken(token).get('/v1/accounts/me');
  return keep({ userId: me.userId, phoneNumber: me.phoneNumber, displayName: me.displayName, token,
    deviceId: claims.device_id || 'primary' });
}

function keep(account) {
  localStorage.setItem(ACCOUNT_KEY, JSON.stringify(account));
  sessionStorage.removeItem(DEVICE_KEY);
  return account;
}

function claimsOf(token) {
  try {
    const part = token.split('.')[1].replaceAll('-', '+').replaceAll('_', '/');
    return JSON.parse(atob(part));
  } catch (e) {
    throw new Error('this is not a token: paste the whole JWT');
  }
}

let releaseHeld = () => {};

/** Lets other tabs take this tab's device: when the page is hidden for good or kept in the back/forward cache. */
export function releaseDevice() {
  releaseHeld();
}

/** Holds a lock named after a device until the tab closes or releaseDevice(); false if another tab holds it. */
function holdDevice(deviceId) {
  if (!navigator.locks) {
    return Promise.resolve(true); // no way to tell tabs apart: use the device as it is
  }
  return new Promise(resolve => {
    navigator.locks.request(`chat-device-${deviceId}`, { ifAvailable: true }, lock => {
      resolve(lock !== null);
      return lock === null ? null : new Promise(release => { releaseHeld = release; });
    });
  });
}

/**
 * This tab's device and its token: the one it had before a reload, else the account's own if no
 * other tab uses it, else a newly linked one.
 */
export async function deviceForThisTab(api, account) {
  const saved = JSON.parse(sessionStorage.getItem(DEVICE_KEY) || 'null');
  const candidates = [];
  if (saved && saved.userId === account.userId) {
    candidates.push(saved);
  }
  candidates.push({ userId: account.userId, deviceId: account.deviceId, token: account.token });
  for (const candidate of candidates) {
    if (await holdDevice(candidate.deviceId)) {
      sessionStorage.setItem(DEVICE_KEY, JSON.stringify(candidate));
      return candidate;
    }
  }
  const deviceId = newDeviceId();
  const linked = await api.withToken(account.token).post('/v1/accounts/me/devices', { deviceId });
  const device = { userId: account.userId, deviceId, token: linked.token };
  await holdDevice(deviceId);
  sessionStorage.setItem(DEVICE_KEY, JSON.stringify(device));
  return device;
}
