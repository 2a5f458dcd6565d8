//! QUT CSV rows streamed into the network builder (no posts built, read and build on two
//! threads) give exactly what reading a dataset and building from its posts gives: the same
//! network, counts, rejections (with line numbers) and strict-mode errors, including quoted
//! multi-line messages, several batches and several files.

use disinfo_bots::adapters::{InputFormat, Mode, ReadOptions, read_bytes};
use disinfo_bots::coordinate::run::{from_bytes, from_paths};
use disinfo_bots::coordinate::{CoordinateOptions, CoordinationKind, coordinate};
use disinfo_bots::pipeline::read_paths;

const HEADER: &str = "message_id,user_id,username,repost_id,reply_id,message,timestamp,urls\n";

/// A CSV with `rows` rows: reposts, replies, links, hashtags, multi-line quoted messages with
/// escaped quotes, repeated ids and some bad rows.
fn csv(rows: usize, seed: u64) -> Vec<u8> {
    let mut out = HEADER.as_bytes().to_vec();
    let mut state = seed;
    let mut next = |m: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % m
    };
    for i in 0..rows {
        let user = next(40);
        let t = 1_600_000_000 + i as u64 * 7 + next(30);
        let id = if next(50) == 0 { i / 2 } else { i };
        let line = match next(9) {
            0 => format!("{id},u{user},name{user},r{},,RT,{t},\n", next(20)),
            1 => format!(
                "{id},u{user},name{user},,p{},\"a reply\nover two lines\",{t},\n",
                next(20)
            ),
            2 => format!(
                "{id},u{user},name{user},,,\"see \"\"this\"\"\n\n#Tag{} @m x\",{t},http://e.com/{} http://f.com/\n",
                next(3),
                next(10)
            ),
            3 => format!(
                "{id},u{user},name{user},,,#A #B{} same text,{t}, http://e.com/{} \n",
                next(2),
                next(10)
            ),
            4 => format!("{id},u{user},name{user},r{},,RT,{t}.5,\n", next(20)),
            5 if next(10) == 0 => format!(",u{user},name{user},,,no id,{t},\n"),
            5 if next(10) == 0 => format!("{id},u{user},name{user},,,bad time,yesterday,\n"),
            6 => format!(
                "{id},u{user},name{user},,,\"quoted, comma\r\nand crlf\",2020-09-13T12:26:40Z,http://g.com\n"
            ),
            _ => format!("{id},u{user},name{user},,,plain #x text {},{t},\n", next(3)),
        };
        out.extend_from_slice(line.as_bytes());
    }
    out
}

fn read(mode: Mode) -> ReadOptions {
    let mut o = ReadOptions::new(InputFormat::QutCsv);
    o.mode = mode;
    o
}

fn assert_same(bytes: &[u8], kind: CoordinationKind, window: f64) {
    let options = CoordinateOptions::new(kind, window);
    let streamed = from_bytes(bytes, &read(Mode::Lenient), &options, None).expect("streamed");
    let data = read_bytes(bytes, &read(Mode::Lenient)).expect("dataset");
    let net = coordinate(&data.posts, &data.accounts, &options).expect("network");
    assert_eq!(streamed.network, net, "{kind:?}");
    assert_eq!(streamed.read.records_read, data.records_read);
    assert_eq!(streamed.read.records_accepted, data.records_accepted);
    assert_eq!(streamed.read.rejected, data.rejected);
}

#[test]
fn streamed_network_equals_dataset_network_for_every_kind() {
    let bytes = csv(3_000, 7);
    for kind in CoordinationKind::ALL {
        assert_same(&bytes, kind, 60.0);
    }
}

#[test]
fn streamed_network_equals_dataset_network_over_many_batches() {
    let bytes = csv(40_000, 11);
    let data = read_bytes(&bytes, &read(Mode::Lenient)).expect("dataset");
    assert!(data.records_rejected > 0 && data.posts.len() > 30_000);
    for kind in [
        CoordinationKind::CoRepost,
        CoordinationKind::CoLink,
        CoordinationKind::CoReply,
        CoordinationKind::CoText,
    ] {
        assert_same(&bytes, kind, 30.0);
    }
}

#[test]
fn bad_utf8_handle_on_first_sight_rejects_the_row_and_marks_the_user_seen() {
    let mut bytes = HEADER.as_bytes().to_vec();
    bytes
        .extend_from_slice(b"1,u1,\xff,r,,RT,1000,\n2,u1,anna,r,,RT,1001,\n3,u2,ben,r,,RT,1002,\n");
    assert_same(&bytes, CoordinationKind::CoRepost, 60.0);
    let streamed = from_bytes(
        &bytes,
        &read(Mode::Lenient),
        &CoordinateOptions::new(CoordinationKind::CoRepost, 60.0),
        None,
    )
    .expect("streamed");
    assert_eq!(streamed.read.rejected.len(), 1);
    assert_eq!(streamed.read.rejected[0].line, 2);
    let handles: Vec<_> = streamed
        .network
        .nodes
        .iter()
        .map(|n| n.handle.clone())
        .collect();
    assert_eq!(handles, vec![None, Some("ben".to_string())]);
}

#[test]
fn strict_mode_fails_on_the_same_row_with_the_same_error() {
    let bytes = csv(20_000, 3);
    let options = CoordinateOptions::new(CoordinationKind::CoRepost, 60.0);
    let streamed = from_bytes(&bytes, &read(Mode::Strict), &options, None).expect_err("strict");
    let dataset = read_bytes(&bytes, &read(Mode::Strict)).expect_err("strict");
    assert_eq!(streamed.to_string(), dataset.to_string());
}

#[test]
fn several_files_stream_like_one_concatenated_dataset() {
    let dir = tempfile::tempdir().expect("dir");
    let paths: Vec<_> = (0..2)
        .map(|i| {
            let p = dir.path().join(format!("part{i}.csv"));
            std::fs::write(&p, csv(10_000, 20 + i)).expect("write");
            p
        })
        .collect();
    for kind in [CoordinationKind::CoRepost, CoordinationKind::CoLink] {
        let options = CoordinateOptions::new(kind, 60.0);
        let streamed = from_paths(&paths, &read(Mode::Lenient), &options, None).expect("streamed");
        let data = read_paths(&paths, &read(Mode::Lenient)).expect("dataset");
        let net = coordinate(&data.posts, &data.accounts, &options).expect("network");
        assert_eq!(streamed.network, net);
        assert_eq!(streamed.read.rejected, data.rejected);
    }
}
