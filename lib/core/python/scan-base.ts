// The state and the low-level moves of the Python scanner (python-tokens.ts): positions and
// lines, brackets, strings, line breaks, and the first problem CPython would also reject.

export type TokenKind = "name" | "number" | "string" | "op" | "newline" | "eof";

export interface SyntaxIssue {
  message: string;
  line: number;
}

/** A token kept for statement analysis (module-level lines only). */
export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  line: number;
}

const enum Ch {
  Tab = 9, Lf = 10, FormFeed = 12, Cr = 13, Space = 32, Hash = 35, Quote = 34, Apostrophe = 39,
  Backslash = 92, Dot = 46, Underscore = 95, Equals = 61, Minus = 45, Greater = 62, Colon = 58,
  OpenParen = 40, CloseParen = 41, OpenSquare = 91, CloseSquare = 93, OpenCurly = 123, CloseCurly = 125,
}

const BRACKET_PAIRS: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

/** Token fields, position and open brackets; PythonScanner adds the token rules on top. */
export class ScannerBase {
  kind: TokenKind = "newline";
  start = 0;
  end = 0;
  line = 1;
  /** Indentation column of the current logical line (tabs advance to multiples of 8). */
  indent = 0;
  /** True while the current token is the first of its logical line. */
  atLineStart = false;
  issue: SyntaxIssue | null = null;
  /** After `skipLine`: whether the skipped logical line's last token was `:`. */
  lineEndsWithColon = false;
  protected pos: number;
  protected lineNo = 1;
  // Open brackets as parallel stacks of characters and lines: no allocation per bracket.
  protected bracketChars: string[] = [];
  protected bracketLines: number[] = [];
  protected lineHasTokens = false;

  /** `start`: where to begin, at the start of a line (line numbers then count from there, as 1). */
  constructor(readonly text: string, start = 0) {
    this.pos = start === 0 && text.charCodeAt(0) === 0xfeff ? 1 : start;
  }

  tokenText(): string {
    return this.text.slice(this.start, this.end);
  }

  /** True when the current token is the operator `op`. */
  isOp(op: string): boolean {
    if (this.kind !== "op" || this.end - this.start !== op.length) return false;
    return op.length === 1 ? this.text.charCodeAt(this.start) === op.charCodeAt(0) : this.text.startsWith(op, this.start);
  }

  /** True when the current token is the name (or keyword) `word`. */
  isName(word: string): boolean {
    return this.kind === "name" && this.end - this.start === word.length && this.text.startsWith(word, this.start);
  }

  protected measureIndent(): void {
    const text = this.text;
    let column = 0;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === Ch.Space) column++;
      else if (c === Ch.Tab) column = column - (column % 8) + 8;
      else if (c === Ch.FormFeed) column = 0;
      else break;
      this.pos++;
    }
    this.indent = column;
  }

  protected finish(): TokenKind {
    const depth = this.bracketChars.length;
    if (depth > 0) return this.fail(`'${this.bracketChars[depth - 1]}' was never closed`, this.bracketLines[depth - 1]);
    if (this.lineHasTokens) {
      this.lineHasTokens = false;
      return this.emit("newline", this.pos, this.lineNo);
    }
    return this.emit("eof", this.pos, this.lineNo);
  }

  protected emit(kind: TokenKind, end: number, line: number): TokenKind {
    if (kind === "newline" || kind === "eof") {
      this.start = end;
      this.atLineStart = false;
    }
    this.end = end;
    this.line = line;
    this.kind = kind;
    return kind;
  }

  protected fail(message: string, line: number): TokenKind {
    this.issue = { message, line };
    this.pos = this.text.length;
    this.bracketChars.length = 0;
    this.bracketLines.length = 0;
    this.lineHasTokens = false;
    return this.emit("eof", this.pos, line);
  }

  protected skipToLineEnd(): void {
    const text = this.text;
    let c = text.charCodeAt(this.pos);
    while (this.pos < text.length && c !== Ch.Lf && c !== Ch.Cr) c = text.charCodeAt(++this.pos);
  }

  protected consumeLineBreak(): void {
    if (this.text.charCodeAt(this.pos) === Ch.Cr && this.text.charCodeAt(this.pos + 1) === Ch.Lf) this.pos++;
    this.pos++;
    this.lineNo++;
  }

  /** Called with `pos` on the opening quote (any prefix is already behind it). */
  protected scanString(): TokenKind {
    const text = this.text;
    const quote = text.charCodeAt(this.pos);
    const triple = text.charCodeAt(this.pos + 1) === quote && text.charCodeAt(this.pos + 2) === quote;
    this.pos += triple ? 3 : 1;
    for (;;) {
      if (this.pos >= text.length) {
        const what = triple ? "unterminated triple-quoted string literal" : "unterminated string literal";
        const lastLine = /[\r\n]$/.test(text) ? this.lineNo - 1 : this.lineNo;
        return this.fail(`${what} (detected at line ${lastLine})`, this.line);
      }
      const c = text.charCodeAt(this.pos);
      if (c === Ch.Backslash) {
        // A backslash protects the next character even in raw strings (r"\"" is one string).
        this.pos++;
        const escaped = text.charCodeAt(this.pos);
        if (escaped === Ch.Lf || escaped === Ch.Cr) this.consumeLineBreak();
        else this.pos++;
      } else if (c === quote) {
        if (!triple) break;
        if (text.charCodeAt(this.pos + 1) === quote && text.charCodeAt(this.pos + 2) === quote) {
          this.pos += 2;
          break;
        }
        this.pos++;
      } else if (c === Ch.Lf || c === Ch.Cr) {
        if (!triple) return this.fail(`unterminated string literal (detected at line ${this.lineNo})`, this.line);
        this.consumeLineBreak();
      } else {
        this.pos++;
      }
    }
    this.pos++;
    return this.emit("string", this.pos, this.line);
  }

  protected openBracket(char: string): void {
    this.bracketChars.push(char);
    this.bracketLines.push(this.lineNo);
  }

  /** False (and the scan ends) when `char` closes nothing or the wrong bracket. */
  protected closeBracket(char: string): boolean {
    const open = this.bracketChars.pop();
    const openLine = this.bracketLines.pop();
    if (open === undefined) {
      this.fail(`unmatched '${char}'`, this.lineNo);
      return false;
    }
    if (open !== BRACKET_PAIRS[char]) {
      const where = openLine === this.lineNo ? "" : ` on line ${openLine}`;
      this.fail(`closing parenthesis '${char}' does not match opening parenthesis '${open}'${where}`, this.lineNo);
      return false;
    }
    return true;
  }

}
