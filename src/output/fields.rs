//! The fields of a hit as programs see them: names, values, and the choice `--fields` makes.

use serde_json::{json, Map, Value};

use crate::search::Hit;

/// Every field a hit can carry, in output order.
pub const HIT_FIELDS: &[&str] = &[
    "rank",
    "score",
    "matched_all",
    "article_id",
    "passage",
    "matching_passages",
    "title",
    "byline",
    "source",
    "date",
    "language",
    "url",
    "path",
    "copy_of",
    "copies",
    "story",
    "versions",
    "text",
    "highlights",
    "snippet",
    "snippet_html",
    "snippet_markdown",
    "explanation",
];

/// Checks a `--fields` choice; the error names the unknown field and lists the valid ones.
pub fn check_fields(fields: &[String]) -> Result<(), String> {
    match fields
        .iter()
        .find(|f| !HIT_FIELDS.contains(&f.as_str()) && f.as_str() != "qid")
    {
        Some(unknown) => Err(format!(
            "unknown field \"{unknown}\"; fields are qid, {}",
            HIT_FIELDS.join(", ")
        )),
        None => Ok(()),
    }
}

/// The value of one field of a hit.
pub fn field_value(hit: &Hit, name: &str) -> Value {
    match name {
        "rank" => json!(hit.rank),
        "score" => json!(shortest(hit.score)),
        "matched_all" => json!(hit.matched_all),
        "article_id" => json!(hit.article_id),
        "passage" => json!(hit.passage),
        "matching_passages" => json!(hit.matching_passages),
        "title" => json!(hit.title),
        "byline" => json!(hit.byline),
        "source" => json!(hit.source),
        "date" => json!(hit.date),
        "language" => json!(hit.language),
        "url" => json!(hit.url),
        "path" => json!(hit.path),
        "copy_of" => json!(hit.copy_of),
        "copies" => json!(hit.copies),
        "story" => json!(hit.story),
        "versions" => Value::Array(
            hit.versions
                .iter()
                .map(|v| json!({"article_id": v.article_id, "source": v.source, "date": v.date}))
                .collect(),
        ),
        "text" => json!(hit.text),
        "highlights" => highlights(&hit.text, &hit.highlights),
        "snippet" => json!(hit.snippet.text),
        "snippet_html" => json!(marked(
            &hit.snippet.text,
            &hit.snippet.highlights,
            html_escape,
            "<mark>",
            "</mark>"
        )),
        "snippet_markdown" => json!(marked(
            &hit.snippet.text,
            &hit.snippet.highlights,
            markdown_escape,
            "**",
            "**"
        )),
        "explanation" => hit
            .explanation
            .as_deref()
            .and_then(|e| serde_json::from_str(e).ok())
            .unwrap_or(Value::Null),
        _ => Value::Null,
    }
}

/// A hit as a JSON object with the chosen fields (all but `explanation` when none are chosen;
/// `explanation` whenever the hit has one).
pub fn hit_object(hit: &Hit, chosen: Option<&[String]>) -> Map<String, Value> {
    let mut object = Map::new();
    for &name in HIT_FIELDS {
        let wanted = match chosen {
            Some(chosen) => chosen.iter().any(|c| c == name),
            None => name != "explanation" || hit.explanation.is_some(),
        };
        if wanted {
            object.insert(name.to_string(), field_value(hit, name));
        }
    }
    object
}

/// A score as the shortest decimal that reads back as the same `f32` (`14.828403`, not
/// `14.828402519226074`).
fn shortest(score: f32) -> f64 {
    score.to_string().parse().unwrap_or(f64::from(score))
}

/// Byte ranges into the text, with character offsets beside them.
fn highlights(text: &str, ranges: &[std::ops::Range<usize>]) -> Value {
    let char_at = |byte: usize| text.get(..byte).map_or(0, |t| t.chars().count());
    Value::Array(
        ranges
            .iter()
            .map(|r| json!({"start": r.start, "end": r.end, "char_start": char_at(r.start), "char_end": char_at(r.end)}))
            .collect(),
    )
}

/// The text with its highlights wrapped in `open`/`close`, the rest escaped by `escape`.
pub fn marked(
    text: &str,
    ranges: &[std::ops::Range<usize>],
    escape: fn(&str) -> String,
    open: &str,
    close: &str,
) -> String {
    let mut out = String::with_capacity(text.len() + ranges.len() * 13);
    let mut at = 0;
    for r in ranges {
        let (Some(before), Some(word)) = (text.get(at..r.start), text.get(r.clone())) else {
            continue;
        };
        out.push_str(&escape(before));
        out.push_str(open);
        out.push_str(&escape(word));
        out.push_str(close);
        at = r.end;
    }
    out.push_str(&escape(text.get(at..).unwrap_or("")));
    out
}

/// Escapes text for HTML.
pub fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Escapes the characters Markdown would read as markup.
pub fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '_' | '`' | '[' | ']' | '\\' | '<' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_and_escapes() {
        let text = "a <b> ISF & *OIC*";
        let ranges = [6..9, 13..16];
        assert_eq!(
            marked(text, &ranges, html_escape, "<mark>", "</mark>"),
            "a &lt;b&gt; <mark>ISF</mark> &amp; *<mark>OIC</mark>*"
        );
        assert_eq!(
            marked(text, &ranges, markdown_escape, "**", "**"),
            "a \\<b> **ISF** & \\***OIC**\\*"
        );
    }

    #[test]
    fn character_offsets_count_characters() {
        let value = highlights("Qarabağ and Şuşa", std::slice::from_ref(&(13..19)));
        assert_eq!(value[0]["char_start"], 12);
        assert_eq!(value[0]["char_end"], 16);
    }

    #[test]
    fn unknown_fields_are_named() {
        assert!(check_fields(&["title".into(), "qid".into()]).is_ok());
        assert!(check_fields(&["titel".into()])
            .unwrap_err()
            .starts_with("unknown field \"titel\"; fields are qid, rank"));
    }
}
