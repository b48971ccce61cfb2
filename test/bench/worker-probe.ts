/**
 * A probe evaluated inside the extension's service worker (main-world script, as a string
 * so the TS loader leaves it alone): wraps the async extension APIs and IndexedDB
 * transactions and counts calls and the time each call was pending. Used to say where a
 * slow `reportPage` spends its time (the worker is mostly idle, waiting on these).
 * The pending times overlap when calls run in parallel; serial awaits add up.
 */
export const WORKER_PROBE = `(() => {
  if (globalThis.__asApi) return 'already';
  const stats = (globalThis.__asApi = { apis: {}, idb: { transactions: 0, ms: 0, puts: 0, gets: 0 } });
  const api = globalThis.chrome;
  const spaces = { alarms: api.alarms, 'storage.session': api.storage && api.storage.session, 'storage.local': api.storage && api.storage.local, action: api.action, tabs: api.tabs, runtime: api.runtime, sidePanel: api.sidePanel, notifications: api.notifications };
  let wrapped = 0;
  for (const [ns, obj] of Object.entries(spaces)) {
    if (!obj) continue;
    for (const k of Object.keys(Object.getPrototypeOf(obj) === Object.prototype ? obj : { ...obj, ...Object.getPrototypeOf(obj) })) {
      const orig = obj[k];
      if (typeof orig !== 'function' || k.startsWith('on') || k === 'getURL' || k === 'getManifest') continue;
      const name = ns + '.' + k;
      try {
        obj[k] = function (...a) {
          const s = (stats.apis[name] = stats.apis[name] || { calls: 0, ms: 0 });
          s.calls++;
          const t0 = performance.now();
          const r = orig.apply(this, a);
          if (r && typeof r.then === 'function') return r.finally(() => { s.ms += performance.now() - t0; });
          s.ms += performance.now() - t0;
          return r;
        };
        wrapped++;
      } catch (e) {}
    }
  }
  const tx = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (...a) {
    const t = tx.apply(this, a);
    const t0 = performance.now();
    stats.idb.transactions++;
    const done = () => { stats.idb.ms += performance.now() - t0; };
    t.addEventListener('complete', done);
    t.addEventListener('abort', done);
    t.addEventListener('error', done);
    return t;
  };
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...a) { stats.idb.puts++; return put.apply(this, a); };
  const get = IDBObjectStore.prototype.get;
  IDBObjectStore.prototype.get = function (...a) { stats.idb.gets++; return get.apply(this, a); };
  return 'wrapped ' + wrapped;
})()`;

export interface WorkerApiStats {
  apis: Record<string, { calls: number; ms: number }>;
  idb: { transactions: number; ms: number; puts: number; gets: number };
}
