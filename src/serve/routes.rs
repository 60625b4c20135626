//! The routes: a path and its parameters in, the same library calls and renderers as the
//! command line's, a [`Reply`] out. Each `/api/…` route answers the JSON that the matching
//! subcommand prints with `--format json` for the same arguments.

use crate::index::NewsIndex;
use crate::output;
use crate::output::article::{self, Lit};
use crate::output::count::{self, CountReport};
use crate::output::stories::SpreadReport;
use crate::output::{glossary, json, kwic, stats, stories, svg, timeline, Answer, RenderOptions};
use crate::search::views::{Facet, Granularity, KwicOptions, KwicSort, MatchCount};
use crate::search::Session;
use crate::watch::Watches;

use super::assets;
use super::params::{decode, Params};
use super::reply::{Refusal, Reply};

/// What a route needs: the index as last committed.
pub struct Context<'a> {
    /// The index.
    pub index: &'a NewsIndex,
}

/// Whether `path` is a route (whatever the method).
pub fn exists(path: &str) -> bool {
    assets::find(path).is_some()
        || path.starts_with("/api/article/")
        || matches!(
            path,
            "/api/search"
                | "/api/count"
                | "/api/timeline"
                | "/api/timeline.svg"
                | "/api/kwic"
                | "/api/stats"
                | "/api/stories"
                | "/api/glossary"
                | "/api/watch"
        )
}

/// Answers a GET of `path` with the query string `query`.
pub fn answer(context: &Context<'_>, path: &str, query: &str) -> Result<Reply, Refusal> {
    if let Some(asset) = assets::find(path) {
        return Ok(asset);
    }
    let params = Params::parse(query)?;
    let session = Session::new(context.index);
    if let Some(id) = path.strip_prefix("/api/article/") {
        return article(&session, &decode(id, false)?, &params);
    }
    match path {
        "/api/search" => search(&session, &params),
        "/api/count" => count(&session, &params),
        "/api/timeline" => timeline(&session, &params, false),
        "/api/timeline.svg" => timeline(&session, &params, true),
        "/api/kwic" => concordance(&session, &params),
        "/api/stats" => Ok(Reply::json(&stats::json(
            &session.stats(params.number("n", 10, 100_000)?)?,
        ))),
        "/api/stories" => spread(&session, &params),
        "/api/glossary" => Ok(Reply::json(&glossary::json(
            &context.index.glossary(None)?,
            params.optional_number("n", usize::MAX)?,
        ))),
        "/api/watch" => watches(&session, &params),
        _ => Err(Refusal::NotFound(format!("no route {path}"))),
    }
}

/// `newsdex search Q --json` (`no_timing=1` for `--no-timing`).
fn search(session: &Session<'_>, params: &Params) -> Result<Reply, Refusal> {
    let query = params.query()?;
    let options = params.search()?;
    let results = session.search(&query, &options)?;
    let render = RenderOptions {
        fields: None,
        timing: !params.flag("no_timing")?,
    };
    let mut body = Vec::new();
    let answer = Answer {
        qid: None,
        results: &results,
    };
    json::write_answer(&mut body, answer, &render).map_err(|e| Refusal::Internal(e.to_string()))?;
    Ok(Reply {
        status: 200,
        content_type: "application/json",
        body,
    })
}

/// `newsdex show ID --json [--highlight Q]`. Only ids are looked up (never a path).
fn article(session: &Session<'_>, id: &str, params: &Params) -> Result<Reply, Refusal> {
    let Some(found) = session.article(id)? else {
        return Err(Refusal::NotFound(format!("no article with id \"{id}\"")));
    };
    let body = found.body();
    let versions = session.other_versions(&found)?;
    let lit = match params.get("highlight").filter(|q| !q.trim().is_empty()) {
        Some(query) => {
            let prepared = session.prepare(query, &params.reading()?)?;
            Some(Lit {
                executed_query: prepared.executed().to_string(),
                title: prepared.highlight(&found.title),
                body: prepared.highlight(&body),
            })
        }
        None => None,
    };
    Ok(Reply::json(&article::json(
        &found,
        &body,
        &versions,
        lit.as_ref(),
    )))
}

/// `newsdex count Q --json [--by FACET] [-n N] [--unit U]`.
fn count(session: &Session<'_>, params: &Params) -> Result<Reply, Refusal> {
    let query = params.query()?;
    let facet = match params.get("by") {
        None | Some("") => None,
        Some("source") => Some(Facet::Source),
        Some("author") => Some(Facet::Author),
        Some("year") => Some(Facet::Year),
        Some("month") => Some(Facet::Month),
        Some("language") => Some(Facet::Language),
        Some("entity") => Some(Facet::Entity),
        Some(other) => {
            return Err(Refusal::bad(format!(
                "by is one of source, author, year, month, language, entity, not \"{other}\""
            )))
        }
    };
    let options = params.reading()?;
    let prepared = session.prepare(&query, &options)?;
    let matches = session.matches(&prepared)?;
    let found = MatchCount::of(&matches);
    let by = match facet {
        Some(facet) => {
            let mut table = session.facet(&matches, facet, &options)?;
            if let Some(limit) = params.optional_number("n", usize::MAX)? {
                table.rows.truncate(limit);
            }
            Some(table)
        }
        None => None,
    };
    Ok(Reply::json(&count::json(&CountReport {
        query: &query,
        executed_query: prepared.executed(),
        count: &found,
        by: by.as_ref(),
        stories: params.story_unit()?,
    })))
}

/// `newsdex timeline Q… --json [--by P] [--unit U] [--normalize]`, or its `--svg` chart.
fn timeline(session: &Session<'_>, params: &Params, svg: bool) -> Result<Reply, Refusal> {
    let queries: Vec<String> = params
        .all("q")
        .into_iter()
        .filter(|q| !q.trim().is_empty())
        .collect();
    if queries.is_empty() {
        return Err(Refusal::bad("give one or more queries: ?q=…&q=…"));
    }
    if queries.len() > 16 {
        return Err(Refusal::bad("at most 16 queries make one timeline"));
    }
    let by = match params.choice("by", &["month", "day", "week", "year"])? {
        "day" => Granularity::Day,
        "week" => Granularity::Week,
        "year" => Granularity::Year,
        _ => Granularity::Month,
    };
    let options = params.reading()?;
    let stories = params.story_unit()?;
    let mut found = if stories {
        session.story_timeline(&queries, &options, by)?
    } else {
        session.timeline(&queries, &options, by)?
    };
    if params.flag("normalize")? {
        session.normalize(&mut found, &options, stories)?;
    }
    Ok(if svg {
        Reply::content("image/svg+xml", svg::timeline_svg(&found))
    } else {
        Reply::json(&timeline::json(&found))
    })
}

/// `newsdex kwic TERM --json [--width N] [--sort S] [-n N] [--unit U]`; without `n`,
/// at most 1000 lines (the command line shows all).
fn concordance(session: &Session<'_>, params: &Params) -> Result<Reply, Refusal> {
    let query = params.query()?;
    let kwic_options = KwicOptions {
        width: params.number("width", 60, 1000)?,
        sort: match params.choice("sort", &["none", "left", "right"])? {
            "left" => KwicSort::Left,
            "right" => KwicSort::Right,
            _ => KwicSort::None,
        },
        limit: Some(params.number("n", 1000, 100_000)?),
        unique_stories: params.story_unit()?,
    };
    let found = session.kwic(&query, &params.reading()?, kwic_options)?;
    Ok(Reply::json(&kwic::json(&found)))
}

/// `newsdex stories [Q] --json [-n N]`.
fn spread(session: &Session<'_>, params: &Params) -> Result<Reply, Refusal> {
    let query = params.get("q").filter(|q| !q.trim().is_empty());
    let prepared = match query {
        Some(query) => Some(session.prepare(query, &params.reading()?)?),
        None => None,
    };
    let found = session.spread(prepared.as_ref(), params.number("n", 10, 100_000)?)?;
    Ok(Reply::json(&stories::json(&SpreadReport {
        query,
        executed_query: prepared.as_ref().map(|p| p.executed()),
        spread: &found,
    })))
}

/// `newsdex watch --peek --json`: what is new in each saved search, remembering nothing.
fn watches(session: &Session<'_>, params: &Params) -> Result<Reply, Refusal> {
    let mut saved = Watches::load(session.index().path())?;
    let reports = saved.check_all(session, false)?;
    Ok(Reply::json(&output::watch::json(
        &reports,
        params.optional_number("n", usize::MAX)?,
    )))
}
