//! Steps 1 and 2's results as columns ([`disinfo_core::columns`]): the same JSON, which the
//! Python engines take as numpy arrays and Arrow strings instead of a Python object per value.

use disinfo_core::columns::{ColumnData, Columns};

use super::{EdgeTable, PartitionEdges, TraceRows};

fn text(values: Vec<String>) -> ColumnData {
    ColumnData::Text(values.into())
}

impl TraceRows {
    /// The rows as columns (and `rows_read`, `rejected`), in the order of the fields.
    pub fn into_columns(self) -> Columns {
        let TraceRows {
            key,
            bucket,
            owned,
            time_us,
            user,
            post,
            multi,
            first,
            text: post_text,
            users,
            handles,
            user_orders,
            user_posts,
            rows_read,
            ids,
            orders,
            id_hashes,
            rejected,
        } = self;
        Columns::new()
            .column("key", text(key))
            .column("bucket", ColumnData::Int(bucket))
            .column("owned", ColumnData::Bool(owned))
            .column("time_us", ColumnData::Int(time_us))
            .column("user", text(user))
            .column("post", ColumnData::UInt(post))
            .column("multi", ColumnData::Bool(multi))
            .column("first", ColumnData::Bool(first))
            .column("text", text(post_text))
            .column("users", text(users))
            .column("handles", text(handles))
            .column("user_orders", ColumnData::UInt(user_orders))
            .column("user_posts", ColumnData::UInt(user_posts))
            .field("rows_read", rows_read)
            .column("ids", text(ids))
            .column("orders", ColumnData::UInt(orders))
            .column("id_hashes", ColumnData::Int(id_hashes))
            .field("rejected", rejected)
    }
}

impl PartitionEdges {
    /// The weights as columns, in the order of the fields.
    pub fn into_columns(self) -> Columns {
        let PartitionEdges {
            source,
            target,
            weight,
            post,
        } = self;
        Columns::new()
            .column("source", text(source))
            .column("target", text(target))
            .column("weight", ColumnData::UInt(weight))
            .column("post", ColumnData::Int(post))
    }
}

impl EdgeTable {
    /// The edges as columns, in the order of the fields.
    pub fn into_columns(self) -> Columns {
        let EdgeTable {
            source,
            target,
            weight,
            reverse_weight,
            symmetric_weight,
            balance,
        } = self;
        Columns::new()
            .column("source", text(source))
            .column("target", text(target))
            .column("weight", ColumnData::UInt(weight))
            .column("reverse_weight", ColumnData::UInt(reverse_weight))
            .column("symmetric_weight", ColumnData::UInt(symmetric_weight))
            .column("balance", ColumnData::Float(balance))
    }
}

#[cfg(test)]
mod tests {
    use crate::coordinate::partitioned::{SplitOptions, partition_edges, trace_rows};
    use disinfo_core::table::Table;
    use serde_json::json;

    type TestResult = std::result::Result<(), Box<dyn std::error::Error>>;

    fn rows_hashes(columns: &serde_json::Value) -> Vec<i64> {
        columns["id_hashes"]
            .as_array()
            .map(|a| a.iter().filter_map(serde_json::Value::as_i64).collect())
            .unwrap_or_default()
    }

    #[test]
    fn the_columns_serialise_as_the_rows_do() -> TestResult {
        let posts = Table::from_json(
            "posts",
            json!({
                "message_id": ["1", "2", "2"], "user_id": ["anna", "ben", "ben"],
                "message": ["", "", ""], "timestamp": [0, 30, 40], "repost_id": ["9", "9", "9"],
                "username": ["a", "", "b"], "urls": ["", "", ""],
            }),
        )?;
        let options: SplitOptions =
            serde_json::from_value(json!({"kind": "co-repost", "window": 60}))?;
        let rows = trace_rows(&posts, &options)?;
        let edges = partition_edges(&rows.to_table()?, &options.coordinate)?;
        let expected = serde_json::to_value(&edges)?;
        assert_eq!(serde_json::to_value(edges.into_columns())?, expected);

        let expected = serde_json::to_value(&rows)?;
        let columns = serde_json::to_value(rows.into_columns())?;
        assert_eq!(columns, expected);
        // The repeated id "2" has one hash; every hash is exact in a JavaScript number.
        assert_eq!(columns["id_hashes"][1], columns["id_hashes"][2]);
        assert_ne!(columns["id_hashes"][0], columns["id_hashes"][1]);
        let hashes = rows_hashes(&columns);
        assert!(
            hashes.iter().all(|&h| (0..1 << 53).contains(&h)),
            "{hashes:?}"
        );
        Ok(())
    }
}
