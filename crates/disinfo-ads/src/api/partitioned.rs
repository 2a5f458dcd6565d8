//! The audit in shards, for the engines that spread it over processes (`disinfo.dask`,
//! `disinfo.spark`): `audit_shard` and `audit_merge` (see [`crate::audit::partitioned`]).

use disinfo_core::request::{OPTIONS, decode};
use disinfo_core::{ArgSpec, Operation, Output, ResultSpec, Spec};
use schemars::SchemaGenerator;

use super::CollectionArg;
use crate::audit::partitioned::{self, AuditShard};
use crate::{AuditOptions, AuditReport, Error};

pub(super) const AUDIT_SHARD: Operation<Error> = Operation {
    spec: Spec {
        tool: "ads",
        name: "audit_shard",
        doc: "One shard of an `audit` split by ad key (what `disinfo.dask.audit` and `disinfo.spark.audit` run on each worker): every file is read, only the ads whose native id hashes to `shard` (64-bit FNV-1a modulo `shards`) are kept and checked. Returns the shard's counts, findings with the order of each evidence item, and what the whole-collection checks need; `audit_merge` makes the report of the whole audit from all shards.",
        args: &[
            ArgSpec::json::<Vec<CollectionArg>>(
                "collections",
                "The collections, oldest first: folders, or described folders of raw files (the same in every shard).",
            ),
            ArgSpec::json::<u32>("shard", "This shard, from 0 to `shards` - 1."),
            ArgSpec::json::<u32>("shards", "Number of shards (at least 1)."),
        ],
        options: Some(SchemaGenerator::subschema_for::<AuditOptions>),
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<AuditShard>),
        progress: false,
    },
    run: |mut args, options| {
        let collections: Vec<CollectionArg> = args.json(0)?;
        let shard: u32 = args.json(1)?;
        let shards: u32 = args.json(2)?;
        let options: AuditOptions = decode(OPTIONS, options)?;
        Ok(Output::json(partitioned::audit_shard(
            &collections,
            shard,
            shards,
            &options,
        )?))
    },
};

pub(super) const AUDIT_MERGE: Operation<Error> = Operation {
    spec: Spec {
        tool: "ads",
        name: "audit_merge",
        doc: "The report of an audit from all its shards (`audit_shard`, each shard once, in any order): counts summed, rates and coverage recomputed, the whole-collection checks (shared payers, declared totals) run on the summed tallies, and per rule and kind the first `evidence_limit` evidence items in the order one process finds them. The same report as `audit` on the same collections.",
        args: &[ArgSpec::json::<Vec<AuditShard>>(
            "shards",
            "What `audit_shard` returned for every shard.",
        )],
        options: None,
        result: ResultSpec::Json(SchemaGenerator::subschema_for::<AuditReport>),
        progress: false,
    },
    run: |mut args, _| {
        let shards: Vec<AuditShard> = args.json(0)?;
        Ok(Output::json(partitioned::merge(shards)?))
    },
};
