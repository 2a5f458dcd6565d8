//! The one-call path the CLI and the bindings share: read inputs with an adapter, build the
//! network, optionally analyse it (components, communities). QUT CSV rows stream straight into
//! the builder (no [`crate::Post`] is built); other formats go through a [`Dataset`].

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::{
    CoordinateOptions, CoordinationKind, Coordinator, Network, PostTraces, Urls, coordinate,
};
use crate::adapters::qut_csv::Row as QutRow;
use crate::adapters::{self, Dataset, InputFormat, ReadOptions};
use crate::graph::{self, GraphAnalysis, GraphOptions};
use crate::pipeline::{self, ReadSummary};
use crate::{Error, Result};

/// A network, its analysis (when asked) and how the inputs were read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CoordinateResult {
    /// The network.
    pub network: Network,
    /// Components and communities, when `graph` options were given.
    pub analysis: Option<GraphAnalysis>,
    /// Read counts and rejections.
    pub read: ReadSummary,
}

/// Reads files (`-` = stdin) and builds the network.
pub fn from_paths(
    paths: &[PathBuf],
    read: &ReadOptions,
    options: &CoordinateOptions,
    graph: Option<&GraphOptions>,
) -> Result<CoordinateResult> {
    options.validate()?;
    if read.format == InputFormat::QutCsv {
        let (network, data) = stream_qut(options, |on_row| {
            let mut data = Dataset::default();
            for path in paths {
                data.extend(adapters::read_qut_rows_path(path, read, &mut *on_row)?);
            }
            Ok(data)
        })?;
        return analyse(network, data, graph);
    }
    let data = pipeline::read_paths(paths, read)?;
    finish(data, options, graph)
}

/// Rows per batch handed from the reading thread to the building thread.
const BATCH_ROWS: usize = 8192;

/// A `(start, end)` byte range in a batch's text.
type Span = (usize, usize);

/// The fields of one row the builder needs, as ranges into the batch's text.
struct BatchRow {
    id: Span,
    user: Span,
    time_us: i64,
    repost: Option<Span>,
    reply: Option<Span>,
    urls: Vec<Span>,
    text: Span,
    hashtags: Vec<String>,
}

/// Rows copied out of the CSV reader's buffer, in input order.
#[derive(Default)]
struct Batch {
    text: String,
    rows: Vec<BatchRow>,
}

impl Batch {
    fn put(&mut self, s: &str) -> Span {
        let start = self.text.len();
        self.text.push_str(s);
        (start, self.text.len())
    }

    /// Copies what `kind` uses of a row (the message only for text kinds, hashtags only for
    /// hashtag sequences).
    fn add(&mut self, kind: CoordinationKind, row: &QutRow<'_>) {
        let id = self.put(row.id);
        let user = self.put(row.user);
        let repost = row.repost.map(|r| self.put(r));
        let reply = row.reply.map(|r| self.put(r));
        let urls = if kind.reads_urls() {
            let list = row.url_list();
            list.iter().map(|u| self.put(u)).collect()
        } else {
            Vec::new()
        };
        let text = if kind.reads_text() {
            self.put(row.text)
        } else {
            (0, 0)
        };
        let hashtags = if kind.reads_hashtags() {
            row.hashtags()
        } else {
            Vec::new()
        };
        self.rows.push(BatchRow {
            id,
            user,
            time_us: row.created_at.timestamp_micros(),
            repost,
            reply,
            urls,
            text,
            hashtags,
        });
    }

    fn push_into(&self, builder: &mut Coordinator) -> Result<()> {
        let at = |(a, b): Span| self.text.get(a..b).unwrap_or_default();
        let mut urls: Vec<&str> = Vec::new();
        for r in &self.rows {
            urls.clear();
            urls.extend(r.urls.iter().map(|&span| at(span)));
            builder.push_traces(&PostTraces {
                id: at(r.id),
                account_id: at(r.user),
                time_us: r.time_us,
                repost: r.repost.is_some(),
                reposted_id: r.repost.map(at),
                replied_to_id: r.reply.map(at),
                text: at(r.text),
                urls: Urls::Refs(&urls),
                hashtags: &r.hashtags,
                domains: &[],
                images: &[],
                objects: &[],
            })?;
        }
        Ok(())
    }
}

/// Reads QUT CSV rows with `read_rows` on this thread while a second thread builds the network
/// from them, batch by batch, in input order (the same pushes as a serial loop, so the same
/// network). Returns the network and the read's accounts, counts and rejections.
fn stream_qut<F>(options: &CoordinateOptions, read_rows: F) -> Result<(Network, Dataset)>
where
    F: FnOnce(&mut dyn FnMut(&QutRow<'_>) -> Result<()>) -> Result<Dataset>,
{
    let mut builder = Coordinator::new(options)?;
    let kind = options.kind;
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Batch>(4);
        let building = scope.spawn(move || -> Result<Coordinator> {
            for batch in receiver {
                batch.push_into(&mut builder)?;
            }
            Ok(builder)
        });
        let mut batch = Batch::default();
        let read = read_rows(&mut |row| {
            batch.add(kind, row);
            if batch.rows.len() >= BATCH_ROWS {
                let full = std::mem::take(&mut batch);
                if sender.send(full).is_err() {
                    // The builder failed; its error is reported below.
                    return Err(Error::arg("posts", "the network builder stopped"));
                }
            }
            Ok(())
        });
        if read.is_ok() && !batch.rows.is_empty() {
            // A failed send means the builder failed; its error is reported below.
            let _ = sender.send(batch);
        }
        drop(sender);
        let built = match building.join() {
            Ok(built) => built,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        // The builder only sees rows before any read error, so its error comes first.
        match (read, built) {
            (_, Err(e)) | (Err(e), Ok(_)) => Err(e),
            (Ok(data), Ok(builder)) => Ok((builder.finish(&data.accounts), data)),
        }
    })
}

/// Reads one in-memory input and builds the network.
pub fn from_bytes(
    bytes: &[u8],
    read: &ReadOptions,
    options: &CoordinateOptions,
    graph: Option<&GraphOptions>,
) -> Result<CoordinateResult> {
    options.validate()?;
    if read.format == InputFormat::QutCsv {
        let (network, data) = stream_qut(options, |on_row| {
            adapters::read_qut_rows_bytes(bytes, read, on_row)
        })?;
        return analyse(network, data, graph);
    }
    let data = adapters::read_bytes(bytes, read)?;
    finish(data, options, graph)
}

fn finish(
    data: Dataset,
    options: &CoordinateOptions,
    graph_options: Option<&GraphOptions>,
) -> Result<CoordinateResult> {
    let network = coordinate(&data.posts, &data.accounts, options)?;
    analyse(network, data, graph_options)
}

fn analyse(
    network: Network,
    data: Dataset,
    graph_options: Option<&GraphOptions>,
) -> Result<CoordinateResult> {
    let analysis = match graph_options {
        Some(g) => Some(graph::analyse(&network, g)?),
        None => None,
    };
    let read = ReadSummary {
        records_read: data.records_read,
        records_accepted: data.records_accepted,
        records_rejected: data.records_rejected,
        rejected: data.rejected,
    };
    Ok(CoordinateResult {
        network,
        analysis,
        read,
    })
}
