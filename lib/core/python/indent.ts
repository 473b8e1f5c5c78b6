import type { SyntaxIssue } from "./tokens";

/**
 * CPython's indentation rules for logical lines: a deeper line must follow a line ending in
 * `:` ("unexpected indent"), a header must be followed by a deeper line ("expected an indented
 * block"), and a shallower line must return to a level seen before ("unindent does not match").
 */
export class IndentTracker {
  private levels = [0];
  private expectIndent = false;
  private headerLine = 0;

  /** Open blocks after the last `enter`. */
  get depth(): number {
    return this.levels.length - 1;
  }

  enter(column: number, line: number): SyntaxIssue | null {
    const top = this.levels[this.levels.length - 1];
    if (column > top) {
      if (!this.expectIndent) return { message: "unexpected indent", line };
      this.levels.push(column);
    } else {
      if (this.expectIndent) return this.missingBlock();
      while (column < this.levels[this.levels.length - 1]) this.levels.pop();
      if (column !== this.levels[this.levels.length - 1]) {
        return { message: "unindent does not match any outer indentation level", line };
      }
    }
    this.expectIndent = false;
    return null;
  }

  leave(endsWithColon: boolean, line: number): void {
    this.expectIndent = endsWithColon;
    this.headerLine = line;
  }

  /** At the end of the file CPython reports the header's own line. */
  finish(): SyntaxIssue | null {
    return this.expectIndent ? this.missingBlock(0) : null;
  }

  private missingBlock(after = 1): SyntaxIssue {
    return { message: `expected an indented block after line ${this.headerLine}`, line: this.headerLine + after };
  }
}
