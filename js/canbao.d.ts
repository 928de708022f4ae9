// The types of canbao's JSON contract and its JavaScript API. The Rust engine
// is the source of truth (src/model/request.rs, src/contract/render.rs,
// src/contract/household.rs, src/api.rs); scripts/package-pkg.mjs adds the
// policy pack's types from its JSON Schema and each entry's init functions;
// tests/types/ type-checks usage against the package under each TypeScript
// module setting.

export type Lang = "zh-CN" | "zh-TW" | "en";
export type SchemeId = "employee" | "large_expense_supplement" | "retiree_inpatient_pool" | "urban_resident"
  | "rural_cooperative" | "urban_rural_resident" | "medical_assistance";
export type Status = "mandatory" | "eligible" | "ineligible" | "needs_info";
export type Employment = "employee" | "public_employee" | "flexible" | "farmer" | "student" | "none" | "retired"
  | "unemployment_benefit";
/** How sure a source is: the official text, a reputable report of it, or inferred. */
export type Strength = "official" | "reported" | "unconfirmed";
/** A date written YYYY-MM-DD. */
export type DateString = string;
/** An amount in yuan with two decimals, like "140.00". */
export type Amount = string;

/** Every answer is optional: what is not given is unknown, and `missing` asks for it when it matters. */
export interface Person {
  birthDate?: DateString;
  /** Age on the policy's reference day, instead of a birth date (0-120). */
  age?: number;
  sex?: "male" | "female";
  hukou?: {
    /** `false` for a newborn whose hukou is not registered yet (then no type or place). */
    registered?: boolean;
    type?: "urban" | "rural";
    local?: boolean;
    /** Whether the hukou moved here; a `movedInOn` date says yes. */
    movedIn?: boolean;
    movedInOn?: DateString;
    movedAfterRetirement?: boolean;
  };
  /** Holds a residence permit (居住证) where they live. */
  residencePermit?: boolean;
  employment?: Employment;
  school?: { level?: "preschool" | "primary" | "secondary" | "higher"; fullTime?: boolean; local?: boolean };
  retirement?: {
    pensionFrom?: "local" | "elsewhere";
    enterprise?: {
      ownership?: "state" | "collective" | "private" | "other";
      condition?: "normal" | "struggling" | "closed" | "bankrupt" | "restructured";
    };
  };
  /** The help category: 低收入/低保边缘, 低保, 特困, 防返贫监测, 孤儿. */
  lowIncome?: "none" | "low_income_family" | "dibao" | "tekun" | "monitored" | "orphan";
  /** 0 for none, 1-4 for the grade. */
  disabilityGrade?: 0 | 1 | 2 | 3 | 4;
  landExpropriated?: boolean;
  childrenHaveLocalUrbanHukou?: boolean;
  monthlyWage?: Amount;
  enrolled?: "none" | SchemeId;
  history?: {
    /** The last coverage year insured in any basic scheme; `null` for never. */
    lastCoveredYear?: number | null;
    /** Years insured without a gap, up to `lastCoveredYear`. */
    continuousYears?: number;
    /** Missed years paid back now. */
    backPayYears?: number;
  };
}

export interface CheckRequest {
  /** A pack id from `regions()`; the default is the build's default pack (the national rules, `china`, or the place a build is set to). */
  region?: string;
  /** The coverage year; by default the one now being enrolled for. */
  year?: number;
  lang?: Lang;
  /** The day the person pays; by default today in China. */
  payDate?: DateString;
  person: Person;
}

export interface Reason { code: string; message: string; source: string | null; strength: Strength | null }

export interface Fee {
  period: "year" | "month";
  total: Amount | null;
  individual: Amount | null;
  employer: Amount | null;
  government: Amount | null;
  /** A floor (the national minimum): the region may charge more. */
  minimum: boolean;
  /** The rates are a guideline: the city sets its own. */
  estimate: boolean;
  /** The last published figures stand in for ones not yet published. */
  provisional: boolean;
  /** The public subsidy per person into the fund, beside the fee. */
  publicSubsidy: Amount | null;
  reasons: Reason[];
}

export interface Waiting {
  months: number | null;
  fixedMonths: number | null;
  variableMonths: number | null;
  reasons: Reason[];
}

export interface Enrol {
  through: "employer" | "school" | "home_county" | "certifier" | "unemployment_agency" | null;
  where: string[];
  whereSource: string | null;
  documents: string[];
  documentsSource: string | null;
  /** How to pay (apps, mini-programs, counters), in the place's order. */
  channels: string[];
  channelsSource: string | null;
  deadlineSource: string | null;
  /** Through whom; what the documents do not say; what to do after the deadline. */
  reasons: Reason[];
}

interface SchemeBase {
  scheme: SchemeId;
  name: string;
  role: "basic" | "supplement" | "relief";
  /** A supplement's scheme. */
  addsTo: SchemeId | null;
  /** Open only where this mandatory scheme is hard to join. */
  insteadOf: SchemeId | null;
  reasons: Reason[];
  benefits: Reason[];
}

/** A scheme the person must or may join, or may once the answers in `missing` are given: its fee and how to enrol are always there. */
export interface OpenScheme extends SchemeBase {
  status: "mandatory" | "eligible" | "needs_info";
  fee: Fee;
  enrol: Enrol;
  deadline: DateString | null;
  coverFrom: DateString | null;
  waiting: Waiting | null;
}

/** A scheme that is not for the person: the reasons say why. */
export interface ClosedScheme extends SchemeBase {
  status: "ineligible";
  fee: null;
  enrol: null;
  deadline: null;
  coverFrom: null;
  waiting: null;
}

/** Narrow by `status`: `s.status !== "ineligible"` gives `s.fee` as a Fee. */
export type SchemeResult = OpenScheme | ClosedScheme;

export interface CheckResponse {
  region: string;
  regionName: string;
  year: number;
  lang: Lang;
  referenceDate: DateString;
  payDate: DateString;
  age: number | null;
  schemes: SchemeResult[];
  /** Groups of schemes the person picks one of. */
  alternatives: SchemeId[][];
  /** Request fields (paths like "person.sex") whose answer would change the result, most decisive first. */
  missing: string[];
  warnings: Reason[];
  /** Which rules answered. */
  rules: { pack: string; hash: string; version: string };
}

export type ErrorCode = "invalid_json" | "too_large" | "invalid_type" | "unknown_field" | "missing_field"
  | "invalid_date" | "invalid_value" | "invalid_amount" | "out_of_range" | "unknown_region"
  | "year_out_of_range" | "birth_after_year" | "age_conflict" | "moved_before_birth" | "implausible"
  | "conflict" | "invalid_pack" | "loader_not_ready" | "not_loaded" | "internal";

/** What every function throws: an Error with the field at fault. */
export interface CanbaoError extends Error {
  code: ErrorCode;
  field: string;
  message: string;
  /** invalid_pack: the pack's file ("loadPolicy" for one loaded in a page). */
  file?: string;
  /** invalid_pack, for a pack written in TOML: where the key at fault is (1-based). */
  line?: number;
  column?: number;
}

export interface HouseholdRequest {
  region?: string;
  year?: number;
  lang?: Lang;
  payDate?: DateString;
  members: Person[];
}

export interface HouseholdTotal {
  period: "year" | "month";
  total: Amount | null;
  individual: Amount | null;
  employer: Amount | null;
  government: Amount | null;
}

export interface HouseholdRule extends Reason {
  scheme: SchemeId;
  members: number[];
  others: number[];
  split: boolean;
}

export interface HouseholdResponse {
  members: CheckResponse[];
  chosen: (SchemeId | null)[];
  /** Members whose scheme is not settled: a choice to make, or answers missing. */
  undecided: number[];
  totals: HouseholdTotal[];
  rules: HouseholdRule[];
  /** Every member's missing answers: "members[1].sex". */
  missing: string[];
}

export interface Source {
  id: string;
  number: string | null;
  title: string;
  issued: DateString | null;
  file: string | null;
  strength: Strength;
}

export type Province =
  | "beijing" | "tianjin" | "hebei" | "shanxi" | "neimenggu" | "liaoning" | "jilin" | "heilongjiang"
  | "shanghai" | "jiangsu" | "zhejiang" | "anhui" | "fujian" | "jiangxi" | "shandong" | "henan"
  | "hubei" | "hunan" | "guangdong" | "guangxi" | "hainan" | "chongqing" | "sichuan" | "guizhou"
  | "yunnan" | "xizang" | "shaanxi" | "gansu" | "qinghai" | "ningxia" | "xinjiang";

export interface Region {
  id: string;
  name: string;
  default: boolean;
  builtin: boolean;
  extends: string | null;
  firstYear: number;
  lastYear: number | null;
  /** The coverage year now being enrolled for, if the pack serves it. */
  enrollingYear: number | null;
  /** The province (or municipality) it is, or is in, in pinyin: what a place picker groups by. */
  province: Province | null;
  /** A province-wide pack, or a city's. */
  level: "province" | "city" | null;
  /** Former ids that still name it (`suizhou-2025`). */
  aliases: string[];
  /** Every coverage year answered with figures, oldest first; `provisional`: the figures stand in for ones not yet published. */
  years: { year: number; provisional: boolean }[];
  /** A pack loadPolicy took: what loads but is likely not meant ("file:line:column: key: message"). */
  warnings?: string[];
  schemes: SchemeId[];
  sources: Source[];
  /** FNV-1a 64 of the pack's JSON text (and its parent's hash). */
  hash: string;
}

export interface Version { version: string; packs: { id: string; hash: string; builtin: boolean }[] }

/** Words in [zh-CN, zh-TW, en]. */
export type Words = [string, string, string];

/** A request field a form may ask (`canbao/fields`). */
export interface Field {
  /** Where it goes in the request: "person.hukou.type". */
  path: string;
  /** Its key in a flat form: "hukouType". */
  key: string;
  kind: "date" | "whole" | "choice" | "yesNo" | "amount" | "year";
  /** A noun, as error messages name it. */
  label: Words;
  /** What a form asks; `{y}` stands for the year asked about. */
  question: Words;
  /** The values a choice or yes/no takes, with their names. */
  values: [string, Words][];
}

/** A place whose pack is built in (`canbao/places`), before its pack is added. */
export interface Place {
  id: string;
  name: Words;
  province: Province;
  level: "province" | "city";
  extends: string | null;
  /** [coverage year, provisional] */
  years: [number, boolean][];
}

/* POLICY_PACK */

/** Whether `e` is an error canbao threw, with its code and field. */
export function isCanbaoError(e: unknown): e is CanbaoError;

export function check(request: CheckRequest, today?: string | null): CheckResponse;
export function checkHousehold(request: HouseholdRequest, today?: string | null): HouseholdResponse;
export function regions(lang?: Lang | null, today?: string | null): Region[];
/** A pack object, or its text (TOML or JSON). */
export function loadPolicy(pack: PolicyPack | string, today?: string | null): Region;
/** Adds built-in packs fetched when wanted: the default export of `canbao/web/places/<id>.js` (a place, with the packs it extends) or `canbao/web/packs-past.js` (historical documents). In Node they are all there already. */
export function addPacks(compiled: string): void;
/** Puts another language's texts back into packs loaded without them: the default export of `canbao/web/texts-en.js` or `texts-zh-TW.js`, for a page that loads `packs-zh.js`. */
export function addTexts(texts: { lang: string; edits: [number, string][] }): void;
export function version(): Version;
