// A hand-written, allocation-free Python tokenizer: enough of CPython's tokenize to find
// module-level statements, strings and brackets in one linear pass, never executing anything.
import { ScannerBase, type TokenKind } from "./scan-base";

export type { SyntaxIssue, Token, TokenKind } from "./scan-base";

const enum Ch {
  Tab = 9, Lf = 10, FormFeed = 12, Cr = 13, Space = 32, Hash = 35, Quote = 34, Apostrophe = 39,
  Backslash = 92, Dot = 46, Underscore = 95, Equals = 61, Minus = 45, Greater = 62, Colon = 58,
  OpenParen = 40, CloseParen = 41, OpenSquare = 91, CloseSquare = 93, OpenCurly = 123, CloseCurly = 125,
}

/**
 * Reads one token per `next()` call and exposes it through fields (kind, start, end, line),
 * like TypeScript's own scanner, so that function bodies cost no allocations.
 * Newlines inside brackets and after `\` are joined, as in CPython; blank and comment-only
 * lines produce nothing. The first problem CPython would also reject ends the scan (`issue`).
 */
export class PythonScanner extends ScannerBase {
  next(): TokenKind {
    const text = this.text;
    for (;;) {
      if (!this.lineHasTokens && this.bracketChars.length === 0) this.measureIndent();
      let c = text.charCodeAt(this.pos);
      while (c === Ch.Space || c === Ch.Tab || c === Ch.FormFeed) c = text.charCodeAt(++this.pos);
      if (this.pos >= text.length) return this.finish();
      if (c === Ch.Hash) {
        this.skipToLineEnd();
        continue;
      }
      if (c === Ch.Lf || c === Ch.Cr) {
        this.consumeLineBreak();
        if (this.bracketChars.length > 0 || !this.lineHasTokens) continue;
        this.lineHasTokens = false;
        return this.emit("newline", this.pos, this.lineNo - 1);
      }
      if (c === Ch.Backslash) {
        const after = text.charCodeAt(this.pos + 1);
        if (after === Ch.Lf || after === Ch.Cr) {
          this.pos++;
          this.consumeLineBreak();
          continue;
        }
        return this.fail("unexpected character after line continuation character", this.lineNo);
      }
      this.atLineStart = !this.lineHasTokens;
      this.lineHasTokens = true;
      this.start = this.pos;
      this.line = this.lineNo;
      return this.scanToken(c);
    }
  }

  private scanToken(c: number): TokenKind {
    if (isNameStart(c)) {
      this.scanName();
      const quote = this.text.charCodeAt(this.pos);
      if ((quote === Ch.Quote || quote === Ch.Apostrophe) && isStringPrefix(this.text, this.start, this.pos)) {
        return this.scanString();
      }
      return this.emit("name", this.pos, this.line);
    }
    if (isDigit(c) || (c === Ch.Dot && isDigit(this.text.charCodeAt(this.pos + 1)))) return this.scanNumber();
    if (c === Ch.Quote || c === Ch.Apostrophe) return this.scanString();
    return this.scanOperator(c);
  }

  private scanName(): void {
    let c = this.text.charCodeAt(++this.pos);
    while (isNameStart(c) || isDigit(c)) c = this.text.charCodeAt(++this.pos);
  }

  private scanNumber(): TokenKind {
    const text = this.text;
    const hex = text.charCodeAt(this.start) === 48 && (text[this.start + 1] === "x" || text[this.start + 1] === "X");
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (isNameStart(c) || isDigit(c) || c === Ch.Dot) this.pos++;
      else if ((c === 43 || c === Ch.Minus) && !hex && /[eE]/.test(text[this.pos - 1])) this.pos++;
      else break;
    }
    return this.emit("number", this.pos, this.line);
  }

  /**
   * Consumes the rest of the current logical line without producing its tokens (function
   * bodies): only what CPython's tokenizer rejects is checked (brackets, strings, line
   * continuations), and the line ends exactly where `next()` would end it. Returns the
   * "newline" that ends it, or "eof" when a problem ends the scan.
   */
  skipLine(): TokenKind {
    const text = this.text;
    let colon = this.kind === "op" && this.end - this.start === 1 && text.charCodeAt(this.start) === Ch.Colon;
    for (;;) {
      if (this.pos >= text.length) {
        this.lineEndsWithColon = colon;
        return this.finish();
      }
      const c = text.charCodeAt(this.pos);
      switch (c) {
        case Ch.Space: case Ch.Tab: case Ch.FormFeed:
          this.pos++;
          continue;
        case Ch.Hash:
          this.skipToLineEnd();
          continue;
        case Ch.Lf: case Ch.Cr:
          this.consumeLineBreak();
          if (this.bracketChars.length > 0) continue;
          this.lineHasTokens = false;
          this.lineEndsWithColon = colon;
          return this.emit("newline", this.pos, this.lineNo - 1);
        case Ch.Backslash: {
          const after = text.charCodeAt(this.pos + 1);
          if (after !== Ch.Lf && after !== Ch.Cr) return this.fail("unexpected character after line continuation character", this.lineNo);
          this.pos++;
          this.consumeLineBreak();
          continue;
        }
        case Ch.Quote: case Ch.Apostrophe:
          this.start = this.pos;
          this.line = this.lineNo;
          if (this.scanString() === "eof") return "eof";
          colon = false;
          continue;
        case Ch.OpenParen: case Ch.OpenSquare: case Ch.OpenCurly:
          this.openBracket(text[this.pos++]);
          colon = false;
          continue;
        case Ch.CloseParen: case Ch.CloseSquare: case Ch.CloseCurly:
          if (!this.closeBracket(text[this.pos++])) return "eof";
          colon = false;
          continue;
        case Ch.Colon:
          this.pos++;
          // `:=` ends in `=`; a token that ends in `:` can only be the `:` operator.
          colon = text.charCodeAt(this.pos) !== Ch.Equals;
          continue;
      }
      this.pos++;
      colon = false;
    }
  }

  private scanOperator(c: number): TokenKind {
    const text = this.text;
    const char = text[this.pos++];
    if (char === "(" || char === "[" || char === "{") {
      this.openBracket(char);
    } else if (char === ")" || char === "]" || char === "}") {
      if (!this.closeBracket(char)) return "eof";
    } else {
      const next = text.charCodeAt(this.pos);
      if ((char === "*" || char === "/" || char === "<" || char === ">") && text[this.pos] === char) {
        this.pos++;
        if (text.charCodeAt(this.pos) === Ch.Equals) this.pos++;
      } else if (next === Ch.Equals && "=!<>+-*/%&|^@:".includes(char)) {
        this.pos++;
      } else if (c === Ch.Minus && next === Ch.Greater) {
        this.pos++;
      }
    }
    return this.emit("op", this.pos, this.line);
  }
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === Ch.Underscore || c >= 0x80;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** r, u, b, f, t and their two-letter combinations, in any case (CPython's string prefixes). */
function isStringPrefix(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length > 2) return false;
  const prefix = text.slice(start, end).toLowerCase();
  return /^(r|u|b|f|t|br|rb|fr|rf|tr|rt)$/.test(prefix);
}
