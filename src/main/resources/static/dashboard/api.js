// Calls to the service with the API key of this tab, and a job's event stream read with fetch:
// EventSource cannot send an Authorization header, and a key must never travel in a URL.

const KEY = 'mlp-api-key';
const NO_KEY = 'mlp-no-key';

/** The key is kept in session storage: for this tab only, gone when it closes. */
export const apiKey = {
  get: () => sessionStorage.getItem(KEY),
  set: (key) => { sessionStorage.setItem(KEY, key); sessionStorage.removeItem(NO_KEY); },
  useNone: () => { sessionStorage.removeItem(KEY); sessionStorage.setItem(NO_KEY, '1'); },
  chosen: () => sessionStorage.getItem(KEY) !== null || sessionStorage.getItem(NO_KEY) === '1',
  forget: () => { sessionStorage.removeItem(KEY); sessionStorage.removeItem(NO_KEY); },
};

function headers(accept) {
  const result = { 'Accept': accept };
  const key = apiKey.get();
  if (key) {
    result['Authorization'] = 'Bearer ' + key;
  }
  return result;
}

/** Sends a request; answers {status, ok, body} with the body parsed as JSON when there is one. */
export async function request(method, path, body) {
  const init = { method, headers: headers('application/json'), cache: 'no-store' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch (ignored) {
    parsed = null;
  }
  return { status: response.status, ok: response.ok, body: parsed };
}

/** What a failed answer says, for people: a problem's detail, else the status. */
export function describe(answer) {
  return (answer.body && (answer.body.detail || answer.body.error)) || 'the service answered ' + answer.status;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Follows GET /api/v1/training-jobs/{id}/events. Handlers: epoch(point), status(job), end(data),
 * failed(message). When the stream closes without an end event (the service dropped a slow reader,
 * or restarted), it reconnects with Last-Event-ID and gets only the epochs it has not seen.
 */
export class JobEvents {
  #jobId;
  #handlers;
  #controller = null;
  #lastEventId = null;
  #done = false;

  constructor(jobId, handlers) {
    this.#jobId = jobId;
    this.#handlers = handlers;
  }

  start() {
    this.#run();
    return this;
  }

  stop() {
    this.#done = true;
    if (this.#controller) {
      this.#controller.abort();
    }
  }

  async #run() {
    let pause = 500;
    while (!this.#done) {
      this.#controller = new AbortController();
      const init = { headers: headers('text/event-stream'), cache: 'no-store', signal: this.#controller.signal };
      if (this.#lastEventId !== null) {
        init.headers['Last-Event-ID'] = this.#lastEventId;
      }
      try {
        const response = await fetch('/api/v1/training-jobs/' + encodeURIComponent(this.#jobId) + '/events', init);
        if (!response.ok) {
          const text = await response.text();
          let body = null;
          try { body = JSON.parse(text); } catch (ignored) { body = null; }
          this.#handlers.failed(describe({ status: response.status, body }));
          return;
        }
        pause = 500;
        await this.#read(response.body.pipeThrough(new TextDecoderStream()).getReader());
      } catch (error) {
        if (this.#done) {
          return;
        }
      }
      if (!this.#done) {
        await sleep(pause);
        pause = Math.min(pause * 2, 10000);
      }
    }
  }

  /** Parses text/event-stream: fields up to a blank line make one event; lines starting with ':' are comments. */
  async #read(reader) {
    let buffer = '';
    let event = { type: 'message', data: [], id: null };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += value;
      let newline;
      while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
        if (line === '') {
          if (event.data.length > 0) {
            this.#dispatch(event);
          }
          event = { type: 'message', data: [], id: null };
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          let value = colon < 0 ? '' : line.slice(colon + 1);
          if (value.startsWith(' ')) {
            value = value.slice(1);
          }
          if (field === 'event') event.type = value;
          else if (field === 'data') event.data.push(value);
          else if (field === 'id') event.id = value;
        }
      }
    }
  }

  #dispatch(event) {
    if (event.id !== null) {
      this.#lastEventId = event.id;
    }
    const data = JSON.parse(event.data.join('\n'));
    if (event.type === 'epoch') {
      this.#handlers.epoch(data);
    } else if (event.type === 'status') {
      this.#handlers.status(data);
    } else if (event.type === 'end') {
      this.#done = true;
      this.#handlers.end(data);
    }
  }
}
