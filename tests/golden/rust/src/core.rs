//! Dispatch of the `core.*` golden calls (the facade).

use crate::{Call, Outcome, to_value};

/// Runs `core.<function>`; `None` when there is no such function.
pub fn call(function: &str, _call: &Call<'_>) -> Option<Result<Outcome, String>> {
    Some(match function {
        "version" => Ok(Ok(serde_json::Value::String(disinfo::version().to_owned()))),
        "build_info" => to_value(&disinfo::build_info()).map(Ok),
        "force_panic" => {
            Ok(disinfo::catch_panic(disinfo::force_panic_for_tests)
                .map(|()| serde_json::Value::Null))
        }
        _ => return None,
    })
}
