// The conversations this device knows and their messages, placed by message id and kept once
// each, whatever order frames, history pages and acks arrive in.

import { compareTimeIds, timeOf } from './ids.js';

/** Where a message stands in time: a stored one by its id, a refused send by when it was written. */
const placedAt = m => m.local ? m.writtenAt : timeOf(m.id);

const STATUS_RANK = { failed: -1, pending: 0, stored: 1, delivered: 2, seen: 3 };

export class Chat {
  constructor(id, { group = false, peerId = null } = {}) {
    this.id = id;
    this.group = group;
    this.peerId = peerId;
    this.messages = new Map(); // message id (or "local:" + client id before the ack) → message
    this.unread = 0;
    this.preview = '';
    this.lastAt = 0;
    this.nextBefore = undefined; // undefined: history not read yet; null: all of it read
    this.seenSent = null;
    this.typingUntil = 0;
    this.typingSent = 0;
    this.presence = null;
    // The chat-list settings, as the inbox last gave them (PATCH /v1/inbox/{chatId}).
    this.archived = false;
    this.pinnedAt = 0; // when it was pinned (ms), 0 when it is not
    this.muted = false;
    this.mutedUntil = null; // null while muted: muted always
    this.markedUnread = false; // "Mark as unread": shown as unread until opened
    this.hidden = new Set(); // ids of the messages this user deleted for themselves: never shown again
    this.clearedThrough = 0; // "Clear chat": stored messages of this time (ms) or older are never shown again
    this.deletedThrough = 0; // "Delete chat": out of the list until a message newer than this (ms)
  }

  /** Adds a message unless one with its id is here or it was cleared; answers whether it was new. */
  add(message) {
    if (this.messages.has(message.id) || this.hidden.has(message.id)
        || (!message.local && timeOf(message.id) <= this.clearedThrough)) {
      return false;
    }
    this.messages.set(message.id, message);
    const at = message.local ? Date.now() : timeOf(message.id);
    if (at >= this.lastAt) {
      this.lastAt = at;
      this.preview = previewOf(message);
    }
    return true;
  }

  /** Deletes a message for this user: it leaves the chat, and the preview becomes the newest left. */
  hide(messageId) {
    this.hidden.add(messageId);
    this.messages.delete(messageId);
    const newest = this.ordered().at(-1);
    this.preview = newest ? previewOf(newest) : '';
  }

  /**
   * Clears the chat for this user up to {@code through} (ms): its stored messages leave it, sends
   * still waiting for their ack stay; with {@code deleted} it also leaves the list until a newer
   * message comes.
   */
  clear(through, { deleted = false } = {}) {
    this.clearedThrough = Math.max(this.clearedThrough, through);
    if (deleted) {
      this.deletedThrough = Math.max(this.deletedThrough, through);
    }
    for (const message of [...this.messages.values()]) {
      if (!message.local && timeOf(message.id) <= this.clearedThrough) {
        this.messages.delete(message.id);
      }
    }
    this.preview = '';
    this.unread = 0;
  }

  /** Whether the chat list shows the chat: it has a message, and one newer than its deletion. */
  listed() {
    return this.lastAt > 0 && this.lastAt > this.deletedThrough;
  }

  /** The acknowledged send of {@code clientId} has id {@code messageId} from now on. */
  acknowledge(clientId, messageId) {
    const local = this.messages.get('local:' + clientId);
    this.messages.delete('local:' + clientId);
    const existing = this.messages.get(messageId);
    if (existing) {
      raise(existing, 'stored');
      return existing;
    }
    const message = { ...(local || {}), id: messageId, local: false };
    raise(message, 'stored');
    this.messages.set(messageId, message);
    return message;
  }

  /**
   * Messages oldest first. Sends still waiting for their ack come last, in the order they were
   * written; a send the server refused stays where it was written (this device's clock against
   * the time in the stored messages' ids), not below everything said after it.
   */
  ordered() {
    const all = [...this.messages.values()];
    const placed = all.filter(m => !m.local || m.status === 'failed').sort((a, b) => {
      if (!a.local && !b.local) {
        return compareTimeIds(a.id, b.id);
      }
      return placedAt(a) - placedAt(b) || (a.local === b.local ? 0 : a.local ? 1 : -1);
    });
    const waiting = all.filter(m => m.local && m.status !== 'failed').sort((a, b) => a.writtenAt - b.writtenAt);
    return placed.concat(waiting);
  }

  /** Marks own messages: those named (a one-to-one `delivered`), or all up to {@code upTo}. */
  receipt(me, status, { messageIds, upTo }) {
    for (const message of this.messages.values()) {
      if (message.from !== me || message.local || message.system) {
        continue;
      }
      if (messageIds ? messageIds.includes(message.id) : compareTimeIds(message.id, upTo) <= 0) {
        raise(message, status);
      }
    }
  }

  /** The newest message from someone else, which a `seen` names. */
  newestFromOthers(me) {
    const others = this.ordered().filter(m => !m.local && m.from !== me);
    return others.length ? others[others.length - 1] : null;
  }

  hasStoredMessages() {
    return [...this.messages.values()].some(m => !m.local);
  }
}

function raise(message, status) {
  if ((STATUS_RANK[status] ?? 0) > (STATUS_RANK[message.status] ?? -2)) {
    message.status = status;
  }
}

/** A group's system message as the inbox shows it: the same words inbox-service gives (Previews). */
const SYSTEM_LINES = {
  created: body => `created the group "${body}"`,
  renamed: body => `renamed the group to "${body}"`,
  added: () => 'added a member',
  removed: () => 'removed a member',
  left: () => 'left the group',
  promoted: () => 'made a member an admin',
  demoted: () => 'made an admin a member',
};

/** A file without a caption, by its kind, as inbox-service names it. */
const FILE_KINDS = { image: 'Photo', video: 'Video', audio: 'Audio' };

/** A message's line in the inbox, the same whether it was pushed or read from the inbox API. */
export function previewOf(message) {
  if (message.deleted) {
    return 'This message was deleted';
  }
  if (message.system) {
    return (SYSTEM_LINES[message.system] ?? (() => 'updated the group'))(message.body ?? '');
  }
  if (message.attachment && !message.body) {
    return FILE_KINDS[(message.attachment.contentType ?? '').split('/')[0]] ?? 'File';
  }
  return message.body || '';
}

/** A message from a `message` frame or a history page, in one shape. */
export function fromFrame(f, me) {
  return {
    id: f.messageId,
    from: f.from ?? f.senderId,
    body: f.body ?? '',
    sentAt: f.sentAt,
    system: f.system,
    subject: f.subject,
    replyTo: f.replyTo,
    attachment: f.attachment,
    editedAt: f.editedAt,
    deleted: !!f.deleted,
    starred: !!f.starred, // this user's own mark (history pages only: a pushed message is not starred yet)
    reactions: new Map((f.reactions || []).flatMap(r => r.users.map(user => [user, r.emoji]))),
    status: (f.from ?? f.senderId) === me ? (f.seen ? 'seen' : f.delivered ? 'delivered' : 'stored') : undefined,
    local: false,
  };
}
