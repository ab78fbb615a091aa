// The page: signs in, keeps one socket, and renders the inbox, the address book, groups and the
// open chat. Protocol: docs/protocol.md; REST: README.

import { Api } from './api.js';
import { Chat, fromFrame, previewOf } from './chats.js';
import { compareTimeIds, directChatId, newClientId, timeOf } from './ids.js';
import { deviceForThisTab, forget, register, releaseDevice, savedAccount, signInWithToken } from './session.js';
import { ChatSocket } from './socket.js';

const $ = id => document.getElementById(id);
const present = children => children.filter(c => c !== null && c !== undefined);
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...present(children));
  return node;
};

const state = {
  account: null,
  device: null,
  api: new Api(() => state.device?.token),
  socket: null,
  chats: new Map(),
  contacts: [],
  names: new Map(), // user id → the name to show
  asked: new Set(), // user ids whose profile was asked for
  groups: new Map(), // group id → {name, role, memberCount}
  open: null,
  loadingOlder: false,
  presenceTimer: null,
  delivered: new Map(), // "chatId from" → ids to acknowledge
  composing: null, // {chatId, mode: 'reply' | 'edit' | 'react', messageId}: what the composer's next submit does
  confirmingDelete: null, // the message whose Delete was clicked once (a second click deletes it)
  confirmingHide: null, // the message whose "Delete for me" was clicked once (a second click removes it)
  reacting: null, // the message whose reaction picker is open
  attaching: null, // {chatId, file, uploading}: the file the composer's next submit sends
  downloads: new Map(), // attachment id → object URL of its checked bytes, or 'loading'
  blocked: new Set(), // the ids of the users this user has blocked (GET /v1/blocks)
  confirmingBlock: null, // the user whose Block was clicked once (a second click blocks them)
  showArchived: false, // whether the chat list shows the archived chats instead of the others
  confirmingChat: null, // {chatId, action: 'clear' | 'delete'} clicked once (a second click does it)
};

/** How long after sending an author may edit (the server's chat.actions.edit-window, docs/protocol.md). */
const EDIT_WINDOW_MS = 15 * 60 * 1000;
/** How long an author (or a group's admin) may delete for everyone (chat.actions.delete-window). */
const DELETE_WINDOW_MS = 48 * 60 * 60 * 1000;

// ---- notices and formatting

function notify(text) {
  const notice = $('notice');
  notice.textContent = text;
  notice.hidden = !text;
  clearTimeout(notify.timer);
  if (text) {
    notify.timer = setTimeout(() => { notice.hidden = true; }, 6000);
  }
}

const time = iso => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

function lastSeenText(presence) {
  if (!presence || presence.visible === false) {
    return '';
  }
  if (presence.online) {
    return 'online';
  }
  if (!presence.lastSeen) {
    return '';
  }
  const seen = new Date(presence.lastSeen);
  const today = new Date().toDateString() === seen.toDateString();
  return 'last seen ' + (today ? 'today at ' + time(presence.lastSeen) : seen.toLocaleString());
}

function nameOf(userId) {
  if (userId === state.account.userId) {
    return 'You';
  }
  const known = state.names.get(userId);
  if (known) {
    return known;
  }
  if (!state.asked.has(userId)) {
    state.asked.add(userId);
    state.api.get(`/v1/accounts/${userId}`).then(profile => {
      state.names.set(userId, profile.displayName || profile.phoneNumber);
      render();
    }).catch(() => {});
  }
  return 'someone';
}

function titleOf(chat) {
  return chat.group ? state.groups.get(chat.id)?.name ?? 'Group' : chat.peerId ? nameOf(chat.peerId) : 'Chat';
}

function systemText(m) {
  const by = nameOf(m.from);
  const who = m.subject ? nameOf(m.subject) : '';
  switch (m.system) {
    case 'created': return `${by} created the group "${m.body}"`;
    case 'added': return `${by} added ${who}`;
    case 'removed': return `${by} removed ${who}`;
    case 'left': return `${who} left`;
    case 'promoted': return `${by} made ${who} an admin`;
    case 'demoted': return `${by} dismissed ${who} as admin`;
    case 'renamed': return `${by} renamed the group to "${m.body}"`;
    default: return `${by}: ${m.system}`;
  }
}

// ---- chats

function chatFor(chatId, props) {
  let chat = state.chats.get(chatId);
  if (!chat) {
    chat = new Chat(chatId, props);
    state.chats.set(chatId, chat);
  } else if (props?.peerId && !chat.peerId) {
    chat.peerId = props.peerId;
  }
  return chat;
}

async function openDirect(userId) {
  const chat = chatFor(await directChatId(state.account.userId, userId), { peerId: userId });
  openChat(chat.id);
}

function openChat(chatId) {
  if (chatId !== state.open) {
    releaseDownloads();
  }
  if (state.composing?.mode === 'edit') {
    $('composer-input').value = ''; // an edit's text is not a message for the next chat
  }
  state.composing = null;
  state.confirmingDelete = null;
  state.confirmingHide = null;
  state.confirmingBlock = null;
  state.confirmingChat = null;
  state.reacting = null;
  if (!state.attaching?.uploading) {
    state.attaching = null; // a chosen file belongs to the chat it was chosen in
    $('composer-file').value = '';
  }
  state.open = chatId;
  const chat = state.chats.get(chatId);
  $('home').classList.add('in-chat');
  $('chat').hidden = false;
  $('group-panel').hidden = true;
  $('group-info').hidden = !chat.group;
  clearInterval(state.presenceTimer);
  if (!chat.group && chat.peerId) {
    refreshPresence(chat);
    state.presenceTimer = setInterval(() => refreshPresence(chat), 10_000);
  }
  if (chat.markedUnread) {
    chat.markedUnread = false; // opening a chat clears its mark, on every device of the account
    changeListSettings(chat, { markedUnread: false });
  }
  render();
  scrollToEnd();
  if (chat.nextBefore === undefined) {
    loadOlder(chat);
  } else {
    loadNewer(chat);
  }
  markSeen(chat);
  $('composer-input').focus();
}

function closeChat() {
  releaseDownloads();
  state.open = null;
  clearInterval(state.presenceTimer);
  $('home').classList.remove('in-chat');
  render();
}

async function refreshPresence(chat) {
  try {
    chat.presence = await state.api.get(`/v1/presence/${chat.peerId}`);
    render();
  } catch (e) {
    // presence is a courtesy: the chat works without it
  }
}

async function loadOlder(chat) {
  if (state.loadingOlder || chat.nextBefore === null) {
    return;
  }
  state.loadingOlder = true;
  const list = $('messages');
  const fromBottom = list.scrollHeight - list.scrollTop;
  try {
    const before = chat.nextBefore ? `&before=${chat.nextBefore}` : '';
    const page = await state.api.get(`/v1/chats/${chat.id}/messages?limit=30${before}`);
    page.messages.forEach(m => chat.add(fromFrame(m, state.account.userId)));
    chat.nextBefore = page.nextBefore ?? null;
  } catch (e) {
    if (e.status === 404) {
      chat.nextBefore = null; // no message yet
    } else {
      notify(e.message);
    }
  } finally {
    state.loadingOlder = false;
  }
  render();
  if (state.open === chat.id) {
    list.scrollTop = list.scrollHeight - fromBottom; // the messages in view stay where they were
    markSeen(chat);
  }
}

/**
 * Messages of the chat after the newest this tab has: those it was not pushed while it showed
 * another chat, such as its user's own one-to-one sends from another device.
 */
async function loadNewer(chat) {
  const newest = chat.ordered().filter(m => !m.local).at(-1);
  if (!newest) {
    return;
  }
  try {
    const page = await state.api.get(`/v1/chats/${chat.id}/messages?after=${newest.id}&limit=100`);
    page.messages.forEach(m => chat.add(fromFrame(m, state.account.userId)));
    render();
    markSeen(chat);
  } catch (e) {
    // the pushed messages are shown; this only fills gaps
  }
}

function markSeen(chat) {
  if (state.open !== chat.id || document.visibilityState !== 'visible') {
    return;
  }
  chat.unread = 0;
  const newest = chat.newestFromOthers(state.account.userId);
  if (newest && (!chat.seenSent || compareTimeIds(newest.id, chat.seenSent) > 0)
      && state.socket.sendNow({ type: 'seen', chatId: chat.id, upTo: newest.id })) {
    chat.seenSent = newest.id;
  }
  renderInbox();
}

function send(chat, body, replyTo, attachment) {
  const id = newClientId();
  const frame = { type: 'send', id };
  if (body) {
    frame.body = body; // with a file the body is its caption, and may be left out
  }
  if (replyTo) {
    frame.replyTo = replyTo;
  }
  if (attachment) {
    frame.attachment = attachment;
  }
  addressed(chat, frame);
  addPending(chat, frame);
  state.socket.enqueue(frame);
  render();
  scrollToEnd();
}

/** Addresses a frame to its chat: the group, or the other user of a one-to-one chat. */
function addressed(chat, frame) {
  if (chat.group) {
    frame.group = chat.id;
  } else {
    frame.to = chat.peerId;
  }
  return frame;
}

function addPending(chat, frame) {
  chat.add({ id: 'local:' + frame.id, clientId: frame.id, local: true, writtenAt: Date.now(),
    from: state.account.userId, body: frame.body ?? '', sentAt: new Date().toISOString(), status: 'pending',
    replyTo: frame.replyTo, attachment: frame.attachment, reactions: new Map() });
}

// ---- attachments: the bytes go straight to the object store (docs/protocol.md, Attachments)

async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map(b => b.toString(16).padStart(2, '0')).join('');
}

/** Base64 characters an attachment's inline preview may have (docs/protocol.md, Attachments). */
const MAX_THUMBNAIL_CHARS = 16_384;

/**
 * A small JPEG of an image file, at most 96 px a side (smaller if that is still too long), in
 * base64 for the message's descriptor; undefined for a file the browser cannot draw.
 */
async function thumbnailOf(file) {
  if (!file.type.startsWith('image/')) {
    return undefined;
  }
  let bitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch (e) {
    return undefined; // not an image this browser decodes: sent without a preview
  }
  try {
    for (const side of [96, 64, 32]) {
      const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
      const canvas = el('canvas', { width: Math.max(1, Math.round(bitmap.width * scale)), height: Math.max(1, Math.round(bitmap.height * scale)) });
      canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      const base64 = canvas.toDataURL('image/jpeg', 0.6).split(',')[1];
      if (base64 && base64.length <= MAX_THUMBNAIL_CHARS) {
        return base64;
      }
    }
    return undefined;
  } finally {
    bitmap.close();
  }
}

/** Asks for an upload slot, uploads the file to it, then sends the message that carries it with its preview. */
async function sendFile(chat, file, caption, replyTo) {
  const bytes = await file.arrayBuffer();
  const descriptor = { contentType: file.type || 'application/octet-stream', size: file.size, sha256: await sha256Hex(bytes) };
  const slot = await state.api.post('/v1/attachments', descriptor);
  const upload = await fetch(slot.uploadUrl, { method: 'PUT', headers: slot.uploadHeaders, body: bytes });
  if (!upload.ok) {
    throw new Error(`The upload failed (${upload.status}); try again.`);
  }
  const thumbnail = await thumbnailOf(file);
  send(chat, caption, replyTo, { id: slot.attachmentId, ...descriptor, ...(thumbnail ? { thumbnail } : {}) });
}

/** Downloads an attachment, checks its bytes against the digest the message carries, and keeps them for showing. */
async function download(attachment) {
  state.downloads.set(attachment.id, 'loading');
  render();
  try {
    const { downloadUrl } = await state.api.get(`/v1/attachments/${attachment.id}`);
    const response = await fetch(downloadUrl);
    if (!response.ok) {
      throw new Error(`The download failed (${response.status}).`);
    }
    const bytes = await response.arrayBuffer();
    if (await sha256Hex(bytes) !== attachment.sha256) {
      throw new Error('The downloaded file is not the one sent (its digest differs); it is not shown.');
    }
    if (state.downloads.get(attachment.id) !== 'loading') {
      return; // its chat was left meanwhile (releaseDownloads), or another download of it finished first
    }
    state.downloads.set(attachment.id, URL.createObjectURL(new Blob([bytes], { type: attachment.contentType })));
  } catch (e) {
    state.downloads.delete(attachment.id);
    notify(e.message);
  }
  render();
}

/**
 * Frees the bytes of the attachments downloaded in the chat being left: an object URL holds its
 * bytes until it is revoked or the page goes. Opened again, a file is fetched and checked again.
 */
function releaseDownloads() {
  state.downloads.forEach(url => {
    if (url !== 'loading') {
      URL.revokeObjectURL(url);
    }
  });
  state.downloads.clear();
}

const kiB = size => size < 1024 ? `${size} B` : size < 1048576 ? `${Math.round(size / 1024)} KB` : `${(size / 1048576).toFixed(1)} MB`;

function renderAttachment(m) {
  const a = m.attachment;
  const kind = previewOf({ attachment: a });
  const url = state.downloads.get(a.id);
  if (url && url !== 'loading') {
    return a.contentType.startsWith('image/')
      ? el('img', { className: 'attachment-image', src: url, alt: kind })
      : el('a', { className: 'attachment', href: url, download: `${kind.toLowerCase()}-${a.id.slice(0, 8)}`, textContent: `📎 Save ${kind} (${kiB(a.size)})` });
  }
  const button = el('button', { type: 'button', className: 'attachment', disabled: url === 'loading' || m.local,
    textContent: `📎 ${kind} (${kiB(a.size)})${url === 'loading' ? ' …' : ''}`, onclick: () => download(a) });
  // The preview the message carries, shown until the file itself is downloaded and checked.
  return a.thumbnail ? el('span', { className: 'attachment-preview' },
    el('img', { className: 'attachment-thumb', src: `data:image/jpeg;base64,${a.thumbnail}`, alt: `${kind} preview` }), button) : button;
}

// ---- message actions: reply, react, edit, delete for everyone (docs/protocol.md)

/** Sends an action on a stored message; its effect shows here once the server acknowledges it. */
function act(chat, type, messageId, fields = {}) {
  state.socket.enqueue(addressed(chat, { type, id: newClientId(), messageId, ...fields }));
}

/** Applies an action, one from the server or one of ours it acknowledged, to the message it names. */
function applyAction(chat, type, target, from, fields) {
  if (type === 'reaction') {
    if (fields.emoji) {
      target.reactions.set(from, fields.emoji);
    } else {
      target.reactions.delete(from);
    }
  } else if (type === 'edited') {
    target.body = fields.body;
    target.editedAt = fields.sentAt;
  } else {
    target.deleted = true;
    target.body = '';
    target.attachment = undefined;
    target.reactions.clear();
  }
  if (chat.ordered().at(-1) === target) {
    chat.preview = previewOf(target);
  }
}

const ACTION_EFFECTS = { react: 'reaction', edit: 'edited', delete: 'deleted' };

/** The picker's reactions, as WhatsApp offers them first; any one emoji is allowed (docs/protocol.md). */
const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'];

/** A message action's button: its text, and a label for its tooltip and for screen readers. */
const actionButton = (className, text, label, onclick) => el('button', { type: 'button', className, textContent: text,
  title: label, ariaLabel: label, onclick });

/** One's reaction: choosing another replaces it, choosing it again removes it. */
function reactionPicker(chat, m, mine) {
  const other = actionButton('emoji other', '+', 'React with another emoji', () => {
    state.reacting = null;
    compose(chat, 'react', m);
  });
  return el('span', { className: 'picker' }, ...QUICK_REACTIONS.map(emoji => {
    const chosen = emoji === mine;
    const node = actionButton(chosen ? 'emoji chosen' : 'emoji', emoji, chosen ? 'Remove your reaction' : `React with ${emoji}`, () => {
      state.reacting = null;
      act(chat, 'react', m.id, { emoji: chosen ? '' : emoji });
      render();
    });
    node.dataset.emoji = emoji;
    return node;
  }), other);
}

/**
 * Whether the text looks like one emoji as the protocol takes it (docs/protocol.md: at most 16
 * characters, no letters, spaces or control characters); the server has the last word.
 */
function looksLikeOneEmoji(text) {
  return text.length > 0 && text.length <= 16 && !/[\p{L}\s\p{Cc}]/u.test(text)
    && /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u.test(text);
}

function compose(chat, mode, message) {
  state.composing = { chatId: chat.id, mode, messageId: message.id };
  const input = $('composer-input');
  input.value = mode === 'edit' ? message.body : mode === 'react' ? '' : input.value;
  render();
  input.focus();
}

/** The buttons a stored message offers this user: what the protocol would refuse is not offered. */
function actionsFor(chat, m, mine) {
  if (m.local || m.system) {
    return null;
  }
  const hiding = state.confirmingHide === m.id;
  const hideButton = actionButton('delete-for-me', hiding ? 'Delete for me?' : 'Delete for me',
    'Delete for me: gone from your devices only', () => {
      state.confirmingHide = hiding ? null : m.id;
      if (hiding) {
        deleteForMe(chat, m);
      }
      render();
    });
  if (m.deleted) {
    return el('span', { className: hiding ? 'actions open' : 'actions' }, hideButton);
  }
  const age = Date.now() - new Date(m.sentAt).getTime();
  const admin = chat.group && state.groups.get(chat.id)?.role === 'admin';
  const myReaction = m.reactions.get(state.account.userId);
  const confirming = state.confirmingDelete === m.id;
  const open = confirming || hiding || state.reacting === m.id;
  return el('span', { className: open ? 'actions open' : 'actions' }, ...present([
    actionButton('reply', 'Reply', 'Reply', () => compose(chat, 'reply', m)),
    actionButton('react', 'React', 'React', () => {
      state.reacting = state.reacting === m.id ? null : m.id;
      render();
    }),
    mine && age < EDIT_WINDOW_MS ? actionButton('edit', 'Edit', 'Edit', () => compose(chat, 'edit', m)) : null,
    (mine || admin) && age < DELETE_WINDOW_MS
      ? actionButton('delete', confirming ? 'Delete for everyone?' : 'Delete for everyone', 'Delete for everyone', () => {
        if (confirming) {
          state.confirmingDelete = null;
          act(chat, 'delete', m.id);
        } else {
          state.confirmingDelete = m.id;
        }
        render();
      }) : null,
    actionButton('star', m.starred ? 'Unstar' : 'Star', m.starred ? 'Unstar' : 'Star: keep it in your starred messages',
      () => setStarred(chat, m, !m.starred)),
    hideButton,
    state.reacting === m.id ? reactionPicker(chat, m, myReaction) : null]));
}

/** Stars or unstars a message for this user, on all their devices (PUT or DELETE /v1/chats/{id}/messages/{id}/star). */
async function setStarred(chat, m, starred) {
  try {
    const path = `/v1/chats/${chat.id}/messages/${m.id}/star`;
    await (starred ? state.api.put(path) : state.api.delete(path));
    m.starred = starred;
  } catch (e) {
    notify(e.message);
  }
  render();
}

/**
 * The Starred tab: this user's starred messages across chats, newest first; one opens its chat.
 * With {@code changed} (a message another device starred or unstarred), that message's star in
 * its chat follows the list too, when the list reaches back that far.
 */
async function loadStarred(changed) {
  try {
    const page = await state.api.get('/v1/chats/starred?limit=100');
    const m = changed && state.chats.get(changed.chatId)?.messages.get(changed.messageId);
    const oldestListed = page.messages.at(-1)?.message.messageId;
    if (m && (!page.nextBefore || timeOf(m.id) >= timeOf(oldestListed))) {
      m.starred = page.messages.some(({ message }) => message.messageId === m.id);
      render();
    }
    const items = page.messages.map(({ chatId, message }) => {
      const chat = chatFor(chatId, {});
      const m = fromFrame(message, state.account.userId);
      const line = `${titleOf(chat)} · ${nameOf(m.from)}: ${previewOf(m)} · ${time(m.sentAt)}`;
      const item = el('li', {}, el('button', { type: 'button', className: 'link', textContent: line, onclick: () => {
        $('tab-chats').click();
        openChat(chatId);
      } }));
      item.dataset.id = m.id;
      return item;
    });
    $('starred').replaceChildren(...items);
    $('starred-empty').hidden = items.length > 0;
  } catch (e) {
    notify(e.message);
  }
}

/** Removes a message from this user's view of the chat, on all their devices (DELETE /v1/chats/{id}/messages/{id}). */
async function deleteForMe(chat, m) {
  try {
    await state.api.delete(`/v1/chats/${chat.id}/messages/${m.id}`);
    chat.hide(m.id);
  } catch (e) {
    notify(e.message);
  }
  render();
}

function renderComposing(chat) {
  const composing = state.composing?.chatId === chat.id ? state.composing : null;
  const target = composing && chat.messages.get(composing.messageId);
  if (!target) {
    state.composing = null;
  }
  const attaching = state.attaching?.chatId === chat.id ? state.attaching : null;
  if (!attaching) {
    state.attaching = null;
  }
  $('composing').hidden = !target && !attaching;
  $('composer-file-label').hidden = state.composing?.mode === 'edit' || state.composing?.mode === 'react';
  $('composing-text').textContent = [
    target ? ({ edit: 'Editing: ', react: 'Reacting to: ' }[composing.mode] ?? 'Replying to: ') + previewOf(target) : null,
    attaching ? `${attaching.uploading ? 'Uploading' : 'Attached'}: ${attaching.file.name} (${kiB(attaching.file.size)})` : null,
  ].filter(Boolean).join(' · ');
}

// ---- frames from the server

function acknowledgeLater(chatId, from, messageId) {
  const key = `${chatId} ${from}`;
  if (!state.delivered.has(key)) {
    state.delivered.set(key, []);
    queueMicrotask(() => {
      const ids = state.delivered.get(key);
      state.delivered.delete(key);
      for (let i = 0; i < ids.length; i += 100) {
        state.socket.sendNow({ type: 'delivered', chatId, from, messageIds: ids.slice(i, i + 100) });
      }
    });
  }
  state.delivered.get(key).push(messageId);
}

function onMessage(f) {
  const me = state.account.userId;
  const chat = chatFor(f.chatId, { group: !!f.group, peerId: f.group || f.from === me ? null : f.from });
  if (chat.add(fromFrame(f, me)) && f.from !== me && !(state.open === chat.id && document.visibilityState === 'visible')) {
    chat.unread += 1;
  }
  if (!chat.group && !chat.peerId) {
    loadInbox(); // one's own message from another device, in a chat this tab has not seen yet
  }
  if (f.system) {
    loadGroups();
    if (state.open === chat.id && !$('group-panel').hidden) {
      showGroupInfo(chat);
    }
  }
  acknowledgeLater(f.chatId, f.from, f.messageId);
  if (chat.typingUntil && f.from === chat.peerId) {
    chat.typingUntil = 0;
  }
  markSeen(chat);
}

function onAction(f) {
  const chat = chatFor(f.chatId, { group: !!f.group });
  const target = chat.messages.get(f.target);
  if (target) {
    applyAction(chat, f.type, target, f.from, f);
  }
  acknowledgeLater(f.chatId, f.from, f.messageId);
}

function onFrame(f) {
  const me = state.account.userId;
  switch (f.type) {
    case 'message':
      onMessage(f);
      break;
    case 'reaction':
    case 'edited':
    case 'deleted':
      onAction(f);
      break;
    case 'delivered':
    case 'seen':
      state.chats.get(f.chatId)?.receipt(me, f.type, f.messageIds ? { messageIds: f.messageIds } : { upTo: f.upTo });
      break;
    case 'typing': {
      const chat = state.chats.get(f.chatId);
      if (chat) {
        chat.typingUntil = Date.now() + 5000;
        setTimeout(render, 5100);
      }
      break;
    }
    case 'synced':
      loadInbox();
      break;
    case 'changed':
      onViewChanged(f);
      break;
    case 'error':
      if (!['rate_limited', 'no_shared_chat'].includes(f.code)) {
        notify(f.message);
      }
      break;
    default:
      break;
  }
  render();
}

/**
 * Another device of this user changed their own view of a chat (docs/protocol.md, changed): this
 * tab reads it again, so all of the user's tabs show the same list, history and stars.
 */
function onViewChanged(f) {
  const chat = state.chats.get(f.chatId);
  if (f.what === 'history' && chat) {
    if (f.messageId) {
      chat.hide(f.messageId); // deleted for me there
    } else {
      chat.clear(Date.now()); // cleared there, a moment ago
    }
  }
  if (f.what === 'starred') {
    loadStarred({ chatId: f.chatId, messageId: f.messageId });
  } else if (f.what === 'chat' || f.what === 'history') {
    loadInbox();
  }
}

function onAck({ frame, answer }) {
  const chat = chatFor(answer.chatId, frame.group ? { group: true } : { peerId: frame.to });
  if (frame.type === 'send') {
    chat.acknowledge(frame.id, answer.messageId);
  } else {
    const target = chat.messages.get(frame.messageId);
    if (target) {
      applyAction(chat, ACTION_EFFECTS[frame.type], target, state.account.userId,
        { emoji: frame.emoji, body: frame.body, sentAt: new Date().toISOString() });
    }
  }
  render();
}

function onRefused({ frame, answer }) {
  const chat = [...state.chats.values()].find(c => c.messages.has('local:' + frame.id));
  const message = chat?.messages.get('local:' + frame.id);
  if (message) {
    message.status = 'failed';
    message.error = answer.message;
  }
  notify(answer.message);
  render();
}

// ---- loading

async function loadInbox() {
  try {
    const askedAt = Date.now();
    const page = await state.api.get('/v1/inbox?limit=100');
    for (const c of page.conversations) {
      const chat = chatFor(c.chatId, { group: c.group, peerId: c.peerId });
      const at = Date.parse(c.lastMessageAt);
      if (at >= chat.lastAt) {
        chat.lastAt = at;
        // No preview: the last message is one this user deleted for themselves.
        chat.preview = c.lastMessagePreview ?? (chat.hidden.has(c.lastMessageId) ? chat.preview : '');
      }
      chat.unread = state.open === chat.id ? 0 : c.unreadCount;
      applyListSettings(chat, c);
      if (c.group && !state.groups.has(c.chatId)) {
        loadGroups();
      }
    }
    if (!page.nextCursor) {
      // The whole list: a chat it leaves out, whose last message came before the list was asked
      // for, was deleted on another of this user's devices.
      const listed = new Set(page.conversations.map(c => c.chatId));
      for (const chat of state.chats.values()) {
        if (!listed.has(chat.id) && chat.listed() && chat.lastAt < askedAt && chat.id !== state.open) {
          chat.clear(chat.lastAt, { deleted: true });
        }
      }
    }
    render();
  } catch (e) {
    notify(e.message);
  }
}

async function loadContacts() {
  const all = [];
  let cursor = '';
  do {
    const page = await state.api.get(`/v1/contacts?limit=100${cursor ? '&cursor=' + encodeURIComponent(cursor) : ''}`);
    all.push(...page.contacts);
    cursor = page.nextCursor;
  } while (cursor);
  state.contacts = all;
  all.filter(c => c.userId).forEach(c => state.names.set(c.userId, c.name));
  render();
}

async function loadGroups() {
  const mine = await state.api.get('/v1/groups');
  state.groups = new Map(mine.groups.map(g => [g.groupId, g]));
  mine.groups.forEach(g => chatFor(g.groupId, { group: true }));
  render();
}

// ---- chat-list settings: archived, pinned, muted (PATCH /v1/inbox/{chatId}, kept for every device)

function applyListSettings(chat, settings) {
  chat.archived = settings.archived;
  chat.pinnedAt = settings.pinnedAt ? Date.parse(settings.pinnedAt) : 0;
  chat.muted = settings.muted;
  chat.mutedUntil = settings.mutedUntil;
  chat.markedUnread = !!settings.markedUnread;
}

/**
 * Archives, pins, mutes or marks a chat unread ({archived}, {pinned}, {mute: '8h' | '1w' | 'always' | 'off'}
 * or {markedUnread}).
 */
async function changeListSettings(chat, change) {
  try {
    applyListSettings(chat, await state.api.patch(`/v1/inbox/${chat.id}`, change));
  } catch (e) {
    notify(e.message);
  }
  render();
}

/**
 * Clear chat (DELETE /v1/chats/{id}/messages) or delete chat (DELETE /v1/inbox/{id}): its messages
 * leave this user's view on all their devices; a deleted chat leaves the list until a new message.
 */
async function clearChat(chat, action) {
  state.confirmingChat = null;
  try {
    await state.api.delete(action === 'delete' ? `/v1/inbox/${chat.id}` : `/v1/chats/${chat.id}/messages`);
    chat.clear(Date.now(), { deleted: action === 'delete' });
    if (action === 'delete') {
      applyListSettings(chat, { archived: false, pinnedAt: null, muted: false, mutedUntil: null });
      closeChat();
      return;
    }
  } catch (e) {
    notify(e.message);
  }
  render();
}

/** The header's Clear chat and Delete chat buttons, each asking for a second click. */
function renderClearButtons(chat) {
  const asking = state.confirmingChat?.chatId === chat.id ? state.confirmingChat.action : null;
  $('clear-chat').textContent = asking === 'clear' ? 'Clear all messages?' : 'Clear chat';
  $('delete-chat').textContent = asking === 'delete' ? 'Delete this chat?' : 'Delete chat';
  // A group is left before it is deleted (the server answers 409 otherwise), as in WhatsApp.
  $('delete-chat').hidden = chat.group && state.groups.has(chat.id);
}

function onClearButton(action) {
  const chat = state.chats.get(state.open);
  if (state.confirmingChat?.chatId === chat.id && state.confirmingChat.action === action) {
    clearChat(chat, action);
  } else {
    state.confirmingChat = { chatId: chat.id, action };
    render();
  }
}

function muteText(chat) {
  if (!chat.muted) {
    return '';
  }
  return chat.mutedUntil ? `muted until ${new Date(chat.mutedUntil).toLocaleString()}` : 'muted';
}

// ---- privacy and blocks (docs/privacy.md)

async function loadBlocks() {
  const page = await state.api.get('/v1/blocks');
  state.blocked = new Set(page.blocked.map(b => b.userId));
  render();
}

/** Blocks or unblocks a user: while blocked, one-to-one sends and typing are refused both ways. */
async function setBlocked(userId, blocked) {
  state.confirmingBlock = null;
  try {
    await (blocked ? state.api.post(`/v1/blocks/${userId}`) : state.api.delete(`/v1/blocks/${userId}`));
    await loadBlocks();
    const open = state.chats.get(state.open);
    if (open?.peerId === userId) {
      refreshPresence(open); // a block hides presence both ways: show it now, not at the next look
    }
  } catch (e) {
    notify(e.message);
    render();
  }
}

async function loadPrivacy() {
  try {
    showPrivacy(await state.api.get('/v1/accounts/me/privacy'));
  } catch (e) {
    notify(e.message);
  }
}

/** Shows one's privacy settings as the server holds them. */
function showPrivacy(privacy) {
  $('privacy-presence').value = privacy.presence;
  $('privacy-read-receipts').checked = privacy.readReceipts;
}

/** Saves one's privacy settings; they apply to the very next presence lookup and the very next message read. */
async function savePrivacy() {
  const presence = $('privacy-presence').value;
  const readReceipts = $('privacy-read-receipts').checked;
  $('privacy-status').textContent = 'saving…';
  try {
    showPrivacy(await state.api.put('/v1/accounts/me/privacy', { presence, readReceipts }));
    $('privacy-status').textContent = 'saved';
  } catch (e) {
    $('privacy-status').textContent = '';
    notify(e.message);
    loadPrivacy();
  }
}

// ---- rendering

function render() {
  if (!state.account) {
    return;
  }
  renderInbox();
  renderContacts();
  renderSettings();
  renderChat();
}

function renderSettings() {
  const blocked = [...state.blocked];
  $('blocked-empty').hidden = blocked.length > 0;
  $('blocked').replaceChildren(...blocked.map(userId => {
    const item = el('li', {}, el('span', { textContent: nameOf(userId) }),
      el('button', { type: 'button', textContent: 'Unblock', onclick: () => setBlocked(userId, false) }));
    item.dataset.userId = userId;
    return item;
  }));
}

function renderInbox() {
  const listed = [...state.chats.values()].filter(c => c.listed() || c.id === state.open);
  const archived = listed.filter(c => c.archived);
  if (archived.length === 0) {
    state.showArchived = false;
  }
  // As the server orders them (InboxPosition): the pinned first, the latest pinned first, then the newest.
  const chats = listed.filter(c => !!c.archived === state.showArchived)
    .sort((a, b) => (b.pinnedAt || 0) - (a.pinnedAt || 0) || b.lastAt - a.lastAt);
  const looksUnread = c => c.unread > 0 || c.markedUnread;
  const archivedUnread = archived.filter(looksUnread).length;
  // The tab's title counts the chats with unread messages (or marked unread) that call for attention:
  // muted and archived ones do not.
  const calling = listed.filter(c => looksUnread(c) && !c.muted && !c.archived).length;
  document.title = calling > 0 ? `(${calling}) Chat` : 'Chat';
  const toggle = $('archived-toggle');
  toggle.hidden = archived.length === 0;
  toggle.textContent = state.showArchived ? '← Chats'
    : `Archived (${archived.length})${archivedUnread > 0 ? ` · ${archivedUnread} unread` : ''}`;
  $('inbox-empty').hidden = chats.length > 0 || state.showArchived;
  $('inbox').replaceChildren(...chats.map(chat => {
    const marks = [chat.pinnedAt ? 'pinned' : null, chat.muted ? 'muted' : null].filter(Boolean).join(' · ');
    const item = el('li', { tabIndex: 0, role: 'button' },
      el('span', {}, el('strong', { className: 'chat-title', textContent: titleOf(chat) }),
        marks ? el('span', { className: 'marks', textContent: marks }) : null,
        el('br'), el('span', { className: 'preview', textContent: chat.preview })),
      looksUnread(chat) ? el('span', { className: chat.muted ? 'unread muted' : 'unread',
        // A chat marked unread without unread messages shows a dot, as in WhatsApp.
        textContent: chat.unread > 0 ? String(chat.unread) : '•',
        ariaLabel: chat.unread > 0 ? `${chat.unread} unread` : 'marked unread' }) : null);
    item.dataset.chatId = chat.id;
    item.dataset.pinned = String(!!chat.pinnedAt);
    item.dataset.muted = String(!!chat.muted);
    item.dataset.markedUnread = String(!!chat.markedUnread);
    item.setAttribute('aria-current', String(chat.id === state.open));
    item.onclick = () => openChat(chat.id);
    item.onkeydown = e => { if (e.key === 'Enter') { openChat(chat.id); } };
    return item;
  }));
}

function renderContacts() {
  $('contacts').replaceChildren(...state.contacts.map(c => {
    const status = !c.registered ? 'not on Chat yet' : lastSeenText({ ...c.presence, visible: true });
    const item = el('li', { tabIndex: c.registered ? 0 : -1 },
      el('span', {}, el('strong', { textContent: c.name }), el('br'),
        el('span', { className: 'status', textContent: `${c.phoneNumber} ${status ? '· ' + status : ''}` })));
    item.dataset.phone = c.phoneNumber;
    if (c.registered) {
      item.setAttribute('role', 'button');
      item.onclick = () => openDirect(c.userId);
      item.onkeydown = e => { if (e.key === 'Enter') { openDirect(c.userId); } };
    }
    return item;
  }));
  const candidates = state.contacts.filter(c => c.registered);
  const fieldset = $('group-candidates');
  const checked = new Set([...fieldset.querySelectorAll('input:checked')].map(i => i.value));
  fieldset.replaceChildren(el('legend', { textContent: 'Members' }), ...candidates.map(c => el('label', {},
    el('input', { type: 'checkbox', value: c.userId, checked: checked.has(c.userId), className: 'inline' }),
    ' ' + c.name)));
}

function ticks(m) {
  const marks = { pending: ['🕓', 'sending'], stored: ['✓', 'sent'], delivered: ['✓✓', 'delivered'],
    seen: ['✓✓', 'seen'], failed: ['!', 'not sent'] }[m.status];
  return marks ? el('span', { className: `ticks ${m.status}`, textContent: marks[0], ariaLabel: marks[1],
    title: m.error || marks[1] }) : null;
}

function renderMessage(chat, m) {
  const mine = m.from === state.account.userId;
  const item = el('li', { className: [mine ? 'mine' : '', m.system ? 'system' : '', m.deleted ? 'deleted' : ''].join(' ') });
  item.dataset.id = m.id;
  if (m.status) {
    item.dataset.status = m.status;
  }
  if (m.system) {
    item.append(systemText(m));
    return item;
  }
  const counts = new Map();
  m.reactions.forEach(emoji => counts.set(emoji, (counts.get(emoji) || 0) + 1));
  item.append(...present([
    chat.group && !mine ? el('span', { className: 'sender', textContent: nameOf(m.from) }) : null,
    m.replyTo ? el('span', { className: 'status', textContent: '↪ ' + (previewOf(chat.messages.get(m.replyTo) || {}) || 'a message') + ' ' }) : null,
    el('span', { className: 'body', textContent: m.deleted ? 'This message was deleted' : m.body }),
    m.attachment && !m.deleted ? renderAttachment(m) : null,
    el('span', { className: 'meta' }, (m.starred && !m.deleted ? '★ ' : '') + (m.editedAt && !m.deleted ? 'edited ' : '')
      + time(m.sentAt) + ' ', mine ? ticks(m) : null),
    counts.size ? el('span', { className: 'reactions', textContent: [...counts].map(([e, n]) => n > 1 ? e + n : e).join(' ') }) : null,
    actionsFor(chat, m, mine)]));
  return item;
}

function renderChat() {
  const chat = state.chats.get(state.open);
  $('chat').hidden = !chat;
  if (!chat) {
    return;
  }
  $('chat-title').textContent = titleOf(chat);
  const group = state.groups.get(chat.id);
  $('chat-status').textContent = chat.typingUntil > Date.now() ? 'typing…'
    : chat.group ? (group ? `${group.memberCount} members` : 'you are no longer a member') : lastSeenText(chat.presence);
  const list = $('messages');
  const atEnd = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.replaceChildren(...chat.ordered().map(m => renderMessage(chat, m)));
  const blocked = !chat.group && state.blocked.has(chat.peerId);
  const toggle = $('block-toggle');
  toggle.hidden = chat.group || !chat.peerId;
  toggle.textContent = blocked ? 'Unblock' : state.confirmingBlock === chat.peerId ? `Block ${titleOf(chat)}?` : 'Block';
  $('blocked-banner').hidden = !blocked;
  $('pin-toggle').textContent = chat.pinnedAt ? 'Unpin' : 'Pin';
  $('archive-toggle').textContent = chat.archived ? 'Unarchive' : 'Archive';
  $('mute-select').value = chat.muted ? 'muted' : 'off';
  $('mute-select').title = muteText(chat);
  renderClearButtons(chat);
  $('composer').hidden = (chat.group && !group) || blocked;
  renderComposing(chat);
  if (atEnd) {
    scrollToEnd();
  }
}

function scrollToEnd() {
  const list = $('messages');
  list.scrollTop = list.scrollHeight;
}

async function showGroupInfo(chat) {
  const group = await state.api.get(`/v1/groups/${chat.id}`);
  const me = state.account.userId;
  const admin = group.members.some(m => m.userId === me && m.role === 'admin');
  $('members').replaceChildren(...group.members.map(member => {
    const item = el('li', {}, el('span', { textContent: `${nameOf(member.userId)}${member.role === 'admin' ? ' (admin)' : ''}` }));
    item.dataset.userId = member.userId;
    if (admin && member.userId !== me) {
      const promote = member.role === 'admin' ? 'member' : 'admin';
      item.append(
        el('button', { type: 'button', textContent: promote === 'admin' ? 'Make admin' : 'Dismiss as admin',
          onclick: () => groupCall(chat, () => state.api.put(`/v1/groups/${chat.id}/members/${member.userId}/role`, { role: promote })) }),
        el('button', { type: 'button', textContent: 'Remove',
          onclick: () => groupCall(chat, () => state.api.delete(`/v1/groups/${chat.id}/members/${member.userId}`)) }));
    }
    return item;
  }));
  const inGroup = new Set(group.members.map(m => m.userId));
  $('rename-group-form').hidden = !admin;
  $('rename-group-input').value = group.name;
  $('add-member-form').hidden = !admin;
  $('add-member-select').replaceChildren(...state.contacts.filter(c => c.registered && !inGroup.has(c.userId))
    .map(c => el('option', { value: c.userId, textContent: c.name })));
  $('group-panel').hidden = false;
}

async function groupCall(chat, call) {
  try {
    await call();
    await loadGroups();
    if (state.groups.has(chat.id)) {
      await showGroupInfo(chat);
    } else {
      $('group-panel').hidden = true;
    }
  } catch (e) {
    notify(e.message);
  }
}

// ---- start

function wsUrl(token) {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?access_token=${encodeURIComponent(token)}`;
}

async function start(account) {
  state.account = account;
  try {
    state.device = await deviceForThisTab(state.api, account);
  } catch (e) {
    if (e.status === 401) {
      forget();
      state.account = null;
      showWelcome('Your session has expired: register or sign in again.');
      return;
    }
    throw e;
  }
  $('welcome').hidden = true;
  $('home').hidden = false;
  $('me-name').textContent = account.displayName;
  state.socket = new ChatSocket(() => wsUrl(state.device.token), `chat.outbox.${state.device.deviceId}`);
  state.socket.addEventListener('frame', e => onFrame(e.detail));
  state.socket.addEventListener('ack', e => onAck(e.detail));
  state.socket.addEventListener('refused', e => onRefused(e.detail));
  state.socket.addEventListener('fatal', e => notify(e.detail));
  state.socket.addEventListener('state', e => {
    if (e.detail === 'offline' && state.socket.attempt === 3) {
      checkSession(); // a browser cannot see why a handshake failed: an expired token looks like a drop
    }
    const text = { connecting: 'connecting…', 'catching-up': 'updating…', online: 'online', offline: 'offline, reconnecting…', closed: 'offline' }[e.detail];
    $('connection').textContent = text;
    $('home').dataset.connection = e.detail;
  });
  await Promise.all([loadContacts(), loadGroups(), loadBlocks()]).catch(e => notify(e.message));
  for (const frame of state.socket.pending()) {
    if (frame.type === 'send') {
      const chatId = frame.group ?? await directChatId(account.userId, frame.to);
      addPending(chatFor(chatId, frame.group ? { group: true } : { peerId: frame.to }), frame);
    }
  }
  state.socket.start();
  await loadInbox();
}

/** Signs out, saying why, when the server no longer accepts this tab's token. */
async function checkSession() {
  try {
    await state.api.get('/v1/accounts/me');
  } catch (e) {
    if (e.status === 401) {
      state.socket.stop();
      forget();
      state.account = null;
      showWelcome('Your session has expired: register or sign in again.');
    }
  }
}

function showWelcome(message) {
  $('home').hidden = true;
  $('welcome').hidden = false;
  notify(message || '');
}

function wire() {
  $('register-form').onsubmit = async e => {
    e.preventDefault();
    try {
      await start(await register(state.api, $('register-phone').value.trim(), $('register-name').value.trim()));
    } catch (err) {
      notify(err.message);
    }
  };
  $('token-form').onsubmit = async e => {
    e.preventDefault();
    try {
      await start(await signInWithToken(state.api, $('token-input').value.trim()));
    } catch (err) {
      notify(err.message);
    }
  };
  $('sign-out').onclick = () => {
    state.socket?.stop();
    forget();
    location.reload();
  };
  for (const [tab, panel] of [['tab-chats', 'chats-panel'], ['tab-contacts', 'contacts-panel'], ['tab-new-group', 'new-group-panel'],
    ['tab-starred', 'starred-panel'], ['tab-settings', 'settings-panel']]) {
    $(tab).onclick = () => {
      document.querySelectorAll('[role=tab]').forEach(t => t.setAttribute('aria-selected', String(t.id === tab)));
      document.querySelectorAll('[role=tabpanel]').forEach(p => { p.hidden = p.id !== panel; });
    };
  }
  $('tab-starred').addEventListener('click', () => loadStarred());
  $('tab-settings').addEventListener('click', () => {
    loadPrivacy();
    loadBlocks().catch(err => notify(err.message));
  });
  $('privacy-presence').onchange = savePrivacy;
  $('privacy-read-receipts').onchange = savePrivacy;
  $('block-toggle').onclick = () => {
    const peerId = state.chats.get(state.open).peerId;
    if (state.blocked.has(peerId)) {
      setBlocked(peerId, false);
    } else if (state.confirmingBlock === peerId) {
      setBlocked(peerId, true);
    } else {
      state.confirmingBlock = peerId; // a second click blocks
      render();
    }
  };
  $('unblock-banner').onclick = () => setBlocked(state.chats.get(state.open).peerId, false);
  $('archived-toggle').onclick = () => {
    state.showArchived = !state.showArchived;
    render();
  };
  $('pin-toggle').onclick = () => {
    const chat = state.chats.get(state.open);
    changeListSettings(chat, { pinned: !chat.pinnedAt });
  };
  $('archive-toggle').onclick = () => {
    const chat = state.chats.get(state.open);
    changeListSettings(chat, { archived: !chat.archived });
  };
  $('mark-unread').onclick = () => {
    // As in WhatsApp: the chat goes back to the list, marked, until it is opened again.
    const chat = state.chats.get(state.open);
    closeChat();
    changeListSettings(chat, { markedUnread: true });
  };
  $('clear-chat').onclick = () => onClearButton('clear');
  $('delete-chat').onclick = () => onClearButton('delete');
  $('mute-select').onchange = event => {
    if (event.target.value !== 'muted') {
      changeListSettings(state.chats.get(state.open), { mute: event.target.value });
    }
  };
  $('add-contact-form').onsubmit = async e => {
    e.preventDefault();
    try {
      await state.api.post('/v1/contacts', { phoneNumber: $('contact-phone').value.trim(), name: $('contact-name').value.trim() });
      $('add-contact-form').reset();
      await loadContacts();
    } catch (err) {
      notify(err.message);
    }
  };
  $('new-group-form').onsubmit = async e => {
    e.preventDefault();
    const memberIds = [...$('group-candidates').querySelectorAll('input:checked')].map(i => i.value);
    try {
      const group = await state.api.post('/v1/groups', { name: $('group-name').value.trim(), memberIds });
      $('new-group-form').reset();
      await loadGroups();
      $('tab-chats').click();
      openChat(chatFor(group.groupId, { group: true }).id);
    } catch (err) {
      notify(err.message);
    }
  };
  $('composer').onsubmit = e => {
    e.preventDefault();
    const input = $('composer-input');
    const body = input.value.trim();
    const chat = state.chats.get(state.open);
    const attaching = state.attaching?.chatId === chat?.id ? state.attaching : null;
    if (!chat || (!body && !attaching) || attaching?.uploading) {
      return;
    }
    const composing = state.composing?.chatId === chat.id ? state.composing : null;
    if (composing?.mode === 'react' && !looksLikeOneEmoji(body)) {
      notify('React with one emoji');
      return;
    }
    state.composing = null;
    if (composing?.mode === 'react') {
      act(chat, 'react', composing.messageId, { emoji: body });
    } else if (composing?.mode === 'edit') {
      act(chat, 'edit', composing.messageId, { body });
    } else if (attaching) {
      attaching.uploading = true;
      sendFile(chat, attaching.file, body, composing?.messageId)
        .catch(err => notify(err.message))
        .finally(() => {
          state.attaching = null;
          render();
        });
    } else {
      send(chat, body, composing?.messageId);
    }
    input.value = '';
    $('composer-file').value = '';
    render();
  };
  $('composer-file').onchange = () => {
    const file = $('composer-file').files[0];
    const chat = state.chats.get(state.open);
    if (file && chat) {
      state.attaching = { chatId: chat.id, file, uploading: false };
      render();
    }
  };
  $('composing-cancel').onclick = () => {
    if (state.composing?.mode === 'edit' || state.composing?.mode === 'react') {
      $('composer-input').value = '';
    }
    state.composing = null;
    if (!state.attaching?.uploading) {
      state.attaching = null;
      $('composer-file').value = '';
    }
    render();
  };
  $('composer-input').oninput = () => {
    const chat = state.chats.get(state.open);
    if (chat && !chat.group && !state.blocked.has(chat.peerId) && chat.hasStoredMessages() && Date.now() - chat.typingSent > 3000) {
      chat.typingSent = Date.now();
      state.socket.sendNow({ type: 'typing', to: chat.peerId });
    }
  };
  $('messages').onscroll = () => {
    const chat = state.chats.get(state.open);
    if (chat && $('messages').scrollTop < 40) {
      loadOlder(chat);
    }
  };
  $('back').onclick = closeChat;
  $('group-info').onclick = () => {
    const chat = state.chats.get(state.open);
    if ($('group-panel').hidden) {
      showGroupInfo(chat).catch(err => notify(err.message));
    } else {
      $('group-panel').hidden = true;
    }
  };
  $('rename-group-form').onsubmit = e => {
    e.preventDefault();
    const chat = state.chats.get(state.open);
    // Every member sees the new name from the system message the rename sends (onMessage → loadGroups).
    groupCall(chat, () => state.api.patch(`/v1/groups/${chat.id}`, { name: $('rename-group-input').value.trim() }));
  };
  $('add-member-form').onsubmit = e => {
    e.preventDefault();
    const chat = state.chats.get(state.open);
    const userId = $('add-member-select').value;
    if (userId) {
      groupCall(chat, () => state.api.post(`/v1/groups/${chat.id}/members`, { userIds: [userId] }));
    }
  };
  $('leave-group').onclick = () => {
    const chat = state.chats.get(state.open);
    groupCall(chat, () => state.api.delete(`/v1/groups/${chat.id}/members/${state.account.userId}`));
  };
  // Leaving the page closes its socket and frees its device for another tab, also when the browser
  // keeps the page in its back/forward cache (which would keep the socket open, the user "online");
  // such a page starts afresh when shown again.
  window.addEventListener('pagehide', () => {
    state.socket?.stop();
    releaseDevice();
  });
  window.addEventListener('pageshow', event => {
    if (event.persisted) {
      location.reload();
    }
  });
  document.addEventListener('visibilitychange', () => {
    const chat = state.chats.get(state.open);
    if (chat) {
      markSeen(chat);
    }
    if (document.visibilityState === 'visible' && state.account) {
      loadInbox(); // what another device archived, pinned or muted meanwhile
    }
  });
}

wire();
const account = savedAccount();
if (account) {
  start(account).catch(e => showWelcome(e.message));
} else {
  showWelcome();
}
