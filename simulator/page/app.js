// The simulator page: draws each persona's chats as a phone would, from what the bot sent
// through the emulators, and turns every click into a real update or Zalo event.
"use strict";
// A data block, not a script: the page's CSP runs no inline script. The token proves our requests come from this page.
const { texts, personas, token } = JSON.parse(document.getElementById("sim-data").textContent);
const state = { persona: null, chats: new Map(), target: null };
const $ = (sel, root = document) => root.querySelector(sel);
const fmt = (key, args = {}) => texts[key].replace(/\{(\w+)\}/g, (_, k) => args[k] ?? "");

function toast(text) {
  const el = $("#toast");
  el.textContent = text;
  el.classList.add("show");
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => el.classList.remove("show"), 3500);
}

async function api(path, body, raw) {
  const res = await fetch(path, raw ? { method: "POST", headers: { "x-sim-token": token }, body: raw } : { method: "POST", headers: { "content-type": "application/json", "x-sim-token": token }, body: JSON.stringify(body) });
  if (!res.ok) {
    const answer = await res.json().catch(() => ({ error: res.statusText }));
    toast(fmt("sim-error", { reason: answer.error || res.status }));
  }
}
const act = (chat, body) => api("/sim/api/act", { persona: state.persona, chat, ...body });

// Bubbles tell the time as the bot's messages do: in Vietnam, 24-hour, whatever the browser's zone.
function time(at) {
  return new Date(at).toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "Asia/Ho_Chi_Minh" });
}

/** A bubble's text with its web addresses as links that open in a new tab, as chat apps show them; the rest stays text. */
function linked(text) {
  const box = Object.assign(document.createElement("div"), { className: "text" });
  let last = 0;
  for (const match of text.matchAll(/https?:\/\/[^\s<>"«»]+[^\s<>"«».,;:!?)]/g)) {
    box.append(text.slice(last, match.index));
    box.append(Object.assign(document.createElement("a"), { href: match[0], target: "_blank", rel: "noopener", textContent: match[0] }));
    last = match.index + match[0].length;
  }
  box.append(text.slice(last));
  return box;
}

function drawMessage(chat, m) {
  const list = chat.el.querySelector(".messages");
  list.querySelector(".empty")?.remove();
  let el = list.querySelector(`[data-id="${m.id}"]`);
  const fresh = !el;
  if (fresh) {
    el = document.createElement("div");
    el.dataset.id = m.id;
  }
  el.className = `msg ${m.mine ? "mine" : "theirs"}`;
  el.replaceChildren();
  if (m.photo) {
    const img = document.createElement("img");
    img.src = m.photo;
    img.alt = "";
    img.addEventListener("click", () => window.open(m.photo, "_blank"));
    el.append(img);
  }
  if (m.document) el.append(Object.assign(document.createElement("div"), { className: "doc", textContent: `📄 ${m.document}` }));
  if (m.location) el.append(Object.assign(document.createElement("div"), { className: "loc", textContent: `📍 ${m.location.lat.toFixed(5)}, ${m.location.lng.toFixed(5)}` }));
  if (m.text) el.append(linked(m.text));
  el.append(Object.assign(document.createElement("span"), { className: "time", textContent: time(m.at) }));
  if (m.buttons?.length) {
    const grid = document.createElement("div");
    grid.className = "inline";
    for (const row of m.buttons) {
      const r = document.createElement("div");
      r.className = "row";
      for (const b of row) {
        const btn = Object.assign(document.createElement("button"), { type: "button", textContent: b.text });
        if (b.url) btn.addEventListener("click", () => window.open(b.url, "_blank", "noopener"));
        else btn.addEventListener("click", () => act(chat.key, { kind: "press", data: b.data, messageId: m.id }));
        r.append(btn);
      }
      grid.append(r);
    }
    el.append(grid);
  }
  if (fresh) list.append(el);
  list.scrollTop = list.scrollHeight;
}

function drawKeyboard(chat, keyboard) {
  const box = chat.el.querySelector(".keyboard");
  box.replaceChildren();
  for (const row of keyboard ?? []) {
    const r = document.createElement("div");
    r.className = "row";
    for (const b of row) {
      const btn = Object.assign(document.createElement("button"), { type: "button", textContent: b.text });
      btn.addEventListener("click", () => (b.requestLocation ? openMap(chat.key) : act(chat.key, { kind: "text", text: b.text })));
      r.append(btn);
    }
    box.append(r);
  }
}

function showStatus(chat, action) {
  const status = chat.el.querySelector(".status");
  status.textContent = texts[`sim-${action}`] ?? texts["sim-typing"];
  status.classList.add("busy");
  clearTimeout(chat.statusTimer);
  chat.statusTimer = setTimeout(() => {
    status.textContent = texts["sim-online"];
    status.classList.remove("busy");
  }, 5000);
}

async function choosePersona(id) {
  state.persona = id;
  localStorage.setItem("sim-persona", id);
  for (const b of document.querySelectorAll(".persona")) b.classList.toggle("active", b.dataset.persona === id);
  const persona = personas.find((p) => p.id === id);
  const phones = $("#phones");
  phones.replaceChildren();
  state.chats.clear();
  for (const c of persona.chats) {
    const el = $("#phone-template").content.firstElementChild.cloneNode(true);
    el.dataset.chat = c.key;
    el.classList.add(c.kind);
    $(".title", el).textContent = c.title;
    $(".status", el).textContent = texts["sim-online"];
    $(".avatar", el).textContent = c.kind === "group" ? "👥" : "QR";
    $(".messages", el).append(Object.assign(document.createElement("p"), { className: "empty", textContent: texts["sim-empty"] }));
    const chat = { key: c.key, el };
    $(".composer", el).addEventListener("submit", (e) => {
      e.preventDefault();
      const input = $("input", el);
      if (!input.value.trim()) return;
      act(c.key, { kind: "text", text: input.value });
      input.value = "";
    });
    composerFor(c, el);
    state.chats.set(c.key, chat);
    phones.append(el);
  }
  const res = await fetch(`/sim/api/chats?persona=${encodeURIComponent(id)}`);
  const { chats } = await res.json();
  for (const c of chats) {
    const chat = state.chats.get(c.key);
    for (const m of c.messages) drawMessage(chat, m);
    drawKeyboard(chat, c.keyboard);
  }
}

/**
 * Each app's own way to attach: Telegram's 📎 (photos) and 📍 (location); Zalo's ➕ with a menu of
 * «Ảnh» and «Vị trí», the words the bot's hint to Zalo residents names.
 */
function composerFor(c, el) {
  if (c.kind !== "zalo") {
    $(".plus", el).remove();
    $(".attach-menu", el).remove();
    $(".attach", el).addEventListener("click", () => openGallery(c.key));
    $(".locate", el).addEventListener("click", () => openMap(c.key));
    return;
  }
  $(".attach", el).remove();
  $(".locate", el).remove();
  const plus = $(".plus", el);
  const menu = $(".attach-menu", el);
  plus.addEventListener("click", () => showMenu(menu, menu.hidden));
  menu.addEventListener("click", (e) => {
    const item = e.target.closest("[data-pick]");
    if (!item) return;
    showMenu(menu, false);
    if (item.dataset.pick === "photo") openGallery(c.key);
    else openMap(c.key);
  });
  menu.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    showMenu(menu, false);
    plus.focus();
  });
}
function showMenu(menu, open) {
  menu.hidden = !open;
  menu.parentElement.querySelector(".plus").setAttribute("aria-expanded", String(open));
  if (open) menu.querySelector("button").focus();
}
// A tap elsewhere closes an open ➕ menu, as on a phone.
document.addEventListener("click", (e) => {
  for (const menu of document.querySelectorAll(".attach-menu:not([hidden])")) {
    if (!menu.contains(e.target) && !menu.parentElement.querySelector(".plus").contains(e.target)) showMenu(menu, false);
  }
});

function openGallery(chatKey) {
  state.target = chatKey;
  $("#gallery").showModal();
}
for (const b of document.querySelectorAll("#gallery .photo")) {
  b.addEventListener("click", () => {
    $("#gallery").close();
    act(state.target, { kind: "gallery", key: b.dataset.photo });
  });
}
$("#disk-file").addEventListener("change", async (e) => {
  const file = e.target.files[0];
  e.target.value = "";
  $("#gallery").close();
  if (!file) return;
  if (file.size > 64 * 1024 * 1024) return toast(texts["sim-file-too-large"]);
  const q = new URLSearchParams({ persona: state.persona, chat: state.target, name: file.name, type: file.type || "application/octet-stream" });
  await api(`/sim/api/upload?${q}`, null, file);
});

/** The map dialog (map.js); the point picked there goes to this chat as a location. */
function openMap(chatKey) {
  window.simMap.open((p) => act(chatKey, { kind: "location", lat: p.lat, lng: p.lng }));
}

$("#reset").addEventListener("click", async () => {
  if (!confirm(texts["sim-reset-confirm"])) return;
  await api("/sim/api/reset", {});
});

for (const b of document.querySelectorAll(".persona")) b.addEventListener("click", () => choosePersona(b.dataset.persona));

const events = new EventSource("/sim/api/events");
events.onmessage = (e) => {
  const ev = JSON.parse(e.data);
  if (ev.type === "reset") return choosePersona(state.persona);
  const chat = state.chats.get(ev.type === "message" ? ev.message.chat : ev.chat);
  if (!chat) return;
  if (ev.type === "message") drawMessage(chat, ev.message);
  else if (ev.type === "keyboard") drawKeyboard(chat, ev.keyboard);
  else if (ev.type === "action") showStatus(chat, ev.action);
  else if (ev.type === "toast") toast(ev.text);
};

const saved = localStorage.getItem("sim-persona");
choosePersona(personas.some((p) => p.id === saved) ? saved : personas[0].id);
