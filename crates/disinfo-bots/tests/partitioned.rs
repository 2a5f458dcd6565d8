//! A partitioned network (trace rows shuffled by `(key, bucket)` into any number of partitions,
//! weights summed) equals the single-process one: every kind, hot objects split over buckets,
//! posts with several keys, duplicate ids.

use std::collections::BTreeMap;
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};

use disinfo_bots::adapters::{InputFormat, Mode, ReadOptions, ReadRequestOptions};
use disinfo_bots::coordinate::partitioned::{
    self, FileSplitOptions, MergeOptions, SplitOptions, TraceRows,
};
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
            values: ColumnValues::Text(v[rows.clone()].iter().map(String::as_str).collect()),
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
        values: ColumnValues::Text(v.into()),
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
    engine(traces, options, parts)
}

/// What an engine does with step 1's rows: the duplicate check, the shuffle by `(key, bucket)`
/// into `parts` partitions, step 2 on each, then the merge of step 2's rows as they are (the
/// merge counts each listed post once) with every partition's account rows (the merge adds
/// their trace posts and keeps the handle of the smallest order). With repeated ids, the
/// accounts' trace posts are counted again without the dropped posts, one row per account.
fn engine(
    traces: Vec<TraceRows>,
    options: &CoordinateOptions,
    parts: u64,
) -> disinfo_bots::coordinate::Network {
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
    let accounts = account_rows(&traces);
    let traces = [select(&traces, |t, i| kept.contains(&t.post[i]))];
    let nodes = match accepted == first.len() {
        true => accounts,
        false => recounted(&accounts, &traces[0]),
    };
    let (mut sources, mut targets, mut weights, mut posts) = (vec![], vec![], vec![], vec![]);
    for part in 0..parts {
        let hasher = BuildHasherDefault::<DefaultHasher>::default();
        let rows = select(&traces, |t, i| {
            hasher.hash_one((&t.key[i], t.bucket[i])) % parts == part
        });
        let edges = partitioned::partition_edges(&rows.to_table().expect("table"), options)
            .expect("partition edges");
        sources.extend(edges.source);
        targets.extend(edges.target);
        weights.extend(edges.weight.iter().map(|&w| w as f64));
        posts.extend(edges.post.iter().map(|&p| p as f64));
    }
    let edges = Table::from_columns(
        "edges",
        vec![
            text("source", sources),
            text("target", targets),
            numbers("weight", weights),
            numbers("post", posts),
        ],
    )
    .expect("edges");
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

/// Every partition's account rows, as the engine hands them to the merge.
fn account_rows(traces: &[TraceRows]) -> Table {
    let all = |f: fn(&TraceRows) -> Vec<String>| traces.iter().flat_map(f).collect::<Vec<_>>();
    let numbers_of = |f: fn(&TraceRows) -> &Vec<u64>| {
        traces
            .iter()
            .flat_map(|t| f(t).iter().map(|&v| v as f64))
            .collect::<Vec<_>>()
    };
    Table::from_columns(
        "nodes",
        vec![
            text("user", all(|t| t.users.clone())),
            text("handle", all(|t| t.handles.clone())),
            numbers("order", numbers_of(|t| &t.user_orders)),
            numbers("trace_posts", numbers_of(|t| &t.user_posts)),
        ],
    )
    .expect("nodes")
}

/// One row per account: the handle of its smallest order, its trace posts counted on `kept`
/// (the trace rows without the dropped posts).
fn recounted(accounts: &Table, kept: &TraceRows) -> Table {
    let Some(ColumnValues::Text(user)) = accounts.column("user").map(|c| &c.values) else {
        panic!("no user column");
    };
    let Some(ColumnValues::Text(handle)) = accounts.column("handle").map(|c| &c.values) else {
        panic!("no handle column");
    };
    let order = accounts.numbers("order").expect("orders");
    let mut handles: BTreeMap<String, (f64, String)> = BTreeMap::new();
    for (row, &order) in order.iter().enumerate() {
        let e = handles
            .entry(user.get(row).to_string())
            .or_insert((f64::INFINITY, String::new()));
        if order < e.0 {
            *e = (order, handle.get(row).to_string());
        }
    }
    let mut trace_posts: BTreeMap<String, u64> = BTreeMap::new();
    for i in 0..kept.user.len() {
        if kept.first[i] {
            *trace_posts.entry(kept.user[i].clone()).or_default() += 1;
        }
    }
    let users: Vec<String> = handles.keys().cloned().collect();
    let counts = users
        .iter()
        .map(|u| trace_posts.get(u).copied().unwrap_or(0) as f64)
        .collect();
    let handle = users.iter().map(|u| handles[u].1.clone()).collect();
    Table::from_columns(
        "nodes",
        vec![
            text("user", users),
            text("handle", handle),
            numbers("trace_posts", counts),
        ],
    )
    .expect("nodes")
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
    split.mode = Mode::Lenient;
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

#[test]
fn merge_rows_with_impossible_posts_or_orders_are_refused_with_their_column_and_row() {
    let edges = |post: f64| {
        Table::from_columns(
            "edges",
            vec![
                text("source", vec!["a".into(), "a".into()]),
                text("target", vec!["b".into(), "b".into()]),
                numbers("weight", vec![1.0, 1.0]),
                numbers("post", vec![-1.0, post]),
            ],
        )
        .expect("edges")
    };
    let nodes = |order: f64| {
        Table::from_columns(
            "nodes",
            vec![
                text("user", vec!["a".into(), "b".into()]),
                numbers("trace_posts", vec![1.0, 1.0]),
                numbers("order", vec![0.0, order]),
            ],
        )
        .expect("nodes")
    };
    let options = MergeOptions {
        coordinate: CoordinateOptions::new(CoordinationKind::CoRepost, 60.0),
        ..MergeOptions::default()
    };
    let merged = partitioned::merge(&edges(7.0), Some(&nodes(3.0)), &options).expect("merge");
    // The aggregated row (1) and the listed post 7 (1).
    assert_eq!(merged.network.edges[0].weight, 2);
    for (post, order, field, what) in [
        (0.5, 3.0, "edges.post", "a whole number"),
        (f64::NAN, 3.0, "edges.post", "a whole number"),
        (7.0, -2.0, "nodes.order", "an order"),
        (7.0, f64::INFINITY, "nodes.order", "an order"),
    ] {
        let err =
            partitioned::merge(&edges(post), Some(&nodes(order)), &options).expect_err("refused");
        let text = err.to_string();
        assert_eq!(err.code(), "invalid_argument", "{text}");
        assert!(
            text.contains(field) && text.contains("row 1") && text.contains(what),
            "{post}, {order}: {text}"
        );
    }
}

/// The examples' data folder.
fn example(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/data/bots")
        .join(name)
}

/// Step 1 per file, as `disinfo.dask.coordinate_files` runs it (the `i`-th file's orders from
/// `i << 32`), then the engine's steps over `parts` partitions.
fn split_by_file(
    files: &[std::path::PathBuf],
    (format, read): (InputFormat, &ReadRequestOptions),
    options: &CoordinateOptions,
    parts: u64,
) -> disinfo_bots::coordinate::Network {
    let traces = files
        .iter()
        .enumerate()
        .map(|(i, file)| {
            let split = FileSplitOptions {
                split: SplitOptions {
                    coordinate: options.clone(),
                    bucket_secs: Some(options.window_secs.max(1.0) * 5.0),
                    order_base: (i as u64) << 32,
                    mode: read.mode,
                    compat: read.compat,
                },
                observed_at: read.observed_at,
            };
            partitioned::trace_rows_of_file(file, format, &split).expect("trace rows of a file")
        })
        .collect();
    engine(traces, options, parts)
}

/// One process over the same files (evidence is not carried across partitions).
fn single_over_files(
    files: &[std::path::PathBuf],
    (format, read): (InputFormat, &ReadRequestOptions),
    options: &CoordinateOptions,
) -> disinfo_bots::coordinate::Network {
    let mut net = run::from_paths(files, &read.read_options_for(format), options, None)
        .expect("single-process network")
        .network;
    for e in &mut net.edges {
        e.evidence.clear();
    }
    net
}

/// `lines` written as `n` files of consecutive lines (each CSV file with the header).
fn write_split(
    dir: &std::path::Path,
    lines: &[&str],
    header: Option<&str>,
    n: usize,
) -> Vec<std::path::PathBuf> {
    let step = lines.len().div_ceil(n);
    lines
        .chunks(step)
        .enumerate()
        .map(|(i, chunk)| {
            let path = dir.join(format!("part-{i}"));
            let mut text = header.map(|h| format!("{h}\n")).unwrap_or_default();
            for line in chunk {
                text.push_str(line);
                text.push('\n');
            }
            std::fs::write(&path, text).expect("write a part");
            path
        })
        .collect()
}

#[test]
fn real_coortweet_files_split_by_file_equal_one_process() {
    use std::io::Read;
    let mut text = String::new();
    flate2::read::GzDecoder::new(
        std::fs::File::open(example("german_elections_2021.csv.gz")).expect("the example data"),
    )
    .read_to_string(&mut text)
    .expect("gzip");
    let mut lines = text.lines();
    let header = lines.next().expect("a header");
    let rows: Vec<&str> = lines.take(60_000).collect();
    let dir = tempfile::tempdir().expect("a folder");
    let files = write_split(dir.path(), &rows, Some(header), 5);
    // Some rows of the real data have no post id: rejected in both.
    let read = ReadRequestOptions {
        mode: Mode::Lenient,
        ..ReadRequestOptions::default()
    };
    let format = (InputFormat::Coortweet, &read);
    for kind in [
        CoordinationKind::CoLink,
        CoordinationKind::CoHashtag,
        CoordinationKind::CoDomain,
        CoordinationKind::CoImage,
    ] {
        let mut options = CoordinateOptions::new(kind, 60.0);
        options.min_edge_weight = 2;
        let want = single_over_files(&files, format, &options);
        assert!(!want.edges.is_empty(), "{kind:?}: the data has edges");
        for parts in [1, 7] {
            let got = split_by_file(&files, format, &options, parts);
            assert_eq!(got, want, "{kind:?} over {parts} partitions");
        }
    }
}

#[test]
fn platform_files_keep_handles_and_duplicates_as_one_process() {
    let tweets = std::fs::read_to_string(example("tweets.jsonl")).expect("the example tweets");
    let mut lines: Vec<&str> = tweets.lines().collect();
    // A tweet read twice (the first file's first, again in the last file): one process keeps
    // the first record.
    lines.push(lines[0]);
    let dir = tempfile::tempdir().expect("a folder");
    let mut files = write_split(dir.path(), &lines, None, 3);
    files.push(example("users.jsonl"));
    let read = ReadRequestOptions {
        observed_at: Some("2019-06-01T00:00:00Z".parse().expect("a time")),
        ..ReadRequestOptions::default()
    };
    let format = (InputFormat::TwitterV1, &read);
    for kind in [CoordinationKind::CoHashtag, CoordinationKind::Synchrony] {
        let options = CoordinateOptions::new(kind, 7.0 * 86_400.0);
        let want = single_over_files(&files, format, &options);
        assert!(!want.edges.is_empty(), "{kind:?}: the data has edges");
        assert_eq!(want.duplicate_posts, 1, "{kind:?}");
        assert!(
            want.nodes.iter().all(|n| n.handle.is_some()),
            "{kind:?}: handles"
        );
        for parts in [1, 3] {
            let got = split_by_file(&files, format, &options, parts);
            assert_eq!(got, want, "{kind:?} over {parts} partitions");
        }
    }
}

#[test]
fn a_qut_file_streamed_gives_the_rows_of_its_posts_read_first() {
    let mut cols = posts(2000, 5);
    cols.insert(
        "username",
        (0..2000).map(|i| format!("h{}", i % 7)).collect(),
    );
    cols.get_mut("timestamp").expect("times")[3] = "not a time".into();
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("posts.csv");
    std::fs::write(&path, csv(&cols)).expect("write");
    let read = ReadRequestOptions {
        mode: Mode::Lenient,
        ..ReadRequestOptions::default()
    };
    for kind in [
        CoordinationKind::CoRepost,
        CoordinationKind::CoLink,
        CoordinationKind::CoSimilarText,
        CoordinationKind::CoHashtag,
    ] {
        let split = SplitOptions {
            coordinate: CoordinateOptions::new(kind, 60.0),
            mode: Mode::Lenient,
            order_base: 5 << 32,
            ..SplitOptions::default()
        };
        let options = FileSplitOptions {
            split: split.clone(),
            ..FileSplitOptions::default()
        };
        let streamed = partitioned::trace_rows_of_file(&path, InputFormat::QutCsv, &options)
            .expect("streamed");
        let data = disinfo_bots::pipeline::read_paths(
            std::slice::from_ref(&path),
            &read.read_options_for(InputFormat::QutCsv),
        )
        .expect("read");
        let held = partitioned::file_trace_rows(&data, &split).expect("held");
        assert_eq!(streamed, held, "{kind:?}");
        assert_eq!(streamed.rejected.len(), 1, "{kind:?}");
        assert!(!streamed.key.is_empty(), "{kind:?}");
    }
}

#[test]
fn a_file_keeps_its_last_handle_and_its_reader_s_rejections() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("posts.csv");
    std::fs::write(
        &path,
        "message_id,user_id,username,repost_id,reply_id,message,timestamp,urls\n\
         1,anna,anna_old,9,,,100,\n\
         2,anna,anna_new,9,,,110,\n\
         3,ben,,9,,,not a time,\n\
         4,ben,ben_h,9,,,130,\n",
    )
    .expect("write");
    let options = FileSplitOptions {
        split: SplitOptions {
            coordinate: CoordinateOptions::new(CoordinationKind::CoRepost, 60.0),
            mode: Mode::Lenient,
            order_base: 3 << 32,
            ..SplitOptions::default()
        },
        ..FileSplitOptions::default()
    };
    let rows =
        partitioned::trace_rows_of_file(&path, InputFormat::QutCsv, &options).expect("trace rows");
    assert_eq!(rows.rows_read, 4);
    assert_eq!(rows.orders, [3 << 32, (3 << 32) + 1, (3 << 32) + 2]);
    assert_eq!(rows.rejected.len(), 1);
    assert_eq!(rows.rejected[0].line, 4, "{:?}", rows.rejected[0]);
    assert!(rows.rejected[0].source.ends_with("posts.csv"));
    // Each account once, its last handle first by order (the engine keeps the smallest).
    let handles: BTreeMap<&str, (&str, u64)> = rows
        .users
        .iter()
        .zip(&rows.handles)
        .zip(&rows.user_orders)
        .map(|((u, h), &o)| (u.as_str(), (h.as_str(), o)))
        .collect();
    assert_eq!(handles.len(), rows.users.len(), "each account once");
    let single = run::from_paths(
        std::slice::from_ref(&path),
        &ReadOptions {
            mode: Mode::Lenient,
            ..ReadOptions::new(InputFormat::QutCsv)
        },
        &options.split.coordinate,
        None,
    )
    .expect("one process");
    for node in &single.network.nodes {
        assert_eq!(
            handles.get(node.id.as_str()).map(|h| h.0),
            node.handle.as_deref(),
            "{}",
            node.id
        );
    }
    // Across files the later file's handle wins, in one process and in the engine.
    let later = dir.path().join("later.csv");
    std::fs::write(
        &later,
        "message_id,user_id,username,repost_id,reply_id,message,timestamp,urls\n\
         5,anna,anna_newest,9,,,140,\n\
         6,cleo,,9,,,150,\n",
    )
    .expect("write");
    let files = [path.clone(), later];
    let read = ReadRequestOptions {
        mode: Mode::Lenient,
        ..ReadRequestOptions::default()
    };
    let want = single_over_files(
        &files,
        (InputFormat::QutCsv, &read),
        &options.split.coordinate,
    );
    let anna = want.nodes.iter().find(|n| n.id == "anna").expect("anna");
    assert_eq!(anna.handle.as_deref(), Some("anna_newest"));
    for parts in [1, 2] {
        let got = split_by_file(
            &files,
            (InputFormat::QutCsv, &read),
            &options.split.coordinate,
            parts,
        );
        assert_eq!(got, want, "{parts} partitions");
    }
    let missing = partitioned::trace_rows_of_file(
        &dir.path().join("absent.csv"),
        InputFormat::QutCsv,
        &options,
    )
    .expect_err("a missing file");
    assert!(missing.to_string().contains("absent.csv"), "{missing}");
    let folder = partitioned::trace_rows_of_file(dir.path(), InputFormat::TwitterV2, &options)
        .expect_err("a folder is not a file");
    assert!(
        folder
            .to_string()
            .contains(&dir.path().display().to_string()),
        "{folder}"
    );
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, "").expect("write");
    for format in [
        InputFormat::TwitterV1,
        InputFormat::TwitterV2,
        InputFormat::Snscrape,
    ] {
        let rows = partitioned::trace_rows_of_file(&empty, format, &options)
            .expect("an empty file has no rows");
        assert_eq!(
            (rows.rows_read, rows.key.len(), rows.users.len()),
            (0, 0, 0)
        );
    }
}

#[test]
fn orders_past_two_to_the_53_are_refused() {
    let options = FileSplitOptions {
        split: SplitOptions {
            coordinate: CoordinateOptions::new(CoordinationKind::CoHashtag, 60.0),
            order_base: (1 << 53) - 10,
            ..SplitOptions::default()
        },
        observed_at: None,
    };
    let error =
        partitioned::trace_rows_of_file(&example("tweets.jsonl"), InputFormat::TwitterV1, &options)
            .expect_err("26 tweets from 2^53 - 10");
    assert!(error.to_string().contains("order_base"), "{error}");
    // A QUT CSV file is streamed: a base past every order fails before it is read, a file of
    // records past 2^53 − 1 once they are counted; neither overflows.
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("posts.csv");
    std::fs::write(
        &path,
        "message_id,user_id,username,repost_id,reply_id,message,timestamp,urls
         1,anna,,9,,,100,
         2,ben,,9,,,110,
",
    )
    .expect("write");
    for base in [u64::MAX, 1 << 53, (1 << 53) - 1] {
        let options = FileSplitOptions {
            split: SplitOptions {
                coordinate: CoordinateOptions::new(CoordinationKind::CoRepost, 60.0),
                order_base: base,
                ..SplitOptions::default()
            },
            observed_at: None,
        };
        let error = partitioned::trace_rows_of_file(&path, InputFormat::QutCsv, &options)
            .expect_err("refused");
        assert!(error.to_string().contains("order_base"), "{base}: {error}");
    }
}
