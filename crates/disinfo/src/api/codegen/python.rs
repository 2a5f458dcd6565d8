//! The Python module of a tool: TypedDicts for every option and result type, one function per
//! operation that hands its arguments to `_native.call` (conversion only, no defaults: every
//! default lives in the core).

use std::fmt::Write as _;

use super::model::{Def, Ty};
use super::{ArgTy, NOTICE, OpTypes, ToolTypes};

/// Tools whose Python module also re-exports hand-written helpers from `disinfo._extra.<tool>`
/// (numpy/pandas/networkx conveniences that have no place in the core).
const EXTRAS: &[&str] = &["bots", "ads"];

/// The class that wraps a matrix result, in `disinfo._extra.<tool>`.
const MATRIX_CLASS: &str = "Features";

/// Results that Python users get with numpy arrays: the operation and the class in
/// `disinfo._extra.<tool>` (a `dict` whose array fields are numpy arrays) that wraps it. The
/// extension is asked for the result's columns as arrays (`columnar=True`).
const ARRAY_RESULTS: &[(&str, &str)] = &[
    ("bots.cluster_features", "Clusters"),
    ("bots.cluster_accounts", "Clusters"),
];

fn tool_doc(tool: &str) -> &'static str {
    match tool {
        "terms" => {
            "Terms of service: extraction compatible with Open Terms Archive, versions, explained diffs\nand tracking."
        }
        "bots" => {
            "Bots: account features from platform exports, rule presets, coordination networks, feature\nclustering at scale and the public cluster report."
        }
        "ads" => {
            "Ads: audits of political-ad archives for removed, missing and inconsistent ads, with\nevidence; keyword search across collections."
        }
        "encyclopedia" => {
            "Encyclopedia: validation of entries (Markdown with YAML front matter) with diagnostics that\npoint at the line; migration from the old page layout."
        }
        "chat" => {
            "Chat: the analysts' slash commands for Mattermost and Slack (verify, authorise, answer),\nfor web apps that embed the router without disinfo's server."
        }
        _ => "",
    }
}

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

fn is_identifier(name: &str) -> bool {
    !KEYWORDS.contains(&name)
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Renders a type. `quoted`: for expressions evaluated at import time (aliases, functional
/// TypedDicts), references are forward-reference strings and unions use `Union[...]`. `input`:
/// the type of something the caller passes (a date-time may then be a `datetime`).
fn ty(t: &Ty, quoted: bool, input: bool) -> String {
    match t {
        Ty::DateTime if input => "TimeLike".into(),
        Ty::DateTime => "str".into(),
        Ty::Any => "Any".into(),
        Ty::Null => "None".into(),
        Ty::Bool => "bool".into(),
        Ty::Int => "int".into(),
        Ty::Number => "float".into(),
        Ty::Str => "str".into(),
        Ty::Path => "StrPath".into(),
        Ty::Literal(values) => {
            let (nulls, values): (Vec<_>, Vec<_>) = values.iter().partition(|v| v.is_null());
            let lit = format!(
                "Literal[{}]",
                values
                    .iter()
                    .map(|v| v.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            if nulls.is_empty() {
                lit
            } else if quoted {
                format!("Union[{lit}, None]")
            } else {
                format!("{lit} | None")
            }
        }
        Ty::List(i) => format!("list[{}]", ty(i, quoted, input)),
        Ty::Tuple(items) => format!(
            "tuple[{}]",
            items
                .iter()
                .map(|i| ty(i, quoted, input))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Ty::Map(i) => format!("dict[str, {}]", ty(i, quoted, input)),
        Ty::Ref(n) if quoted => format!("\"{n}\""),
        Ty::Ref(n) => n.clone(),
        Ty::Union(items) => {
            let parts: Vec<String> = items.iter().map(|i| ty(i, quoted, input)).collect();
            if quoted {
                format!("Union[{}]", parts.join(", "))
            } else {
                parts.join(" | ")
            }
        }
        Ty::Object(_) => "dict[str, Any]".into(),
    }
}

fn docstring(out: &mut String, indent: &str, doc: &str) {
    let doc = doc.replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"");
    let mut lines = doc.lines();
    let first = lines.next().unwrap_or_default();
    let rest: Vec<&str> = lines.collect();
    if rest.is_empty() {
        let _ = writeln!(out, "{indent}\"\"\"{first}\"\"\"");
    } else {
        let _ = writeln!(out, "{indent}\"\"\"{first}");
        for l in rest {
            if l.is_empty() {
                out.push('\n');
            } else {
                let _ = writeln!(out, "{indent}{l}");
            }
        }
        let _ = writeln!(out, "{indent}\"\"\"");
    }
}

fn def(out: &mut String, name: &str, d: &Def, input: bool) {
    match &d.ty {
        Ty::Object(obj) if obj.fields.iter().all(|f| is_identifier(&f.name)) => {
            let _ = writeln!(out, "class {name}(TypedDict):");
            docstring(out, "    ", d.doc.as_deref().unwrap_or(name));
            if !obj.fields.is_empty() {
                out.push('\n');
            }
            for f in &obj.fields {
                let t = ty(&f.ty, false, input);
                let t = if f.required {
                    t
                } else {
                    format!("NotRequired[{t}]")
                };
                let _ = writeln!(out, "    {}: {t}", f.name);
                if let Some(doc) = &f.doc {
                    docstring(out, "    ", doc);
                }
            }
        }
        Ty::Object(obj) => {
            // Field names that are Python keywords (`from`): the functional form.
            let _ = writeln!(out, "{name} = TypedDict(\n    \"{name}\",\n    {{");
            for f in &obj.fields {
                let t = ty(&f.ty, true, input);
                let t = if f.required {
                    t
                } else {
                    format!("NotRequired[{t}]")
                };
                let _ = writeln!(out, "        \"{}\": {t},", f.name);
            }
            out.push_str("    },\n)\n");
            docstring(out, "", d.doc.as_deref().unwrap_or(name));
        }
        other => {
            let _ = writeln!(out, "{name} = {}", ty(other, true, input));
            if let Some(doc) = &d.doc {
                docstring(out, "", doc);
            }
        }
    }
}

fn arg_ty(a: &ArgTy) -> String {
    let input = true;
    match a {
        ArgTy::Json(t) => ty(t, false, input),
        ArgTy::Bytes => "bytes | str".into(),
        ArgTy::BytesList => "Sequence[bytes | str]".into(),
        ArgTy::Files => "Mapping[str, bytes | str]".into(),
        ArgTy::Matrix | ArgTy::Table => "Any".into(),
        ArgTy::Hook => "Callable[[str], str]".into(),
    }
}

fn operation(out: &mut String, op: &OpTypes) {
    let spec = op.spec;
    let mut params: Vec<String> = spec
        .args
        .iter()
        .zip(&op.args)
        .map(|(a, t)| {
            if a.optional {
                format!("{}: {} | None = None", a.name, arg_ty(t))
            } else {
                format!("{}: {}", a.name, arg_ty(t))
            }
        })
        .collect();
    if spec.progress {
        params.push("*".into());
        params.push("progress: _progress.ProgressArg = False".into());
    }
    if let Some((Ty::Ref(options), _)) = &op.options {
        params.push(format!("**options: Unpack[{options}]"));
    }
    let qualified = spec.qualified_name();
    let wrapper = ARRAY_RESULTS
        .iter()
        .find(|(q, _)| *q == qualified)
        .map(|(_, class)| *class);
    let result = if op.matrix {
        format!("_extra.{MATRIX_CLASS}")
    } else if let Some(class) = wrapper {
        format!("_extra.{class}")
    } else {
        ty(&op.result, false, false)
    };
    let _ = writeln!(
        out,
        "\ndef {}({}) -> {result}:",
        spec.name,
        params.join(", ")
    );
    let mut doc = spec.doc.to_owned();
    if !spec.args.is_empty() {
        doc.push_str("\n\nArgs:");
        for a in spec.args {
            let _ = write!(doc, "\n    {}: {}", a.name, a.doc);
        }
    }
    if spec.progress {
        let _ = write!(
            doc,
            "\n    progress: ``True`` for a progress bar (tqdm's when it is installed), or a tqdm-like object to advance."
        );
    }
    if let Some((Ty::Ref(options), _)) = &op.options {
        let _ = write!(doc, "\n\nOptions are the keys of :class:`{options}`.");
    }
    docstring(out, "    ", &doc);
    let names: Vec<&str> = spec.args.iter().map(|a| a.name).collect();
    let options = if op.options.is_some() {
        "options"
    } else {
        "None"
    };
    let bar = if spec.progress { ", bar" } else { "" };
    let columnar = if wrapper.is_some() {
        ", columnar=True"
    } else {
        ""
    };
    let call = format!(
        "_native.call(\"{}\", [{}], {options}{bar}{columnar})",
        spec.qualified_name(),
        names.join(", ")
    );
    let returned = if op.matrix {
        format!("_extra.{MATRIX_CLASS}.from_native({call})")
    } else if let Some(class) = wrapper {
        format!("_extra.{class}.from_native({call})")
    } else {
        format!("cast(\"{result}\", {call})")
    };
    if spec.progress {
        let _ = writeln!(
            out,
            "    with _progress.observer(progress, \"{qualified}\") as bar:\n        return {returned}"
        );
    } else {
        let _ = writeln!(out, "    return {returned}");
    }
}

/// The module `python/disinfo/<tool>.py`.
pub fn module(tool: &ToolTypes) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "\"\"\"{}\n", tool_doc(tool.tool));
    let _ = writeln!(
        out,
        "Every function returns plain Python objects with the same JSON shape as the Rust API, the Node\npackage and the CLI; errors are :class:`disinfo.DisinfoError` subclasses with a stable ``.code``.\n"
    );
    for l in NOTICE.lines() {
        let _ = writeln!(out, "{l}");
    }
    out.push_str("\"\"\"\n\nfrom __future__ import annotations\n\nimport datetime\nimport os\n");
    out.push_str("from typing import Any, Callable, Literal, Mapping, Sequence, Union, cast\n\n");
    out.push_str("from typing_extensions import NotRequired, TypedDict, Unpack\n\n");
    out.push_str("from disinfo import _native\n");
    if tool.ops.iter().any(|o| o.spec.progress) {
        out.push_str("from disinfo import _progress\n");
    }
    let extras = EXTRAS.contains(&tool.tool);
    if extras {
        let _ = writeln!(out, "from disinfo._extra import {} as _extra", tool.tool);
        let _ = writeln!(
            out,
            "from disinfo._extra.{} import *  # noqa: F401,F403",
            tool.tool
        );
    }
    let mut names: Vec<String> = tool.ops.iter().map(|o| o.spec.name.to_owned()).collect();
    names.extend(tool.defs.keys().cloned());
    names.push("StrPath".into());
    names.push("TimeLike".into());
    out.push_str("\n__all__ = [\n");
    for n in &names {
        let _ = writeln!(out, "    \"{n}\",");
    }
    out.push_str("]\n");
    if extras {
        out.push_str("__all__ += _extra.__all__\n");
    }
    out.push_str("\nStrPath = Union[str, \"os.PathLike[str]\"]\n\"\"\"A file system path: a ``str`` or an ``os.PathLike`` such as ``pathlib.Path``.\"\"\"\n");
    out.push_str("\nTimeLike = Union[str, \"datetime.datetime\"]\n\"\"\"A date-time: RFC 3339 text (``2024-05-01T00:00:00Z``) or a timezone-aware ``datetime``.\"\"\"\n");
    out.push_str("\n# --- types ---------------------------------------------------------------------------\n");
    for (name, d) in &tool.defs {
        out.push('\n');
        def(&mut out, name, d, tool.input_only.contains(name));
    }
    out.push_str("\n\n# --- operations ----------------------------------------------------------------------\n");
    for op in &tool.ops {
        out.push('\n');
        operation(&mut out, op);
    }
    out
}

/// `python/stubtest-allowlist.txt`: what `mypy.stubtest` cannot judge in the package. The tool
/// modules are their own stubs, so stubtest only meets its known limits there: typing names
/// imported for annotations, the PEP 728 attributes of `typing_extensions.TypedDict`, `__all__`
/// extended with the helpers' names, and Literal aliases (a Union to mypy, a `Literal` at
/// runtime), also where the engine modules (`dask`, `spark`) import one. Generated, so that a
/// new enumeration does not break `./x lint`.
pub fn stubtest_allowlist(tools: &[ToolTypes]) -> String {
    let mut out = String::new();
    for l in NOTICE.lines() {
        let _ = writeln!(out, "# {l}");
    }
    out.push_str(
        "# typing names imported by the modules for their annotations, not part of the API.\n\
         disinfo(\\.[a-z_]+)*\\.(Any|Callable|Iterable|Iterator|Mapping|Protocol|Sequence)(\\..*)?\n\
         # typing_extensions' TypedDict has PEP 728 attributes that stubtest does not know.\n\
         disinfo\\.[a-z_]+\\.[A-Za-z0-9_]+\\.__(closed|extra_items|mutable_keys|readonly_keys)__\n\
         # pyo3 adds __all__ to the compiled module.\n\
         disinfo._native.__all__\n\
         # pandas is imported by the helpers for annotations only (TYPE_CHECKING).\n\
         disinfo\\._extra\\.[a-z]+\\.pandas\n\
         # The tool modules add their helpers' names with `__all__ += _extra.__all__`, which stubtest does not follow.\n",
    );
    for tool in EXTRAS {
        let _ = writeln!(out, "disinfo.{tool}.__all__");
    }
    out.push_str(
        "# Literal aliases: a Union to mypy, a Literal at runtime; stubtest cannot compare them.\n",
    );
    for tool in tools.iter().filter(|t| t.tool != "core") {
        for (name, d) in &tool.defs {
            if let Ty::Literal(values) = &d.ty
                && values.len() > 1
                && values.iter().all(|v| !v.is_null())
            {
                let _ = writeln!(out, "disinfo.{}.{name}", tool.tool);
            }
        }
    }
    out.push_str(
        "# The engine modules import the bots' input formats (a Literal alias) for their annotations.\n\
         disinfo\\.(dask|spark)\\.InputFormat\n",
    );
    out
}
