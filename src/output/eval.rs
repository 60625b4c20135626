//! An evaluation as `trec_eval` prints it, and as JSON.

use serde_json::Value;

use crate::eval::Evaluation;

/// The JSON of an evaluation: `all` (the means), `per_query` and `num_queries`.
pub fn json(eval: &Evaluation) -> Value {
    serde_json::to_value(eval).expect("an evaluation serialises")
}

/// Renders an evaluation as `trec_eval` prints it: `name<TAB>qid<TAB>value` rows with the name
/// padded to 22 columns and values to 4 decimals, per query first (when `per_query`), then
/// `num_q` and the means under the query id `all`.
pub fn format_table(eval: &Evaluation, per_query: bool) -> String {
    let mut out = String::new();
    let mut row = |name: &str, qid: &str, value: String| {
        out.push_str(&format!("{name:<22}\t{qid}\t{value}\n"))
    };
    for (qid, values) in eval.per_query.iter().filter(|_| per_query) {
        for (name, value) in values {
            row(name, qid, format!("{value:.4}"));
        }
    }
    row("num_q", "all", eval.num_queries.to_string());
    for (name, value) in &eval.all {
        row(name, "all", format!("{value:.4}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::{evaluate, parse_qrels, parse_run, Metric};

    #[test]
    fn table_and_json_output() {
        let qrels = parse_qrels("1 0 a 1\n2 0 b 1\n").unwrap();
        let run = parse_run("1 Q0 a 1 2 r\n2 Q0 x 1 2 r\n2 Q0 b 2 1 r\n2 Q0 c 3 0 r\n").unwrap();
        let eval = evaluate(&run, &qrels, &[Metric::RecipRank, Metric::Precision(3)]);
        // Query 1: recip_rank 1, P_3 1/3; query 2: 1/2 and 1/3.
        let expected = "\
P_3                   \t1\t0.3333
recip_rank            \t1\t1.0000
P_3                   \t2\t0.3333
recip_rank            \t2\t0.5000
num_q                 \tall\t2
P_3                   \tall\t0.3333
recip_rank            \tall\t0.7500
";
        assert_eq!(format_table(&eval, true), expected);
        assert_eq!(
            format_table(&eval, false),
            expected
                .lines()
                .skip(4)
                .map(|l| format!("{l}\n"))
                .collect::<String>()
        );
        let json = json(&eval);
        assert_eq!(json["per_query"]["2"]["recip_rank"], 0.5);
        assert_eq!(json["all"]["recip_rank"], 0.75);
        assert_eq!(json["num_queries"], 2);
    }
}
