//! One minimal failing file per rule: rule id, line, column and JSON pointer.

use disinfo_encyclopedia::{CheckOptions, Diagnostic, SourceFile, check_files};

const BASE: &str = "---
id: prebunking
kind: practice
lang: en
title: Prebunking
summary: Warning people in advance about manipulation techniques so that they resist them.
created: 2024-01-10
---
# Prebunking
";

fn run(files: &[(&str, &str)]) -> Vec<Diagnostic> {
    let files: Vec<SourceFile> = files
        .iter()
        .map(|(p, t)| SourceFile {
            path: (*p).to_owned(),
            bytes: t.as_bytes().to_vec(),
        })
        .collect();
    check_files(&files, &CheckOptions::default())
        .expect("check runs")
        .diagnostics
}

/// The diagnostics of one file, orphan warnings left out.
fn one(text: &str) -> Vec<Diagnostic> {
    run(&[("practices/prebunking.md", text)])
        .into_iter()
        .filter(|d| d.rule != "RF007")
        .collect()
}

/// Asserts exactly one diagnostic and returns it.
fn single(diags: Vec<Diagnostic>) -> Diagnostic {
    assert_eq!(diags.len(), 1, "expected one diagnostic, got {diags:#?}");
    diags.into_iter().next().expect("one")
}

fn at(d: &Diagnostic) -> (&str, usize, usize, &str) {
    (d.rule.as_str(), d.line, d.column, d.pointer.as_str())
}

#[test]
fn base_entry_is_clean_apart_from_being_an_orphan() {
    let all = run(&[("practices/prebunking.md", BASE)]);
    assert_eq!(
        all.iter().map(|d| d.rule.as_str()).collect::<Vec<_>>(),
        ["RF007"]
    );
}

#[test]
fn fm001_no_front_matter() {
    let d = single(one("# Prebunking\n"));
    assert_eq!(at(&d), ("FM001", 1, 1, ""));
}

#[test]
fn fm002_unclosed_front_matter() {
    let d = single(one("---\nid: prebunking\n# Prebunking\n"));
    assert_eq!(at(&d), ("FM002", 1, 1, ""));
}

#[test]
fn fm003_yaml_syntax_error_points_into_the_yaml() {
    let d = single(one(&BASE.replace("title: Prebunking", "title: [Prebunking")));
    // The unclosed `[` swallows the next line; the parser fails at the `:` of `summary:`.
    assert_eq!(at(&d), ("FM003", 6, 8, ""), "{d:?}");
}

#[test]
fn fm004_duplicate_key_at_second_key_with_first_related() {
    let d = single(one(&BASE.replace("created:", "title: Again\ncreated:")));
    assert_eq!(at(&d), ("FM004", 7, 1, "/title"));
    assert_eq!((d.related[0].line, d.related[0].column), (5, 1));
}

#[test]
fn fm005_lang_no_at_value_line_and_column() {
    let d = single(one(&BASE.replace("lang: en", "lang: no")));
    assert_eq!(at(&d), ("FM005", 4, 7, "/lang"));
    assert_eq!(d.suggestion.as_deref(), Some("'no'"));
}

#[test]
fn fm005_plain_true_where_string_expected() {
    let d = single(one(&BASE.replace("title: Prebunking", "title: true")));
    assert_eq!(at(&d), ("FM005", 5, 8, "/title"));
}

#[test]
fn sc001_required_field_missing_reported_at_front_matter_start() {
    let text = BASE.replace("summary: Warning people in advance about manipulation techniques so that they resist them.\n", "");
    let d = single(one(&text));
    assert_eq!(at(&d), ("SC001", 1, 1, "/summary"));
}

#[test]
fn sc002_wrong_type() {
    let d = single(one(&BASE.replace("created:", "phases: detection\ncreated:")));
    assert_eq!(at(&d), ("SC002", 7, 9, "/phases"));
}

#[test]
fn sc003_value_not_in_enum_with_suggestion() {
    let d = single(one(
        &BASE.replace("created:", "phases: [detecton]\ncreated:")
    ));
    assert_eq!(at(&d), ("SC003", 7, 10, "/phases/0"));
    assert_eq!(d.suggestion.as_deref(), Some("detection"));
}

#[test]
fn sc004_unknown_key_suggests_maintainers() {
    let text = BASE.replace("kind: practice", "kind: tool").replace(
        "created:",
        "url: https://example.org/\nmaintianers: [prebunking]\ncreated:",
    );
    let d = single(one(&text));
    assert_eq!(at(&d), ("SC004", 8, 1, "/maintianers"));
    assert_eq!(d.suggestion.as_deref(), Some("maintainers"));
}

#[test]
fn sc004_misspelt_required_field_is_one_diagnostic() {
    let d = single(one(&BASE.replace("summary:", "sumary:")));
    assert_eq!(at(&d), ("SC004", 6, 1, "/sumary"));
    assert_eq!(d.suggestion.as_deref(), Some("summary"));
}

#[test]
fn sc005_pattern_mismatch_suggests_a_slug() {
    let d = single(one(&BASE.replace("id: prebunking", "id: Prebunking_Guide")));
    assert_eq!(at(&d), ("SC005", 2, 5, "/id"));
    assert_eq!(d.suggestion.as_deref(), Some("prebunking-guide"));
}

#[test]
fn sc006_length_out_of_bounds() {
    let d = single(one(&BASE.replace(
        "summary: Warning people in advance about manipulation techniques so that they resist them.",
        "summary: Too short.",
    )));
    assert_eq!(at(&d), ("SC006", 6, 10, "/summary"));
}

#[test]
fn sc010_slash_date_with_iso_suggestion() {
    let d = single(one(
        &BASE.replace("created: 2024-01-10", "created: 2017/07/07")
    ));
    assert_eq!(at(&d), ("SC010", 7, 10, "/created"));
    assert_eq!(d.suggestion.as_deref(), Some("2017-07-07"));
}

#[test]
fn sc010_impossible_day() {
    let d = single(one(
        &BASE.replace("created: 2024-01-10", "created: 2023-02-29")
    ));
    assert_eq!(at(&d), ("SC010", 7, 10, "/created"));
}

#[test]
fn sc011_updated_before_created() {
    let d = single(one(&BASE.replace(
        "created: 2024-01-10",
        "created: 2024-01-10\nupdated: 2023-12-31",
    )));
    assert_eq!(at(&d), ("SC011", 8, 10, "/updated"));
}

#[test]
fn sc020_bad_language_tag_with_rewrite() {
    let d = single(one(&BASE.replace("lang: en", "lang: en_US")));
    assert_eq!(at(&d), ("SC020", 4, 7, "/lang"));
    assert_eq!(d.suggestion.as_deref(), Some("en-US"));
}

#[test]
fn sc021_alpha3_country_suggests_alpha2() {
    let text = BASE.replace("kind: practice", "kind: actor").replace(
        "created:",
        "actor_type: ngo\ncountries: [FR, USA]\ncreated:",
    );
    let d = single(one(&text));
    assert_eq!(at(&d), ("SC021", 8, 17, "/countries/1"));
    assert_eq!(d.suggestion.as_deref(), Some("US"));
}

#[test]
fn lk001_url_with_credentials() {
    let text = BASE.replace(
        "created:",
        "sources:\n  - url: https://user:secret@example.org/report\ncreated:",
    );
    let d = single(one(&text));
    assert_eq!(at(&d), ("LK001", 8, 10, "/sources/0/url"));
}

#[test]
fn lk001_url_with_a_scheme_other_than_http() {
    let text = BASE.replace(
        "created:",
        "sources:\n  - url: ftp://example.org/report\ncreated:",
    );
    let d = single(one(&text));
    assert_eq!(at(&d), ("LK001", 8, 10, "/sources/0/url"));
    assert!(d.message.contains("scheme `ftp`"), "{}", d.message);
}

#[test]
fn lk001_url_without_a_public_host() {
    let text = BASE.replace(
        "created:",
        "sources:\n  - url: https://localhost/report\ncreated:",
    );
    let d = single(one(&text));
    assert_eq!(at(&d), ("LK001", 8, 10, "/sources/0/url"));
    assert!(d.message.contains("host `localhost`"), "{}", d.message);
}

#[test]
fn lk002_plain_http_is_a_warning() {
    let text = BASE.replace(
        "created:",
        "sources:\n  - url: http://example.org/report\ncreated:",
    );
    let d = single(one(&text));
    assert_eq!(at(&d), ("LK002", 8, 10, "/sources/0/url"));
    assert_eq!(d.severity, disinfo_encyclopedia::Severity::Warning);
    assert_eq!(d.suggestion.as_deref(), Some("https://example.org/report"));
}

#[test]
fn lk003_link_to_missing_entry_and_heading() {
    let other = BASE
        .replace("id: prebunking", "id: debunking")
        .replace("# Prebunking", "# Debunking\n## How\n");
    let text = format!("{BASE}See [debunking](entry:debunking#hwo) and [x](../tools/nope.md).\n");
    let diags: Vec<_> = run(&[
        ("practices/prebunking.md", &text),
        ("practices/debunking.md", &other),
    ])
    .into_iter()
    .filter(|d| d.rule != "RF007")
    .collect();
    let got: Vec<_> = diags
        .iter()
        .map(|d| (d.rule.as_str(), d.line, d.column))
        .collect();
    assert_eq!(got, [("LK003", 10, 17), ("LK003", 10, 46)]);
    assert_eq!(
        diags.iter().map(|d| d.pointer.as_str()).collect::<Vec<_>>(),
        ["", ""]
    );
    assert_eq!(diags[0].suggestion.as_deref(), Some("entry:debunking#how"));
}

fn entry(id: &str, kind: &str, extra: &str) -> String {
    let kind_extra = match kind {
        "tool" => "url: https://example.org/\n",
        "actor" => "actor_type: ngo\n",
        _ => "",
    };
    format!(
        "---\nid: {id}\nkind: {kind}\nlang: en\ntitle: Title of {id}\nsummary: A summary that is long enough for the schema.\ncreated: 2024-01-10\n{kind_extra}{extra}---\n"
    )
}

#[test]
fn rf001_unknown_id_with_suggestion() {
    let a = entry(
        "prebunking",
        "practice",
        "related:\n  - {ref: debunkng, rel: see-also}\n",
    );
    let b = entry(
        "debunking",
        "practice",
        "related:\n  - {ref: prebunking, rel: see-also}\n",
    );
    let diags = run(&[("a.md", &a), ("b.md", &b)]);
    let d = single(diags.into_iter().filter(|d| d.rule != "RF007").collect());
    assert_eq!(at(&d), ("RF001", 9, 11, "/related/0/ref"));
    assert_eq!(d.suggestion.as_deref(), Some("debunking"));
}

#[test]
fn rf002_maintainer_must_be_an_actor() {
    let tool = entry("crowdtangle", "tool", "maintainers: [junkipedia]\n");
    let other = entry(
        "junkipedia",
        "tool",
        "related:\n  - {ref: crowdtangle, rel: see-also}\n",
    );
    let d = single(run(&[
        ("tools/crowdtangle.md", &tool),
        ("tools/junkipedia.md", &other),
    ]));
    assert_eq!(at(&d), ("RF002", 9, 15, "/maintainers/0"));
    assert_eq!(d.related[0].file, "tools/junkipedia.md");
}

#[test]
fn rf003_duplicate_id_after_normalisation_names_both_places() {
    let a = entry(
        "disarm",
        "practice",
        "related:\n  - {ref: disarm, rel: see-also}\n",
    );
    let b = entry("disarm", "practice", "").replace("id: disarm", "id: DISARM");
    let diags: Vec<_> = run(&[("a.md", &a), ("b.md", &b)])
        .into_iter()
        .filter(|d| d.rule == "RF003")
        .collect();
    let d = single(diags);
    assert_eq!(
        (d.file.as_str(), d.line, d.column, d.pointer.as_str()),
        ("b.md", 2, 5, "/id")
    );
    assert_eq!((d.related[0].file.as_str(), d.related[0].line), ("a.md", 2));
}

#[test]
fn rf005_part_of_cycle_with_path() {
    let a = entry(
        "a-one",
        "practice",
        "related:\n  - {ref: b-two, rel: part-of}\n",
    );
    let b = entry(
        "b-two",
        "practice",
        "related:\n  - {ref: c-three, rel: part-of}\n",
    );
    let c = entry(
        "c-three",
        "practice",
        "related:\n  - {ref: a-one, rel: part-of}\n",
    );
    let d = single(run(&[("a.md", &a), ("b.md", &b), ("c.md", &c)]));
    assert_eq!(at(&d), ("RF005", 9, 11, "/related/0/ref"));
    assert!(
        d.message.ends_with("a-one → b-two → c-three → a-one"),
        "{}",
        d.message
    );
    assert_eq!(d.related.len(), 2);
}

#[test]
fn rf006_translation_in_the_same_language() {
    let en = entry("fact-checking", "practice", "");
    let fr = entry(
        "verification-des-faits",
        "practice",
        "translation_of: fact-checking\n",
    );
    let d = single(run(&[("en.md", &en), ("fr.md", &fr)]));
    assert_eq!(at(&d), ("RF006", 8, 17, "/translation_of"));
}

#[test]
fn rf007_orphan_is_a_warning_at_the_id() {
    let d = single(run(&[("a.md", BASE)]));
    assert_eq!(at(&d), ("RF007", 2, 5, "/id"));
    assert_eq!(d.severity, disinfo_encyclopedia::Severity::Warning);
}

#[test]
fn rf005_shortest_cycle_through_a_branching_component() {
    // a → b, a → c, c → a, b → c: the shortest way back to `a-one` is a → c → a.
    let a = entry(
        "a-one",
        "practice",
        "related:\n  - {ref: b-two, rel: supersedes}\n  - {ref: c-three, rel: supersedes}\n",
    );
    let b = entry(
        "b-two",
        "practice",
        "related:\n  - {ref: c-three, rel: supersedes}\n",
    );
    let c = entry(
        "c-three",
        "practice",
        "related:\n  - {ref: a-one, rel: supersedes}\n",
    );
    let d = single(run(&[("a.md", &a), ("b.md", &b), ("c.md", &c)]));
    assert_eq!(at(&d), ("RF005", 10, 11, "/related/1/ref"));
    assert!(
        d.message.ends_with("a-one → c-three → a-one"),
        "{}",
        d.message
    );
}

#[test]
fn rf005_self_part_of_is_a_cycle() {
    let a = entry(
        "a-one",
        "practice",
        "related:\n  - {ref: a-one, rel: part-of}\n",
    );
    let b = entry(
        "b-two",
        "practice",
        "related:\n  - {ref: a-one, rel: see-also}\n",
    );
    let diags: Vec<_> = run(&[("a.md", &a), ("b.md", &b)])
        .into_iter()
        .filter(|d| d.rule != "RF007")
        .collect();
    let d = single(diags);
    assert!(d.message.ends_with("a-one → a-one"), "{}", d.message);
}
