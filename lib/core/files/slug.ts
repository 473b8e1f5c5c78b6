// New revision ids and file names, as `alembic revision` / `alembic merge` make them (§1.5).

/** The values a file_template may use; all but rev and slug are ints in Python. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Seconds since the Unix epoch (`int(create_date.timestamp())`). */
  epoch: number;
}

/**
 * `"_".join(re.findall(r"\w+", message)).lower()`, then truncated: cut to the length, drop the
 * text after the last `_`, add `_`. Python's \w is Unicode letters, numbers and `_`.
 */
export function slugify(message: string, truncateSlugLength = 40): string {
  const limit = truncateSlugLength || 40;
  const slug = (message.match(/[\p{L}\p{N}_]+/gu) ?? []).join("_").toLowerCase();
  const codePoints = Array.from(slug);
  if (codePoints.length <= limit) return slug;
  const cut = codePoints.slice(0, limit).join("");
  const lastUnderscore = cut.lastIndexOf("_");
  return (lastUnderscore < 0 ? cut : cut.slice(0, lastUnderscore)) + "_";
}

/** Last 12 hex digits of a random UUID4 (`uuid.uuid4().hex[-12:]`). */
export function newRevisionId(): string {
  return globalThis.crypto.randomUUID().replace(/-/g, "").slice(-12);
}

/** Local-time parts of a Date, as Alembic's naive `datetime.now()` gives them. */
export function localDateParts(date: Date): DateParts {
  return {
    year: date.getFullYear(),
    month: date.getMonth() + 1,
    day: date.getDate(),
    hour: date.getHours(),
    minute: date.getMinutes(),
    second: date.getSeconds(),
    epoch: Math.floor(date.getTime() / 1000),
  };
}

// Python %-format: %(key)[flags][width][.precision]type.
const FORMAT_SPEC = /%(?:\(([^)]*)\))?([-+ 0#]*)(\d*)(?:\.(\d+))?([a-zA-Z%])?/g;
const TOKENS = ["rev", "slug", "epoch", "year", "month", "day", "hour", "minute", "second"];

/**
 * Why `file_template % {...}` would fail in Alembic, or null. readAlembicIni reports this, so
 * a broken template surfaces in `retort check` rather than when a merge is written.
 */
export function fileTemplateProblem(template: string): { message: string; fix: string } | null {
  for (const [spec, key, , , , type] of template.matchAll(FORMAT_SPEC)) {
    if (spec === "%%") continue;
    if (key === undefined || type === undefined) {
      return { message: `file_template ${JSON.stringify(template)}: "${spec}" is not a %(name)s placeholder (Python: format requires a mapping).`,
        fix: "Use placeholders like %(rev)s, %(slug)s, %(year)d or %(month).2d; write %% (%%%% in the ini) for a literal percent sign." };
    }
    if (!TOKENS.includes(key)) {
      return { message: `file_template ${JSON.stringify(template)} uses unknown token '${key}' (Alembic: KeyError: '${key}').`,
        fix: `Available tokens: ${TOKENS.join(", ")}.` };
    }
    if (!"sr".includes(type) && (key === "rev" || key === "slug" || !"diuxXo".includes(type))) {
      return { message: `file_template ${JSON.stringify(template)}: %${type} cannot format '${key}'.`, fix: "Use %(name)s for text and %(name)d for numbers." };
    }
  }
  return null;
}

/**
 * `file_template % {rev, slug, epoch, year, ...}`, without the extension. `template` is the value
 * after ini interpolation (`%%(rev)s` in the file has become `%(rev)s`). A "/" in the result
 * makes subdirectories (Alembic 1.18+). Specs fileTemplateProblem rejects are left as written.
 */
export function renderFileName(template: string, values: { rev: string; slug: string; date: Date | DateParts }): string {
  const parts = values.date instanceof Date ? localDateParts(values.date) : values.date;
  const mapping: Record<string, string | number> = { rev: values.rev, slug: values.slug, ...parts };
  return template.replace(FORMAT_SPEC, (spec, key: string | undefined, flags: string, width: string, precision: string | undefined, type: string | undefined) => {
    if (spec === "%%") return "%";
    if (key === undefined || type === undefined || !Object.hasOwn(mapping, key)) return spec;
    const formatted = formatValue(mapping[key], type, precision);
    return formatted === null ? spec : pad(formatted, Number(width || 0), flags);
  });
}

function formatValue(value: string | number, type: string, precision: string | undefined): string | null {
  if (type === "s" || type === "r") {
    const text = type === "r" && typeof value === "string" ? `'${value}'` : String(value);
    return precision === undefined ? text : text.slice(0, Number(precision));
  }
  if (typeof value !== "number" || !"diuxXo".includes(type)) return null;
  const radix = type === "x" || type === "X" ? 16 : type === "o" ? 8 : 10;
  let digits = Math.abs(value).toString(radix);
  if (type === "X") digits = digits.toUpperCase();
  if (precision !== undefined) digits = digits.padStart(Number(precision), "0");
  return (value < 0 ? "-" : "") + digits;
}

function pad(text: string, width: number, flags: string): string {
  if (text.length >= width) return text;
  if (flags.includes("-")) return text.padEnd(width, " ");
  if (flags.includes("0") && /^-?[0-9a-fA-F]+$/.test(text)) {
    const sign = text.startsWith("-") ? "-" : "";
    return sign + text.slice(sign.length).padStart(width - sign.length, "0");
  }
  return text.padStart(width, " ");
}
