//! Text written into XML (the SVG timeline, the xmlpipe2 export).

/// `text` as XML character data or an attribute value: markup characters and quotes escaped,
/// the characters XML 1.0 forbids (controls other than tab and line breaks, U+FFFE, U+FFFF)
/// left out.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_forbidden_characters_go() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>\u{1}\t\u{ffff}é"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;\té"
        );
    }
}
