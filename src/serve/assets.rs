//! The page, its script and its style sheet, embedded in the binary: the page works offline
//! and needs no build step.

use super::reply::Reply;

const PAGE: &str = include_str!("page/index.html");
const SCRIPT: &str = include_str!("page/app.js");
const STYLE: &str = include_str!("page/app.css");
const ICON: &str = include_str!("page/icon.svg");

/// The asset served at `path`, if any.
pub fn find(path: &str) -> Option<Reply> {
    let (content_type, body) = match path {
        "/" | "/index.html" => ("text/html; charset=utf-8", PAGE),
        "/app.js" => ("text/javascript; charset=utf-8", SCRIPT),
        "/app.css" => ("text/css; charset=utf-8", STYLE),
        "/favicon.ico" | "/icon.svg" => ("image/svg+xml", ICON),
        _ => return None,
    };
    Some(Reply::content(content_type, body))
}
