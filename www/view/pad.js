// The kiosk's number pad, under the field it types into: a chunk of its own,
// loaded only in kiosk mode (kiosk.html has it inline), so the resident's
// page does not carry it.
// What it needs comes from questions.js (no imports: an import of Preact here
// would make the page share it with this chunk, a chunk of its own).

/** The kiosk's number pad, under the field it types into. */
export function Pad({ page, ids, typedValue, typeInto, commit, h, t }) {
  const { state, kiosk } = page;
  if (!kiosk || !ids.includes(state.padFor)) return null;
  const lang = state.lang;
  const press = (k) => () => {
    const id = state.padFor;
    const max = document.getElementById(id)?.maxLength || 16; // the kiosk's: the digits only
    const old = typedValue(state, id);
    const value = k === "del" ? old.slice(0, -1) : k === "clear" ? "" : (old + k).slice(0, max);
    typeInto(state, id, value);
    const i = ids.indexOf(id);
    if (k.length === 1 && value.length >= max && i < ids.length - 1) state.padFor = ids[i + 1];
    commit(page, id, value);
  };
  return h("div", { class: "pad", role: "group", "aria-label": t(lang, "pad") },
    ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "del"].map((k) =>
      h("button", { type: "button", key: k, id: `pad-${k}`, onClick: press(k), "aria-label": k.length > 1 ? t(lang, k) : undefined }, k === "del" ? "⌫" : k === "clear" ? t(lang, "clear") : k)));
}
