/**
 * A probe evaluated inside the extension's service worker (main-world script, as a string
 * so the TS loader leaves it alone): wraps the async extension APIs and IndexedDB
 * transactions and counts calls and how long they were pending. Used to say where a
 * slow `reportPage` spends its time (a worker that waits is idle, not busy).
 * Per API: `ms` sums every call's pending time (calls in parallel overlap), `wallMs` is the
 * time at least one call of that API was pending; `any.wallMs` is the time at least one
 * call of any API (or an IndexedDB transaction) was pending.
 */
export const WORKER_PROBE = `(() => {
  if (globalThis.__asApi) return 'already';
  const stats = (globalThis.__asApi = { apis: {}, idb: { transactions: 0, ms: 0, wallMs: 0, puts: 0, gets: 0, active: 0, since: 0 }, any: { wallMs: 0, active: 0, since: 0 } });
  const open = (s) => { if (s.active++ === 0) s.since = performance.now(); };
  const close = (s) => { if (--s.active === 0) s.wallMs += performance.now() - s.since; };
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
          const s = (stats.apis[name] = stats.apis[name] || { calls: 0, ms: 0, wallMs: 0, active: 0, since: 0 });
          s.calls++;
          const t0 = performance.now();
          open(s);
          open(stats.any);
          const done = () => { s.ms += performance.now() - t0; close(s); close(stats.any); };
          let r;
          try {
            r = orig.apply(this, a);
          } catch (e) {
            done();
            throw e;
          }
          if (r && typeof r.then === 'function') return r.finally(done);
          done();
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
    open(stats.idb);
    open(stats.any);
    let ended = false;
    const done = () => {
      if (ended) return;
      ended = true;
      stats.idb.ms += performance.now() - t0;
      close(stats.idb);
      close(stats.any);
    };
    t.addEventListener('complete', done);
    t.addEventListener('abort', done);
    t.addEventListener('error', done);
    return t;
  };
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...a) { stats.idb.puts++; return put.apply(this, a); };
  const get = IDBObjectStore.prototype.get;
  IDBObjectStore.prototype.get = function (...a) { stats.idb.gets++; return get.apply(this, a); };
  // A copy with the intervals still open counted up to now.
  globalThis.__asApiSnap = () => {
    const now = performance.now();
    const wall = (x) => x.wallMs + (x.active > 0 ? now - x.since : 0);
    const apis = {};
    for (const [k, v] of Object.entries(stats.apis)) apis[k] = { calls: v.calls, ms: v.ms, wallMs: wall(v) };
    return { apis, idb: { ...stats.idb, wallMs: wall(stats.idb) }, any: { wallMs: wall(stats.any) } };
  };
  return 'wrapped ' + wrapped;
})()`;

export interface WorkerApiStats {
  apis: Record<string, { calls: number; ms: number; wallMs: number }>;
  idb: { transactions: number; ms: number; wallMs: number; puts: number; gets: number };
  any: { wallMs: number };
}
