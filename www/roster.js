// The roster page: a village's, community's or employer's list checked at
// once for the enrolment drive. A CSV or XLSX is opened (or dropped), checked
// in a worker (roster-worker.js) with a progress line, then the summary, a
// table filtered by what needs doing, the list with its result columns as
// XLSX or CSV, and a notice per household to print. Nothing leaves the
// device: the page is one file (built by scripts/build-www.mjs) that works
// offline and from file://.

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
// Today in China, as logic.js's chinaToday (importing logic.js would bring 10 KB of fields along).
const today = /^\d{4}-\d\d-\d\d$/.test(params.get("today") ?? "") ? params.get("today") : new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

const worker = new Worker(URL.createObjectURL(new Blob([__ROSTER_WORKER__], { type: "text/javascript" })));
const wasm = Uint8Array.from(atob(__ROSTER_WASM__), (c) => c.charCodeAt(0));
worker.postMessage({ type: "init", wasm, today }, [wasm.buffer]);

let columns = null; // the answer's header, once checked
let name = "名单";
let filter = "all";

const STATUS = { mandatory: "必须参加", eligible: "可以参加", choice: "可以选择", needs_info: "需补充信息", none: "都不能参加", error: "有错误", empty: "空行" };
const SCHEME = { urban_rural_resident: "城乡居民医保", employee: "职工医保", urban_resident: "城镇居民医保", rural_cooperative: "新农合" };
const FILTERS = { all: "全部", uncovered: "未参保", answers: "需补充信息", waiting: "有等待期", help: "享受缴费资助", errors: "有错误" };

const el = (tag, text, props = {}) => Object.assign(document.createElement(tag), { textContent: text, ...props });

worker.onmessage = ({ data }) => {
  if (data.type === "ready") {
    $("region").replaceChildren(...data.regions.map((r) => new Option(r.name, r.id, r.default, r.default)));
    $("file").disabled = false;
    $("status").textContent = "请选择名单文件（CSV 或 XLSX），或拖到这里。";
  } else if (data.type === "opened") {
    $("status").textContent = `共约 ${data.rows} 行，正在核查…${data.unknown.length ? `（这些列原样保留：${data.unknown.join("、")}）` : ""}`;
    $("progress").max = Math.max(1, data.rows);
  } else if (data.type === "progress") {
    $("progress").max = Math.max(1, data.total);
    $("progress").value = data.done;
    $("done").textContent = `已核查 ${data.done} / ${data.total} 行`;
  } else if (data.type === "done") {
    columns = data.columns;
    summary(data.summary);
    $("results").hidden = false;
    worker.postMessage({ type: "view", filter });
  } else if (data.type === "view") {
    draw(data);
  } else if (data.type === "notices") {
    notices(data.households);
    window.print();
  } else if (data.type === "file" && !data.bytes.length) {
    // The one way writing fails: more rows than an XLSX sheet holds.
    $("status").textContent = "XLSX 一张表最多 1,048,576 行，这份名单放不下：请下载 CSV。";
    $("status").className = "error";
  } else if (data.type === "file") {
    const type = data.xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv";
    save(new Blob([data.bytes], { type }), `${name}-核查结果.${data.xlsx ? "xlsx" : "csv"}`);
  } else if (data.type === "error") {
    $("status").textContent = `无法读取：${data.message}`;
    $("status").className = "error";
  }
};

function open(file) {
  name = file.name.replace(/\.[^.]*$/, "");
  columns = null;
  $("results").hidden = true;
  $("status").className = "";
  $("progress").value = 0;
  file.arrayBuffer().then((buffer) => {
    const options = { today, region: $("region").value || undefined };
    worker.postMessage({ type: "open", file: buffer, options }, [buffer]);
  });
}

function summary(s) {
  const list = (o, words) => Object.entries(o).map(([k, n]) => `${words[k] ?? k} ${n}`).join("，");
  // A payer's sum covers the rows where that share is known; the others are
  // counted, so "个人 0.00 元" is never read as "pays nothing" when it is unknown.
  const share = (p, t, payer) => `${t[payer]} 元${s.unknownShares?.[p]?.[payer] ? `（另有 ${s.unknownShares[p][payer]} 行未知）` : ""}`;
  const totals = Object.entries(s.totals).map(([p, t]) => `${p === "year" ? "每年" : "每月"}：合计 ${share(p, t, "total")}，个人 ${share(p, t, "individual")}，单位 ${share(p, t, "employer")}，政府 ${share(p, t, "government")}`);
  $("summary").replaceChildren(
    ...[`共 ${s.rows} 行：已核查 ${s.checked}，需补充信息 ${s.needsAnswers}，有错误 ${s.errors}${s.duplicateIdNumbers ? `，身份证号重复 ${s.duplicateIdNumbers}` : ""}。`,
      `按结果：${list(s.byStatus, STATUS)}。`,
      `按险种：${list(s.byScheme, SCHEME) || "—"}。`,
      ...totals.map((t) => `费用（金额已知的行）${t}。`)].map((text) => el("p", text)),
  );
}

/** The table: a filter's first 300 rows, with their row numbers, and how many it keeps. */
function draw({ count, rows }) {
  for (const b of $("filters").children) b.setAttribute("aria-pressed", String(b.dataset.filter === filter));
  $("count").textContent = `${count} 行${count > rows.length ? `（显示前 ${rows.length} 行）` : ""}`;
  const head = document.createElement("tr");
  head.append(...["行", ...columns].map((h) => el("th", h)));
  const table = $("table");
  table.replaceChildren(document.createElement("thead"), document.createElement("tbody"));
  table.tHead.append(head);
  table.tBodies[0].append(
    ...rows.map((r) => {
      const tr = document.createElement("tr");
      tr.append(...r.map((c) => el("td", String(c).length > 80 ? `${String(c).slice(0, 80)}…` : String(c))));
      return tr;
    }),
  );
}

/** A notice per household (or per person, where the list has no household column): who pays what, where, by when. */
function notices(households) {
  $("notices").replaceChildren(
    ...households.map(([key, members]) => {
      const section = el("section", "", { className: "notice-slip" });
      const ul = document.createElement("ul");
      for (const m of members) {
        const who = m.name || `第 ${m.row} 行`;
        const scheme = SCHEME[m.scheme] ?? m.scheme;
        const money = m.individual ? `个人交 ${m.individual} 元/${m.period === "month" ? "月" : "年"}` : "金额待定";
        const line = m.error
          ? `${who}：名单信息有误（${m.error}）`
          : scheme
            ? `${who}：${STATUS[m.status] ?? ""}${scheme}，${money}${m.where ? `，到${m.where}办理` : ""}${m.deadline ? `，${m.deadline} 前缴费` : ""}。`
            : `${who}：${STATUS[m.status] ?? m.status}${m.missing ? `（还需：${m.missing}）` : ""}。`;
        ul.append(el("li", line));
      }
      section.append(el("h2", `${key.startsWith("#") ? "" : `${key} · `}${today} 参保缴费通知`), ul);
      const household = members.map((m) => m.household).find(Boolean);
      if (household) section.append(el("p", `本户合计：${household}`));
      section.append(el("p", "按公开文件计算，仅供参考，以当地医保部门为准。", { className: "small" }));
      return section;
    }),
  );
}

function save(blob, file) {
  const a = Object.assign(document.createElement("a"), { href: URL.createObjectURL(blob), download: file });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** The template: the columns canbao reads, with two example rows. */
const TEMPLATE = [
  "姓名,身份证号,出生日期,性别,本地户口,户口类型,就业情况,困难类别,残疾等级,现参保,最近参保年度,户号",
  "张三,,1980-06-01,男,是,农村,务农,都不是,0,城乡居民医保,2026,1",
  "李四,,2026-10-01,女,是,农村,没有工作,低保对象,0,无,从未,1",
].join("\r\n");

$("file").addEventListener("change", (e) => e.target.files[0] && open(e.target.files[0]));
document.addEventListener("dragover", (e) => e.preventDefault());
document.addEventListener("drop", (e) => {
  e.preventDefault();
  if (e.dataTransfer.files[0]) open(e.dataTransfer.files[0]);
});
$("template").addEventListener("click", () => save(new Blob(["\ufeff" + TEMPLATE + "\r\n"], { type: "text/csv" }), "名单模板.csv"));
$("filters").replaceChildren(
  ...Object.entries(FILTERS).map(([key, label]) => {
    const b = el("button", label, { type: "button" });
    b.dataset.filter = key;
    b.addEventListener("click", () => {
      filter = key;
      worker.postMessage({ type: "view", filter });
    });
    return b;
  }),
);
$("xlsx").addEventListener("click", () => worker.postMessage({ type: "file", xlsx: true }));
$("csv").addEventListener("click", () => worker.postMessage({ type: "file", xlsx: false }));
$("print").addEventListener("click", () => worker.postMessage({ type: "notices" }));
