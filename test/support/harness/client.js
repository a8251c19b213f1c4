// The browser side of the harness: defines window.api over fetch and server-sent events, with the
// same shape the preload gives the app (one function per channel, on.<event>(listener) → unsubscribe).
// Served by server.ts after a line that defines `harnessChannels`; runs before the renderer's module.
/* global window, location, EventSource, harnessChannels */
(function defineHarnessApi() {
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (fromUrl) sessionStorage.setItem('harness-token', fromUrl);
  const token = fromUrl || sessionStorage.getItem('harness-token') || '';

  async function invoke(channel, request) {
    const response = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Harness-Token': token },
      body: JSON.stringify(request === undefined ? {} : { request }),
    });
    let reply;
    try {
      reply = await response.json();
    } catch {
      reply = undefined;
    }
    if (reply && reply.ok === true) return reply.data;
    const error = new Error(reply && reply.ok === false ? reply.error.message : `No answer from the app for ${channel}.`);
    error.name = 'AppError';
    throw error;
  }

  const api = {};
  for (const channel of harnessChannels.invoke) {
    const [group, method] = channel.split('.');
    api[group] = api[group] || {};
    api[group][method] = (request) => invoke(channel, request);
  }

  // One EventSource for all events, opened on the first subscription.
  const listeners = new Map();
  let source;
  function connect() {
    if (source) return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    for (const channel of Object.values(harnessChannels.events)) {
      source.addEventListener(channel, (message) => {
        const payload = JSON.parse(message.data);
        for (const listener of listeners.get(channel) || []) listener(payload);
      });
    }
  }
  api.on = {};
  for (const [name, channel] of Object.entries(harnessChannels.events)) {
    api.on[name] = (listener) => {
      connect();
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel).add(listener);
      return () => listeners.get(channel).delete(listener);
    };
  }
  Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false, configurable: false });
})();
