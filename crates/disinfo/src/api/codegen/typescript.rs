//! The Node package's API: `index.js` (CommonJS, thin functions over the addon's `call`),
//! `index.mjs` (the same names as an ES module) and `index.d.ts` (a namespace per tool with the
//! option and result types).
//!
//! Option types take camelCase keys (the core also accepts snake_case); result types keep the
//! JSON contract's snake_case keys, the same as in Python and the CLI.

use std::fmt::Write as _;

use disinfo_core::suggest::camel_case;

use super::model::{Def, Ty};
use super::{ArgTy, NOTICE, OpTypes, ToolTypes};

const RESERVED: &[&str] = &[
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "new",
    "null",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
    "let",
    "static",
    "implements",
    "interface",
    "package",
    "private",
    "protected",
    "public",
    "await",
];

/// A JavaScript parameter name for a snake_case argument name.
fn param(name: &str) -> String {
    let c = camel_case(name);
    if RESERVED.contains(&c.as_str()) {
        format!("{c}_")
    } else {
        c
    }
}

fn key(name: &str, camel: bool) -> String {
    let k = if camel {
        camel_case(name)
    } else {
        name.to_owned()
    };
    let plain = k
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        k
    } else {
        format!("'{}'", k.replace('\'', "\\'"))
    }
}

fn ty(t: &Ty, input: bool) -> String {
    match t {
        Ty::DateTime if input => "string | Date".into(),
        Ty::Any => "unknown".into(),
        Ty::Null => "null".into(),
        Ty::Bool => "boolean".into(),
        Ty::Int | Ty::Number => "number".into(),
        Ty::Str | Ty::Path | Ty::DateTime => "string".into(),
        Ty::Literal(values) => values
            .iter()
            .map(|v| match v {
                serde_json::Value::String(s) => format!("'{}'", s.replace('\'', "\\'")),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" | "),
        Ty::List(i) => {
            let inner = ty(i, input);
            if inner.contains(' ') {
                format!("Array<{inner}>")
            } else {
                format!("{inner}[]")
            }
        }
        Ty::Tuple(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|i| ty(i, input))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Ty::Map(i) => format!("Record<string, {}>", ty(i, input)),
        Ty::Ref(n) => n.clone(),
        Ty::Union(items) => items
            .iter()
            .map(|i| ty(i, input))
            .collect::<Vec<_>>()
            .join(" | "),
        Ty::Object(_) => "Record<string, unknown>".into(),
    }
}

fn comment(out: &mut String, indent: &str, doc: &str) {
    let doc = doc.replace("*/", "*\\/");
    let lines: Vec<&str> = doc.lines().collect();
    if lines.len() == 1 {
        let _ = writeln!(out, "{indent}/** {} */", lines[0]);
    } else {
        let _ = writeln!(out, "{indent}/**");
        for l in lines {
            if l.is_empty() {
                let _ = writeln!(out, "{indent} *");
            } else {
                let _ = writeln!(out, "{indent} * {l}");
            }
        }
        let _ = writeln!(out, "{indent} */");
    }
}

/// How the keys of a definition are spelled.
#[derive(Clone, Copy, PartialEq)]
enum Spelling {
    /// As the core writes them (results).
    Snake,
    /// As JavaScript callers write them (arguments and options).
    Camel,
    /// Both: snake_case keys, each with an optional camelCase twin (inputs that are also
    /// results passed back).
    Both,
}

fn def(out: &mut String, name: &str, d: &Def, spelling: Spelling, indent: &str, export: &str) {
    if let Some(doc) = &d.doc {
        comment(out, indent, doc);
    }
    let camel = spelling == Spelling::Camel;
    match &d.ty {
        Ty::Object(obj) => {
            let _ = writeln!(out, "{indent}{export} interface {name} {{");
            for f in &obj.fields {
                if let Some(doc) = &f.doc {
                    comment(out, &format!("{indent}  "), doc);
                }
                let opt = if f.required { "" } else { "?" };
                let _ = writeln!(
                    out,
                    "{indent}  {}{opt}: {}",
                    key(&f.name, camel),
                    ty(&f.ty, camel)
                );
                let twin = key(&f.name, true);
                if spelling == Spelling::Both && twin != key(&f.name, false) {
                    let _ = writeln!(
                        out,
                        "{indent}  /** `{}` as callers may spell it. */",
                        f.name
                    );
                    let _ = writeln!(out, "{indent}  {twin}?: {}", ty(&f.ty, false));
                }
            }
            let _ = writeln!(out, "{indent}}}");
        }
        other => {
            let _ = writeln!(out, "{indent}{export} type {name} = {}", ty(other, camel));
        }
    }
}

fn arg_ty(a: &ArgTy) -> String {
    match a {
        ArgTy::Json(t) => ty(t, true),
        ArgTy::Bytes => "string | Buffer".into(),
        ArgTy::BytesList => "Array<string | Buffer>".into(),
        ArgTy::Files => "Record<string, string | Buffer>".into(),
        ArgTy::Matrix => "number[][] | Float64Array[]".into(),
        ArgTy::Table => "number[][] | Float64Array[] | { values: Float64Array[]; columns: string[]; account_ids?: string[]; handles?: string[] } | Record<string, Array<number | null> | string[]>".into(),
        ArgTy::Hook => "(text: string) => string".into(),
    }
}

/// A positional parameter of a JavaScript function.
struct Param {
    name: String,
    ty: String,
    optional: bool,
}

/// The positional (non-hook) arguments and the names of the hook arguments of an operation
/// (hooks travel in the options object).
fn split_args(op: &OpTypes) -> (Vec<Param>, Vec<String>) {
    let mut positional = Vec::new();
    let mut hooks = Vec::new();
    for (a, t) in op.spec.args.iter().zip(&op.args) {
        if matches!(t, ArgTy::Hook) {
            hooks.push(camel_case(a.name));
        } else {
            positional.push(Param {
                name: param(a.name),
                ty: arg_ty(t),
                optional: a.optional,
            });
        }
    }
    (positional, hooks)
}

fn options_ty(op: &OpTypes, hooks: &[String]) -> Option<(String, bool)> {
    let base = op
        .options
        .as_ref()
        .map(|(t, required)| (ty(t, true), *required));
    if hooks.is_empty() {
        return base;
    }
    let hook_fields: Vec<String> = hooks
        .iter()
        .map(|n| format!("{n}?: (text: string) => string"))
        .collect();
    let hook_ty = format!("{{ {} }}", hook_fields.join("; "));
    Some(match base {
        Some((t, required)) => (format!("{t} & {hook_ty}"), required),
        None => (hook_ty, false),
    })
}

/// Result fields that Node users get as typed arrays: operation, field, array type.
const TYPED_ARRAYS: &[(&str, &str, &str)] = &[
    ("bots.cluster_features", "labels", "Int32Array"),
    ("bots.cluster_accounts", "labels", "Int32Array"),
];

fn typed_array(op: &OpTypes) -> Option<(&'static str, &'static str)> {
    let q = op.spec.qualified_name();
    TYPED_ARRAYS
        .iter()
        .find(|(o, _, _)| *o == q)
        .map(|(_, field, ty)| (*field, *ty))
}

fn result_ty(op: &OpTypes) -> String {
    let t = ty(&op.result, false);
    if op.matrix {
        format!("{t} & {{ values: Float64Array[]; mask: Uint8Array[] }}")
    } else if let Some((field, array)) = typed_array(op) {
        format!("Omit<{t}, '{field}'> & {{ {field}: {array} }}")
    } else {
        t
    }
}

fn js_name(op: &OpTypes) -> String {
    camel_case(op.spec.name)
}

fn declare_operation(out: &mut String, op: &OpTypes, indent: &str, export: &str) {
    let (positional, hooks) = split_args(op);
    let mut params: Vec<String> = positional
        .iter()
        .map(|p| format!("{}{}: {}", p.name, if p.optional { "?" } else { "" }, p.ty))
        .collect();
    let mut async_params = params.clone();
    if let Some((t, required)) = options_ty(op, &hooks) {
        params.push(format!("options{}: {t}", if required { "" } else { "?" }));
    }
    if let Some((t, required)) = options_ty(op, &[]) {
        async_params.push(format!("options{}: {t}", if required { "" } else { "?" }));
    }
    let mut doc = op.spec.doc.to_owned();
    for (a, t) in op.spec.args.iter().zip(&op.args) {
        let n = if matches!(t, ArgTy::Hook) {
            format!("options.{}", camel_case(a.name))
        } else {
            param(a.name)
        };
        let _ = write!(doc, "\n@param {n} {}", a.doc);
    }
    let name = js_name(op);
    let result = result_ty(op);
    comment(out, indent, &doc);
    let _ = writeln!(
        out,
        "{indent}{export} function {name}({}): {result}",
        params.join(", ")
    );
    let hooks_note = if hooks.is_empty() {
        ""
    } else {
        " (hooks are not available)"
    };
    comment(
        out,
        indent,
        &format!("`{name}` on libuv's thread pool: the same result as a promise{hooks_note}."),
    );
    let _ = writeln!(
        out,
        "{indent}{export} function {name}Async({}): Promise<{result}>",
        async_params.join(", ")
    );
}

/// `node/index.d.ts`.
pub fn declarations(tools: &[ToolTypes]) -> String {
    let mut out = String::new();
    for l in NOTICE.lines() {
        let _ = writeln!(out, "// {l}");
    }
    out.push_str("\n/// <reference types=\"node\" />\n\n");
    out.push_str("/** Every error thrown by disinfo: an `Error` whose `code` is the stable code shared with Python, Rust and the CLI (`invalid_argument`, `io`, `selector_no_match`, ..., `internal`). */\nexport interface DisinfoError extends Error {\n  code: string\n}\n");
    for tool in tools {
        out.push('\n');
        if tool.tool == "core" {
            for (name, d) in &tool.defs {
                def(&mut out, name, d, Spelling::Snake, "", "export declare");
            }
            for op in &tool.ops {
                declare_operation(&mut out, op, "", "export declare");
            }
            continue;
        }
        let _ = writeln!(out, "export declare namespace {} {{", tool.tool);
        for (name, d) in &tool.defs {
            let spelling = if tool.input_only.contains(name) {
                Spelling::Camel
            } else if tool.both_spellings.contains(name) {
                Spelling::Both
            } else {
                Spelling::Snake
            };
            def(&mut out, name, d, spelling, "  ", "export");
        }
        for op in &tool.ops {
            declare_operation(&mut out, op, "  ", "export");
        }
        out.push_str("}\n");
    }
    out.push_str("\n/** Panics inside the core on purpose: proves that a panic reaches JavaScript as an `Error` with `code === 'internal'` and the process survives. */\nexport declare function _forcePanic(): void\n/** The async form of `_forcePanic`: the promise rejects with code `internal`. */\nexport declare function _forcePanicAsync(): Promise<void>\n");
    out
}

fn define_operation(out: &mut String, op: &OpTypes, indent: &str) {
    let (positional, hooks) = split_args(op);
    let names: Vec<String> = positional.iter().map(|p| p.name.clone()).collect();
    let qualified = op.spec.qualified_name();
    let name = js_name(op);
    let has_options = op.options.is_some() || !hooks.is_empty();
    let mut params = names.clone();
    if has_options {
        params.push("options".into());
    }
    let options = if op.options.is_some() || !hooks.is_empty() {
        "options"
    } else {
        "null"
    };
    let args = |with_hooks: bool| {
        let mut all: Vec<String> = Vec::new();
        let mut positional_iter = names.iter();
        for (a, t) in op.spec.args.iter().zip(&op.args) {
            if matches!(t, ArgTy::Hook) {
                all.push(if with_hooks {
                    format!("hooks.{}", camel_case(a.name))
                } else {
                    "undefined".into()
                });
            } else if let Some(n) = positional_iter.next() {
                all.push(n.clone());
            }
        }
        format!("[{}]", all.join(", "))
    };
    if let Some((field, array)) = typed_array(op) {
        let _ = writeln!(
            out,
            "{indent}{name}({}) {{\n{indent}  return typedArray(native.call('{qualified}', {}, {options}), '{field}', {array})\n{indent}}},",
            params.join(", "),
            args(false)
        );
        let _ = writeln!(
            out,
            "{indent}{name}Async({}) {{\n{indent}  return native.callAsync('{qualified}', {}, {options}).then((r) => typedArray(r, '{field}', {array}))\n{indent}}},",
            params.join(", "),
            args(false)
        );
    } else if hooks.is_empty() {
        let _ = writeln!(
            out,
            "{indent}{name}({}) {{\n{indent}  return native.call('{qualified}', {}, {options})\n{indent}}},",
            params.join(", "),
            args(false)
        );
        let _ = writeln!(
            out,
            "{indent}{name}Async({}) {{\n{indent}  return native.callAsync('{qualified}', {}, {options})\n{indent}}},",
            params.join(", "),
            args(false)
        );
    } else {
        let hook_names: Vec<String> = hooks.iter().map(|n| format!("'{n}'")).collect();
        let _ = writeln!(
            out,
            "{indent}{name}({}) {{\n{indent}  const [hooks, rest] = takeHooks(options, [{}])\n{indent}  return native.call('{qualified}', {}, rest)\n{indent}}},",
            params.join(", "),
            hook_names.join(", "),
            args(true)
        );
        // Hooks given to the async form reach the addon, which refuses them by name.
        let _ = writeln!(
            out,
            "{indent}{name}Async({}) {{\n{indent}  const [hooks, rest] = takeHooks(options, [{}])\n{indent}  return native.callAsync('{qualified}', {}, rest)\n{indent}}},",
            params.join(", "),
            hook_names.join(", "),
            args(true)
        );
    }
}

/// Hook functions travel in the options object; the addon takes them as arguments. Options
/// that cannot be copied (a getter that throws) go to the addon as they are: it reports what it
/// cannot read as an error with a code. A hook that throws something other than an `Error`, or
/// returns something other than a string, gets an `Error` that says so in the `hook_failed`
/// message (napi's own message would not).
const TAKE_HOOKS: &str = r"// Hook functions travel in the options object; the addon takes them as arguments.
function takeHooks(options, names) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return [{}, options]
  let rest
  try {
    rest = { ...options }
  } catch {
    return [{}, options] // the addon reports what cannot be read, with a code
  }
  const hooks = {}
  for (const name of names) {
    hooks[name] = asHook(rest[name])
    delete rest[name]
  }
  return [hooks, rest]
}

function asHook(f) {
  if (typeof f !== 'function') return f
  return (text) => {
    let out
    try {
      out = f(text)
    } catch (e) {
      throw e instanceof Error ? e : new Error(String(e))
    }
    if (typeof out !== 'string') throw new TypeError(`a hook must return a string, not ${out === null ? 'null' : typeof out}`)
    return out
  }
}
";

/// The names `index.js` exports, each with the expression it exports (`None`: a binding of the
/// same name). `index.mjs` re-exports the same list, so the two module forms cannot drift.
fn exports(tools: &[ToolTypes]) -> Vec<(String, Option<&'static str>)> {
    let mut names = Vec::new();
    for tool in tools {
        if tool.tool == "core" {
            for op in &tool.ops {
                let name = js_name(op);
                let name_async = format!("{name}Async");
                names.push((name, None));
                names.push((name_async, None));
            }
        } else {
            names.push((tool.tool.to_owned(), None));
        }
    }
    names.push(("_forcePanic".into(), Some("native._forcePanic")));
    names.push(("_forcePanicAsync".into(), Some("native._forcePanicAsync")));
    names
}

/// `node/index.js`.
pub fn javascript(tools: &[ToolTypes]) -> String {
    let mut out = String::new();
    for l in NOTICE.lines() {
        let _ = writeln!(out, "// {l}");
    }
    out.push_str("'use strict'\n\nconst native = require('./binding.js')\n\n");
    out.push_str(TAKE_HOOKS);
    out.push_str("\n// Numeric result fields that cross as arrays of numbers, as typed arrays (labels of a million\n// accounts as an Int32Array, the layout of `features().values`).\nfunction typedArray(result, field, Type) {\n  return { ...result, [field]: Type.from(result[field]) }\n}\n");
    for tool in tools {
        if tool.tool == "core" {
            for op in &tool.ops {
                let name = js_name(op);
                let q = op.spec.qualified_name();
                let _ = writeln!(
                    out,
                    "\nfunction {name}() {{\n  return native.call('{q}', [], null)\n}}\n\nfunction {name}Async() {{\n  return native.callAsync('{q}', [], null)\n}}"
                );
            }
            continue;
        }
        let _ = writeln!(out, "\nconst {} = {{", tool.tool);
        for op in &tool.ops {
            define_operation(&mut out, op, "  ");
        }
        out.push_str("}\n");
    }
    let _ = writeln!(
        out,
        "\nmodule.exports = {{\n{}\n}}",
        exports(tools)
            .iter()
            .map(|(name, value)| match value {
                Some(v) => format!("  {name}: {v},"),
                None => format!("  {name},"),
            })
            .collect::<Vec<_>>()
            .join("\n")
    );
    out
}

/// `node/index.mjs`: `import { terms } from 'disinfo'` and `import disinfo from 'disinfo'`. It
/// wraps `index.js` rather than repeating it, so that a program whose modules mix `require` and
/// `import` gets one copy of the API, not two.
pub fn module(tools: &[ToolTypes]) -> String {
    let mut out = String::new();
    for l in NOTICE.lines() {
        let _ = writeln!(out, "// {l}");
    }
    let _ = writeln!(
        out,
        "\nimport disinfo from './index.js'\n\nexport const {{\n{}\n}} = disinfo\n\nexport default disinfo",
        exports(tools)
            .iter()
            .map(|(name, _)| format!("  {name},"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    out
}
