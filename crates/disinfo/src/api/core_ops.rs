//! The operations of the toolkit itself: `core.version`, `core.build_info`.

use disinfo_core::{Operation, Output, ResultSpec, Spec};
use schemars::SchemaGenerator;

use crate::Error;

pub(super) const OPERATIONS: &[Operation<Error>] = &[
    Operation {
        spec: Spec {
            tool: "core",
            name: "version",
            doc: "The toolkit version (the same in Rust, Python, Node and the CLI).",
            args: &[],
            options: None,
            result: ResultSpec::Json(SchemaGenerator::subschema_for::<String>),
            progress: false,
        },
        run: |_, _| Ok(Output::json(crate::version())),
    },
    Operation {
        spec: Spec {
            tool: "core",
            name: "build_info",
            doc: "The version and the tools of this build, each with its status and capabilities.",
            args: &[],
            options: None,
            result: ResultSpec::Json(SchemaGenerator::subschema_for::<crate::BuildInfo>),
            progress: false,
        },
        run: |_, _| Ok(Output::json(crate::build_info())),
    },
    Operation {
        spec: Spec {
            tool: "core",
            name: "_force_panic",
            doc: "Panics on purpose: proves that a panic in the core reaches every caller as an error with code `internal` and the host process survives. A test hook (names starting with `_` are not part of the generated APIs).",
            args: &[],
            options: None,
            result: ResultSpec::Json(SchemaGenerator::subschema_for::<()>),
            progress: false,
        },
        run: |_, _| {
            crate::force_panic_for_tests()?;
            Ok(Output::json(()))
        },
    },
];
