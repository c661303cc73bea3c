//! `cargo xtask imports DIR…`: fail when the modules of a crate import each
//! other in a loop.
//!
//! Each DIR is a crate's `src/`. Every `.rs` file under it (but `bin/`, whose
//! files are crates of their own) is read as text, without comments and
//! string literals. The module tree comes from the file paths and the inline
//! `mod name { … }` blocks. A module uses the modules that its `crate::…`,
//! `super::…` and `self::…` paths name, in `use` lines and in code alike, and
//! those it names through one of its own child modules. A `pub use` is no
//! use of its own: it passes an item on, and a path through it is followed
//! to the module that defines the item. Modules are grouped by their first
//! two levels (`desk::tickets::…` is `desk::tickets`), and the crate root is
//! left out: it declares every module and re-exports for callers, so it would
//! join any loop. A loop is a set of groups that reach one another (a
//! strongly connected component, found with Tarjan's algorithm); each is
//! listed with the imports that close it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use loops::loops;
use text::{is_ident, is_public, item_name, strip, tokens, use_tree};

mod loops;
mod text;

/// A module's place from the crate root: `["desk", "tickets"]`.
type ModulePath = Vec<String>;

/// Check every crate source directory; fail when any has a loop.
pub fn run(dirs: &[&str]) -> ExitCode {
    let mut clean = true;
    for dir in dirs {
        match Crate::read(Path::new(dir)) {
            Ok(krate) => {
                let graph = krate.graph();
                let loops = loops(&graph);
                let imports: usize = graph.values().map(BTreeMap::len).sum();
                if loops.is_empty() {
                    println!("{dir}: {} module groups, {imports} imports between them, no loops", graph.len());
                    continue;
                }
                clean = false;
                println!("{dir}: {} import loop(s)", loops.len());
                for members in loops {
                    println!("  loop: {}", members.iter().map(|group| group.join("::")).collect::<Vec<_>>().join(", "));
                    for from in &members {
                        for (to, evidence) in graph.get(from).into_iter().flatten() {
                            if members.contains(to) {
                                println!("    {} -> {}  ({evidence})", from.join("::"), to.join("::"));
                            }
                        }
                    }
                }
            }
            Err(error) => {
                eprintln!("{dir}: {error}");
                clean = false;
            }
        }
    }
    if clean { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

/// What one module declares and names.
#[derive(Default)]
struct Module {
    children: BTreeSet<String>,
    /// Public items defined here, for a `pub use module::*` elsewhere.
    items: BTreeSet<String>,
    /// `pub use path::name` (or `… as name`): the name and the path it stands for.
    reexports: BTreeMap<String, ModulePath>,
    /// `pub use path::*`.
    globs: Vec<ModulePath>,
    /// Every path this module names, from the crate root, with where it is written.
    uses: Vec<(ModulePath, String)>,
}

struct Crate {
    modules: BTreeMap<ModulePath, Module>,
}

/// A source file: its module, its name for reports, its text without comments and strings.
struct Source {
    module: ModulePath,
    name: String,
    tokens: Vec<String>,
}

impl Crate {
    fn read(dir: &Path) -> Result<Self, String> {
        let mut files = Vec::new();
        collect_files(dir, dir, &mut files).map_err(|error| format!("cannot read: {error}"))?;
        let mut sources = Vec::new();
        for (relative, path) in files {
            let text = std::fs::read_to_string(&path).map_err(|error| format!("{}: {error}", path.display()))?;
            sources.push(Source { module: file_module(&relative), name: relative, tokens: tokens(&strip(&text)) });
        }
        Ok(Self::from_sources(&sources))
    }

    fn from_sources(sources: &[Source]) -> Self {
        let mut krate = Self { modules: BTreeMap::new() };
        // Every module first, so that a path through a child module declared
        // further down, or in another file, is known when paths are read.
        for source in sources {
            krate.declare(source);
        }
        for source in sources {
            krate.scan(source);
        }
        krate
    }

    fn module(&mut self, path: &ModulePath) -> &mut Module {
        self.modules.entry(path.clone()).or_default()
    }

    /// Record the file's module, its inline modules and the children it declares.
    fn declare(&mut self, source: &Source) {
        self.module(&source.module);
        if let Some((last, parent)) = source.module.split_last() {
            self.module(&parent.to_vec()).children.insert(last.clone());
        }
        let mut scope = Scope::new(&source.module);
        for (at, token) in source.tokens.iter().enumerate() {
            scope.step(&source.tokens, at);
            if token == "mod"
                && let Some(name) = source.tokens.get(at + 1).filter(|name| is_ident(name))
            {
                let mut child = scope.current();
                self.module(&child).children.insert(name.clone());
                child.push(name.clone());
                self.module(&child);
            }
        }
    }

    /// Record the paths the file names, its re-exports and its public items.
    fn scan(&mut self, source: &Source) {
        let tokens = &source.tokens;
        let mut scope = Scope::new(&source.module);
        let mut at = 0;
        while at < tokens.len() {
            scope.step(tokens, at);
            let here = scope.current();
            let token = tokens[at].as_str();
            if token == "use" && tokens.get(at + 1).is_some_and(|next| next != "<") {
                let end = tokens[at..].iter().position(|t| t == ";").map_or(tokens.len(), |n| at + n);
                let public = is_public(tokens, at);
                for (path, alias) in use_tree(&tokens[at + 1..end]) {
                    self.record_use(&source.name, &here, &path, alias, public);
                }
                // The statement's braces are balanced: nothing for the scope to see.
                at = end;
                continue;
            }
            if token == "pub"
                && let Some(name) = item_name(&tokens[at + 1..])
            {
                self.module(&here).items.insert(name);
            }
            let starts_path = tokens.get(at + 1).is_some_and(|next| next == "::")
                && !(at > 0 && ["::", "$", "."].contains(&tokens[at - 1].as_str()));
            if starts_path {
                let mut path = vec![token.to_owned()];
                let mut next = at + 1;
                while tokens.get(next).is_some_and(|t| t == "::") && tokens.get(next + 1).is_some_and(|t| is_ident(t)) {
                    path.push(tokens[next + 1].clone());
                    next += 2;
                }
                if let Some(absolute) = self.absolute(&here, &path) {
                    let written = format!("{}: {}", source.name, path.join("::"));
                    self.module(&here).uses.push((absolute, written));
                }
            }
            at += 1;
        }
    }

    /// A `use` names what it brings in; a `pub use` only passes it on, so it
    /// is followed from where it is named rather than counted here.
    fn record_use(&mut self, file: &str, here: &ModulePath, path: &[String], alias: Option<String>, public: bool) {
        let Some(absolute) = self.absolute(here, path) else { return };
        let module = self.module(here);
        if !public {
            module.uses.push((absolute, format!("{file}: use {}", path.join("::"))));
            return;
        }
        match absolute.split_last() {
            Some((last, parent)) if last == "*" => module.globs.push(parent.to_vec()),
            Some((last, _)) => {
                module.reexports.insert(alias.unwrap_or_else(|| last.clone()), absolute);
            }
            None => {}
        }
    }

    /// A path as written in module `here`, from the crate root; `None` for a
    /// path into another crate.
    fn absolute(&self, here: &ModulePath, path: &[String]) -> Option<ModulePath> {
        let (first, rest) = path.split_first()?;
        let mut absolute = match first.as_str() {
            "crate" => Vec::new(),
            "self" => here.clone(),
            "super" => here.split_last().map(|(_, parent)| parent.to_vec())?,
            name if self.modules.get(here).is_some_and(|module| module.children.contains(name)) => {
                let mut child = here.clone();
                child.push(name.to_owned());
                child
            }
            _ => return None,
        };
        for segment in rest {
            if segment == "super" {
                absolute.pop();
            } else if segment != "self" {
                absolute.push(segment.clone());
            }
        }
        Some(absolute)
    }

    /// The module that defines what `path` names: the longest module prefix,
    /// after following re-exports.
    fn resolve(&self, path: &[String], depth: usize) -> ModulePath {
        let mut at: ModulePath = Vec::new();
        for (n, segment) in path.iter().enumerate() {
            let mut child = at.clone();
            child.push(segment.clone());
            if self.modules.contains_key(&child) {
                at = child;
                continue;
            }
            let Some(module) = self.modules.get(&at).filter(|_| depth < 8) else { break };
            let rest = &path[n + 1..];
            if let Some(target) = module.reexports.get(segment) {
                return self.resolve(&[target.as_slice(), rest].concat(), depth + 1);
            }
            for glob in &module.globs {
                let source = self.resolve(glob, depth + 1);
                if self.defines(&source, segment) {
                    return self.resolve(&[source.as_slice(), &path[n..]].concat(), depth + 1);
                }
            }
            break;
        }
        at
    }

    fn defines(&self, module: &ModulePath, name: &str) -> bool {
        self.modules
            .get(module)
            .is_some_and(|m| m.items.contains(name) || m.children.contains(name) || m.reexports.contains_key(name))
    }

    /// Which module group uses which, with one place that shows it.
    fn graph(&self) -> BTreeMap<ModulePath, BTreeMap<ModulePath, String>> {
        let mut graph: BTreeMap<ModulePath, BTreeMap<ModulePath, String>> = BTreeMap::new();
        for (path, module) in &self.modules {
            let from = group(path);
            if from.is_empty() {
                continue;
            }
            graph.entry(from.clone()).or_default();
            for (used, written) in &module.uses {
                let to = group(&self.resolve(used, 0));
                if !to.is_empty() && to != from {
                    graph.entry(from.clone()).or_default().entry(to).or_insert_with(|| written.clone());
                }
            }
        }
        graph
    }
}

/// The group a module belongs to: its first two levels.
fn group(path: &ModulePath) -> ModulePath {
    path.iter().take(2).cloned().collect()
}

/// The inline modules open at a token, by brace depth.
struct Scope {
    file: ModulePath,
    open: Vec<(String, usize)>,
    depth: usize,
}

impl Scope {
    fn new(file: &ModulePath) -> Self {
        Self { file: file.clone(), open: Vec::new(), depth: 0 }
    }

    /// Take the token at `at` into account.
    fn step(&mut self, tokens: &[String], at: usize) {
        match tokens[at].as_str() {
            "{" => {
                let opens_module = at >= 2 && tokens[at - 2] == "mod" && is_ident(&tokens[at - 1]);
                if opens_module {
                    self.open.push((tokens[at - 1].clone(), self.depth));
                }
                self.depth += 1;
            }
            "}" => {
                self.depth = self.depth.saturating_sub(1);
                if self.open.last().is_some_and(|(_, depth)| *depth == self.depth) {
                    self.open.pop();
                }
            }
            _ => {}
        }
    }

    fn current(&self) -> ModulePath {
        let mut path = self.file.clone();
        path.extend(self.open.iter().map(|(name, _)| name.clone()));
        path
    }
}

/// The files under `dir`, with their path relative to `root`.
fn collect_files(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(std::fs::DirEntry::path);
    for entry in entries {
        let path = entry.path();
        let relative = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        if path.is_dir() {
            if relative != "bin" {
                collect_files(root, &path, files)?;
            }
        } else if relative.ends_with(".rs") {
            files.push((relative, path));
        }
    }
    Ok(())
}

/// The module a file holds: `desk/mod.rs` and `desk.rs` are `desk`, the root
/// files are the crate root.
fn file_module(relative: &str) -> ModulePath {
    let mut parts: ModulePath = relative.trim_end_matches(".rs").split('/').map(str::to_owned).collect();
    if parts.last().is_some_and(|last| last == "mod")
        || (parts.len() == 1 && ["lib", "main"].contains(&parts[0].as_str()))
    {
        parts.pop();
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(file: &str, text: &str) -> Source {
        Source { module: file_module(file), name: file.into(), tokens: tokens(&strip(text)) }
    }

    fn edges(sources: &[Source]) -> Vec<String> {
        let graph = Crate::from_sources(sources).graph();
        graph
            .iter()
            .flat_map(|(from, to)| to.keys().map(move |to| format!("{} -> {}", from.join("::"), to.join("::"))))
            .collect()
    }

    #[test]
    fn paths_are_read_from_use_lines_code_and_re_exports() {
        let sources = [
            source("lib.rs", "pub mod desk; pub mod http; pub use http::error::*;"),
            source("http/mod.rs", "pub mod error; pub mod routes;"),
            source("http/error.rs", "pub struct ApiError; // crate::desk::tickets in a comment"),
            source("http/routes.rs", "use super::error::ApiError; fn f() -> &'static str { \"crate::desk\" }"),
            source(
                "desk/mod.rs",
                "pub mod api; pub mod tickets; pub fn routes() { api::list(); }\n\
                 #[cfg(test)] mod tests { use super::*; }",
            ),
            source("desk/api.rs", "use crate::{ApiError, desk::tickets::{self, Ticket}}; pub fn list() {}"),
            source("desk/tickets.rs", "pub struct Ticket; fn g() { let c = 'x'; crate::http::routes::at(); }"),
        ];
        assert_eq!(
            edges(&sources),
            [
                "desk -> desk::api",
                "desk::api -> desk::tickets",
                "desk::api -> http::error",
                "desk::tests -> desk",
                "desk::tickets -> http::routes",
                "http::routes -> http::error",
            ]
        );
    }

    #[test]
    fn a_parent_that_passes_its_childrens_items_on_does_not_use_them() {
        let sources = [
            source("lib.rs", "pub mod convert; fn f() { convert::order(); }"),
            source("convert/mod.rs", "mod orders; pub use orders::*; pub(crate) fn parse() {}"),
            source("convert/orders.rs", "use super::parse; pub fn order() {}"),
            source("timeline.rs", "use crate::convert::{self, order};"),
        ];
        assert_eq!(
            edges(&sources),
            ["convert::orders -> convert", "timeline -> convert", "timeline -> convert::orders"]
        );
        assert!(loops(&Crate::from_sources(&sources).graph()).is_empty());
    }

    #[test]
    fn a_parent_and_a_child_that_use_each_other_make_a_loop() {
        let sources = [
            source("lib.rs", "mod http;"),
            source("http/mod.rs", "mod routes; pub fn not_allowed() {} fn table() { routes::at(); }"),
            source("http/routes.rs", "use super::not_allowed; pub fn at() {}"),
        ];
        let graph = Crate::from_sources(&sources).graph();
        let found: Vec<Vec<String>> =
            loops(&graph).into_iter().map(|c| c.iter().map(|g| g.join("::")).collect()).collect();
        assert_eq!(found, [["http", "http::routes"]]);
    }
}
