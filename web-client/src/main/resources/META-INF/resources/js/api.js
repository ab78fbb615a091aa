// The REST API (README, "Using it: the REST API"), on this page's own origin: behind the ingress
// in Kubernetes, through web-client's proxy on the local stack.

/** A refused request: the problem body's detail, and its code and field errors when it has them. */
export class ApiError extends Error {
  constructor(status, problem) {
    const fields = (problem.errors || []).map(e => `${e.field}: ${e.message}`).join('; ');
    super(fields || problem.detail || problem.title || `request failed (${status})`);
    this.status = status;
    this.code = problem.code;
  }
}

export class Api {
  /** @param token a function answering the current token, or null before signing in */
  constructor(token) {
    this.token = token;
  }

  /** The same API with a fixed token. */
  withToken(token) {
    return new Api(() => token);
  }

  get(path) {
    return this.request('GET', path);
  }

  post(path, body) {
    return this.request('POST', path, body);
  }

  patch(path, body) {
    return this.request('PATCH', path, body);
  }

  put(path, body) {
    return this.request('PUT', path, body);
  }

  delete(path) {
    return this.request('DELETE', path);
  }

  async request(method, path, body) {
    const headers = { Accept: 'application/json' };
    const token = this.token();
    if (token) {
      headers.Authorization = `Bearer ${token}`;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      throw new ApiError(0, { detail: 'the server cannot be reached; check the connection' });
    }
    if (response.status === 204) {
      return null;
    }
    const text = await response.text();
    let parsed = {};
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch (e) {
      parsed = { detail: text.slice(0, 200) };
    }
    if (!response.ok) {
      throw new ApiError(response.status, parsed);
    }
    return parsed;
  }
}
