// The local copy: every change to a draft is kept in this browser (IndexedDB) until the server
// has confirmed it, with the version it was based on, so that a reload, a crash or a server
// away for the night loses nothing. IndexedDB rather than localStorage: it holds far more
// than the largest report (2 MB), for several drafts at once, without blocking the typing.
//
// Each tab keeps its own copies: two tabs on one draft each keep their own work. A tab holds a
// lock while it lives, so that a tab opening a draft can tell a copy left by a tab that has
// gone (closed, crashed: restore it) from one of a tab still open (leave it to that tab).
const DATABASE = "gfmd-reports";
const STORE = "unsaved-drafts";
const TAB = sessionStorage.getItem("gfmd-tab") || `${Date.now()}-${Math.random().toString(36).slice(2)}`;
sessionStorage.setItem("gfmd-tab", TAB);
const locks = navigator.locks;  // only in a secure context: served on 127.0.0.1, not on another address
locks?.request(`gfmd-tab-${TAB}`, () => new Promise(() => {}));
let opened = null;
let queue = Promise.resolve();
const waiting = new Map();  // the latest copy of each draft not yet written

function database() {
  opened ||= new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "key" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opened;
}

async function transact(mode, work) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(STORE, mode);
    const request = work(transaction.objectStore(STORE));
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

// Every write goes through one queue, in order: a copy never lands after its draft is forgotten.
function enqueue(work) {
  queue = queue.then(work, work);
  return queue;
}

const keyOf = (name, tab = TAB) => `${tab} ${name}`;

// Keep `copy` ({name, data, version, base, conflicts}); copies made while one is being written
// are folded into one write of the latest. Resolves once it is on disk.
export function keep(copy) {
  const pending = waiting.has(copy.name);
  waiting.set(copy.name, { ...copy, key: keyOf(copy.name), tab: TAB, kept: Date.now() });
  if (pending) return queue;
  return enqueue(() => {
    const latest = waiting.get(copy.name);
    waiting.delete(copy.name);
    return latest ? transact("readwrite", (store) => store.put(structuredClone(latest))) : undefined;
  });
}

export function forget(name) {
  waiting.delete(name);
  return enqueue(() => transact("readwrite", (store) => store.delete(keyOf(name))));
}

// The copy of a draft this tab kept, or else the latest one a tab now gone left (taken over
// by this tab), or null.
export async function recall(name) {
  await queue.catch(() => {});
  const copies = (await transact("readonly", (store) => store.getAll())).filter((copy) => copy.name === name);
  const own = copies.find((copy) => copy.tab === TAB);
  if (own) return own;
  const living = new Set(((await locks?.query())?.held || []).map((lock) => lock.name));
  const left = copies.filter((copy) => !living.has(`gfmd-tab-${copy.tab}`)).sort((a, b) => b.kept - a.kept)[0];
  if (!left) return null;
  const adopted = { ...left, key: keyOf(name), tab: TAB };
  await enqueue(() => transact("readwrite", (store) => { store.delete(left.key); return store.put(adopted); }));
  return adopted;
}

// Resolves once every copy asked for is written.
export function settled() {
  return queue;
}
