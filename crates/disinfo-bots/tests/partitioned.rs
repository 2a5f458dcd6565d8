//! A partitioned network (trace rows shuffled by `(key, bucket)` into any number of partitions,
//! weights summed) equals the single-process one: every kind, hot objects split over buckets,
//! posts with several keys, duplicate ids.

use std::collections::BTreeMap;
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};

use disinfo_bots::adapters::{InputFormat, ReadOptions};
use disinfo_bots::coordinate::partitioned::{self, MergeOptions, SplitOptions, TraceRows};
use disinfo_bots::coordinate::run;
use disinfo_bots::coordinate::{CoordinateOptions, CoordinationKind};
use disinfo_core::table::{Column, ColumnValues, Table};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Posts as QUT columns: organic noise, a coordinated group reposting and linking together, a
/// hot object shared by many accounts over days, posts with several URLs and hashtags, a
/// repeated post id.
fn posts(n: usize, seed: u64) -> BTreeMap<&'static str, Vec<String>> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut cols: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    let texts = [
        "vote for the plan now #vote #now",
        "the plan is a fraud @x read this",
        "read this before you vote #vote",
        "a quiet morning by the sea",
    ];
    for i in 0..n {
        let t0 = 1_700_000_000i64;
        let (user, time, repost, urls, text) = match i % 5 {
            // the hot object: 40 accounts over 3 days
            0 => (
                format!("h{}", rng.random_range(0..40)),
                t0 + rng.random_range(0..3 * 86_400),
                "hot".to_string(),
                String::new(),
                String::new(),
            ),
            // a group acting within seconds of each other on shared items
            1 | 2 => {
                let item = rng.random_range(0..30);
                (
                    format!("g{}", rng.random_range(0..12)),
                    t0 + item * 5000 + rng.random_range(0..40),
                    if i % 5 == 1 {
                        format!("r{item}")
                    } else {
                        String::new()
                    },
                    format!(
                        "http://example.org/{item} https://www.example.org/{}",
                        item % 7
                    ),
                    texts[(item % 4) as usize].to_string(),
                )
            }
            _ => (
                format!("o{}", rng.random_range(0..200)),
                t0 + rng.random_range(0..3 * 86_400),
                if rng.random_bool(0.3) {
                    format!("r{}", rng.random_range(0..50))
                } else {
                    String::new()
                },
                format!("http://news.example/{}", rng.random_range(0..60)),
                texts[rng.random_range(0..4)].to_string(),
            ),
        };
        // post 7 appears twice: the first record wins
        let id = if i == 20 {
            "7".to_string()
        } else {
            i.to_string()
        };
        cols.entry("message_id").or_default().push(id);
        // A handle, except for a few rows (their account keeps the first row's).
        let handle = if i % 97 == 3 {
            String::new()
        } else {
            user.to_uppercase()
        };
        cols.entry("username").or_default().push(handle);
        cols.entry("user_id").or_default().push(user);
        cols.entry("timestamp").or_default().push(time.to_string());
        cols.entry("repost_id").or_default().push(repost);
        cols.entry("reply_id").or_default().push(String::new());
        cols.entry("urls").or_default().push(urls);
        cols.entry("message").or_default().push(text);
    }
    cols
}

fn table(cols: &BTreeMap<&'static str, Vec<String>>, rows: std::ops::Range<usize>) -> Table {
    let columns = cols
        .iter()
        .map(|(name, v)| Column {
            name: name.to_string(),
            values: ColumnValues::Text(v[rows.clone()].to_vec()),
        })
        .collect();
    Table::from_columns("posts", columns).expect("equal columns")
}

fn csv(cols: &BTreeMap<&'static str, Vec<String>>) -> String {
    let names: Vec<&str> = cols.keys().copied().collect();
    let mut out = names.join(",") + "\n";
    let rows = cols["message_id"].len();
    for i in 0..rows {
        let row: Vec<String> = cols.values().map(|c| format!("\"{}\"", c[i])).collect();
        out += &(row.join(",") + "\n");
    }
    out
}

/// The rows of `traces` that `pick` keeps.
fn select(traces: &[TraceRows], pick: impl Fn(&TraceRows, usize) -> bool) -> TraceRows {
    let mut out = TraceRows::default();
    for t in traces {
        for i in (0..t.key.len()).filter(|&i| pick(t, i)) {
            out.key.push(t.key[i].clone());
            out.bucket.push(t.bucket[i]);
            out.owned.push(t.owned[i]);
            out.time_us.push(t.time_us[i]);
            out.user.push(t.user[i].clone());
            out.post.push(t.post[i]);
            out.multi.push(t.multi[i]);
            out.first.push(t.first[i]);
            if !t.text.is_empty() {
                out.text.push(t.text[i].clone());
            }
        }
    }
    out
}

fn text(name: &str, v: Vec<String>) -> Column {
    Column {
        name: name.into(),
        values: ColumnValues::Text(v),
    }
}

fn numbers(name: &str, v: Vec<f64>) -> Column {
    Column {
        name: name.into(),
        values: ColumnValues::Numbers(v),
    }
}

/// The partitioned network as an engine builds it, with `chunks` input partitions and `parts`
/// shuffle partitions.
fn partitioned(
    cols: &BTreeMap<&'static str, Vec<String>>,
    options: &CoordinateOptions,
    chunks: usize,
    parts: u64,
    bucket_secs: f64,
) -> disinfo_bots::coordinate::Network {
    let n = cols["message_id"].len();
    let split = SplitOptions {
        coordinate: options.clone(),
        bucket_secs: Some(bucket_secs),
        ..SplitOptions::default()
    };
    let step = n.div_ceil(chunks);
    let traces: Vec<TraceRows> = (0..chunks)
        .map(|c| {
            let rows = (c * step).min(n)..((c + 1) * step).min(n);
            let split = SplitOptions {
                order_base: (c * step) as u64,
                ..split.clone()
            };
            partitioned::trace_rows(&table(cols, rows), &split).expect("trace rows")
        })
        .collect();
    // The duplicate check: an id's first order wins.
    let mut first: BTreeMap<String, u64> = BTreeMap::new();
    for t in &traces {
        for (id, &o) in t.ids.iter().zip(&t.orders) {
            let e = first.entry(id.clone()).or_insert(o);
            *e = (*e).min(o);
        }
    }
    let kept: std::collections::HashSet<u64> = first.values().copied().collect();
    let accepted: usize = traces.iter().map(|t| t.ids.len()).sum();
    let traces_before = traces;
    let traces = [select(&traces_before, |t, i| kept.contains(&t.post[i]))];
    // The handle of each account's first row.
    let mut handles: BTreeMap<String, (u64, String)> = BTreeMap::new();
    for t in &traces_before {
        for i in 0..t.users.len() {
            let e = handles
                .entry(t.users[i].clone())
                .or_insert((t.user_orders[i], t.handles[i].clone()));
            if t.user_orders[i] < e.0 {
                *e = (t.user_orders[i], t.handles[i].clone());
            }
        }
    }
    let mut trace_posts: BTreeMap<String, u64> = BTreeMap::new();
    for t in &traces {
        for i in 0..t.user.len() {
            if t.first[i] {
                *trace_posts.entry(t.user[i].clone()).or_default() += 1;
            }
        }
    }
    // Per partition, then the engine's reduction: sum the aggregated rows, count each listed
    // post once.
    let mut sums: BTreeMap<(String, String), u64> = BTreeMap::new();
    let mut listed = std::collections::BTreeSet::new();
    for part in 0..parts {
        let hasher = BuildHasherDefault::<DefaultHasher>::default();
        let rows = select(&traces, |t, i| {
            hasher.hash_one((&t.key[i], t.bucket[i])) % parts == part
        });
        let edges = partitioned::partition_edges(&rows.to_table().expect("table"), options)
            .expect("partition edges");
        for i in 0..edges.source.len() {
            let pair = (edges.source[i].clone(), edges.target[i].clone());
            if edges.post[i] < 0 {
                *sums.entry(pair).or_default() += edges.weight[i];
            } else if listed.insert((pair.clone(), edges.post[i])) {
                *sums.entry(pair).or_default() += 1;
            }
        }
    }
    let (pairs, weights): (Vec<_>, Vec<_>) = sums.into_iter().unzip();
    let (sources, targets): (Vec<_>, Vec<_>) = pairs.into_iter().unzip();
    let edges = Table::from_columns(
        "edges",
        vec![
            text("source", sources),
            text("target", targets),
            numbers("weight", weights.into_iter().map(|w| w as f64).collect()),
        ],
    )
    .expect("edges");
    let (users, counts): (Vec<_>, Vec<_>) = trace_posts.into_iter().unzip();
    let handle = users.iter().map(|u| handles[u].1.clone()).collect();
    let nodes = Table::from_columns(
        "nodes",
        vec![
            text("handle", handle),
            text("user", users),
            numbers(
                "trace_posts",
                counts.into_iter().map(|c| c as f64).collect(),
            ),
        ],
    )
    .expect("nodes");
    let merge = MergeOptions {
        coordinate: options.clone(),
        posts: first.len() as u64,
        duplicate_posts: (accepted - first.len()) as u64,
        ..MergeOptions::default()
    };
    partitioned::merge(&edges, Some(&nodes), &merge)
        .expect("merge")
        .network
}

fn single(
    cols: &BTreeMap<&'static str, Vec<String>>,
    options: &CoordinateOptions,
) -> disinfo_bots::coordinate::Network {
    let read = ReadOptions::new(InputFormat::QutCsv);
    let mut net = run::from_bytes(csv(cols).as_bytes(), &read, options, None)
        .expect("single-process network")
        .network;
    for e in &mut net.edges {
        e.evidence.clear();
    }
    net
}

#[test]
fn every_kind_equals_one_process_for_any_partitioning() {
    let cols = posts(3000, 7);
    for kind in [
        CoordinationKind::CoRepost,
        CoordinationKind::CoLink,
        CoordinationKind::CoText,
        CoordinationKind::CoSimilarText,
        CoordinationKind::CoHashtag,
        CoordinationKind::CoHashtagSequence,
        CoordinationKind::CoDomain,
        CoordinationKind::Synchrony,
    ] {
        let mut options = CoordinateOptions::new(kind, 60.0);
        options.min_edge_weight = 2;
        let want = single(&cols, &options);
        assert!(!want.edges.is_empty(), "{kind:?}: the data plants edges");
        for (chunks, parts, bucket) in [(1, 1, 3600.0), (7, 7, 60.0), (3, 64, 600.0), (64, 5, 61.0)]
        {
            let got = partitioned(&cols, &options, chunks, parts, bucket);
            assert_eq!(
                got, want,
                "{kind:?} with {chunks} chunks, {parts} partitions, bucket {bucket}"
            );
        }
    }
}

#[test]
fn self_loops_and_a_zero_window_are_exact_too() {
    let cols = posts(1500, 11);
    let mut options = CoordinateOptions::new(CoordinationKind::CoLink, 0.0);
    options.self_loops = true;
    let want = single(&cols, &options);
    assert_eq!(partitioned(&cols, &options, 5, 9, 1.0), want);
    let options = CoordinateOptions::new(CoordinationKind::CoRepost, 86_400.0);
    let want = single(&cols, &options);
    assert_eq!(partitioned(&cols, &options, 4, 16, 86_400.0), want);
}

#[test]
fn a_bucket_narrower_than_the_window_is_refused() {
    let split = SplitOptions {
        coordinate: CoordinateOptions::new(CoordinationKind::CoRepost, 60.0),
        bucket_secs: Some(30.0),
        ..SplitOptions::default()
    };
    let err = partitioned::trace_rows(&table(&posts(3, 1), 0..3), &split).expect_err("refused");
    assert!(err.to_string().contains("bucket_secs"), "{err}");
}

#[test]
fn bad_rows_name_their_row_or_are_reported_in_lenient_mode() {
    let mut cols = posts(4, 1);
    cols.get_mut("user_id").expect("column")[2] = " ".into();
    cols.get_mut("timestamp").expect("column")[3] = "yesterday".into();
    let mut split = SplitOptions {
        coordinate: CoordinateOptions::new(CoordinationKind::CoRepost, 60.0),
        ..SplitOptions::default()
    };
    let err = partitioned::trace_rows(&table(&cols, 0..4), &split).expect_err("refused");
    assert!(err.to_string().contains("row 2"), "{err}");
    split.mode = disinfo_bots::adapters::Mode::Lenient;
    let rows = partitioned::trace_rows(&table(&cols, 0..4), &split).expect("lenient");
    assert_eq!(rows.rejected.len(), 2);
    assert_eq!(rows.ids.len(), 2);
    let missing =
        Table::from_columns("posts", vec![text("message_id", vec!["1".into()])]).expect("table");
    let err = partitioned::trace_rows(&missing, &split).expect_err("refused");
    assert!(err.to_string().contains("user_id"), "{err}");
    let err = partitioned::partition_edges(&missing, &split.coordinate).expect_err("refused");
    assert!(err.to_string().contains("key"), "{err}");
}

/// Numeric columns of trace rows built by hand are checked: a NaN flag, a fractional bucket, a
/// negative post order or an infinite time is refused with the column and row, never read as
/// a plausible number.
#[test]
fn trace_rows_with_impossible_numbers_are_refused_with_their_column_and_row() {
    let split = SplitOptions {
        coordinate: CoordinateOptions::new(CoordinationKind::CoRepost, 60.0),
        ..SplitOptions::default()
    };
    let rows = partitioned::trace_rows(&table(&posts(50, 3), 0..50), &split).expect("rows");
    let good = rows.to_table().expect("table");
    assert!(good.rows > 2, "the fixture has trace rows");
    partitioned::partition_edges(&good, &split.coordinate).expect("edges");
    let cases: [(&str, f64, &str); 7] = [
        ("owned", f64::NAN, "a flag"),
        ("multi", 2.0, "a flag"),
        ("bucket", 0.5, "a whole number"),
        ("bucket", f64::INFINITY, "a whole number"),
        ("time_us", 1e300, "a whole number"),
        ("post", -1.0, "an order"),
        ("post", f64::NAN, "an order"),
    ];
    for (name, value, what) in cases {
        let mut bad = good.clone();
        let column = bad
            .columns
            .iter_mut()
            .find(|c| c.name == name)
            .expect("column");
        let ColumnValues::Numbers(values) = &mut column.values else {
            panic!("{name} is numeric")
        };
        values[1] = value;
        let err = partitioned::partition_edges(&bad, &split.coordinate).expect_err("refused");
        let text = err.to_string();
        assert_eq!(err.code(), "invalid_argument", "{text}");
        assert!(
            text.contains(&format!("traces.{name}"))
                && text.contains("row 1")
                && text.contains(what),
            "{name} = {value}: {text}"
        );
    }
}
