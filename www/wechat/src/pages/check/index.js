// The check page: a short form, then the answer. The engine runs here, in the
// mini-program: nothing about the person leaves the phone.
import { check, regions } from "../../canbao/loader.js";
import { requestFrom, view, errorView } from "./logic.js";

const CHOICES = {
  sex: [["male", "男"], ["female", "女"]],
  hukouType: [["urban", "城镇户籍"], ["rural", "农村户籍"]],
  employment: [["none", "没有工作"], ["employee", "在单位工作"], ["public_employee", "财政供养人员"], ["flexible", "灵活就业/个体"], ["farmer", "务农"], ["student", "在校学生"], ["retired", "退休"]],
  lowIncome: [["none", "不是"], ["low_income_family", "低收入家庭"], ["dibao", "低保"]],
};

const LABELS = { sex: "性别", hukouType: "户籍", employment: "就业情况", lowIncome: "低保或低收入" };

Page({
  data: { regions: [], regionIndex: 0, form: { lang: "zh-CN" }, choices: CHOICES, labels: LABELS, shown: {}, result: null, error: null, ask: [] },

  async onLoad() {
    await getApp().canbao;
    const list = regions("zh-CN");
    const regionIndex = Math.max(0, list.findIndex((r) => r.default));
    this.setData({ regions: list, regionIndex, "form.region": list[regionIndex].id });
  },

  onRegion(e) {
    const i = Number(e.detail.value);
    this.setData({ regionIndex: i, "form.region": this.data.regions[i].id });
  },

  onField(e) {
    const key = e.currentTarget.dataset.key;
    let value = e.detail.value;
    let shown = value;
    if (e.currentTarget.dataset.choices) [value, shown] = CHOICES[key][Number(value)];
    if (e.currentTarget.dataset.bool) value = value === true || value === "true";
    this.setData({ [`form.${key}`]: value, [`shown.${key}`]: shown, error: null });
  },

  onCheck() {
    try {
      const answer = view(check(requestFrom(this.data.form)));
      this.setData({ result: answer, ask: answer.ask, error: null });
    } catch (e) {
      this.setData({ result: null, error: errorView(e) });
    }
  },
});
