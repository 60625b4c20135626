//! What a route answers: a status, a content type and a body; and the refusals (4xx, 5xx), each
//! with its JSON error `{"error": {"message", "position"}}`.

use serde_json::{json, Value};

use crate::error::Error;

/// An answer to a request.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type`.
    pub content_type: &'static str,
    /// The body.
    pub body: Vec<u8>,
}

impl Reply {
    /// A view's JSON, pretty-printed and ending in a line break, as the command line writes it.
    pub fn json(value: &Value) -> Reply {
        Reply::json_status(200, value)
    }

    fn json_status(status: u16, value: &Value) -> Reply {
        let mut body = serde_json::to_vec_pretty(value).expect("JSON serialises");
        body.push(b'\n');
        Reply {
            status,
            content_type: "application/json",
            body,
        }
    }

    /// An embedded asset or a rendered document.
    pub fn content(content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status: 200,
            content_type,
            body: body.into(),
        }
    }
}

/// Why a request is not answered with what it asked for.
#[derive(Debug)]
pub enum Refusal {
    /// 400: a parameter is wrong, or the query cannot be read (with its position, in
    /// characters counted from 1, as the command line reports it).
    Bad {
        /// What is wrong.
        message: String,
        /// Where in the query: first character and the one after the last, from 1.
        position: Option<(usize, usize)>,
    },
    /// 403: a request for another host than this machine's loopback names.
    Forbidden(String),
    /// 404: no such route or article.
    NotFound(String),
    /// 405: the route exists, the method does not.
    Method,
    /// 413: a query longer than the server takes.
    TooLarge(String),
    /// 414: a URL longer than the server reads.
    UriTooLong,
    /// 500: the index could not be read.
    Internal(String),
}

impl Refusal {
    /// A 400 without a position.
    pub fn bad(message: impl Into<String>) -> Refusal {
        Refusal::Bad {
            message: message.into(),
            position: None,
        }
    }

    /// The status of the refusal.
    pub fn status(&self) -> u16 {
        match self {
            Refusal::Bad { .. } => 400,
            Refusal::Forbidden(_) => 403,
            Refusal::NotFound(_) => 404,
            Refusal::Method => 405,
            Refusal::TooLarge(_) => 413,
            Refusal::UriTooLong => 414,
            Refusal::Internal(_) => 500,
        }
    }

    /// The JSON answer: `{"error": {"message", "position"}}`, `position` being
    /// `{"start", "end"}` or `null`.
    pub fn reply(&self) -> Reply {
        let (message, position) = match self {
            Refusal::Bad { message, position } => (message.clone(), *position),
            Refusal::Forbidden(m)
            | Refusal::NotFound(m)
            | Refusal::TooLarge(m)
            | Refusal::Internal(m) => (m.clone(), None),
            Refusal::Method => ("this route answers GET only".to_string(), None),
            Refusal::UriTooLong => ("the URL is too long".to_string(), None),
        };
        let position = position.map(|(start, end)| json!({"start": start, "end": end}));
        Reply::json_status(
            self.status(),
            &json!({"error": {"message": message, "position": position}}),
        )
    }
}

impl From<Error> for Refusal {
    fn from(error: Error) -> Refusal {
        match error {
            Error::Query(query) => Refusal::Bad {
                position: query.span.as_ref().map(|span| {
                    // The numbers the command line shows after "at".
                    let start = span.start + 1;
                    let end = (span.end.max(span.start + 1) + 1).max(start + 1);
                    (start, end)
                }),
                message: query.message,
            },
            Error::Glossary(e) => Refusal::bad(e.to_string()),
            other => Refusal::Internal(other.to_string()),
        }
    }
}
