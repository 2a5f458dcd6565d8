//! Co-action networks in pieces, for the engines that partition posts (`disinfo.dask`,
//! `disinfo.spark`): `coordinate_traces`, `coordinate_traces_file`, `coordinate_partition`,
//! `coordinate_merge`, `coordinate_merge_edges` (see [`crate::coordinate::partitioned`]).

use std::path::PathBuf;

use disinfo_core::request::{FsPath, OPTIONS, decode};
use disinfo_core::{ArgKind, ArgSpec, Operation, Output, ResultSpec, Spec};
use schemars::SchemaGenerator;

use crate::Error;
use crate::adapters::InputFormat;
use crate::coordinate::CoordinateOptions;
use crate::coordinate::partitioned::{
    self, EdgeTable, FileSplitOptions, MergeOptions, MergeResult, PartitionEdges, SplitOptions,
    TraceRows,
};

pub(super) const COORDINATE_TRACES: Operation<Error> = Operation {
    spec: Spec {
        tool: "bots",
        name: "coordinate_traces",
        doc: "Step 1 of a partitioned `coordinate` (what `disinfo.dask` and `disinfo.spark` run on each partition of posts): one row per trace key and time bucket of each post of a table with the QUT toolkit's columns (`message_id`, `user_id`, `message`, `timestamp`, and `repost_id`, `reply_id`, `urls`; `_order` the rows' global order). A post is `owned` by the bucket of its time and copied into a neighbouring bucket when it lies within the window of their boundary, so that a hot object split over buckets loses and doubles no pair. `ids` and `orders` list the accepted posts for the duplicate check, `id_hashes` a 53-bit hash of each id (the engine compares as text only the ids that share one). `users`, `handles`, `user_orders` and `user_posts` list each account once, with the handle and order of its first row and its trace posts here.",
        args: &[ArgSpec::of(
            "posts",
            "A pandas DataFrame (or columns by name) with the QUT toolkit's columns.",
            ArgKind::Table,
        )],
        options: Some(SchemaGenerator::subschema_for::<SplitOptions>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<TraceRows>),
        progress: false,
    },
    run: |mut args, options| {
        let posts = args.table(0)?;
        let options: SplitOptions = decode(OPTIONS, options)?;
        Ok(Output::Columns(
            partitioned::trace_rows(&posts, &options)?.into_columns(),
        ))
    },
};

pub(super) const COORDINATE_TRACES_FILE: Operation<Error> = Operation {
    spec: Spec {
        tool: "bots",
        name: "coordinate_traces_file",
        doc: "Step 1 of a partitioned `coordinate` over files (what `disinfo.dask.coordinate_files` and `disinfo.spark.coordinate_files` run on each input file): the file read by its platform reader as `coordinate` reads it, then the trace rows of `coordinate_traces`, with the trace keys one process gives each post and orders `order_base + i` for the file's `i`-th post (give the `n`-th file `order_base = n << 32`). `users`, `handles` and `user_orders` are the file's profile observations with a handle, each account once with its last one; their orders count down from 2^53 − 1 so that the engine's rule (the handle of the smallest order) keeps the last observation, as one process does (orders stay below 2^53: up to 2^21 files of 2^32 records); then the accounts with trace posts and no handle, with an empty handle at order 2^53; `user_posts` counts each account's trace posts in the file. `rows_read` and `rejected` are the reader's.",
        args: &[
            ArgSpec::json::<FsPath>("input", "The path of one input file."),
            ArgSpec::json::<InputFormat>(
                "input_format",
                "The format of the file (`twitter-v2`, `snscrape`, `qut-csv`, ...).",
            ),
        ],
        options: Some(SchemaGenerator::subschema_for::<FileSplitOptions>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<TraceRows>),
        progress: false,
    },
    run: |mut args, options| {
        let input = PathBuf::from(args.json::<FsPath>(0)?);
        let format: InputFormat = args.json(1)?;
        let options: FileSplitOptions = decode(OPTIONS, options)?;
        Ok(Output::Columns(
            partitioned::trace_rows_of_file(&input, format, &options)?.into_columns(),
        ))
    },
};

pub(super) const COORDINATE_PARTITION: Operation<Error> = Operation {
    spec: Spec {
        tool: "bots",
        name: "coordinate_partition",
        doc: "Step 2 of a partitioned `coordinate`: the directed weights among the trace rows of one partition (every row of a `(key, bucket)` in the same partition). A post with one trace key is counted here (`post` = -1, `weight` = its posts); a post with several keys is listed once per `(source, target, post)` for the engine to count once.",
        args: &[ArgSpec::of(
            "traces",
            "Trace rows (`key`, `bucket`, `owned`, `time_us`, `user`, `post`, `multi`, and `text` for near-duplicate text).",
            ArgKind::Table,
        )],
        options: Some(SchemaGenerator::subschema_for::<CoordinateOptions>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<PartitionEdges>),
        progress: false,
    },
    run: |mut args, options| {
        let traces = args.table(0)?;
        let options: CoordinateOptions = decode(OPTIONS, options)?;
        Ok(Output::Columns(
            partitioned::partition_edges(&traces, &options)?.into_columns(),
        ))
    },
};

pub(super) const COORDINATE_MERGE: Operation<Error> = Operation {
    spec: Spec {
        tool: "bots",
        name: "coordinate_merge",
        doc: "Step 3 of a partitioned `coordinate`: the network of the summed directed weights (`min_edge_weight` per direction, reverse weights, balance, nodes with their trace posts), and with `communities` its components and communities; the shape of `coordinate`'s result, without evidence pairs.",
        args: &[
            ArgSpec::of(
                "edges",
                "Weights: `source`, `target`, `weight` (rows of one pair are added), optionally `post` (step 2's rows as they are: a row with `post` >= 0 counts 1 per distinct `(source, target, post)`).",
                ArgKind::Table,
            ),
            ArgSpec::of(
                "nodes",
                "Trace posts per account: `user`, `trace_posts`, optionally `handle` and `order`; an account's rows (one per partition) add up, its handle is that of its smallest `order` (without `order`, its last non-empty one).",
                ArgKind::Table,
            ),
        ],
        options: Some(SchemaGenerator::subschema_for::<MergeOptions>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<MergeResult>),
        progress: false,
    },
    run: |mut args, options| {
        let edges = args.table(0)?;
        let nodes = args.table(1)?;
        let options: MergeOptions = decode(OPTIONS, options)?;
        Ok(Output::json(partitioned::merge(
            &edges,
            Some(&nodes),
            &options,
        )?))
    },
};

pub(super) const COORDINATE_MERGE_EDGES: Operation<Error> = Operation {
    spec: Spec {
        tool: "bots",
        name: "coordinate_merge_edges",
        doc: "Step 3 of a partitioned `coordinate` when only the edges are wanted: the edges `coordinate_merge` gives for the same rows (`min_edge_weight` per direction, reverse and symmetric weights, balance), sorted by `(source, target)`, as columns rather than one object per edge; no nodes, counts or communities.",
        args: &[ArgSpec::of(
            "edges",
            "Weights: `source`, `target`, `weight` (rows of one pair are added), optionally `post` (step 2's rows as they are: a row with `post` >= 0 counts 1 per distinct `(source, target, post)`).",
            ArgKind::Table,
        )],
        options: Some(SchemaGenerator::subschema_for::<CoordinateOptions>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<EdgeTable>),
        progress: false,
    },
    run: |mut args, options| {
        let edges = args.table(0)?;
        let options: CoordinateOptions = decode(OPTIONS, options)?;
        Ok(Output::Columns(
            partitioned::merge_edges(&edges, &options)?.into_columns(),
        ))
    },
};
