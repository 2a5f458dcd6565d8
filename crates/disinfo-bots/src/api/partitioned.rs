//! Co-action networks in pieces, for the engines that partition posts (`disinfo.dask`,
//! `disinfo.spark`): `coordinate_traces`, `coordinate_partition`, `coordinate_merge` (see
//! [`crate::coordinate::partitioned`]).

use disinfo_core::request::{OPTIONS, decode};
use disinfo_core::{ArgKind, ArgSpec, Operation, Output, ResultSpec, Spec};
use schemars::SchemaGenerator;

use crate::Error;
use crate::coordinate::CoordinateOptions;
use crate::coordinate::partitioned::{
    self, MergeOptions, MergeResult, PartitionEdges, SplitOptions, TraceRows,
};

pub(super) const COORDINATE_TRACES: Operation<Error> = Operation {
    spec: Spec {
        tool: "bots",
        name: "coordinate_traces",
        doc: "Step 1 of a partitioned `coordinate` (what `disinfo.dask` and `disinfo.spark` run on each partition of posts): one row per trace key and time bucket of each post of a table with the QUT toolkit's columns (`message_id`, `user_id`, `message`, `timestamp`, and `repost_id`, `reply_id`, `urls`; `_order` the rows' global order). A post is `owned` by the bucket of its time and copied into a neighbouring bucket when it lies within the window of their boundary, so that a hot object split over buckets loses and doubles no pair. `ids` and `orders` list the accepted posts for the duplicate check.",
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
        Ok(Output::json(partitioned::trace_rows(&posts, &options)?))
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
        Ok(Output::json(partitioned::partition_edges(
            &traces, &options,
        )?))
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
                "Weights: `source`, `target`, `weight` (rows of one pair are added).",
                ArgKind::Table,
            ),
            ArgSpec::of(
                "nodes",
                "Trace posts per account: `user`, `trace_posts`.",
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
