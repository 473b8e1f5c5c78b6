// lib/core/python: just enough of Python to read a revision header without running it: the
// tokenizer, expressions and module-level statements, constant evaluation (names, imports of the
// project's own modules, concatenation, formatting) and Python's repr, as CPython does them.
export { evaluate, type Scope } from "./eval";
export { parseExpression } from "./expr";
export { decodeStringLiteral, pythonRepr } from "./strings";
export { PythonScanner, type Token } from "./tokens";
export { reprOf, strOf, type PyValue } from "./value";
