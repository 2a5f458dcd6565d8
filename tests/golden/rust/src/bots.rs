//! Dispatch of the `bots.*` golden calls.

use crate::{Call, Outcome};

/// Runs `bots.<function>`; `None` when there is no such function.
pub fn call(function: &str, call: &Call<'_>) -> Option<Result<Outcome, String>> {
    match function {
        // --- adapters and features ---
        "features_from_text" => Some(features_from_text(call)),
        "handle_likelihood" => Some(call.str_arg(0).map(|h| {
            Ok(disinfo::bots::features::handle::handle_likelihood(h)
                .map_or(serde_json::Value::Null, Into::into))
        })),
        // --- coordination networks ---
        "coordinate_text" => Some(coordinate_text(call)),
        // --- feature clustering ---
        "cluster_features" => Some(cluster_features(call)),
        _ => None,
    }
}

// --- feature clustering ---
fn cluster_features(call: &Call<'_>) -> Result<Outcome, String> {
    use disinfo::bots::cluster::{ClusterOptions, cluster_matrix};
    let matrix: Vec<Vec<f64>> =
        serde_json::from_value(call.args.first().cloned().unwrap_or_default())
            .map_err(|e| format!("matrix: {e}"))?;
    let columns: Vec<String> = match call.kwarg("columns") {
        Some(c) => serde_json::from_value(c.clone()).map_err(|e| format!("columns: {e}"))?,
        None => Vec::new(),
    };
    let mut options = serde_json::Map::new();
    for key in ["method", "params", "standardise", "log1p", "include_matrix"] {
        if let Some(v) = call.kwarg(key) {
            options.insert(key.to_owned(), v.clone());
        }
    }
    let outcome = (|| -> disinfo::Result<serde_json::Value> {
        let options = ClusterOptions::from_json(serde_json::Value::Object(options))?;
        let result = cluster_matrix(&matrix, &columns, &options)?;
        serde_json::to_value(&result).map_err(|e| disinfo::Error::Internal {
            message: e.to_string(),
        })
    })();
    Ok(outcome)
}

// --- coordination networks ---
fn coordinate_text(call: &Call<'_>) -> Result<Outcome, String> {
    use disinfo::bots::adapters::{InputFormat, ReadOptions};
    use disinfo::bots::coordinate::{CoordinateOptions, CoordinationKind, run};
    use disinfo::bots::graph::GraphOptions;
    let (text, format) = (call.str_arg(0)?, call.str_arg(1)?);
    let outcome = (|| -> disinfo::Result<serde_json::Value> {
        let read = ReadOptions::new(format.parse::<InputFormat>()?);
        let mut options = CoordinateOptions::default();
        if let Some(k) = call.kwarg("kind").and_then(|v| v.as_str()) {
            options.kind = CoordinationKind::parse(k)?;
        }
        if let Some(w) = call.kwarg("window").and_then(|v| v.as_f64()) {
            options.window_secs = w;
        }
        if let Some(w) = call.kwarg("min_edge_weight").and_then(|v| v.as_u64()) {
            options.min_edge_weight = w;
        }
        let graph = call
            .kwarg("communities")
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
            .then(|| GraphOptions {
                seed: call.kwarg("seed").and_then(|v| v.as_u64()).unwrap_or(42),
                ..GraphOptions::default()
            });
        let result = run::from_bytes(text.as_bytes(), &read, &options, graph.as_ref())?;
        serde_json::to_value(&result).map_err(|e| disinfo::Error::Internal {
            message: e.to_string(),
        })
    })();
    Ok(outcome)
}

// --- adapters and features ---
fn features_from_text(call: &Call<'_>) -> Result<Outcome, String> {
    use disinfo::bots::adapters::{self, InputFormat, Mode, ReadOptions};
    use disinfo::bots::features::FeatureOptions;
    use disinfo::bots::pipeline;
    let (text, format) = (call.str_arg(0)?, call.str_arg(1)?);
    let outcome = (|| -> disinfo::Result<serde_json::Value> {
        let mut read = ReadOptions::new(format.parse::<InputFormat>()?);
        if let Some(mode) = call.kwarg("mode").and_then(|v| v.as_str()) {
            read.mode = mode.parse::<Mode>()?;
        }
        if let Some(t) = call.kwarg("observed_at").and_then(|v| v.as_str()) {
            read.observed_at = Some(adapters::parse_time(t, "observed_at")?);
        }
        let mut options = FeatureOptions::default();
        if let Some(b) = call.kwarg("behaviour").and_then(|v| v.as_bool()) {
            options.behaviour = b;
        }
        let result = pipeline::features_from_text(text, &read, &options)?;
        serde_json::to_value(&result).map_err(|e| disinfo::Error::Internal {
            message: e.to_string(),
        })
    })();
    Ok(outcome)
}
