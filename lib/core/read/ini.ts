// Python's configparser.ConfigParser as Alembic uses it (§9.1): strict, BasicInterpolation,
// comments only at line start, values interpolated when read (not when loaded).
import type { Problem } from "../types";
import { pythonRepr } from "../python/strings";

export interface IniOption {
  /** Lower-cased, as configparser's optionxform does. */
  name: string;
  /** Uninterpolated value; continuation lines joined with "\n". */
  raw: string;
  /** 1-based line of `name = value`; null for constructor defaults such as `here`. */
  line: number | null;
}

export interface IniSection {
  name: string;
  line: number;
  options: Map<string, IniOption>;
}

export interface IniDocument {
  sections: Map<string, IniSection>;
  /** The parser defaults (e.g. `here`) overlaid by the [DEFAULT] section. */
  defaults: Map<string, IniOption>;
  /** Errors configparser raises while reading (Alembic then fails on every command). */
  problems: Problem[];
}

export type OptionResult = { ok: true; value: string } | { ok: false; problem: Problem };

const DEFAULT_SECTION = "DEFAULT";
const MAX_INTERPOLATION_DEPTH = 10;
const SECTION_HEADER = /^\[(.+)\]/;
const OPTION_LINE = /^(.*?)\s*([=:])\s*(.*)$/;

export function parseIni(text: string, defaults: Record<string, string>): IniDocument {
  const doc: IniDocument = { sections: new Map(), defaults: new Map(), problems: [] };
  for (const [name, raw] of Object.entries(defaults)) {
    doc.defaults.set(name.toLowerCase(), { name: name.toLowerCase(), raw, line: null });
  }
  const parts = new Map<IniOption, string[]>();
  let section: Map<string, IniOption> | null = null;
  let sectionName = "";
  let option: IniOption | null = null;
  let indentLevel = 0;
  const lines = text.replace(/^\ufeff/, "").split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    const stripped = lines[index].trim();
    const isComment = stripped.startsWith("#") || stripped.startsWith(";");
    if (stripped === "" || isComment) {
      // Blank lines belong to a multi-line value (empty_lines_in_values); comment lines vanish.
      if (!isComment && option) parts.get(option)?.push("");
      continue;
    }
    const indent = lines[index].search(/\S/);
    if (section && option && indent > indentLevel) {
      parts.get(option)?.push(stripped);
      continue;
    }
    indentLevel = indent;
    const header = SECTION_HEADER.exec(stripped);
    if (header) {
      sectionName = header[1];
      section = openSection(doc, sectionName, line);
      option = null;
      continue;
    }
    if (!section) {
      doc.problems.push(iniProblem(`File contains no section headers (line ${line}: ${pythonRepr(lines[index])}).`, line,
        "Put a section header such as [alembic] above the first option."));
      return doc;
    }
    option = readOption(doc, section, sectionName, stripped, line);
    if (option) parts.set(option, [option.raw]);
  }
  for (const [opt, values] of parts) opt.raw = values.join("\n").trimEnd();
  return doc;
}

function openSection(doc: IniDocument, name: string, line: number): Map<string, IniOption> {
  if (name === DEFAULT_SECTION) return doc.defaults;
  const existing = doc.sections.get(name);
  if (existing) {
    doc.problems.push(iniProblem(`[line ${String(line).padStart(2)}]: section ${pythonRepr(name)} already exists (configparser DuplicateSectionError).`,
      line, `Merge the two [${name}] sections into one.`));
    return existing.options;
  }
  const section: IniSection = { name, line, options: new Map() };
  doc.sections.set(name, section);
  return section.options;
}

function readOption(doc: IniDocument, section: Map<string, IniOption>, sectionName: string, text: string, line: number): IniOption | null {
  const match = OPTION_LINE.exec(text);
  const name = match ? match[1].trimEnd().toLowerCase() : "";
  if (!match || name === "") {
    doc.problems.push(iniProblem(`Source contains parsing errors: [line ${String(line).padStart(2)}]: ${pythonRepr(text)}`, line,
      "Write options as `key = value`, indent continuation lines, and start comments with # or ; at the beginning of a line."));
    return null;
  }
  const earlier = section.get(name);
  if (earlier && earlier.line !== null) {
    doc.problems.push(iniProblem(`[line ${String(line).padStart(2)}]: option ${pythonRepr(name)} in section ${pythonRepr(sectionName)} already exists (configparser DuplicateOptionError).`,
      line, `Delete one of the two '${name}' lines (the first is on line ${earlier.line}).`));
  }
  const option: IniOption = { name, raw: match[3].trim(), line };
  section.set(name, option);
  return option;
}

/** Every option a `config.items(section)` call would return: the section's own, then defaults. */
export function sectionOptionNames(doc: IniDocument, section: string): string[] {
  const own = section === DEFAULT_SECTION ? [] : [...(doc.sections.get(section)?.options.keys() ?? [])];
  return [...new Set([...own, ...doc.defaults.keys()])];
}

/** `config.get(section, key)` with BasicInterpolation; failures carry configparser's message. */
export function getOption(doc: IniDocument, section: string, key: string): OptionResult {
  const options = section === DEFAULT_SECTION ? doc.defaults : doc.sections.get(section)?.options;
  if (!options) return { ok: false, problem: iniProblem(`No section: ${pythonRepr(section)}`, undefined, `Add a [${section}] section.`) };
  const name = key.toLowerCase();
  const option = options.get(name) ?? doc.defaults.get(name);
  if (!option) {
    return { ok: false, problem: iniProblem(`No option ${pythonRepr(name)} in section: ${pythonRepr(section)}`, undefined, `Add \`${name} = …\` to [${section}].`) };
  }
  const lookup = (ref: string) => options.get(ref) ?? doc.defaults.get(ref);
  const out: string[] = [];
  const failure = interpolate({ section, option, lookup }, option.raw, option.name, 1, out);
  if (failure) return { ok: false, problem: iniProblem(failure.message, option.line ?? undefined, failure.fix) };
  return { ok: true, value: out.join("") };
}

interface Interpolation {
  section: string;
  option: IniOption;
  lookup: (name: string) => IniOption | undefined;
}

/** BasicInterpolation._interpolate_some; `source` names the option whose text `rest` is. */
function interpolate(ctx: Interpolation, value: string, source: string, depth: number, out: string[]): { message: string; fix: string } | null {
  const { section, option } = ctx;
  const shown = (text: string, from: string) => (isSecretOption(from) || isSecretOption(option.name) ? "'<hidden>'" : pythonRepr(text));
  if (depth > MAX_INTERPOLATION_DEPTH) {
    return {
      message: `Recursion limit exceeded in value substitution: option ${pythonRepr(option.name)} in section ${pythonRepr(section)} contains an interpolation key which cannot be substituted in ${MAX_INTERPOLATION_DEPTH} steps. Raw value: ${shown(option.raw, option.name)}`,
      fix: "Remove the circular %(name)s references between these options.",
    };
  }
  let rest = value;
  while (rest !== "") {
    const percent = rest.indexOf("%");
    if (percent < 0) {
      out.push(rest);
      return null;
    }
    out.push(rest.slice(0, percent));
    rest = rest.slice(percent);
    const next = rest[1];
    if (next === "%") {
      out.push("%");
      rest = rest.slice(2);
      continue;
    }
    const literal = /^%\S*/.exec(rest)?.[0] ?? "%";
    const escape = isSecretOption(source) ? "Double every % in the value (e.g. P%40ss → P%%40ss)." : `Write %${literal} (%% is a literal percent sign).`;
    if (next !== "(") {
      return { message: `'%' must be followed by '%' or '(', found: ${shown(rest, source)}`, fix: escape };
    }
    const reference = /^%\(([^)]+)\)s/.exec(rest);
    if (!reference) return { message: `bad interpolation variable reference ${shown(rest, source)}`, fix: escape };
    const name = reference[1].toLowerCase();
    rest = rest.slice(reference[0].length);
    const target = ctx.lookup(name);
    if (!target) {
      return {
        message: `Bad value substitution: option ${pythonRepr(option.name)} in section ${pythonRepr(section)} contains an interpolation key ${pythonRepr(name)} which is not a valid option name. Raw value: ${shown(option.raw, option.name)}`,
        fix: `Write %%(${reference[1]})s if it is meant literally (Alembic fills file_template tokens itself), or define '${name}' in [${section}] or [DEFAULT].`,
      };
    }
    if (!target.raw.includes("%")) out.push(target.raw);
    else {
      const failure = interpolate(ctx, target.raw, target.name, depth + 1, out);
      if (failure) return failure;
    }
  }
  return null;
}

/** Options whose values must never appear in messages (design principle 5). */
export function isSecretOption(name: string): boolean {
  return name === "sqlalchemy.url" || /password|passwd|secret|token/i.test(name);
}

function iniProblem(message: string, line: number | undefined, fix: string): Problem {
  return { kind: "ini", message, line, fix };
}
