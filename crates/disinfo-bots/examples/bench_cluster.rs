//! Driver of `./x bench cluster` (see `benches/cluster/run`): builds the benchmark matrix (the
//! standardised `log1p` profile features of seeded synthetic accounts), writes it for the
//! scikit-learn peer, and times our methods on it.
//!
//! Usage:
//! - `bench_cluster matrix OUT.npy ACCOUNTS` writes the matrix (float64, C order) and prints its
//!   shape and columns as JSON;
//! - `bench_cluster run IN.npy METHOD PARAMS_JSON LABELS_OUT.npy` clusters the matrix (already
//!   standardised: `standardise` is off) and prints one JSON line with the time and the counts.

use std::error::Error;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::time::Instant;

use disinfo_bots::cluster::accounts::choose_columns;
use disinfo_bots::cluster::{ClusterOptions, cluster_matrix, standardise};
use disinfo_bots::features::profile_features;
use disinfo_bots::synthetic::{SyntheticConfig, generate_accounts};
use ndarray::{Array2, Axis};

/// The benchmark population: mostly organic accounts, 5 % dormant-rule bots, 2 % amplifiers,
/// 1 % members of coordinated groups of 10 (the generator's populations).
fn config(accounts: usize) -> SyntheticConfig {
    let dormant = accounts / 20;
    let amplifiers = accounts / 50;
    let groups = accounts / 1000;
    SyntheticConfig {
        seed: 2019,
        organic: accounts - dormant - amplifiers - groups * 10,
        dormant_bots: dormant,
        amplifiers,
        coordinated_groups: groups,
        group_size: 10,
        ..SyntheticConfig::default()
    }
}

fn write_npy(path: &str, dtype: &str, shape: &[usize], bytes: &[u8]) -> Result<(), Box<dyn Error>> {
    let shape_text = match shape {
        [n] => format!("({n},)"),
        [n, d] => format!("({n}, {d})"),
        _ => return Err("shape must be 1-D or 2-D".into()),
    };
    let mut header =
        format!("{{'descr': '{dtype}', 'fortran_order': False, 'shape': {shape_text}, }}");
    while (10 + header.len() + 1) % 64 != 0 {
        header.push(' ');
    }
    header.push('\n');
    let mut out = BufWriter::new(File::create(path)?);
    out.write_all(b"\x93NUMPY\x01\x00")?;
    out.write_all(&u16::try_from(header.len())?.to_le_bytes())?;
    out.write_all(header.as_bytes())?;
    out.write_all(bytes)?;
    Ok(())
}

fn read_npy(path: &str) -> Result<Array2<f64>, Box<dyn Error>> {
    let mut raw = Vec::new();
    BufReader::new(File::open(path)?).read_to_end(&mut raw)?;
    let len = u16::from_le_bytes([raw[8], raw[9]]) as usize;
    let header = std::str::from_utf8(&raw[10..10 + len])?;
    let shape = header
        .split("'shape': (")
        .nth(1)
        .and_then(|s| s.split(')').next())
        .ok_or("no shape")?;
    let dims: Vec<usize> = shape
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.trim().parse())
        .collect::<Result<_, _>>()?;
    let values: Vec<f64> = raw[10 + len..]
        .chunks_exact(8)
        .map(|b| f64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
        .collect();
    Ok(Array2::from_shape_vec((dims[0], dims[1]), values)?)
}

fn matrix(out: &str, accounts: usize) -> Result<(), Box<dyn Error>> {
    let t = Instant::now();
    let (accounts, _) = generate_accounts(&config(accounts))?;
    let features = profile_features(&accounts)?;
    let choice = choose_columns(&features, true, true, None)?;
    let kept = features.values.select(Axis(1), &choice.keep);
    let columns: Vec<String> = choice
        .keep
        .iter()
        .map(|&j| features.columns[j].clone())
        .collect();
    let z = standardise(kept.view(), true, &columns)?;
    let bytes: Vec<u8> = z.iter().flat_map(|v| v.to_le_bytes()).collect();
    write_npy(out, "<f8", &[z.nrows(), z.ncols()], &bytes)?;
    println!(
        "{}",
        serde_json::json!({"rows": z.nrows(), "cols": z.ncols(), "columns": columns, "seconds": t.elapsed().as_secs_f64()})
    );
    Ok(())
}

fn run(input: &str, method: &str, params: &str, labels_out: &str) -> Result<(), Box<dyn Error>> {
    let x = read_npy(input)?;
    let options: ClusterOptions = serde_json::from_value(serde_json::json!({
        "method": method, "params": serde_json::from_str::<serde_json::Value>(params)?, "standardise": false
    }))?;
    let t = Instant::now();
    let r = cluster_matrix(x.view(), &[], &options)?;
    let seconds = t.elapsed().as_secs_f64();
    let bytes: Vec<u8> = r.labels.iter().flat_map(|l| l.to_le_bytes()).collect();
    write_npy(labels_out, "<i8", &[r.labels.len()], &bytes)?;
    let inertia = r.kmeans.as_ref().map(|k| k.inertia);
    let lower_bound = r.gmm.as_ref().map(|g| g.lower_bound);
    let iterations = r
        .kmeans
        .as_ref()
        .map(|k| k.iterations)
        .or(r.gmm.as_ref().map(|g| g.iterations));
    println!(
        "{}",
        serde_json::json!({
            "method": method, "seconds": seconds, "rows": x.nrows(), "threads": rayon::current_num_threads(),
            "n_clusters": r.n_clusters, "n_noise": r.n_noise, "inertia": inertia, "lower_bound": lower_bound,
            "iterations": iterations,
        })
    );
    Ok(())
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize| {
        args.get(i)
            .map(String::as_str)
            .ok_or("see the usage in the source")
    };
    match arg(1)? {
        "matrix" => matrix(arg(2)?, arg(3)?.parse()?),
        "run" => run(arg(2)?, arg(3)?, arg(4)?, arg(5)?),
        other => Err(format!("unknown command {other}").into()),
    }
}
