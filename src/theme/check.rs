//! What a theme's templates may not do, seen once when the theme is compiled rather than when a
//! page would crash: read the builder's environment (`get_env`), call a macro that calls itself
//! again (directly or through other macros or includes: Tera would recurse until the process
//! aborts), include a template that includes it back or that is not one of the theme's (a
//! file of the disk, `/etc/passwd`, is never one), or grow a `set_global` variable from
//! itself inside a loop (each step could double its size).

use std::collections::BTreeMap;

use tera::ast::{Expr, ExprVal, FunctionCall, Node};
use tera::Tera;

use crate::diagnostics::TemplateMessage;

/// A template or one of its macros: what can call what.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Callee {
    File(String),
    Macro { file: String, name: String },
}

impl Callee {
    fn file(&self) -> &str {
        match self {
            Callee::File(f) | Callee::Macro { file: f, .. } => f,
        }
    }

    fn said(&self) -> String {
        match self {
            Callee::File(f) => f.clone(),
            Callee::Macro { file, name } => format!("{file}::{name}"),
        }
    }
}

/// Every template's problem: (the template's name, what is wrong), in the templates' order.
pub fn check(tera: &Tera) -> Vec<(String, TemplateMessage)> {
    let mut names: Vec<&str> = tera.get_template_names().collect();
    names.sort_unstable();
    let mut problems = Vec::new();
    let mut calls: BTreeMap<Callee, Vec<Callee>> = BTreeMap::new();
    for name in names {
        let Ok(template) = tera.get_template(name) else {
            continue;
        };
        let mut walk = Walk {
            file: name,
            imports: &template.imported_macro_files,
            calls: Vec::new(),
            includes: Vec::new(),
            env: false,
            grows: None,
        };
        walk.nodes(&template.ast, 0);
        calls.insert(Callee::File(name.into()), std::mem::take(&mut walk.calls));
        let mut macros: Vec<_> = template.macros.iter().collect();
        macros.sort_unstable_by_key(|(n, _)| n.as_str());
        for (macro_name, definition) in macros {
            walk.nodes(&definition.body, 0);
            for default in definition.args.values().flatten() {
                walk.expr(default);
            }
            let me = Callee::Macro {
                file: name.into(),
                name: macro_name.clone(),
            };
            calls.insert(me, std::mem::take(&mut walk.calls));
        }
        // Tera looks an include up only when the page renders: said here, `chiso check` says
        // it too. A name is only ever one of the theme's templates, never a file on disk.
        let mut unknown: Vec<String> = walk
            .includes
            .iter()
            .filter(|n| tera.get_template(n).is_err())
            .cloned()
            .collect();
        unknown.sort_unstable();
        unknown.dedup();
        if !unknown.is_empty() {
            problems.push((
                name.to_string(),
                TemplateMessage::IncludeUnknown { names: unknown },
            ));
        }
        if walk.env {
            problems.push((name.to_string(), TemplateMessage::Environment));
        }
        if let Some(variable) = walk.grows {
            problems.push((name.to_string(), TemplateMessage::Grows { variable }));
        }
    }
    for chain in circles(&calls) {
        let file = chain[0].file().to_string();
        let macros = chain.iter().any(|c| matches!(c, Callee::Macro { .. }));
        let chain = chain.iter().map(Callee::said).collect();
        let message = if macros {
            TemplateMessage::MacroCircle { chain }
        } else {
            TemplateMessage::IncludeCircle { chain }
        };
        problems.push((file, message));
    }
    problems
}

struct Walk<'a> {
    file: &'a str,
    /// (file, namespace) of each `{% import %}`.
    imports: &'a [(String, String)],
    calls: Vec<Callee>,
    /// What `{% include %}` names, unless it may be missing.
    includes: Vec<String>,
    env: bool,
    grows: Option<String>,
}

impl Walk<'_> {
    fn nodes(&mut self, nodes: &[Node], loops: usize) {
        for node in nodes {
            self.node(node, loops);
        }
    }

    fn node(&mut self, node: &Node, loops: usize) {
        match node {
            Node::VariableBlock(_, e) => self.expr(e),
            Node::Include(_, names, ignore_missing) => {
                self.calls
                    .extend(names.iter().map(|n| Callee::File(n.clone())));
                if !ignore_missing {
                    self.includes.extend(names.iter().cloned());
                }
            }
            Node::Set(_, set) => {
                self.expr(&set.value);
                if set.global && loops > 0 && grows_from(&set.value, &set.key) {
                    self.grows.get_or_insert_with(|| set.key.clone());
                }
            }
            Node::FilterSection(_, section, _) => {
                self.call(&section.filter);
                self.nodes(&section.body, loops);
            }
            Node::Block(_, block, _) => self.nodes(&block.body, loops),
            Node::Forloop(_, f, _) => {
                self.expr(&f.container);
                self.nodes(&f.body, loops + 1);
                if let Some(empty) = &f.empty_body {
                    self.nodes(empty, loops);
                }
            }
            Node::If(i, _) => {
                for (_, condition, body) in &i.conditions {
                    self.expr(condition);
                    self.nodes(body, loops);
                }
                if let Some((_, body)) = &i.otherwise {
                    self.nodes(body, loops);
                }
            }
            // Macros are walked from the template's list of them, each as a callee of its own.
            Node::MacroDefinition(..)
            | Node::Super
            | Node::Text(_)
            | Node::Extends(..)
            | Node::ImportMacro(..)
            | Node::Raw(..)
            | Node::Break(_)
            | Node::Continue(_)
            | Node::Comment(..) => {}
        }
    }

    fn call(&mut self, call: &FunctionCall) {
        for arg in call.args.values() {
            self.expr(arg);
        }
    }

    fn expr(&mut self, e: &Expr) {
        for filter in &e.filters {
            self.call(filter);
        }
        self.value(&e.val);
    }

    fn value(&mut self, v: &ExprVal) {
        match v {
            ExprVal::Math(m) => {
                self.expr(&m.lhs);
                self.expr(&m.rhs);
            }
            ExprVal::Logic(l) => {
                self.expr(&l.lhs);
                self.expr(&l.rhs);
            }
            ExprVal::In(i) => {
                self.expr(&i.lhs);
                self.expr(&i.rhs);
            }
            ExprVal::Test(t) => t.args.iter().for_each(|a| self.expr(a)),
            ExprVal::MacroCall(m) => {
                let file = if m.namespace == "self" {
                    Some(self.file.to_string())
                } else {
                    self.imports
                        .iter()
                        .find(|(_, namespace)| *namespace == m.namespace)
                        .map(|(file, _)| file.clone())
                };
                if let Some(file) = file {
                    self.calls.push(Callee::Macro {
                        file,
                        name: m.name.clone(),
                    });
                }
                m.args.values().for_each(|a| self.expr(a));
            }
            ExprVal::FunctionCall(f) => {
                if f.name == "get_env" {
                    self.env = true;
                }
                self.call(f);
            }
            ExprVal::Array(items) => items.iter().for_each(|a| self.expr(a)),
            ExprVal::StringConcat(c) => c.values.iter().for_each(|v| self.value(v)),
            ExprVal::String(_)
            | ExprVal::Int(_)
            | ExprVal::Float(_)
            | ExprVal::Bool(_)
            | ExprVal::Ident(_) => {}
        }
    }
}

/// Whether `value` is made from the variable `key` by joining it to something (`~` or the
/// `concat` filter): done at every step of a loop, it doubles or grows without a bound.
fn grows_from(value: &Expr, key: &str) -> bool {
    fn mentions(v: &ExprVal, key: &str) -> bool {
        match v {
            ExprVal::Ident(i) => i == key || i.starts_with(&format!("{key}.")),
            ExprVal::StringConcat(c) => c.values.iter().any(|v| mentions(v, key)),
            ExprVal::Math(m) => mentions(&m.lhs.val, key) || mentions(&m.rhs.val, key),
            ExprVal::Array(items) => items.iter().any(|e| mentions(&e.val, key)),
            _ => false,
        }
    }
    fn joins(e: &Expr) -> bool {
        e.filters.iter().any(|f| f.name == "concat")
            || match &e.val {
                ExprVal::StringConcat(_) | ExprVal::Array(_) => true,
                ExprVal::Math(m) => joins(&m.lhs) || joins(&m.rhs),
                _ => false,
            }
    }
    joins(value) && mentions(&value.val, key)
        || value
            .filters
            .iter()
            .any(|f| f.name == "concat" && f.args.values().any(|a| mentions(&a.val, key)))
}

/// Every circle of calls, each once, as the callees in order with the first repeated last.
fn circles(calls: &BTreeMap<Callee, Vec<Callee>>) -> Vec<Vec<Callee>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Seen {
        No,
        OnPath,
        Done,
    }
    let keys: Vec<&Callee> = calls.keys().collect();
    let index = |c: &Callee| keys.binary_search(&c).ok();
    let mut seen = vec![Seen::No; keys.len()];
    let mut found = Vec::new();
    for start in 0..keys.len() {
        if seen[start] != Seen::No {
            continue;
        }
        // An explicit stack: a theme's calls may run deep, and this check must not recurse.
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        seen[start] = Seen::OnPath;
        while let Some(&mut (at, ref mut next)) = path.last_mut() {
            let edges = &calls[keys[at]];
            if *next == edges.len() {
                seen[at] = Seen::Done;
                path.pop();
                continue;
            }
            let to = index(&edges[*next]);
            *next += 1;
            let Some(to) = to else { continue };
            match seen[to] {
                Seen::No => {
                    seen[to] = Seen::OnPath;
                    path.push((to, 0));
                }
                Seen::OnPath => {
                    let from = path.iter().position(|(n, _)| *n == to).unwrap_or(0);
                    let mut chain: Vec<Callee> =
                        path[from..].iter().map(|(n, _)| keys[*n].clone()).collect();
                    chain.push(keys[to].clone());
                    found.push(chain);
                }
                Seen::Done => {}
            }
        }
    }
    found
}
