//! The Python and TypeScript front ends, generated from the operation specs so that they cannot
//! drift from the core: one Python module per tool (`python/disinfo/<tool>.py`: TypedDicts of
//! every option and result type, one function per operation) and what `mypy.stubtest` must not
//! judge in them, the Node package's `index.js`, `index.mjs` and `index.d.ts`, the table of
//! error codes (`docs/errors.md`) and the user guide's page per error code (`docs/src/errors/`).
//!
//! `cargo test -p disinfo --test generated` fails when a committed file differs from what this
//! module writes; `DISINFO_UPDATE_GENERATED=1` rewrites them.

mod errors;
pub use errors::{GUIDE_DIR as ERROR_PAGES_DIR, catalogue, summary_entries};
mod model;
mod python;
mod typescript;

use std::collections::{BTreeMap, BTreeSet};

use disinfo_core::{ArgKind, ResultSpec, Spec};
use schemars::generate::SchemaSettings;

use model::{Defs, Ty};

/// Every generated file: path relative to the repository root, and its content.
pub fn files() -> BTreeMap<String, String> {
    let tools: Vec<ToolTypes> = super::TOOLS
        .iter()
        .map(|t| ToolTypes::new(t))
        .filter(|t| !t.ops.is_empty())
        .collect();
    let mut out = BTreeMap::new();
    for tool in tools.iter().filter(|t| t.tool != "core") {
        out.insert(
            format!("python/disinfo/{}.py", tool.tool),
            python::module(tool),
        );
    }
    out.insert(
        "python/stubtest-allowlist.txt".into(),
        python::stubtest_allowlist(&tools),
    );
    out.insert("node/index.js".into(), typescript::javascript(&tools));
    out.insert("node/index.mjs".into(), typescript::module(&tools));
    out.insert("node/index.d.ts".into(), typescript::declarations(&tools));
    out.insert("docs/errors.md".into(), errors::table());
    out.extend(errors::guide_pages());
    out
}

/// A positional argument's type.
pub(crate) enum ArgTy {
    Json(Ty),
    Bytes,
    BytesList,
    Files,
    Matrix,
    Table,
    Hook,
}

/// An operation with its types read from the schemas.
pub(crate) struct OpTypes {
    pub spec: &'static Spec,
    pub args: Vec<ArgTy>,
    /// The options type, and whether some option is required.
    pub options: Option<(Ty, bool)>,
    /// The result type (for a matrix result: its metadata).
    pub result: Ty,
    pub matrix: bool,
}

/// The operations of one tool and every type they use.
pub(crate) struct ToolTypes {
    pub tool: &'static str,
    pub ops: Vec<OpTypes>,
    pub defs: Defs,
    /// Definitions reached only from arguments and options (camelCase in TypeScript).
    pub input_only: BTreeSet<String>,
    /// Definitions that are both options and results passed back (an audit's options, which
    /// its report holds). TypeScript gives their keys in the result's snake_case with a
    /// camelCase twin, since callers write either (the core reads both).
    pub both_spellings: BTreeSet<String>,
}

impl ToolTypes {
    fn new(tool: &'static str) -> ToolTypes {
        // Operations whose name starts with `_` are test hooks, not part of the generated APIs.
        let specs: Vec<&'static Spec> = super::specs()
            .into_iter()
            .filter(|s| s.tool == tool && !s.name.starts_with('_'))
            .collect();
        ToolTypes::from_specs(tool, &specs)
    }

    fn from_specs(tool: &'static str, specs: &[&'static Spec]) -> ToolTypes {
        let mut gin = SchemaSettings::draft2020_12()
            .for_deserialize()
            .into_generator();
        let mut gout = SchemaSettings::draft2020_12()
            .for_serialize()
            .into_generator();
        let mut ops = Vec::new();
        for &spec in specs {
            let args = spec
                .args
                .iter()
                .map(|a| match a.kind {
                    ArgKind::Json(f) => ArgTy::Json(model::ty(f(&mut gin).as_value(), "")),
                    ArgKind::Bytes => ArgTy::Bytes,
                    ArgKind::BytesList => ArgTy::BytesList,
                    ArgKind::Files => ArgTy::Files,
                    ArgKind::Matrix => ArgTy::Matrix,
                    ArgKind::Table => ArgTy::Table,
                    ArgKind::Hook => ArgTy::Hook,
                })
                .collect();
            let options = spec.options.map(|f| {
                let schema = f(&mut gin);
                (model::ty(schema.as_value(), ""), false)
            });
            let (result, matrix) = match spec.result {
                ResultSpec::Json(f) => (model::ty(f(&mut gout).as_value(), ""), false),
                ResultSpec::Matrix(f) => (model::ty(f(&mut gout).as_value(), ""), true),
            };
            ops.push(OpTypes {
                spec,
                args,
                options,
                result,
                matrix,
            });
        }
        let mut inputs = model::defs(&gin.take_definitions(true));
        let outputs = model::defs(&gout.take_definitions(true));
        // A definition whose deserialised and serialised shapes differ gets two names; renaming
        // one makes the definitions that refer to it differ too, so this runs to a fixpoint.
        let mut differing: Vec<String> = Vec::new();
        loop {
            let more: Vec<String> = inputs
                .iter()
                .filter(|(n, d)| outputs.get(*n).is_some_and(|o| o != *d))
                .map(|(n, _)| n.clone())
                .collect();
            if more.is_empty() {
                break;
            }
            for name in &more {
                rename_input(name, &mut inputs, &mut ops);
            }
            differing.extend(more);
        }
        let mut defs = outputs;
        defs.extend(inputs);
        model::hoist(&mut defs);
        for op in &mut ops {
            if let Some((t, required)) = &mut op.options {
                *required = has_required(t, &defs);
            }
        }
        // The input twins of result types are results passed back (`render(audit(...))`):
        // they keep the result's spelling.
        let passed_back = reachable(
            differing.iter().map(|n| format!("{n}Input")).collect(),
            &defs,
        );
        let mut options = Vec::new();
        for (t, _) in ops.iter().filter_map(|op| op.options.as_ref()) {
            model::refs(t, &mut options);
        }
        let options = reachable(options, &defs);
        let (passed_back_inputs, input_only): (BTreeSet<String>, _) = input_only(&ops, &defs)
            .into_iter()
            .partition(|n| passed_back.contains(n));
        let both_spellings = passed_back_inputs
            .into_iter()
            .filter(|n| options.contains(n))
            .collect();
        ToolTypes {
            tool,
            ops,
            defs,
            input_only,
            both_spellings,
        }
    }
}

/// Renames the input definition `name` to `<name>Input` wherever inputs refer to it.
fn rename_input(name: &str, inputs: &mut Defs, ops: &mut [OpTypes]) {
    let renamed = format!("{name}Input");
    if let Some(d) = inputs.remove(name) {
        inputs.insert(renamed.clone(), d);
    }
    for d in inputs.values_mut() {
        model::rename(&mut d.ty, name, &renamed);
    }
    for op in ops {
        for a in &mut op.args {
            if let ArgTy::Json(t) = a {
                model::rename(t, name, &renamed);
            }
        }
        if let Some((t, _)) = &mut op.options {
            model::rename(t, name, &renamed);
        }
    }
}

fn has_required(t: &Ty, defs: &Defs) -> bool {
    match t {
        Ty::Ref(n) => defs.get(n).is_some_and(|d| has_required(&d.ty, defs)),
        Ty::Object(o) => o.fields.iter().any(|f| f.required),
        _ => false,
    }
}

fn reachable(roots: Vec<String>, defs: &Defs) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = roots;
    while let Some(n) = stack.pop() {
        if seen.insert(n.clone())
            && let Some(d) = defs.get(&n)
        {
            model::refs(&d.ty, &mut stack);
        }
    }
    seen
}

fn input_only(ops: &[OpTypes], defs: &Defs) -> BTreeSet<String> {
    let mut inputs = Vec::new();
    let mut outputs = Vec::new();
    for op in ops {
        for a in &op.args {
            if let ArgTy::Json(t) = a {
                model::refs(t, &mut inputs);
            }
        }
        if let Some((t, _)) = &op.options {
            model::refs(t, &mut inputs);
        }
        model::refs(&op.result, &mut outputs);
    }
    let out = reachable(outputs, defs);
    reachable(inputs, defs)
        .into_iter()
        .filter(|n| !out.contains(n))
        .collect()
}

/// A notice at the top of every generated file.
pub(crate) const NOTICE: &str = "Generated from the operation specs of the Rust core (crates/disinfo/src/api). Do not edit:\nrun `DISINFO_UPDATE_GENERATED=1 cargo test -p disinfo --test generated` after changing them.";

#[cfg(test)]
mod tests {
    use disinfo_core::{ArgSpec, ResultSpec, Spec};
    use schemars::{JsonSchema, SchemaGenerator};

    use super::{ToolTypes, python, typescript};

    /// Options of a demo operation.
    #[allow(dead_code)]
    #[derive(serde::Deserialize, JsonSchema)]
    #[schemars(rename = "DemoOptions")]
    struct Before {
        /// A window in seconds.
        window: Option<f64>,
    }

    /// Options of a demo operation, with one more field.
    #[allow(dead_code)]
    #[derive(serde::Deserialize, JsonSchema)]
    #[schemars(rename = "DemoOptions")]
    struct After {
        /// A window in seconds.
        window: Option<f64>,
        /// The new field.
        min_edge_weight: Option<u32>,
    }

    static BEFORE: Spec = Spec {
        tool: "demo",
        name: "run",
        doc: "Runs.",
        args: &[ArgSpec::json::<String>("text", "A text.")],
        options: Some(SchemaGenerator::subschema_for::<Before>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<String>),
        progress: false,
    };

    static AFTER: Spec = Spec {
        options: Some(SchemaGenerator::subschema_for::<After>),
        ..BEFORE
    };

    #[test]
    fn a_field_added_to_an_options_type_changes_every_generated_api() {
        let before = ToolTypes::from_specs("demo", &[&BEFORE]);
        let after = ToolTypes::from_specs("demo", &[&AFTER]);
        let (py_before, py_after) = (python::module(&before), python::module(&after));
        assert!(!py_before.contains("min_edge_weight"));
        assert!(
            py_after.contains("    min_edge_weight: NotRequired[int | None]"),
            "{py_after}"
        );
        let ts_after = typescript::declarations(&[after]);
        assert!(
            ts_after.contains("    minEdgeWeight?: number | null"),
            "{ts_after}"
        );
        assert!(
            ts_after.contains("export function run(text: string, options?: DemoOptions): string"),
            "{ts_after}"
        );
    }
}
