import { tokenize, toLines, type Language, type TokenKind } from "./highlight";

const colours: Record<TokenKind, string> = {
  plain: "",
  keyword: "text-sky-700 dark:text-sky-400 font-medium",
  string: "text-emerald-700 dark:text-emerald-400",
  comment: "text-zinc-500 italic dark:text-zinc-400",
  number: "text-amber-700 dark:text-amber-400",
  meta: "text-fuchsia-700 dark:text-fuchsia-400",
  decorator: "text-fuchsia-700 dark:text-fuchsia-400",
  constant: "text-amber-700 dark:text-amber-400",
};

/** Source with line numbers and light highlighting, rendered on the server. */
export function SourceViewer({
  source,
  language,
  title,
  testId = "source-viewer",
}: {
  source: string;
  language: Language;
  title?: string;
  testId?: string;
}) {
  const lines = toLines(tokenize(source.replace(/\s+$/, ""), language));
  return (
    <figure
      data-testid={testId}
      data-language={language}
      className="overflow-hidden rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
    >
      {title && (
        <figcaption className="flex items-center justify-between border-b border-zinc-200 bg-zinc-50 px-4 py-2 font-mono text-xs text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400">
          <span className="truncate">{title}</span>
          <span className="uppercase tracking-wide text-zinc-600 dark:text-zinc-400">{language}</span>
        </figcaption>
      )}
      <pre className="overflow-x-auto py-3 font-mono text-[13px] leading-6">
        <code>
          {lines.map((line, n) => (
            <div key={n} className="flex hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
              <span className="w-12 shrink-0 select-none pr-4 text-right text-zinc-500 dark:text-zinc-400">{n + 1}</span>
              <span className="whitespace-pre pr-4">
                {line.length === 0
                  ? " "
                  : line.map((token, k) =>
                      token.kind === "plain" ? token.text : (
                        <span key={k} className={colours[token.kind]}>
                          {token.text}
                        </span>
                      ),
                    )}
              </span>
            </div>
          ))}
        </code>
      </pre>
    </figure>
  );
}
