// How the CLI speaks: JSON for machines (`--json`), plain lines for people, one error shape.

export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export interface Output {
  json: boolean;
  /** Lines for people, only printed without --json. */
  line(text: string): void;
  /** The JSON document, only printed with --json. */
  result(value: unknown): void;
  /** Writes what is batched now (before an error goes to stderr, say). */
  flush(): void;
}

/** A batch is written at the latest when it reaches this size. */
const BATCH_CHARS = 1 << 16;

/**
 * Text is batched and written once the current synchronous run of lines ends (a microtask),
 * so `retort history` at 5,000 revisions makes a few writes instead of 5,000; a command that
 * awaits between lines (an upgrade's progress) still prints each as it comes.
 */
export function createOutput(json: boolean, write: (s: string) => void = (s) => process.stdout.write(s)): Output {
  let batch = "";
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (batch === "") return;
    const text = batch;
    batch = "";
    write(text);
  };
  const emit = (text: string) => {
    batch += text;
    if (batch.length >= BATCH_CHARS) flush();
    else if (!scheduled) {
      scheduled = true;
      queueMicrotask(flush);
    }
  };
  return {
    json,
    line: (text) => {
      if (!json) emit(`${text}\n`);
    },
    result: (value) => {
      if (json) emit(`${JSON.stringify(value, null, 2)}\n`);
    },
    flush,
  };
}

export function printError(error: CliError, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ error: { code: error.code, message: error.message } }, null, 2)}\n`);
  } else {
    process.stderr.write(`FAILED: ${error.message}\n`);
  }
}
