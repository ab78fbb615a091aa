// One device's WebSocket to a gateway, kept open: reconnects with backoff, and a send queue whose
// frames are sent again under the same id until acknowledged (docs/protocol.md, "For client
// authors: the life of a socket").

const ACK_TIMEOUT_MS = 10_000;
const MAX_BACKOFF_MS = 30_000;

/** Frames that carry an id and are answered with `ack` or `error`. */
const QUEUED = new Set(['send', 'react', 'edit', 'delete']);

/**
 * Events: `state` (detail: connecting | catching-up | online | offline | closed), `frame`
 * (detail: every frame from the server but ack), `ack` and `refused` (detail: {frame, ack|error}),
 * `fatal` (detail: a reason; the socket will not reconnect).
 */
export class ChatSocket extends EventTarget {
  /**
   * @param url a function answering the socket URL with the current token
   * @param outboxKey where unacknowledged frames are kept (sessionStorage), so that a reload
   *     sends them again under the same id
   */
  constructor(url, outboxKey) {
    super();
    this.url = url;
    this.outboxKey = outboxKey;
    this.outbox = new Map(JSON.parse(sessionStorage.getItem(outboxKey) || '[]'));
    this.ws = null;
    this.attempt = 0;
    this.stopped = false;
    this.timer = null;
    this.ackTimers = new Map();
  }

  get online() {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.ws) {
      this.ws.close(1000, 'signed out');
    }
  }

  /** Queues a frame with an `id` (send, react, edit, delete) until the server answers it. */
  enqueue(frame) {
    this.outbox.set(frame.id, { frame, tried: false });
    this.saveOutbox();
    if (this.online) {
      this.transmit(frame.id);
    }
  }

  /** Unacknowledged frames, oldest first. */
  pending() {
    return [...this.outbox.values()].map(entry => entry.frame);
  }

  /** Sends a frame that needs no answer (delivered, seen, typing) if the socket is open; false if not. */
  sendNow(frame) {
    if (!this.online) {
      return false;
    }
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  connect() {
    this.setState('connecting');
    let ws;
    try {
      ws = new WebSocket(this.url());
    } catch (e) {
      this.dispatchEvent(new CustomEvent('fatal', { detail: 'the socket address is not valid' }));
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.setState('catching-up');
      // Everything unacknowledged goes again at once; sends are stored at most once per id.
      for (const id of this.outbox.keys()) {
        this.transmit(id);
      }
    };
    ws.onmessage = event => this.receive(event.data);
    ws.onclose = event => this.closed(ws, event.code);
  }

  transmit(id) {
    const entry = this.outbox.get(id);
    if (!entry || !this.online) {
      return;
    }
    const frame = entry.tried ? { ...entry.frame, resend: true } : entry.frame;
    entry.tried = true;
    this.saveOutbox();
    this.ws.send(JSON.stringify(frame));
    clearTimeout(this.ackTimers.get(id));
    this.ackTimers.set(id, setTimeout(() => this.transmit(id), ACK_TIMEOUT_MS));
  }

  receive(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch (e) {
      return; // the server sends JSON only
    }
    if (frame.type === 'synced') {
      this.attempt = 0;
      this.setState('online');
    }
    if (frame.type === 'ack' && this.outbox.has(frame.id)) {
      this.settle(frame.id, 'ack', frame);
      return;
    }
    if (frame.type === 'error' && frame.id && this.outbox.has(frame.id)) {
      this.refused(frame);
      return;
    }
    this.dispatchEvent(new CustomEvent('frame', { detail: frame }));
  }

  refused(error) {
    if (error.code === 'unavailable' || error.code === 'rate_limited') {
      const entry = this.outbox.get(error.id);
      const wait = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(5, entry.retries = (entry.retries || 0) + 1));
      clearTimeout(this.ackTimers.get(error.id));
      this.ackTimers.set(error.id, setTimeout(() => this.transmit(error.id), wait / 2 + Math.random() * wait / 2));
      return;
    }
    this.settle(error.id, 'refused', error);
  }

  settle(id, outcome, answer) {
    const { frame } = this.outbox.get(id);
    clearTimeout(this.ackTimers.get(id));
    this.ackTimers.delete(id);
    this.outbox.delete(id);
    this.saveOutbox();
    this.dispatchEvent(new CustomEvent(outcome, { detail: { frame, answer } }));
  }

  closed(ws, code) {
    if (ws !== this.ws) {
      return;
    }
    this.ws = null;
    this.ackTimers.forEach(timer => clearTimeout(timer));
    this.ackTimers.clear();
    if (this.stopped) {
      this.setState('closed');
      return;
    }
    if (code === 1008) {
      this.setState('closed');
      this.dispatchEvent(new CustomEvent('fatal', { detail: 'the server closed the connection: too many refused frames' }));
      return;
    }
    this.setState('offline');
    this.attempt += 1;
    let wait;
    if (code === 1001) {
      wait = Math.random() * 2000; // the gateway is going away: another one takes us at once
    } else if (code === 1013) {
      wait = 5000 + Math.random() * 25_000;
    } else {
      const base = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(6, this.attempt));
      wait = base / 2 + Math.random() * base / 2;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), wait);
  }

  setState(state) {
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: state }));
  }

  saveOutbox() {
    sessionStorage.setItem(this.outboxKey, JSON.stringify([...this.outbox.entries()]));
  }
}
