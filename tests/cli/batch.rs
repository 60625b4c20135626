//! Batches of queries, TREC runs and their evaluation.

use predicates::prelude::*;

use crate::util::{newsdex, write, Indexed};

#[test]
fn a_batch_writes_a_trec_run_in_file_order() {
    let indexed = Indexed::corpus();
    let topics = indexed.dir.path().join("topics.tsv");
    write(
        &topics,
        "b2\tOrganisation of Islamic Cooperation\na1\tdemining Garabagh\nc3\tzeppelinquokka\n",
    );
    let out = newsdex()
        .args([
            "search",
            "--format",
            "trec",
            "-n",
            "5",
            "--run-tag",
            "my run",
            "--queries",
        ])
        .arg(&topics)
        .arg("--index")
        .arg(indexed.index())
        .output()
        .unwrap();
    assert!(out.status.success());
    let run = String::from_utf8(out.stdout).unwrap();
    let qids: Vec<&str> = run.lines().map(|l| l.split(' ').next().unwrap()).collect();
    assert_eq!(qids.iter().filter(|q| **q == "b2").count(), 5);
    assert!(qids.iter().position(|q| *q == "b2") < qids.iter().position(|q| *q == "a1"));
    for line in run.lines() {
        let cols: Vec<&str> = line.split(' ').collect();
        assert_eq!(cols.len(), 6, "{line}");
        assert_eq!(cols[1], "Q0");
        assert_eq!(cols[5], "my_run");
    }
    let b2: Vec<&str> = run
        .lines()
        .filter(|l| l.starts_with("b2 "))
        .map(|l| l.split(' ').nth(2).unwrap())
        .collect();
    let unique: std::collections::HashSet<_> = b2.iter().collect();
    assert_eq!(unique.len(), b2.len(), "article ids are unique per query");
}

#[test]
fn a_failing_query_is_reported_and_the_batch_goes_on() {
    let indexed = Indexed::corpus();
    let topics = indexed.dir.path().join("topics.jsonl");
    write(&topics, "{\"qid\": 1, \"query\": \"ISF\"}\n{\"qid\": 2, \"query\": \"(unbalanced\"}\n{\"qid\": 3, \"query\": \"OIC\"}\n");
    newsdex()
        .args([
            "search",
            "--syntax",
            "full",
            "--format",
            "jsonl",
            "-n",
            "1",
            "--queries",
        ])
        .arg(&topics)
        .arg("--index")
        .arg(indexed.index())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("query 2: unclosed parenthesis"))
        .stdout(
            predicate::str::contains("\"qid\":\"1\"")
                .and(predicate::str::contains("\"qid\":\"3\"")),
        );
}

#[test]
fn a_bad_topics_line_is_named() {
    let indexed = Indexed::corpus();
    let topics = indexed.dir.path().join("topics.tsv");
    write(&topics, "1\tISF\nno tab\n");
    newsdex()
        .args(["search", "--queries"])
        .arg(&topics)
        .arg("--index")
        .arg(indexed.index())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "topics.tsv: line 2: expected qid<TAB>query",
        ));
}

/// A run and qrels whose metrics are worked out by hand:
/// q1 ranks d1 (rel 2), d2 (0), d3 (1); q1 has 3 relevant documents (d1, d3, d9).
///   AP = (1/1 + 2/3) / 3 = 0.5556; RR = 1; P@10 = 2/10; recall@100 = 2/3;
///   DCG@10 = 2/log2(2) + 1/log2(4) = 2.5; IDCG = 2 + 1/log2(3) + 1/log2(4) = 3.1309;
///   nDCG@10 = 0.7985.
/// q2 ranks d5 (0), d4 (1): AP = (1/2) / 1 = 0.5; RR = 0.5; P@10 = 0.1; recall = 1;
///   nDCG@10 = (1/log2(3)) / 1 = 0.6309.
#[test]
fn eval_gives_the_hand_computed_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let run = dir.path().join("run.txt");
    let qrels = dir.path().join("qrels.txt");
    write(&run, "q1 Q0 d1 1 9.0 t\nq1 Q0 d2 2 8.0 t\nq1 Q0 d3 3 7.0 t\nq2 Q0 d5 1 3.0 t\nq2 Q0 d4 2 2.0 t\n");
    write(
        &qrels,
        "q1 0 d1 2\nq1 0 d2 0\nq1 0 d3 1\nq1 0 d9 1\nq2 0 d4 1\n",
    );
    let out = newsdex()
        .arg("eval")
        .arg(&run)
        .arg(&qrels)
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let near = |metric: &str, want: f64| {
        let got = json["all"][metric].as_f64().unwrap();
        assert!((got - want).abs() < 1e-4, "{metric}: {got} != {want}");
    };
    near("map", (0.5556 + 0.5) / 2.0);
    near("mrr_10", 0.75);
    near("P_10", 0.15);
    near("recall_100", (2.0 / 3.0 + 1.0) / 2.0);
    near("ndcg_cut_10", (0.79853 + 0.63093) / 2.0);
    near("success_10", 1.0);
    newsdex()
        .arg("eval")
        .arg(&run)
        .arg(&qrels)
        .assert()
        .success()
        .stdout(predicate::str::contains("num_q                 \tall\t2"))
        .stdout(predicate::str::contains(
            "map                   \tall\t0.5278",
        ));
}

#[test]
fn eval_names_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let run = dir.path().join("run.txt");
    let qrels = dir.path().join("qrels.txt");
    write(&run, "q1 Q0 d1 1 9.0 t\n");
    write(&qrels, "q1 0 d1 high\n");
    newsdex()
        .arg("eval")
        .arg(&run)
        .arg(&qrels)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("qrels.txt"))
        .stderr(predicate::str::contains("line 1"));
}
