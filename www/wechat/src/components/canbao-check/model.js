// What the check page puts into its data, from www/logic.js (copied here as
// logic.js by the build): logic.js turns a form into a request and a response
// into its structure (must, choices, may, relief, pending, notFor, ask); this
// file adds what WXML cannot compute itself (it can call no methods): the
// questions with their answers marked, each card's words, the fee's shares,
// the next step and its countdown.
import { view, formKeyOf, countdown, coverWords, feeNotes } from "./logic.js";
import { FIELDS, BASICS, say } from "./words.js";

/**
 * One question as WXML shows it: `kind` is radio, date, number, digit or year
 * (a picker of years); radio `options` carry `checked`; `ask` marks an answer
 * the engine still needs, `error` a message about this answer.
 */
export function question(key, form, ctx) {
  const f = FIELDS[key] || { label: key, kind: "number" };
  const value = form[key] === undefined || form[key] === null ? "" : String(form[key]);
  const q = { key, label: f.label, kind: f.choices ? "radio" : f.kind, value, shown: value, ask: !!ctx.ask[key], error: ctx.error && ctx.error.field === key ? ctx.error.message : "" };
  if (f.choices) {
    q.options = f.choices.map(function (c) {
      return { value: c[0], label: c[1], checked: c[0] === value };
    });
    const chosen = q.options.filter(function (o) {
      return o.checked;
    })[0];
    q.shown = chosen ? chosen.label : "";
  } else if (f.kind === "year") {
    // "never", then the years before the coverage year, latest first.
    q.range = [{ value: "never", label: say("never") }];
    for (let y = ctx.year - 1; y >= ctx.year - 40; y--) q.range.push({ value: String(y), label: say("yearOf", { y }) });
    q.index = Math.max(
      0,
      q.range.findIndex(function (r) {
        return r.value === value;
      }),
    );
    const picked = q.range.filter(function (r) {
      return r.value === value;
    })[0];
    q.shown = picked ? picked.label : say("pickPrompt");
  } else if (f.kind === "date") {
    q.shown = value || say("pickPrompt");
    q.end = ctx.today || "";
  }
  return q;
}

/** The questions for `keys`; `ask` lists the form keys the engine still needs. */
export function questions(keys, form, ctx) {
  return keys.map(function (k) {
    return question(k, form, ctx);
  });
}

export const basics = BASICS;

/** A form key's answer from a WXML event: radio and picker values are strings. */
export function answerOf(key, kind, detail, range) {
  if (kind === "year") return range[Number(detail.value)].value;
  return detail.value === undefined || detail.value === null ? "" : String(detail.value);
}

function reason(r) {
  return { code: r.code, text: r.message, source: r.source || "" };
}

function money(a) {
  return a === null || a === undefined ? say("unknown") : `${a} 元`;
}

function fee(f) {
  if (!f) return null;
  const notes = feeNotes(f).map(function (n) {
    return say(n[0], n[1]);
  });
  return {
    period: say(f.period === "month" ? "perMonth" : "perYear"),
    total: f.total === null ? say("unknown") : `${f.minimum ? say("atLeast") + " " : ""}${f.total} 元`,
    known: f.total !== null,
    parts: f.parts.map(function (p) {
      return { payer: p.payer, label: say(p.payer), amount: money(p.amount), percent: p.percent || 0 };
    }),
    notes,
    reasons: (f.reasons || []).map(reason),
  };
}

/** What to do next: through whom, where, with what, by when; what the documents do not say. */
function next(c, payDate) {
  const e = c.enrol;
  if (!e && !c.deadline) return null;
  const n = { through: "", where: "", whereSource: "", bring: "", bringSource: "", deadline: "", countdown: "", late: false, deadlineSource: "", notes: [] };
  if (e) {
    if (e.through) n.through = say(`through_${e.through}`);
    n.where = (e.where || []).join("、");
    n.whereSource = e.whereSource || "";
    n.bring = (e.documents || []).join("、");
    n.bringSource = e.documentsSource || "";
    n.deadlineSource = e.deadlineSource || "";
    n.notes = (e.reasons || []).map(reason);
  }
  if (c.deadline) {
    n.deadline = c.deadline;
    const left = countdown(c.deadline, payDate);
    if (left) {
      n.late = left.days < 0;
      n.countdown = say(left.word[0], left.word[1]);
    }
  }
  return n;
}

function cover(c) {
  const w = c.waiting;
  const lines = coverWords(c).map(function (said) {
    return say(said[0], said[1]);
  });
  return { lines, reasons: w ? (w.reasons || []).map(reason) : [] };
}

function card(c, payDate) {
  const shown = {
    scheme: c.scheme,
    name: c.name,
    status: c.status,
    statusLabel: say(c.status),
    open: c.open,
    fee: fee(c.fee),
    next: c.status === "ineligible" ? null : next(c, payDate),
    cover: cover(c),
    reasons: (c.reasons || []).map(reason),
    benefits: (c.benefits || []).map(reason),
    subs: [],
  };
  if (c.addOns && c.addOns.length) {
    shown.subs.push({
      title: say("addOn"),
      cards: c.addOns.map(function (a) {
        return card(a, payDate);
      }),
    });
  }
  if (c.instead) {
    shown.subs.push({
      title: say(c.instead.choice ? "insteadChoice" : "instead", { name: c.name }),
      cards: c.instead.cards.map(function (a) {
        return card(a, payDate);
      }),
    });
  }
  return shown;
}

/** The answer as the page shows it, and the form keys still to ask, most decisive first. */
export function answer(response) {
  const v = view(response);
  const one = function (c) {
    return card(c, response.payDate);
  };
  // Under a title that says it already, a card needs no status badge.
  const titled = function (c) {
    const shown = one(c);
    shown.statusLabel = "";
    return shown;
  };
  const sections = [];
  if (v.must.length) sections.push({ kind: "must", title: say("mandatory"), cards: v.must.map(titled) });
  v.choices.forEach(function (g) {
    sections.push({ kind: "choice", title: say("choice"), cards: g.map(one) });
  });
  if (v.may.length) sections.push({ kind: "may", title: say("eligible"), cards: v.may.map(titled) });
  if (v.pending.length) sections.push({ kind: "pending", title: say("needs_info"), cards: v.pending.map(titled) });
  // Keys the engine named that this page has no question for are still listed.
  const ask = [];
  (response.missing || []).forEach(function (path) {
    const k = formKeyOf(path) || path;
    if (ask.indexOf(k) < 0) ask.push(k);
  });
  return {
    summary: say("using", { name: v.regionName || v.region, year: v.year }),
    age: v.age === null || v.age === undefined ? "" : say("ageIs", { date: v.referenceDate, age: v.age }),
    warnings: (v.warnings || []).map(reason),
    sections,
    // Nothing to join and nothing pending: the list of what is not for them is the answer.
    noneOpen: sections.length === 0,
    relief: v.relief.map(one),
    notFor: v.notFor.map(function (c) {
      return { scheme: c.scheme, name: c.name, reason: c.reasons && c.reasons[0] ? c.reasons[0].message : "" };
    }),
    rules: v.rules ? `${v.rules.pack} ${v.rules.version} · ${v.rules.hash}` : "",
    ask,
  };
}
