// The small AST of the Python expressions revision headers use (python-expr.ts builds it,
// python-eval.ts evaluates it).

export type Expr =
  | { t: "str"; value: string }
  | { t: "fstring"; parts: (string | FormatField)[] }
  | { t: "bytes" }
  | { t: "num"; value: number }
  | { t: "const"; value: null | boolean }
  | { t: "name"; id: string }
  | { t: "attr"; value: Expr; attr: string }
  | { t: "call"; func: Expr; args: Expr[] }
  | { t: "subscript"; value: Expr; index: Expr }
  | { t: "seq"; kind: "tuple" | "list" | "set"; items: Expr[] }
  | { t: "bin"; op: string; left: Expr; right: Expr }
  | { t: "unary"; op: string; operand: Expr }
  | { t: "bool"; op: "and" | "or"; left: Expr; right: Expr }
  | { t: "cmp"; op: string; left: Expr; right: Expr }
  | { t: "cond"; test: Expr; body: Expr; orelse: Expr }
  | { t: "unsupported"; source: string };

export interface FormatField {
  expr: Expr;
  conversion: "r" | "s" | null;
  spec: string;
}
