// The check page: the canbao-check component, with the page's query as its
// properties (?region=ordos-2009&year=2010&today=2010-01-05&regions=…).
Component({
  properties: {
    region: { type: String, value: "" },
    year: { type: String, value: "" },
    today: { type: String, value: "" },
    regions: { type: String, value: "" },
  },
});
