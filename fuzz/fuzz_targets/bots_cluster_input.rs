//! Clustering inputs: any small matrix (NaN, infinities, huge and equal values, one row, one
//! column) with any method and parameters gives a label per row or a typed error; never a
//! panic or a hang.
#![no_main]

use disinfo::bots::cluster::{ClusterOptions, cluster_matrix};
use libfuzzer_sys::fuzz_target;
use ndarray::Array2;
use serde_json::json;

const METHODS: [&str; 5] = ["dbscan", "kmeans", "gmm", "hdbscan", "minibatch_kmeans"];

fuzz_target!(|data: &[u8]| {
    let [method, width, p1, p2, flags, rest @ ..] = data else {
        return;
    };
    let width = 1 + usize::from(width % 4);
    let values: Vec<f64> = rest
        .chunks_exact(8)
        .take(64 * width)
        .map(|b| f64::from_le_bytes(b.try_into().unwrap_or_default()))
        .collect();
    let rows = values.len() / width;
    let Ok(matrix) = Array2::from_shape_vec((rows, width), values[..rows * width].to_vec()) else {
        return;
    };
    let columns: Vec<String> = (0..width).map(|i| format!("c{i}")).collect();
    let method = METHODS[usize::from(*method) % METHODS.len()];
    let params = match method {
        "dbscan" => json!({"eps": f64::from(*p1) / 16.0, "min_samples": p2 % 8}),
        "hdbscan" => json!({"min_cluster_size": p1 % 8, "min_samples": p2 % 8}),
        "gmm" => json!({"n_components": p1 % 6, "max_iter": p2 % 50, "seed": 7}),
        "kmeans" => {
            json!({"n_clusters": p1 % 6, "max_iter": p2 % 50, "n_init": 1 + p2 % 3, "random_state": 7})
        }
        _ => {
            json!({"n_clusters": p1 % 6, "batch_size": 1 + p2 % 16, "max_iter": p2 % 50, "random_state": 7})
        }
    };
    let options = json!({
        "method": method,
        "params": params,
        "standardise": flags & 1 == 1,
        "log1p": flags & 2 == 2,
    });
    let Ok(options) = ClusterOptions::from_json(options) else {
        return;
    };
    if let Ok(result) = cluster_matrix(matrix.view(), &columns, &options) {
        // Labels are -1 (noise) or a cluster's number; GMM and K-Means keep their component's
        // number, so an empty component leaves a gap: n_clusters counts the labels used.
        assert_eq!(result.labels.len(), rows);
        assert!(result.labels.iter().all(|&l| l >= -1));
        let used: std::collections::BTreeSet<i64> =
            result.labels.iter().copied().filter(|&l| l >= 0).collect();
        assert_eq!(used.len(), result.n_clusters);
        assert_eq!(
            result.labels.iter().filter(|&&l| l == -1).count(),
            result.n_noise
        );
    }
});
