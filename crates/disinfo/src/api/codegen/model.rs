//! JSON Schema (as schemars writes it) to a small type model that the Python and TypeScript
//! writers render: named definitions, objects with documented fields, unions, literals.

use std::collections::BTreeMap;

use serde_json::Value;

/// A type.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    /// Anything (`true`, `{}`, a free-form JSON value).
    Any,
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool,
    /// An integer.
    Int,
    /// A number.
    Number,
    /// A string.
    Str,
    /// A file system path (`format: path`): also `os.PathLike` in Python.
    Path,
    /// An RFC 3339 date-time (`format: date-time`): also a `datetime` or a `Date` when passed in.
    DateTime,
    /// One of these constants.
    Literal(Vec<Value>),
    /// A list.
    List(Box<Ty>),
    /// A fixed-length list.
    Tuple(Vec<Ty>),
    /// An object with arbitrary keys.
    Map(Box<Ty>),
    /// A named definition.
    Ref(String),
    /// One of several types.
    Union(Vec<Ty>),
    /// An object with known fields (hoisted into a named definition before rendering).
    Object(Obj),
}

/// An object type.
#[derive(Debug, Clone, PartialEq)]
pub struct Obj {
    /// Fields, sorted by name.
    pub fields: Vec<Field>,
    /// The schema's `title`, the name to give it when it is hoisted.
    pub title: Option<String>,
    /// The schema's `description`.
    pub doc: Option<String>,
}

/// A field of an object type.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Name as serialised (snake_case, or as the type renames it).
    pub name: String,
    /// Type.
    pub ty: Ty,
    /// Whether it is always present.
    pub required: bool,
    /// Documentation.
    pub doc: Option<String>,
}

/// A named definition: an object or an alias of another type.
#[derive(Debug, Clone, PartialEq)]
pub struct Def {
    /// Documentation.
    pub doc: Option<String>,
    /// The type.
    pub ty: Ty,
}

/// Named definitions.
pub type Defs = BTreeMap<String, Def>;

/// A doc text without rustdoc's link brackets: `[`diff`]` and `[`x`](path)` become `` `diff` ``
/// and `` `x` `` (the last path segment: `crate::diff::diff` reads `diff`).
pub fn plain_doc(doc: &str) -> String {
    let mut out = String::with_capacity(doc.len());
    let mut rest = doc;
    while let Some(start) = rest.find("[`") {
        let Some(len) = rest[start + 2..].find("`]") else {
            break;
        };
        out.push_str(&rest[..start]);
        let inner = &rest[start + 2..start + 2 + len];
        let name = inner.rsplit("::").next().unwrap_or(inner);
        out.push('`');
        out.push_str(name);
        out.push('`');
        rest = &rest[start + 2 + len + 2..];
        if rest.starts_with('(')
            && let Some(close) = rest.find(')')
        {
            rest = &rest[close + 1..];
        }
    }
    out.push_str(rest);
    out
}

/// Reads a schema (`$ref`s to `#/$defs/<Name>` stay references; `#` is `root`).
pub fn ty(schema: &Value, root: &str) -> Ty {
    let Some(obj) = schema.as_object() else {
        return Ty::Any;
    };
    if let Some(r) = obj.get("$ref").and_then(Value::as_str) {
        let name = if r == "#" {
            root
        } else {
            r.rsplit('/').next().unwrap_or(r)
        };
        return Ty::Ref(name.to_owned());
    }
    if let Some(c) = obj.get("const") {
        return Ty::Literal(vec![c.clone()]);
    }
    if let Some(values) = obj.get("enum").and_then(Value::as_array) {
        return Ty::Literal(values.clone());
    }
    if let Some(branches) = obj
        .get("anyOf")
        .or_else(|| obj.get("oneOf"))
        .and_then(Value::as_array)
    {
        return union(branches.iter().map(|b| ty(b, root)).collect());
    }
    if let Some(parts) = obj.get("allOf").and_then(Value::as_array)
        && let [only] = parts.as_slice()
    {
        return ty(only, root);
    }
    match obj.get("type") {
        Some(Value::String(t)) => of_type(t, obj, root),
        Some(Value::Array(ts)) => union(
            ts.iter()
                .filter_map(Value::as_str)
                .map(|t| of_type(t, obj, root))
                .collect(),
        ),
        _ if obj.contains_key("properties") => object(obj, root),
        _ => Ty::Any,
    }
}

fn of_type(t: &str, obj: &serde_json::Map<String, Value>, root: &str) -> Ty {
    match t {
        "null" => Ty::Null,
        "boolean" => Ty::Bool,
        "integer" => Ty::Int,
        "number" => Ty::Number,
        "string" if obj.get("format").and_then(Value::as_str) == Some("path") => Ty::Path,
        "string" if obj.get("format").and_then(Value::as_str) == Some("date-time") => Ty::DateTime,
        "string" => Ty::Str,
        "array" => match (
            obj.get("items"),
            obj.get("prefixItems").and_then(Value::as_array),
        ) {
            (_, Some(items)) => Ty::Tuple(items.iter().map(|i| ty(i, root)).collect()),
            (Some(items), None) => Ty::List(Box::new(ty(items, root))),
            (None, None) => Ty::List(Box::new(Ty::Any)),
        },
        "object" if obj.contains_key("properties") => object(obj, root),
        "object" => match obj.get("additionalProperties") {
            Some(v @ Value::Object(_)) => Ty::Map(Box::new(ty(v, root))),
            _ => Ty::Map(Box::new(Ty::Any)),
        },
        _ => Ty::Any,
    }
}

fn object(obj: &serde_json::Map<String, Value>, root: &str) -> Ty {
    let required: Vec<&str> = obj
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut fields: Vec<Field> = obj
        .get("properties")
        .and_then(Value::as_object)
        .map(|props| {
            props
                .iter()
                .map(|(name, s)| Field {
                    name: name.clone(),
                    ty: ty(s, root),
                    required: required.contains(&name.as_str()),
                    doc: s.get("description").and_then(Value::as_str).map(plain_doc),
                })
                .collect()
        })
        .unwrap_or_default();
    fields.sort_by(|a, b| a.name.cmp(&b.name));
    Ty::Object(Obj {
        fields,
        title: obj.get("title").and_then(Value::as_str).map(str::to_owned),
        doc: obj
            .get("description")
            .and_then(Value::as_str)
            .map(plain_doc),
    })
}

/// A union, flattened, with duplicates removed and literals merged.
pub fn union(items: Vec<Ty>) -> Ty {
    let mut flat: Vec<Ty> = Vec::new();
    let mut literals: Vec<Value> = Vec::new();
    for item in items {
        match item {
            Ty::Union(inner) => {
                for t in inner {
                    push_unique(&mut flat, &mut literals, t);
                }
            }
            t => push_unique(&mut flat, &mut literals, t),
        }
    }
    if !literals.is_empty() {
        flat.insert(0, Ty::Literal(literals));
    }
    match flat.len() {
        0 => Ty::Any,
        1 => flat.pop().unwrap_or(Ty::Any),
        _ => Ty::Union(flat),
    }
}

fn push_unique(flat: &mut Vec<Ty>, literals: &mut Vec<Value>, t: Ty) {
    match t {
        Ty::Literal(values) => {
            for v in values {
                if !literals.contains(&v) {
                    literals.push(v);
                }
            }
        }
        t if !flat.contains(&t) => flat.push(t),
        _ => {}
    }
}

/// The definitions of a generator, plus the types it was asked for.
pub fn defs(definitions: &serde_json::Map<String, Value>) -> Defs {
    definitions
        .iter()
        .map(|(name, schema)| {
            let doc = schema
                .get("description")
                .and_then(Value::as_str)
                .map(plain_doc);
            (
                name.clone(),
                Def {
                    doc,
                    ty: ty(schema, name),
                },
            )
        })
        .collect()
}

/// Replaces inline objects by references to new named definitions (`<Parent><Field>`), so that
/// every object has a name in both languages.
pub fn hoist(defs: &mut Defs) {
    let names: Vec<String> = defs.keys().cloned().collect();
    for name in names {
        let Some(mut def) = defs.remove(&name) else {
            continue;
        };
        let mut new = Vec::new();
        if let Ty::Object(obj) = &mut def.ty {
            for f in &mut obj.fields {
                let hint = format!("{name}{}", pascal(&f.name));
                hoist_ty(&mut f.ty, &hint, defs, &mut new);
            }
        } else {
            hoist_inner(&mut def.ty, &name, defs, &mut new);
        }
        defs.insert(name, def);
        for (n, d) in new {
            defs.entry(n).or_insert(d);
        }
    }
}

fn hoist_inner(t: &mut Ty, hint: &str, defs: &Defs, new: &mut Vec<(String, Def)>) {
    match t {
        Ty::List(inner) | Ty::Map(inner) => hoist_ty(inner, &format!("{hint}Item"), defs, new),
        Ty::Tuple(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                hoist_ty(item, &format!("{hint}{i}"), defs, new);
            }
        }
        Ty::Union(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let variant = match item {
                    Ty::Object(o) => discriminator(o).unwrap_or_else(|| format!("Variant{i}")),
                    _ => format!("Variant{i}"),
                };
                hoist_ty(item, &format!("{hint}{variant}"), defs, new);
            }
        }
        Ty::Object(obj) => {
            for f in &mut obj.fields {
                let h = format!("{hint}{}", pascal(&f.name));
                hoist_ty(&mut f.ty, &h, defs, new);
            }
        }
        _ => {}
    }
}

fn hoist_ty(t: &mut Ty, hint: &str, defs: &Defs, new: &mut Vec<(String, Def)>) {
    hoist_inner(t, hint, defs, new);
    if let Ty::Object(obj) = t {
        let base = obj.title.clone().unwrap_or_else(|| hint.to_owned());
        // The same titled object met twice (a range selector inside and outside a list) is one
        // definition.
        if let Some((existing, _)) = new
            .iter()
            .find(|(n, d)| *n == base && d.ty == Ty::Object(obj.clone()))
        {
            *t = Ty::Ref(existing.clone());
            return;
        }
        let mut name = base.clone();
        let mut k = 2;
        while defs.contains_key(&name) || new.iter().any(|(n, _)| *n == name) {
            name = format!("{base}{k}");
            k += 1;
        }
        new.push((
            name.clone(),
            Def {
                doc: obj.doc.clone(),
                ty: Ty::Object(obj.clone()),
            },
        ));
        *t = Ty::Ref(name);
    }
}

/// The value of a constant field (`{"method": {"const": "dbscan"}}`), in PascalCase.
fn discriminator(obj: &Obj) -> Option<String> {
    obj.fields.iter().find_map(|f| match &f.ty {
        Ty::Literal(v) if v.len() == 1 => v[0].as_str().map(pascal),
        _ => None,
    })
}

/// `PascalCase` of a snake_case, kebab-case or space separated name.
pub fn pascal(name: &str) -> String {
    name.split(['_', '-', ' ', '.'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut cs = p.chars();
            cs.next()
                .map(|c| c.to_ascii_uppercase().to_string() + cs.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// The names a type refers to.
pub fn refs(t: &Ty, out: &mut Vec<String>) {
    match t {
        Ty::Ref(n) => out.push(n.clone()),
        Ty::List(i) | Ty::Map(i) => refs(i, out),
        Ty::Tuple(items) | Ty::Union(items) => items.iter().for_each(|i| refs(i, out)),
        Ty::Object(o) => o.fields.iter().for_each(|f| refs(&f.ty, out)),
        _ => {}
    }
}

/// Renames references (`from` → `to`) throughout a type.
pub fn rename(t: &mut Ty, from: &str, to: &str) {
    match t {
        Ty::Ref(n) if n == from => *n = to.to_owned(),
        Ty::List(i) | Ty::Map(i) => rename(i, from, to),
        Ty::Tuple(items) | Ty::Union(items) => items.iter_mut().for_each(|i| rename(i, from, to)),
        Ty::Object(o) => o
            .fields
            .iter_mut()
            .for_each(|f| rename(&mut f.ty, from, to)),
        _ => {}
    }
}
