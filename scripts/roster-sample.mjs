// A made-up roster of N people, as a village's list might be (households of one
// to five, birth dates, hukou, work, low-income status, cover last year), for
// the roster's benchmarks and browser test. The same seed, the same list.
//
//   node scripts/roster-sample.mjs N > list.csv
const n = Number(process.argv[2] ?? 1000);
let seed = 20261204;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = (xs) => xs[Math.floor(random() * xs.length)];
const out = ["姓名,出生日期,性别,本地户口,户口类型,就业情况,困难类别,残疾等级,现参保,最近参保年度,户号"];
let household = 0;
let left = 0;
for (let i = 0; i < n; i++) {
  if (left === 0) {
    household++;
    left = 1 + Math.floor(random() * 5);
  }
  left--;
  const year = 1930 + Math.floor(random() * 95);
  const date = `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`;
  const work = year > 2008 ? "在校学生" : year < 1960 ? "已退休" : pick(["务农", "务农", "没有工作", "在单位上班", "灵活就业"]);
  out.push([`居民${i + 1}`, date, pick(["男", "女"]), pick(["是", "是", "是", "否"]), pick(["农村", "城镇"]), work, pick(["都不是", "都不是", "都不是", "低保对象", "特困人员"]), pick(["0", "0", "0", "0", "1"]), pick(["城乡居民医保", "无"]), pick(["2026", "2026", "2025", "2024", "从未"]), `H${household}`].join(","));
}
process.stdout.write(out.join("\n") + "\n");
