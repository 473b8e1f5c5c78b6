// lib/core/files: what a revision file is, for reading and for writing: its kind (Python, SQL,
// neither), a valid revision id, new ids and slugs, file names from file_template, and POSIX
// paths inside a project.
export { classifyRevisionFile, validateRevisionId } from "./revision-file";
export { fileTemplateProblem, newRevisionId, renderFileName, slugify } from "./slug";
export { joinPath, normalizePath, relativePath, resolvePath } from "./posix-path";
